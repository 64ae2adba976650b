"""Full text: the team's PDFs matched to duplicate groups, read beside the record, retrieval, reports of studies.

Names are loaded on first use, so ``synthesis fulltext --help`` stays fast.

>>> from synthesis.fulltext import match_pdfs, FulltextEvidence, retrieval_status   # doctest: +SKIP
"""
from importlib import import_module

_EXPORTS = {
    "MATCH_COLUMNS": "match", "Match": "match", "MatchResult": "match", "match_pdfs": "match",
    "parse_file_name": "match", "PdfInfo": "pdftext", "find_dois": "pdftext", "inspect_pdf": "pdftext",
    "render_page": "pdftext", "report_table": "reports", "reports_by_group": "reports",
    "RETRIEVAL_REASONS": "retrieval", "mark_not_retrieved": "retrieval", "retrieval_status": "retrieval",
    "to_retrieve": "retrieval", "write_retrieval_ris": "retrieval", "Attachment": "store",
    "FulltextError": "store", "FulltextEvidence": "store",
}
__all__ = list(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
