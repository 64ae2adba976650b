"""Embase's CSV export with the fields in rows ("CSV - Fields by Row").

Each line is one field of one record: its label, then its values as further cells
(``"AUTHOR NAMES","Mao J.","Yang G."``); a blank line ends the record. Which labels there are depends on
the fields chosen at export; :data:`FIELDS` says which of them fill which column. When the journal,
pages or issue have no fields of their own, they are read from the ``SOURCE`` citation
(``Nature Communications (2026) 17:1 Article Number: 32. Date of Publication: 1 Dec 2026``).

Examples
--------
>>> text = ('"TITLE","A trial"\\n"AUTHOR NAMES","Mao J.","Yang G."\\n"SOURCE","Nature Communications (2026) '
...         '17:1 Article Number: 32. Date of Publication: 1 Dec 2026"\\n"PUBLICATION YEAR","2026"\\n\\n')
>>> rec = parse(text, "embase.csv").records[0]
>>> rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"]
(['Mao, J.', 'Yang, G.'], 'Nature Communications', '17', '1', '32', 2026)
"""
from __future__ import annotations

import csv
import io
import re

from ...normalise import clean_text, normalise_doi, normalise_pages, parse_year, split_keywords
from ...records import empty_record
from ..base import ImportFailure, ParseResult, Rejected
from ..columns import author_name
from . import register
from .fields import first_link

FORMAT = "embase_rows"

#: Record column -> Embase field labels (upper case, as the export writes them), best first.
FIELDS = {
    "source_id": ("PUI", "EMBASE ACCESSION ID"),
    "type": ("PUBLICATION TYPE",),
    "title": ("TITLE", "ARTICLE TITLE"),
    "authors": ("AUTHOR NAMES",),
    "year": ("PUBLICATION YEAR", "DATE OF PUBLICATION"),
    "journal": ("SOURCE TITLE", "JOURNAL TITLE"),
    "volume": ("VOLUME",),
    "issue": ("ISSUE",),
    "pages_start": ("FIRST PAGE",),
    "pages_end": ("LAST PAGE",),
    "doi": ("DOI",),
    "pmid": ("MEDLINE PMID",),
    "isbn_issn": ("ISSN", "ISBN"),
    "abstract": ("ABSTRACT",),
    "keywords": ("AUTHOR KEYWORDS", "EMTREE MEDICAL INDEX TERMS (MAJOR FOCUS)"),
    "url": ("FULL TEXT LINK", "EMBASE LINK"),
    "language": ("ARTICLE LANGUAGE",),
}
# (The labels are the column names of Embase's "fields by column" CSV in capitals; each column takes the
# first label that has a value, as that layout's column map does.)
#: The labels that make a row group a record of this export (any one of them).
_KNOWN = frozenset(label for labels in FIELDS.values() for label in labels) | {"SOURCE"}
#: ``SOURCE``: journal, (year), volume[:issue], optional (pages), optional "Article Number: n", then dates.
# (a supplement after the volume and issue: "82:4 Supplement (S171-S172)", "75 Supplement 1 (S188-S189)")
_SOURCE = re.compile(r"(?P<journal>.+?)\s+\((?P<year>\d{4})\)\s+(?P<volume>[^\s:()]+)?(?::(?P<issue>[^\s()]+))?"
                     r"(?:\s+(?P<supplement>Suppl(?:ement)?\.?(?:\s+[^\s()]+)?))?"
                     r"(?:\s+\((?P<pages>[^)]*)\))?(?:\s+Article Number:\s*(?P<article>[^\s.]+))?")
_FIRST_ROW = re.compile(r'\s*"(?:TITLE|ARTICLE TITLE|PUI|EMBASE ACCESSION ID)",')
#: Embase's preamble above the records: the search query, then a line of dashes (not a record).
_PREAMBLE = re.compile(r'\s*"SEARCH QUERY",[^\n]*\n-+[ \t]*\n')


def sniff(text: str, path="") -> int:
    """Embase fields by row: the first line a quoted upper-case label (TITLE...), more such labels after."""
    head = text[:5000]
    preamble = _PREAMBLE.match(head)
    if not _FIRST_ROW.match(head, preamble.end() if preamble else 0):
        return 0
    labels = sum(f'\n"{label}",' in head for label in ("AUTHOR NAMES", "SOURCE", "PUBLICATION YEAR", "ABSTRACT"))
    return 96 if labels >= 2 else 0


def _values(fields: dict, labels) -> list[str]:
    for label in labels:
        if fields.get(label):
            return fields[label]
    return []


def _first(fields: dict, labels) -> str:
    values = _values(fields, labels)
    return clean_text(values[0]) if values else ""


def source_line(text: str) -> dict:
    """Journal, volume, issue, pages and year of an Embase source line (``Cancer (2004) 102:4 (253-258). Date of
    Publication: 25 Aug 2004``), as in this layout's ``SOURCE`` and the ``Source`` column of Embase's CSV;
    ``{}`` when the line has another shape.

    >>> source_line("Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014")
    {'journal': 'Endoscopic Ultrasound', 'volume': '3', 'issue': '3', 'pages': '152-160', 'date': '2014'}
    """
    m = _SOURCE.match(clean_text(text))
    if not m:
        return {}
    return {"journal": m["journal"].strip(), "volume": m["volume"] or "", "issue": _issue(m),
            "pages": m["pages"] or m["article"] or "", "date": m["year"]}


def _issue(source: re.Match) -> str:
    """The issue a source line names, with its supplement ("4 Supplement", "Supplement 1")."""
    return " ".join(part for part in (source["issue"], source["supplement"]) if part)


def _record(fields: dict, index: int) -> dict:
    rec = empty_record()
    rec["source_index"] = index
    for column in ("source_id", "type", "title", "volume", "issue", "isbn_issn", "abstract", "language"):
        rec[column] = _first(fields, FIELDS[column])
    rec["authors"] = [a for a in map(author_name, _values(fields, FIELDS["authors"])) if a]
    rec["year"] = parse_year(_first(fields, FIELDS["year"]))
    rec["journal"] = _first(fields, FIELDS["journal"])
    start, end = _first(fields, FIELDS["pages_start"]), _first(fields, FIELDS["pages_end"])
    rec["pages"] = normalise_pages(f"{start}-{end}" if start and end else start)
    source = _SOURCE.match(_first(fields, ("SOURCE",)))
    if source:  # what the citation gives and no field of its own did
        rec["journal"] = rec["journal"] or source["journal"].strip()
        rec["volume"] = rec["volume"] or (source["volume"] or "")
        rec["issue"] = rec["issue"] or _issue(source)
        rec["pages"] = rec["pages"] or normalise_pages(source["pages"] or source["article"] or "")
        rec["year"] = rec["year"] or parse_year(source["year"])
    rec["doi"] = normalise_doi(_first(fields, FIELDS["doi"]))
    rec["pmid"] = _first(fields, FIELDS["pmid"])
    rec["keywords"] = split_keywords(_values(fields, FIELDS["keywords"]))
    rec["url"] = first_link([clean_text(v) for label in FIELDS["url"] for v in fields.get(label, ())])
    rec["raw"] = fields
    return rec


def parse(text: str, path="") -> ParseResult:
    """Read an Embase fields-by-row CSV; a group of rows with none of the record labels is rejected."""
    reader = csv.reader(io.StringIO(text))
    groups: list[tuple[int, dict]] = []  # (line where the record starts, label -> values)
    fields: dict = {}
    start = 0
    try:
        for row in reader:
            line = reader.line_num
            cells = row
            if not any(c.strip() for c in cells):
                if fields:
                    groups.append((start, fields))
                fields = {}
                continue
            if not fields:
                start = line - sum(c.count("\n") for c in cells)  # the row's first line
            label = clean_text(cells[0]).upper()
            if not groups and not fields and (label == "SEARCH QUERY" or label.startswith("---")):
                continue  # the preamble (see _PREAMBLE)
            fields.setdefault(label, []).extend(c for c in cells[1:] if c.strip())
    except csv.Error as exc:
        raise ImportFailure(path, f"broken CSV quoting: {exc}", line=reader.line_num) from None
    if fields:
        groups.append((start, fields))
    if not groups:
        raise ImportFailure(path, "Embase fields-by-row CSV without any record", line=1)
    records, rejected, warnings = [], [], []
    for index, (line, fields) in enumerate(groups, 1):
        if not _KNOWN.intersection(fields):
            rejected.append(Rejected(index=index, line=line, reason="none of Embase's record fields (TITLE, "
                                     f"AUTHOR NAMES, SOURCE...) in these rows: {', '.join(list(fields)[:3])}"))
            continue
        rec = _record(fields, index)
        if not rec["title"]:
            warnings.append(f"record {index} (line {line}): no title")
        records.append(rec)
    return ParseResult(records=records, found=len(groups), rejected=rejected, warnings=warnings,
                       database="Embase")


register(FORMAT, sniff, parse, "Embase CSV (fields by row)")
