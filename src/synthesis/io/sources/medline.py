"""PubMed MEDLINE / ``.nbib`` exports, and ERIC's nbib (which has no PMID and starts at ``OWN - ERIC``).

A MEDLINE tag is up to four letters, padded to four columns, then ``- `` (``PMID- 30922926``,
``TI  - A trial``); long values wrap onto lines indented by six spaces, and a blank line ends a record.
Read by the tagged-format engine (:mod:`.tagged`) with the tag tables of :mod:`synthesis.io.config`.

Examples
--------
>>> text = "PMID- 123\\nTI  - A long\\n      title.\\nFAU - Smith, John\\nAU  - Smith J\\nDP  - 2020 Feb\\n"
>>> rec = parse(text, "x.nbib").records[0]
>>> rec["title"], rec["authors"], rec["year"], rec["pmid"]
('A long title.', ['Smith, J.'], 2020, '123')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .cutoff import cut_off_reason
from ...normalise import clean_text
from .fields import headings
from .tagged import Scan, TagFormat, read

FORMAT = "medline"

_PMID_LINE = re.compile(r"^PMID- *\d", re.M)
_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]{0,3} {0,3}- ", re.M)

def _cut_off(found: Scan, text: str) -> None:
    """The last record is cut off when the file stops inside a tag (``PG``), inside a line, or before the
    field every other record ends with (see :mod:`.cutoff`)."""
    last_line = text[text.rfind("\n") + 1:]
    fragment = ""  # not indented and not a tag line: a tag cut in two
    if last_line.strip() and not last_line.startswith(" ") and not MEDLINE.tag_line.match("\n" + last_line):
        fragment = last_line
    ends = found.last_tags()
    if fragment and found.warnings and found.warnings[-1].startswith(f"line {text.count(chr(10)) + 1}: "):
        found.add_cut_record(text, fragment.strip())  # the file stops inside the first line of a new record
        ends.append(None)
    if found.records:
        final = found.records[-1]
        # a book or chapter of PubMed's Bookshelf (StatPearls, GeneReviews) has no SO: it ends with its
        # "AID - NBK1826 [bookaccession]", whole as it is
        book = "BTI" in final or any("[bookaccession]" in a for a in final.get("AID") or ())
        reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: book or bool(final.get(t)), fragment, "MEDLINE")
        if reason:
            found.unterminated[len(found.records) - 1] = reason


#: A record opens at ``PMID`` (or, after a blank line, at any tag: ERIC has no PMID) and a blank line
#: closes it; a wrapped line continues the value above it, the last item of a list.
MEDLINE = TagFormat("MEDLINE", re.compile(r"\n([A-Z][A-Z0-9]{0,3}) {0,3}- ?"), config.MEDLINE_COLUMNS,
                    list_tags=config.MEDLINE_LIST_TAGS, start="PMID", blank_ends=True, items_on_lines=False,
                    cut_off=_cut_off)


def sniff(text: str, path="") -> int:
    """MEDLINE when ``PMID-`` lines (or, for ERIC, ``OWN - `` and other MEDLINE-shaped tags) are there."""
    head = "\n" + text[:50000]  # plain searches first: a multi-line regular expression tests every character
    if "\nPMID-" in head and _PMID_LINE.search(head):
        return 95
    if "- " not in head or "\nTY  - " in head:
        return 0
    tags = _TAG_LINE.findall(head[:5000])
    if len(tags) >= 3 and re.search(r"^(OWN|TI|AU|FAU) {0,3}- ", head[:5000], re.M):
        return 75 + (5 if str(path).lower().endswith((".nbib", ".medline", ".txt")) else 0)
    return 0


def publication_types(values) -> str:
    """A record's PubMed publication types as one value, funding notes left out.

    A record has several ``PT`` lines, "Journal Article" usually first; the others say what kind of record it is
    (a comment, a preprint, a meeting's abstracts), which deduplication needs, so none is dropped but the
    "Research Support, ..." lines, which say who paid.

    >>> publication_types(["Journal Article", "Research Support, Non-U.S. Gov't", "Comment"])
    'Journal Article; Comment'
    """
    kept = [v for v in values if v and not v.startswith("Research Support")]
    return "; ".join(dict.fromkeys(kept))


def parse(text: str, path="") -> ParseResult:
    """Read a MEDLINE/nbib export."""
    result = read(text, MEDLINE)
    for rec in result.records:
        types = rec["raw"].get("PT")
        if types.__class__ is list and len(types) > 1:
            rec["type"] = publication_types(types)
        if rec["raw"].get("MH"):
            # "*Software", "Sequence Alignment/*methods": the star marks a major topic, not part of the heading
            # (Ovid's readers drop it too, so one heading reads the same from either)
            rec["keywords"] = headings(rec["keywords"])
        groups = rec["raw"].get("CN")
        if groups:
            # a group author ("CN  - Australian Ovarian Cancer Study Group") is one of the authors, and may
            # be the only one; it goes last, where PubMed's CSV puts it (the tag order is not kept)
            # (a group's name as written: "International Consensus Panel" is no person "Panel, I. C.")
            names = [clean_text(g) for g in (groups if groups.__class__ is list else [groups]) if g.strip()]
            rec["authors"] = list(rec["authors"]) + [n for n in names if n not in rec["authors"]]
        if not rec["pages"] and "LID" in rec["raw"]:
            rec["pages"] = article_number(rec["raw"]["LID"])
    return result


def article_number(locations) -> str:
    """The article number among a record's ``LID`` lines: the one that names no kind of id (``LID - e80092``
    beside ``LID - 10.7554/eLife.80092 [doi]``). PubMed writes no ``PG`` for an article that has only a number
    (eLife, MDPI), which Scopus and the publisher give as its pages.

    >>> article_number(["10.3390/v17070943 [doi]", "943"]), article_number(["S0165-0270(14)00287-8 [pii]"])
    ('943', '')

    MDPI's records of 2024 give the number marked as a publisher item ("LID - 7838 [pii]" beside the DOI; PubMed
    cites "24(23):7838"): a pii of digits alone is the article's number too.

    >>> article_number(["7838 [pii]", "10.3390/s24237838 [doi]"])
    '7838'
    """
    values = locations if locations.__class__ is list else [locations]
    for value in values:
        if value and "[" not in value and " " not in value.strip():
            return value.strip()
    for value in values:
        m = _NUMBER_PII.fullmatch(value.strip()) if value else None
        if m:
            return m.group(1)
    return ""


#: An ``LID`` publisher item id that is a number alone ("7838 [pii]", "e0353121 [pii]"): the article's number.
_NUMBER_PII = re.compile(r"(e?\d{1,9}) \[pii\]")


register(FORMAT, sniff, parse, "MEDLINE")
