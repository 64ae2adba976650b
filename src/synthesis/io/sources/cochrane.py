"""The Cochrane Library's plain-text export ("Export selected citations", plain text), of CENTRAL trials and
Cochrane reviews alike.

Each record opens with a ``Record #3 of 271`` line; then each field is a tag, a colon and its value on one
line (``ID: CN-01234567``, ``AU: Smith J``, ``TI: ...``, ``SO`` source, ``YR`` year, ``VL`` volume, ``NO``
issue, ``PG`` pages, ``PT`` publication type, ``KY`` keywords joined by ``;``, ``DOI: ...``, ``US`` the
record's page on the Cochrane Library, ``AB`` abstract; ``PM``/``XR`` the record's ids in PubMed and
Embase, ``CC`` the Cochrane groups). Blank lines separate records. Read by the tagged-format engine
(:mod:`.tagged`) with the tag table of :mod:`synthesis.io.config`; here:

* the database of each record is told by its accession number: ``CN-`` a CENTRAL trial, ``CD`` a Cochrane
  review (:func:`synthesis.io.databases.cochrane_database`); a file of one database is named after it;
* the PubMed id is the number after ``PUBMED`` in ``PM`` or ``XR``;
* an author is written family name first without a comma, given names as initials (``Smith J``) or in
  full (``Han Shanshan``, in the reviews' export): see :func:`family_first`;
* a file whose ``Record #`` lines were taken out opens a record at each ``ID`` line;
* a record the file ends inside (in its ``Record #`` line, right after it, inside a tag, or before the field
  every other record ends with) is rejected with its line.

Examples
--------
>>> text = ("Record #1 of 1\\nID: CN-01234567\\nAU: Smith J\\nAU: Jones K\\nTI: A trial\\nSO: The Journal\\n"
...         "YR: 2019\\nVL: 12\\nNO: 3\\nPG: 100-10\\nPM: PUBMED 31234567\\nKY: fire; smoke\\n"
...         "DOI: 10.1000/XYZ\\nUS: https://www.cochranelibrary.com/central/doi/10.1002/central/CN-01234567/full\\n")
>>> rec = parse(text, "x.txt").records[0]
>>> rec["authors"], rec["pages"], rec["pmid"], rec["doi"], rec["keywords"], rec["source_database"]
(['Smith, J.', 'Jones, K.'], '100-110', '31234567', '10.1000/xyz', ['fire', 'smoke'], 'Cochrane CENTRAL')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from ..databases import cochrane_database
from . import register
from .cutoff import cut_off_reason, settle_last_record
from .fields import Columns, authors_split, build_row, family_first, values
from .tagged import Scan, TagFormat, name_file_database, read

FORMAT = "cochrane"

#: A tag line, matched from the newline before it: a record's ``Record #3 of 20`` line, a tag and its colon
#: (two characters, or ``DOI``), or (only as the file's very end) a ``Record #`` line cut short.
_TAG_LINE = re.compile(r"\n(Record #\d+(?: of \d+)?(?=[ \t]*(?:\n|\Z))|(?:[A-Z][A-Z0-9]|DOI)(?=:(?:[ \t]|\n|\Z))"
                       r"|R(?:e(?:c(?:o(?:r(?:d(?: (?:#\d*(?: (?:o(?:f ?)?)?)?)?)?)?)?)?)?)?\Z)(?::[ \t]?|[ \t]*)")
_MARKER = re.compile(r"Record #(\d+)(?: of \d+)?")
_MARKER_LINE = re.compile(r"^Record #\d+(?: of \d+)?[ \t]*$", re.M)
_CUT_MARKER = re.compile(r"R(?:e(?:c(?:o(?:r(?:d(?: (?:#(\d*)(?: (?:o(?:f ?)?)?)?)?)?)?)?)?)?)?")
#: The start of a tag line that the file's end cut short (``T``, ``TI``, ``DO``, ``DOI``).
_TAG_PIECE = re.compile(r"[A-Z](?:[A-Z0-9]|OI?)?:?")
_TAG = re.compile(r"(?:[A-Z][A-Z0-9]|DOI): ")
#: Another database's id of the record, as ``PM``/``XR`` give it (``PUBMED 21314913,EMBASE 628000000``).
_PUBMED_ID = re.compile(r"\bPUBMED\s*:?\s*(\d+)", re.I)


def pubmed_id(ids: list) -> str:
    """The PubMed id among a Cochrane Library record's ids in other databases (``PM``/``XR`` here, ``C3`` in
    its RIS export), ``""`` when there is none.

    >>> pubmed_id(["EMBASE 628000000"]), pubmed_id(["PUBMED 38407106,EMBASE 643589775"])
    ('', '38407106')
    """
    for value in ids:
        m = _PUBMED_ID.search(value)
        if m:
            return m.group(1)
    return ""


def _row(tags: dict, index: int, columns: Columns) -> dict:
    row = build_row(tags, index, columns)
    names = tags.get("AU") or []
    if any(";" in name for name in names):  # authors joined on one line, as the CSV export joins them
        row["authors"] = authors_split(names)
    elif names:
        row["authors"] = [a for a in map(family_first, names if names.__class__ is list else [names]) if a]
    pm = tags.get("PM")
    row["pmid"] = pm.strip() if pm.__class__ is str and pm.strip().isdigit() else pubmed_id(values(tags, ("PM", "XR")))
    database = cochrane_database(row["source_id"])
    if database:
        row["source_database"] = database
    return row


def _cut_off(found: Scan, text: str) -> None:
    """The last record is cut off when the file stops inside a ``Record #`` line, right after one, inside a
    tag, or before the field every other record ends with (see :mod:`.cutoff`). A file stopping inside a
    field's value is only warned about: nothing tells whether the value is whole."""
    if not found.records:
        return
    last_line = text[text.rfind("\n") + 1:]
    final = found.records[-1]
    ends = [None if t and _MARKER.fullmatch(t) else t for t in found.last_tags()]
    cut_marker = _CUT_MARKER.fullmatch(last_line) if last_line and last_line in final else None
    fragment = ""
    if cut_marker:  # read as a tag of the record above: it is the start of the next record
        del final[last_line]
        before = len(found.parts) - 4  # the tag before the cut marker
        ends[-1] = found.parts[before] if before >= found.starts[-1] >= 0 else None
        found.add_cut_record(text, "")
        found.records[-1] = {"_number": cut_marker.group(1) or ""}
        ends.append(None)
        final = found.records[-1]
    elif last_line and not text.endswith("\n") and _TAG_PIECE.fullmatch(last_line):
        fragment = last_line  # a tag cut in two, read as a line of the field above
    reason = cut_off_reason(text, ends, lambda t: bool(final.get(t)), fragment, "Cochrane Library",
                            line_end_required=False)
    if cut_marker:
        reason = (f"the file ends inside this Cochrane Library record, in its line {last_line!r}: truncated export? "
                  "Export it again")
    elif not reason and not any(not k.startswith("_") for k in final):
        reason = ("the file ends right after this Cochrane Library record's Record # line: truncated export? "
                  "Export it again")
    settle_last_record(found, reason, ends[-1], bool(text) and not text.endswith("\n"))


#: Records open at their ``Record #`` lines (kept as ``_number``); a file without them opens one at each ``ID``.
COCHRANE = TagFormat("Cochrane Library", _TAG_LINE, config.COCHRANE_COLUMNS, list_tags=config.COCHRANE_LIST_TAGS,
                     start_pattern=_MARKER, build=_row, empty="a Record # line with no fields", cut_off=_cut_off)
COCHRANE_NO_MARKERS = TagFormat("Cochrane Library", _TAG_LINE, config.COCHRANE_COLUMNS,
                                list_tags=config.COCHRANE_LIST_TAGS, start="ID", build=_row, cut_off=_cut_off)


def sniff(text: str, path="") -> int:
    """Cochrane Library plain text: a ``Record #1 of 20`` line with ``XX: value`` lines below it, or (the
    record lines taken out) an ``ID: CN-``/``ID: CD`` line opening such lines. Never RIS (``TY  - ``), nor
    the Cochrane Library's RIS or BibTeX, which put ``Record #`` lines above their own records."""
    head = text[:20000]
    if ": " not in head or "\nTY  - " in head:
        return 0
    lines = [ln.strip() for ln in head.split("\n")[:60] if ln.strip()]
    if len(lines) < 3:
        return 0
    tagged = sum(1 for ln in lines if _TAG.match(ln))
    # the first Record # line (a line or two of heading may stand above it) with a tag line below
    first = next((k for k, ln in enumerate(lines[:10]) if _MARKER.fullmatch(ln)), None)
    if first is not None and first + 1 < len(lines) and _TAG.match(lines[first + 1]) and tagged >= 3:
        return 96 if first == 0 else 90
    if re.match(r"ID: C[ND]", lines[0]) and tagged >= 3 and tagged >= len(lines) * 0.6:
        return 90
    return 0


def parse(text: str, path="") -> ParseResult:
    """Read a Cochrane Library plain-text export."""
    return name_file_database(read(text, COCHRANE if _MARKER_LINE.search(text) else COCHRANE_NO_MARKERS))


register(FORMAT, sniff, parse, "Cochrane Library plain text")
