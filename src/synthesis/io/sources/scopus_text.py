"""Scopus's plain-text export ("Export" > "Plain text", a ``.txt`` file).

The file opens with ``Scopus`` and ``EXPORT DATE: 06 December 2023``. Each record opens with a paragraph of
lines without labels: the authors (``Hawkins D.S., Spunt S.L.``), ``AUTHOR FULL NAMES: Hawkins, Douglas S.
(7202029617); ...``, a line of Scopus author ids, the title, the source line (``(2013) Pediatric Blood and
Cancer, 60 (6), pp. 1001 - 1008, Cited 123 times.``), ``DOI: ...`` and the record's Scopus link (older exports
put the DOI in a paragraph of its own below the link). Labelled lines follow, in paragraphs (``ABSTRACT: ...``,
``AUTHOR KEYWORDS: ...``, ``INDEX KEYWORDS: ...``, ``PUBMED ID: ...``, ``ISSN: ...``, ``DOCUMENT TYPE: Review``,
``SOURCE: Scopus``; ``EID: 2-s2.0-...`` in some), as many as the fields the export was asked for. Here:

* a record opens at each paragraph that holds a source line, ``(year)`` then the source; the source line gives
  the year, the source title, volume, issue and pages (or the article number); a journal's name may hold commas
  of its own;
* the fields are then read as the same record's Scopus CSV columns are (:mod:`.table`, the ``scopus`` column
  map), so that a record reads the same from either export: authors from ``AUTHOR FULL NAMES`` (else from the
  authors line), the EID from ``EID`` or the link;
* a paragraph that is neither a record's source paragraph nor a field of one (a record the file was cut inside,
  before its source line) is rejected with its line, as is a last record without the ``SOURCE`` line every
  other record ends with (a truncated export);
* ``raw`` keeps every line as the file gives it: the labelled ones under their labels, the others under
  ``authors``, ``author ids``, ``title``, ``source line`` and ``link``.

Examples
--------
>>> text = ("Scopus\\nEXPORT DATE: 06 December 2023\\n\\nSmith J., Jones K.L.\\n"
...         "AUTHOR FULL NAMES: Smith, John (7000000001); Jones, Kate L. (7000000002)\\n7000000001; 7000000002\\n"
...         "A trial\\n(2019) Journal of Testing, Measurement and Evaluation, 12 (3), pp. 100 - 110, Cited 4 times.\\n"
...         "DOI: 10.1000/XYZ\\nhttps://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001&partnerID=40\\n\\n"
...         "DOCUMENT TYPE: Article\\nSOURCE: Scopus\\n")
>>> rec = parse(text, "x.txt").records[0]
>>> rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"], rec["source_id"]
(['Smith, J.', 'Jones, K. L.'], 'Journal of Testing, Measurement and Evaluation', '12', '3', '100-110', 2019, '2-s2.0-85000000001')
"""
from __future__ import annotations

import re

from ..base import ParseResult, Rejected, first_lines, paragraphs
from ..columns import column_maps
from . import register
from .table import row_record

FORMAT = "scopus_text"

#: The record's source line: ``(2013) Pediatric Blood and Cancer, 60 (6), pp. 1001 - 1008, Cited 123 times.``
#: (``(2021) Journal..., 12 (3), pp. 45-67. Cited 3 times.`` in older exports; ``art. no. 010502`` for an
#: article number; a book has no volume).
_SOURCE_LINE = re.compile(r"^\((?P<year>\d{4})?\)\s*(?P<rest>.*)$")
_CITED = re.compile(r"[,.]?\s*Cited (?P<cited>\d+) times?\.?\s*$")
_PAGES = re.compile(r",\s*(?:pp?\.\s*(?P<pages>[^,]+?)|art\.\s*no\.\s*(?P<article>[^,]+?))\s*\.?$")
#: The volume and issue after the source title: a short item with a digit in it, its issue in brackets.
_VOLUME = re.compile(r",\s*(?P<volume>[^,()\s][^,()]{0,24}?)\s*(?:\((?P<issue>[^()]{1,30})\))?\s*\.?$")
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z0-9 /&()'-]{0,40}[A-Z0-9)]):(?:\s|$)")
_IDS_LINE = re.compile(r"^\d+(?:;\s*\d+)*;?$")
_LINK = re.compile(r"^https?://(?:www\.)?scopus\.com/\S+$")
_EID = re.compile(r"[?&]eid=(2-s2\.0-\d+)|/publications/(\d+)")
#: The file's first lines (``# Scopus``, ``# EXPORT DATE:04 Feb 2022`` in some older exports).
_HEADER_LINE = re.compile(r"^(?:#\s*)?(?:Scopus|EXPORT DATE:.*)$")

#: The labelled fields, as the Scopus CSV names its columns (the ``scopus`` column map reads them).
_CSV_COLUMN = {"AUTHOR FULL NAMES": "Author full names", "DOI": "DOI", "ABSTRACT": "Abstract",
               "AUTHOR KEYWORDS": "Author Keywords", "INDEX KEYWORDS": "Index Keywords", "PUBMED ID": "PubMed ID",
               "ISSN": "ISSN", "ISBN": "ISBN", "LANGUAGE OF ORIGINAL DOCUMENT": "Language of Original Document",
               "DOCUMENT TYPE": "Document Type", "EID": "EID", "SOURCE": "Source"}


def sniff(text: str, path="") -> int:
    """Scopus plain text: a source line followed (within two lines) by a Scopus link among the first lines, below
    ``Scopus`` and ``EXPORT DATE:`` (or without them: a file whose header was taken off)."""
    lines = first_lines(text.lstrip("\ufeff \r\n"), 60)
    # (Scopus's BibTeX and older RIS open with the same two lines: a record's source line must follow)
    header = len(lines) >= 2 and all(_HEADER_LINE.match(x.strip()) for x in lines[:2])
    for i, line in enumerate(lines[:-1]):
        if _SOURCE_LINE.match(line) and " " in line and any(_LINK.match(x.strip()) for x in lines[i + 1:i + 3]):
            return 95 if header else 80
    if header and any(_SOURCE_LINE.match(x) and " " in x for x in lines):  # (an export without its links)
        return 90
    return 0


def source_line(line: str) -> dict:
    """The year, source title, volume, issue and pages of a Scopus plain-text source line.

    >>> source_line("(2021) Lanzkowsky's Manual of Pediatric Hematology and Oncology, pp. 541 - 561, Cited 0 times.")
    {'year': '2021', 'journal': "Lanzkowsky's Manual of Pediatric Hematology and Oncology", 'volume': '', 'issue': '', 'pages': '541 - 561', 'article': '', 'cited': '0'}
    >>> source_line("(2015) Journal of Biomedical Optics, 20 (1), art. no. 010502, Cited 31 times.")["article"]
    '010502'
    >>> source_line("(2008) Medycyna wieku rozwojowego, 12 (4 Pt 2), pp. 1074 - 1081, Cited 0 times.")["issue"]
    '4 Pt 2'
    >>> source_line("(2020) Journal of Instrumentation, 15 (4), art. no. C04032, . Cited 1 time.")["article"]
    'C04032'
    """
    m = _SOURCE_LINE.match(line.strip())
    out = {"year": (m.group("year") or "") if m else "", "journal": "", "volume": "", "issue": "", "pages": "",
           "article": "", "cited": ""}
    rest = m.group("rest") if m else line.strip()
    cited = _CITED.search(rest)
    if cited:
        out["cited"], rest = cited.group("cited"), rest[:cited.start()]
    rest = rest.rstrip(" ,.")  # (older exports: "art. no. C04032, . Cited 1 time.", "pp. 99-102. ")
    pages = _PAGES.search(rest)
    if pages:
        out["pages"], out["article"] = pages.group("pages") or "", pages.group("article") or ""
        rest = rest[:pages.start()]
    volume = _VOLUME.search(rest)
    if volume and any(c.isdigit() for c in volume.group("volume")):
        out["volume"], out["issue"] = volume.group("volume").strip(), (volume.group("issue") or "").strip()
        rest = rest[:volume.start()]
    out["journal"] = rest.strip().rstrip(",.").strip()
    return out


def _source_index(lines: list[str]) -> int:
    """Where a paragraph's source line is (the last ``(year) ...`` line before its DOI and link), else -1."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if _SOURCE_LINE.match(line) and not _LABEL.match(line):
            after = lines[i + 1:]
            if all(_LINK.match(x.strip()) or _LABEL.match(x) for x in after) and (after or i > 0):
                return i
    return -1


def _head(lines: list[str], at: int) -> dict:
    """The fields of a record's first paragraph, its source line at ``at``."""
    raw = {}
    before = lines[:at]
    rest = [x for x in before if not x.startswith("AUTHOR FULL NAMES:") and not _IDS_LINE.match(x.strip())]
    for x in before:
        if x.startswith("AUTHOR FULL NAMES:"):
            raw["AUTHOR FULL NAMES"] = x.split(":", 1)[1].strip()
        elif _IDS_LINE.match(x.strip()):
            raw["author ids"] = x.strip()
    if rest:
        raw["title"] = rest[-1].strip()
    if len(rest) > 1:
        raw["authors"] = " ".join(x.strip() for x in rest[:-1])
    raw["source line"] = lines[at].strip()
    _fields(raw, lines[at + 1:])  # its DOI and link (and, with no blank line below them, the other fields)
    return raw


def _fields(raw: dict, lines: list[str]) -> None:
    """Add a paragraph's labelled lines to ``raw`` (a line without a label continues the field above it)."""
    label = None
    for line in lines:
        m = _LABEL.match(line)
        if m:
            label = m.group("label")
            value = line[m.end():].strip()
            raw[label] = f"{raw[label]}\n{value}" if label in raw else value
        elif _LINK.match(line.strip()):
            raw["link"], label = line.strip(), None
        elif label is not None:
            raw[label] = f"{raw[label]}\n{line.strip()}"
        else:
            raw.setdefault("text", []).append(line.strip())


def _open_field(raw: dict) -> str:
    """The labelled field a record's lines last gave (its text may go on after a blank line), else ``""``: none
    after the record's first paragraph, whose link or DOI no text continues."""
    last = next(reversed(raw), "")
    return last if _LABEL.match(f"{last}: ") and last not in ("DOI", "EID", "AUTHOR FULL NAMES") else ""


def _record_of(raw: dict, index: int) -> dict:
    """A record from one record's lines, read as the Scopus CSV's columns are."""
    parts = source_line(raw.get("source line", ""))
    cells = {"Authors": raw.get("authors", ""), "Title": raw.get("title", ""), "Year": parts["year"],
             "Source title": parts["journal"], "Volume": parts["volume"], "Issue": parts["issue"],
             "Art. No.": parts["article"], "Link": raw.get("link", "")}
    start, _, end = parts["pages"].partition("-")
    cells["Page start"], cells["Page end"] = start.strip(), end.strip()
    for label, column in _CSV_COLUMN.items():
        if raw.get(label):
            cells[column] = raw[label]
    full = cells.pop("Author full names", "")
    if full:  # "Hawkins, Douglas S. (7202029617); ...": one name each, whatever its commas
        cells["Authors"] = "; ".join(name.strip() for name in full.split(";") if name.strip())
    if not cells.get("EID"):
        m = _EID.search(cells["Link"])
        cells["EID"] = (m.group(1) or f"2-s2.0-{m.group(2)}") if m else ""
    headers = list(cells)
    rec = row_record(column_maps()["scopus"], headers, [cells[h] for h in headers], index)
    rec["source_database"] = "Scopus"
    rec["raw"] = raw
    return rec


def parse(text: str, path="") -> ParseResult:
    """Read a Scopus plain-text export."""
    text = text.lstrip("\ufeff")
    header = []
    chunks = []  # [first line, raw] of each record, or [first line, None, reason] of a paragraph that is none
    glued = []  # warnings: paragraphs read as more of the field above them
    for start, lines in paragraphs(text):
        if not chunks and not header and all(_HEADER_LINE.match(x.strip()) for x in lines):
            header = lines
            continue
        at = _source_index(lines)
        if at >= 0:
            raw = _head(lines, at)
            if header and not chunks:
                raw["_before"] = header
            chunks.append([start, raw])
        elif chunks and chunks[-1][1] is not None and "SOURCE" not in chunks[-1][1] and _LABEL.match(lines[0]):
            _fields(chunks[-1][1], lines)
        elif chunks and chunks[-1][1] is not None and "SOURCE" not in chunks[-1][1] and _open_field(chunks[-1][1]):
            # a field's text with a blank line in it (funding texts, some abstracts): more of that field
            label = _open_field(chunks[-1][1])
            k = next((i for i, x in enumerate(lines) if _LABEL.match(x)), len(lines))
            chunks[-1][1][label] += "\n\n" + "\n".join(x.strip() for x in lines[:k])
            _fields(chunks[-1][1], lines[k:])
            glued.append(f"record {len(chunks)} (line {start}): a paragraph without a label, read as more of "
                         f"its {label}")
        else:
            chunks.append([start, None, "lines without a source line ('(year) source, volume (issue), pages') "
                                        "before them: a record cut off, or not a Scopus record"])
    records, rejected, warnings = [], [], glued
    closed = [c for c in chunks if c[1] is not None and "SOURCE" in c[1]]
    for index, chunk in enumerate(chunks, 1):
        start, raw = chunk[0], chunk[1]
        if raw is None:
            rejected.append(Rejected(index=index, reason=chunk[2], line=start))
            continue
        if "text" in raw:
            warnings.append(f"record {index} (line {start}): lines without a label kept in raw only: "
                            f"{raw['text'][0][:60]!r}")
        if chunk is chunks[-1] and "SOURCE" not in raw and closed:
            rejected.append(Rejected(index=index, reason="the file ends inside this record (no SOURCE line, which "
                                                         "every other record ends with): truncated export? "
                                                         "Export it again", line=start))
            continue
        rec = _record_of(raw, index)
        if not rec["title"]:
            warnings.append(f"record {index} (line {start}): no title")
        records.append(rec)
    return ParseResult(records=records, found=len(chunks), rejected=rejected, warnings=warnings, database="Scopus")


register(FORMAT, sniff, parse, "Scopus plain text")
