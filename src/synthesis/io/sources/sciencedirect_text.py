"""ScienceDirect's text export ("Export citation to text", ``ScienceDirect_citations_<number>.txt``).

Each record is a paragraph of lines ending in commas: the authors (given names first, ``Petar Jovanovic, Oscar
Romero,``), the title, the journal (a book's title after an ``Editor(s):`` line, then its publisher), ``Volume 44``
(with ``, Issue 3`` or ``, Part A``), the year, ``Pages 94-119`` or an article number, ``ISSN 0306-4379`` (``ISBN``
for a book), the DOI as a link ending in a full stop, then the record's page in brackets
(``(https://www.sciencedirect.com/science/article/pii/S0306437914000222)``), ``Abstract: ...`` and ``Keywords: a;
b``. A blank line separates records. Here:

* a record is a paragraph with its ScienceDirect page; its PII (``S0306437914000222``) is the record's id;
* the lines before the year are read from the journal back (the volume line, the journal, the title, the authors),
  those after it by what they say;
* a paragraph without a ScienceDirect page is more of the abstract above it, unless its lines end in commas as a
  record's first lines do: a record cut off (the end of a truncated file), rejected with its line.

Examples
--------
>>> text = ("Jane Smith, Ana Ruiz,\\nA trial of fire,\\nJournal of Smoke,\\nVolume 12, Issue 3,\\n2020,\\n"
...         "Pages 100-110,\\nISSN 1234-5678,\\nhttps://doi.org/10.1016/j.smoke.2020.01.002.\\n"
...         "(https://www.sciencedirect.com/science/article/pii/S1234567820000021)\\nAbstract: Fires burn.\\n"
...         "Keywords: fire; smoke\\n")
>>> rec = parse(text, "x.txt").records[0]
>>> rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"], rec["doi"]
(['Smith, J.', 'Ruiz, A.'], 'Journal of Smoke', '12', '3', '100-110', 2020, '10.1016/j.smoke.2020.01.002')
>>> rec["source_id"], rec["keywords"], rec["abstract"]
('S1234567820000021', ['fire', 'smoke'], 'Fires burn.')
"""
from __future__ import annotations

import re

from ...normalise import clean_text, normalise_author, normalise_doi, normalise_pages, parse_year, split_keywords
from ...records import empty_record
from ..base import ParseResult, Rejected, first_lines, paragraphs
from . import register

FORMAT = "sciencedirect_text"

#: A record's page on ScienceDirect, in brackets on a line of its own; its PII is the record's id.
_PAGE = re.compile(r"^\((https?://www\.sciencedirect\.com/science/article/(?:abs/)?pii/(\w+))\)$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_VOLUME = re.compile(r"^Volumes? (?P<volume>[^,]+)(?:, Issues? (?P<issue>[^,]+))?(?:, .*)?$")
_PAGES = re.compile(r"^Pages? (?P<pages>.+)$")
_FIELD = re.compile(r"^(Abstract|Keywords): ?")


def sniff(text: str, path="") -> int:
    """ScienceDirect text: a record's ScienceDirect page in brackets, below lines ending in commas or its DOI."""
    lines = first_lines(text.lstrip("\ufeff \r\n"), 80)
    for i, line in enumerate(lines[1:], 1):
        if _PAGE.match(line.strip()) and (lines[i - 1].startswith("https://doi.org/") or lines[i - 1].endswith(",")):
            return 90
    return 0


def _is_head(lines: list[str]) -> bool:
    """Whether a paragraph without a ScienceDirect page opens as a record does (two lines ending in commas)."""
    return not _FIELD.match(lines[0]) and sum(line.endswith(",") for line in lines[:4]) >= 2


def _record(raw: dict, index: int) -> tuple[dict, list[str]]:
    """A record from one record's lines; and what could not be placed."""
    rec = empty_record()
    rec["source_index"] = index
    lines = [line[:-1].strip() if line.endswith(",") else line for line in raw["citation"]]
    problems = []
    year_at = next((i for i, line in enumerate(lines) if i >= 2 and _YEAR.match(line)), None)
    if year_at is None:
        problems.append("no year line")
        year_at = len(lines)
    head, tail = lines[:year_at], lines[year_at + 1:]
    rec["year"] = parse_year(lines[year_at]) if year_at < len(lines) else None
    editors = next((i for i, line in enumerate(head) if line.startswith("Editor(s):")), None)
    volume = next((i for i, line in enumerate(head) if _VOLUME.match(line)), None)
    if editors is not None:  # a chapter: the book's title after its editors, then its publisher
        journal_at = editors + 1
        title_at = editors - 1
    elif volume is not None:
        journal_at, title_at = volume - 1, volume - 2
        m = _VOLUME.match(head[volume])
        rec["volume"], rec["issue"] = m.group("volume").strip(), (m.group("issue") or "").strip()
    else:
        journal_at, title_at = len(head) - 1, len(head) - 2
    rec["journal"] = clean_text(head[journal_at]) if 0 <= journal_at < len(head) else ""
    rec["title"] = clean_text(head[title_at]) if 0 <= title_at < len(head) else ""
    names = ", ".join(head[:max(title_at, 0)])
    rec["authors"] = [a for a in (normalise_author(n) for n in names.split(", ")) if a]
    for line in tail:
        pages = _PAGES.match(line)
        if line.startswith(("ISSN ", "ISBN ")):
            rec["isbn_issn"] = rec["isbn_issn"] or line[5:].strip()
        elif line.startswith("https://doi.org/"):
            rec["doi"] = normalise_doi(line.rstrip("."))
        elif pages:
            rec["pages"] = normalise_pages(pages.group("pages"))
        elif not rec["pages"] and " " not in line:  # an article number ("108321", "e01234")
            rec["pages"] = normalise_pages(line)
        else:
            problems.append(f"a line not read: {line[:60]!r}")
    rec["url"], rec["source_id"] = raw.get("link", ""), raw.get("pii", "")
    rec["abstract"] = clean_text(raw.get("Abstract", ""))
    rec["keywords"] = [k for part in raw.get("Keywords", "").split(";") for k in split_keywords(part.strip())]
    rec["source_database"] = "ScienceDirect"
    rec["raw"] = raw
    return rec, problems


def parse(text: str, path="") -> ParseResult:
    """Read a ScienceDirect text export."""
    chunks = []  # [first line, raw] of each record, or [first line, None] of a record cut off
    warnings = []
    for start, lines in paragraphs(text.lstrip("\ufeff")):
        lines = [line.strip() for line in lines]
        at = next((i for i, line in enumerate(lines) if _PAGE.match(line)), None)
        if at is None and (not chunks or chunks[-1][1] is None or _is_head(lines)):
            chunks.append([start, None])
            continue
        if at is None:  # more of the record above (an abstract with a blank line in it)
            raw, rest = chunks[-1][1], lines
            field = next(reversed([k for k in raw if k in ("Abstract", "Keywords")]), "Abstract")
            warnings.append(f"record {len(chunks)} (line {start}): a paragraph read as more of its {field}")
            raw[field] = (raw.get(field, "") + "\n\n" + rest[0]).strip()
            rest = rest[1:]
        else:
            page = _PAGE.match(lines[at])
            raw = {"citation": lines[:at], "link": page.group(1), "pii": page.group(2)}
            chunks.append([start, raw])
            rest, field = lines[at + 1:], None
        for line in rest:
            m = _FIELD.match(line)
            if m:
                field = m.group(1)
                raw[field] = line[m.end():].strip()
            elif field:
                raw[field] += "\n" + line
            else:
                raw.setdefault("after", []).append(line)
    records, rejected = [], []
    for index, (start, raw) in enumerate(chunks, 1):
        if raw is None:
            rejected.append(Rejected(index=index, line=start, reason="lines without the record's ScienceDirect page "
                                     "('(https://www.sciencedirect.com/science/article/pii/...)') below them: a "
                                     "record cut off, or not a ScienceDirect record"))
            continue
        rec, problems = _record(raw, index)
        warnings += [f"record {index} (line {start}): {p}" for p in problems]
        if not rec["title"]:
            warnings.append(f"record {index} (line {start}): no title")
        records.append(rec)
    return ParseResult(records=records, found=len(chunks), rejected=rejected, warnings=warnings,
                       database="ScienceDirect")


register(FORMAT, sniff, parse, "ScienceDirect text")
