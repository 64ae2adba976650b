"""Citation searching from the exports: the references the included studies cite.

* :mod:`~synthesis.citations.parse` - Web of Science ``CR`` and Scopus ``References`` into fields (first
  author, year, source, volume, page, DOI, title); Lens and OpenAlex reference identifiers kept as such.
* :mod:`~synthesis.citations.match` - each reference matched against the library with the deduplication's
  field scorer: found, maybe, or new.
* :mod:`~synthesis.citations.search` - :func:`backward_citation_search` of a built project, and
  :meth:`CitationSearch.write_round`, which writes the candidates as a citation-searching export of the
  round and records it in the search log.

Examples
--------
>>> ref = parse_wos_reference("GILLES H, 2002, OPT LETT, V27, P1421, DOI 10.1364/OL.27.001421")
>>> ref["first_author"], ref["year"], ref["doi"]
('GILLES H', 2002, '10.1364/OL.27.001421')
"""
from .._lazy import lazy_exports

#: Public name -> the module that defines it (imported on first use: ``synthesis citations --help`` loads
#: no pandas).
_EXPORTS = {
    **dict.fromkeys(["match_references", "reference_key"], ".match"),
    **dict.fromkeys(["parse_scopus_reference", "parse_wos_reference", "references_of_record"], ".parse"),
    **dict.fromkeys(["CitationSearch", "backward_citation_search", "included_groups"], ".search"),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = ["parse_wos_reference", "parse_scopus_reference", "references_of_record", "match_references",
           "reference_key", "backward_citation_search", "CitationSearch", "included_groups"]
