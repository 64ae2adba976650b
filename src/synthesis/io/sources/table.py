"""CSV and TSV exports: Scopus, Embase, CINAHL/EBSCO, Covidence, Rayyan, Cochrane, OpenAlex, Lens, PubMed,
Google Scholar, IEEE, Zotero, RefWorks, and spreadsheets re-saved by Excel with ``;``.

How a file is read:

1. The delimiter (``,``, tab, ``;`` or ``|``) and the header row are found together: the row, among the
   first 40, with the most cells that are known column names. Rows above it are the export's preamble
   (Embase writes its search query and a dashed line there; Excel pads them with ``;;;``) and are named
   in a warning, not counted as records.
2. The column map is chosen from the header (see :mod:`synthesis.io.columns`, where you can also register
   your own), which also names the database for the report.
3. Every following non-blank row is one record (``found``). Cells written as ``="..."`` (CINAHL, so that
   Excel keeps them as text) are unwrapped. Every column is kept in ``raw`` by its header name.
   A row with far fewer cells than the header, or cut off by the end of the file, is rejected with its
   line; a row with extra non-empty cells is imported with a warning (the extra cells go to
   ``raw["_extra_cells"]``).

Examples
--------
>>> res = parse('Title,Authors,Published Year,DOI,Covidence #\\n"A trial","Yang, Z.; Xu, J.",2024,10.1000/X,#1\\n')
>>> res.found, res.database, res.records[0]["authors"], res.records[0]["doi"], res.records[0]["source_id"]
(1, 'Covidence', ['Yang, Z.', 'Xu, J.'], '10.1000/x', '#1')
"""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote

from ...normalise import clean_text, normalise_doi, normalise_pages, parse_year
from ...records import empty_record
from ..base import ImportFailure, ParseResult, Rejected
from ..columns import GENERIC, ColumnMap, detect_column_map, header_key, known_headers, split_authors, split_cell
from . import register
from .fields import UNSPECIFIED_ARTICLE_NUMBER, article_pages, first_link, is_null, pmid_in_link

FORMAT = "csv"

_DELIMITERS = [",", "\t", ";", "|"]
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)  # ="0012-9658" : CINAHL's keep-as-text cells
#: A record's Scopus id in its page's link ("...record.uri?eid=2-s2.0-85012345678&partnerID=40").
_SCOPUS_EID = re.compile(r"[?&]eid=(2-s2\.0-\d+)")
# Scopus's record link names the DOI too (``...&doi=10.1061%2fJTEPBS.0000516&...``)
_SCOPUS_DOI = re.compile(r"[?&]doi=(10\.[^&\s]+)")
_OTHER_FORMATS = re.compile(r"^(?:TY  - |PMID- |FN |PT\t|%0 |@\w+\s*[{(]|<\?xml|<xml>|<PubmedArticle)")


def _rows(text: str, delimiter: str):
    """Yield ``(start_line, cells)``; ``start_line`` is 1-based."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a NUL byte; report the row rather than stop the file
            yield last + 1, exc
            last = reader.line_num
            continue
        yield last + 1, row
        last = reader.line_num


def _unwrap(cell: str) -> str:
    if "=" not in cell[:4]:  # the common case, without a regex
        return cell
    m = _EXCEL_TEXT.match(cell.strip())
    return m.group(1) if m else cell


def find_header(text: str, delimiters=_DELIMITERS):
    """``(delimiter, header_row_index, score)``: the row with the most known column names, among the
    first 40 rows of each delimiter; ``(None, None, 0)`` when nothing looks like a header row."""
    sample = text[:300000]
    known = known_headers()
    best = (None, None, 0, 0)
    for delim in delimiters:
        for i, (_, row) in enumerate(_rows(sample, delim)):
            if i >= 40:
                break
            if isinstance(row, Exception) or len(row) < 2:
                continue
            score = sum(1 for c in row if header_key(_unwrap(c)) in known)
            if (score, len(row)) > (best[2], best[3]):
                best = (delim, i, score, len(row))
    return best[:3]


def sniff(text: str, path="") -> int:
    """How surely the text is a CSV/TSV export: a header row of known column names under at most a few
    preamble rows; the extension only adds a little."""
    first = text.lstrip("\ufeff \n")[:200]
    if _OTHER_FORMATS.match(first):
        return 0
    delim, row, score = find_header(text)
    if delim is None or score < 2:
        return 0
    ext = str(path).lower().rsplit(".", 1)[-1] if "." in str(path) else ""
    base = 70 if score >= 3 else 45
    return base + (5 if ext in {"csv", "tsv", "tab", "txt"} else 0)


def _headers(row: list[str]) -> list[str]:
    out, seen = [], {}
    for i, cell in enumerate(row):
        name = _unwrap(cell).replace("\ufeff", "").strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _named(row: list[str]) -> list[str]:
    """A row's cells as names: unwrapped, without byte-order marks, blanks and trailing empty cells."""
    names = [_unwrap(c).replace("\ufeff", "").strip() for c in row]
    while names and not names[-1]:
        names.pop()
    return names


#: How many of its columns a short Publish or Perish header names (see :func:`_publish_or_perish_names`).
_POP_NAMED = 8
_POP_QUERY_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?")


def _publish_or_perish_names(headers: list[str], rows: list[list[str]]) -> list[str] | None:
    """The header of a Publish or Perish file that names only its first eight columns, with the unnamed ones
    after them named as Publish or Perish writes them (:data:`~synthesis.io.columns.PUBLISH_OR_PERISH_COLUMNS`);
    ``None`` for any other header. The rows must agree: where the ninth and tenth cells hold something, a rank
    and a query date ("46", "2021-08-07 17:02:08").

    >>> h = ["Cites", "Authors", "Title", "Year", "Source", "Publisher", "ArticleURL", "CitesURL"]
    >>> _publish_or_perish_names(h + ["column 9", "column 10", "column 11"], [["0"] * 8 + ["46", "2021-08-07", "BOOK"]])[8:]
    ['GSRank', 'QueryDate', 'Type']
    >>> _publish_or_perish_names(h + ["column 9"], [["0"] * 8 + ["not a rank"]]) is None
    True
    """
    from ..columns import PUBLISH_OR_PERISH_COLUMNS as POP

    unnamed = headers[_POP_NAMED:]
    if (tuple(headers[:_POP_NAMED]) != POP[:_POP_NAMED] or not unnamed or len(headers) > len(POP)
            or any(name != f"column {i}" for i, name in enumerate(unnamed, _POP_NAMED + 1))):
        return None
    for row in rows:
        rank = row[_POP_NAMED].strip() if len(row) > _POP_NAMED else ""
        when = row[_POP_NAMED + 1].strip() if len(row) > _POP_NAMED + 1 else ""
        if (rank and not rank.isdigit()) or (when and not _POP_QUERY_DATE.fullmatch(when)):
            return None
    return list(POP[:len(headers)])


def _row_names(name: str, headers: list[str], records: list[dict]) -> bool:
    """Whether the unnamed column ``name`` copies, row by row, a named column: R's row names, not data.

    >>> recs = [{"raw": {"column 1": "SMITH J, 2021, J X", "SR": "SMITH J, 2021, J X"}}]
    >>> _row_names("column 1", ["column 1", "SR"], recs), _row_names("column 1", ["column 1", "TI"], recs)
    (True, False)
    """
    for other in headers:
        if other != name and not other.startswith("column ") and all(
                str(rec["raw"].get(other, "")).strip() == str(rec["raw"].get(name, "")).strip() for rec in records):
            return True
    return False


def _header_warnings(headers: list[str], records: list[dict], line: int) -> list[str]:
    """What a hand-edited header hides: a column without a name, or a name given twice, whose cells the
    record's fields never read (kept in ``raw`` only). A first unnamed column of row numbers (R's
    ``write.csv``, a pandas index) or of row names copying another column (bibliometrix's data frame written by
    ``write.csv``: each row named by its ``SR`` cell), and a repeated column that only copies the first, are not
    worth a word."""
    out = []
    first: dict = {}
    for i, name in enumerate(headers):
        if name == f"column {i + 1}":
            cells = [str(rec["raw"].get(name, "")).strip() for rec in records]
            filled = [c for c in cells if c]
            if filled and not (i == 0 and (all(c.isdigit() for c in filled) or _row_names(name, headers, records))):
                out.append(f"header row (line {line}): column {i + 1} has no name but holds text in {len(filled)} "
                           f"row(s); kept in raw only: name it in the header and import again")
            continue
        base = re.fullmatch(r"(.+) \((\d+)\)", name)
        if base and base.group(1) in first:
            original = base.group(1)
            differ = sum(1 for rec in records if str(rec["raw"].get(name, "")).strip()
                         and rec["raw"].get(name) != rec["raw"].get(original))
            if differ:
                out.append(f"header row (line {line}): '{original}' names columns {first[original] + 1} and "
                           f"{i + 1}; the record reads column {first[original] + 1}, column {i + 1} differs in "
                           f"{differ} row(s) and is kept in raw only: rename one and import again")
        first.setdefault(name, i)
    return out


def _align(headers: list[str], cells: list[str]) -> list[str]:
    """The headers for one row. Scopus names only ``Funding Text 1`` in the header but writes a cell per
    funding text, so rows with two or more are shifted right from there: name the extra cells
    ``Funding Text 2``... so that References, PubMed ID, EID and the rest line up again."""
    extra = len(cells) - len(headers)
    if extra <= 0:
        return headers
    funding = [i for i, h in enumerate(headers) if h.lower().startswith("funding text")]
    if not funding:
        return headers
    last = funding[-1]
    n = len(funding)
    added = [f"Funding Text {n + k + 1}" for k in range(extra)]
    return headers[: last + 1] + added + headers[last + 1:]


def _ends_in_open_quote(text: str, line: int) -> bool:
    """Whether the row starting at ``line`` (the last one) leaves a quoted cell open at the end of file."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return text.count('"', start) % 2 == 1


#: A whole number (or a range of two) that a spreadsheet or pandas wrote as a decimal: "15660.0", "307.0-326.0".
_DECIMAL_WHOLE = re.compile(r"\d+\.0+(?:-\d+\.0+)?")


def _whole(value: str) -> str:
    """``value`` without the ``.0`` a spreadsheet or pandas gave its whole numbers (volume, issue, pages, PMID).

    >>> _whole("15660.0"), _whole("307.0-326.0"), _whole("2.5"), _whole("12")
    ('15660', '307-326', '2.5', '12')
    """
    if "." in value and _DECIMAL_WHOLE.fullmatch(value):
        return re.sub(r"\.0+", "", value)
    return value


#: A long number a spreadsheet rounded and wrote in scientific notation ("3.61E+15" for the article number
#: 03611981221093634): its digits are gone, so it is no page, article number or PubMed id.
_ROUNDED_NUMBER = re.compile(r"\d(?:[.,]\d+)?E\+\d+", re.IGNORECASE)


def _pmid(value: str) -> str:
    """The PubMed id of a cell: its number, or the one a link ends with; Ovid's Embase writes the number and
    then its link in brackets (``29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=29635641]``)."""
    m = _LEADING_PMID.match(value) or re.search(r"(\d{1,9})\s*/?\s*$", value)
    return m.group(1) if m else ""


_LEADING_PMID = re.compile(r"\s*(\d{1,9})\s+\[")


def _items(cell: str) -> str:
    """A cell with one item a line (blank lines between), joined with ``;`` (Ovid's CSV)."""
    return "; ".join(filter(None, map(str.strip, cell.splitlines())))


_FIELDS = ("source_id", "type", "title", "authors", "year", "journal", "volume", "issue", "pages_start",
           "pages_end", "pages", "doi", "pmid", "isbn_issn", "abstract", "keywords", "url", "language", "citation",
           "source_database")
#: A citation line "Journal. 2020 Mar 13;7(1):11. doi: ..." (PubMed's CSV gives volume, issue and pages only
#: there), or a BVS source line "Rev. bras. epidemiol;8(1): 132-145, mar. 2005": after the first ";", the
#: volume, an optional "(issue)" and ":" pages; or, without pages, the volume and issue before a comma
#: ("Lancet;397(10274), 2021."). BVS writes unnumbered pages in brackets ("[1-8]"): the brackets are dropped.
_CITATION = re.compile(r";\s*(?P<volume>[^;():,\s][^;():,]*?)?\s*(?:\((?P<issue>[^()]*)\))?\s*"
                       r"(?::\s*\[?(?P<pages>[^.;,\s\[\]]+)|(?<=[\w)]),)")


def _plan(cmap: ColumnMap, headers: list[str]) -> dict:
    """For each record field, the positions of the columns to try, best first (worked out once a file)."""
    pos = {}
    for i, h in enumerate(headers):
        pos.setdefault(header_key(h), i)
    plan = {}
    for f in _FIELDS:
        cols = cmap.columns_for(f) if f in cmap.fields else GENERIC.columns_for(f)
        plan[f] = [pos[k] for k in (header_key(c) for c in cols) if k in pos]
    return plan


#: What a spreadsheet or a script writes in a cell that holds nothing (R's write.csv: an unquoted NA).
_EMPTY_CELL = frozenset({"nan", "none", "null", "na"})


def _record(cmap: ColumnMap, headers: list[str], cells: list[str], index: int, plan: dict | None = None) -> dict:
    raw = {h: cells[i] if i < len(cells) else "" for i, h in enumerate(headers)}
    plan = plan or _plan(cmap, headers)

    def get(field: str, as_exported: bool = False) -> str:
        for i in plan[field]:
            if i < len(cells):
                v = clean_text(cells[i])
                if v and v.lower() not in _EMPTY_CELL:
                    return cells[i] if as_exported else v
        return ""

    rec = empty_record()
    rec["source_index"] = index
    rec["source_id"] = get("source_id")
    rec["type"] = get("type")
    rec["title"] = get("title")
    # as exported: SciELO's double space between names is what tells them apart (split_authors cleans the rest)
    names = get("authors", as_exported=True)
    rec["authors"] = split_authors(_items(names) if cmap.lines_are_items else names, cmap.author_sep,
                                   family_first=cmap.names_family_first)
    rec["year"] = parse_year(get("year"))
    rec["journal"] = get("journal")
    rec["volume"] = _whole(get("volume"))
    rec["issue"] = _whole(get("issue"))
    start, end = _whole(get("pages_start")), _whole(get("pages_end"))
    if start or end:
        rec["pages"] = normalise_pages(f"{start}-{end}" if start and end and end != start else start or end)
        if rec["pages"][:1] == "1" and get("pages"):  # Scopus's "Art. No." beside an article's own pages 1-24
            rec["pages"] = article_pages(rec["pages"], _whole(get("pages")))
    else:
        # Web of Science's "UNSP 104007" is the article number 104007
        rec["pages"] = normalise_pages(UNSPECIFIED_ARTICLE_NUMBER.sub("", _whole(get("pages"))))
    rounded = {}  # field -> the cell a spreadsheet rounded (left out of the record; raw keeps it)
    if _ROUNDED_NUMBER.fullmatch(rec["pages"]):
        rounded["article number"], rec["pages"] = rec["pages"], ""
    # the journal column may be the source line itself (BVS "Rev. bras. epidemiol;8(1): 132-145, mar. 2005")
    journal_is_citation = bool(plan["citation"]) and plan["journal"][:1] == plan["citation"][:1]
    citation = get("citation") if journal_is_citation or not (rec["volume"] and rec["pages"]) else ""
    if citation and cmap.citation_parser:  # a database's own source line (Ovid's SO)
        parts = cmap.citation_parser(citation)
        for key in ("volume", "issue", "pages"):
            rec[key] = rec[key] or (normalise_pages(parts.get(key, "")) if key == "pages" else parts.get(key, ""))
        if parts.get("journal") and (journal_is_citation or not rec["journal"]):
            rec["journal"] = parts["journal"]
        rec["year"] = rec["year"] or parse_year(parts.get("date", ""))
        citation = ""
    m = _CITATION.search(citation) if citation else None
    if m:
        for key in ("volume", "issue"):
            rec[key] = rec[key] or (m.group(key) or "").strip()
        rec["pages"] = rec["pages"] or normalise_pages(m.group("pages") or "")
    if citation and journal_is_citation and rec["journal"] == citation and ";" in citation:
        rec["journal"] = citation.split(";", 1)[0].strip()
    rec["doi"] = normalise_doi(get("doi"))
    pmid = _whole(get("pmid"))
    if _ROUNDED_NUMBER.fullmatch(pmid):  # read as digits, "3.37E+07" would give the PubMed id 07
        rounded["PubMed id"], pmid = pmid, ""
    rec["pmid"] = _pmid(pmid) if pmid else ""
    if not rec["pmid"] and rec["source_id"].startswith("mdl-") and rec["source_id"][4:].isdigit():
        rec["pmid"] = rec["source_id"][4:]  # the Virtual Health Library's id of a MEDLINE record: mdl-<PMID>
    rec["isbn_issn"] = get("isbn_issn")
    abstract = get("abstract")
    rec["abstract"] = "" if is_null(abstract) else abstract  # Scopus: "[No abstract available]"
    keywords = []  # every keyword column (Scopus author + index keywords), not only the first filled one
    for i in plan["keywords"]:
        if i < len(cells):
            cell = _items(cells[i]) if cmap.lines_are_items else cells[i]
            keywords += [k for k in split_cell(cell, cmap.keyword_sep) if k not in keywords]
    rec["keywords"] = keywords
    # the first link of the url columns that is the record's, not an author's e-mail address or ORCID
    links = (clean_text(cells[i]) for i in plan["url"] if i < len(cells))
    rec["url"] = first_link(v for v in links if v.lower() not in _EMPTY_CELL)
    if not rec["pmid"]:  # (Rayyan keeps a PubMed record's link, not always its id)
        rec["pmid"] = pmid_in_link(rec["url"])
    if not rec["source_id"] and "scopus.com" in rec["url"]:  # a Scopus CSV saved without its EID column
        eid = _SCOPUS_EID.search(rec["url"])
        rec["source_id"] = eid.group(1) if eid else ""
    if not rec["doi"] and "scopus.com" in rec["url"] and "doi=" in rec["url"]:
        # Rayyan's CSV of Scopus records leaves its doi column empty: the DOI is only in Scopus's link
        doi = _SCOPUS_DOI.search(rec["url"])
        rec["doi"] = normalise_doi(unquote(doi.group(1))) if doi else ""
    rec["language"] = get("language")
    if plan["source_database"]:  # a column naming each record's database (BVS: LILACS, MEDLINE...)
        named = get("source_database")
        rec["source_database"] = cmap.record_database(named) if named and cmap.record_database else named
    rec["raw"] = raw
    if cmap.finish is not None:
        cmap.finish(rec)
    if rounded:  # (taken off again by parse, which says so in a warning)
        rec["_rounded"] = rounded
    return rec


def row_record(cmap: ColumnMap, headers: list[str], cells: list[str], index: int) -> dict:
    """One record from one row of cells under ``headers``, read with the column map ``cmap``: how a reader whose
    format holds the same fields as a database's CSV (Scopus's plain text) reads them as that CSV is read."""
    return _record(cmap, headers, cells, index)


def parse(text: str, path="", delimiter: str | None = None, column_map: ColumnMap | None = None) -> ParseResult:
    """Read a CSV/TSV export's text; see the module docstring.

    ``delimiter`` and ``column_map`` force what is otherwise detected (the Web of Science tab-delimited
    reader uses both).
    """
    delim, header_index, score = find_header(text, [delimiter] if delimiter else _DELIMITERS)
    if delim is None or score < 1:
        raise ImportFailure(path, "no header row with known column names (Title, Authors, Year, DOI...) in "
                                  "the first 40 rows", line=1)
    rows = _rows(text, delim)
    preamble, headers, header_line = [], None, None
    for i, (line, row) in enumerate(rows):
        if i < header_index:
            if not isinstance(row, Exception) and any(c.strip(" -;,\t") for c in row):
                preamble.append(line)
            continue
        header_line, headers, header_row = line, _headers(row), row
        break
    pop_named = None
    if headers[_POP_NAMED:_POP_NAMED + 1] == [f"column {_POP_NAMED + 1}"]:  # (a cheap look before the rows are kept)
        rows = list(rows)  # the rows after the header, read again below
        pop_named = _publish_or_perish_names(headers, [r for _, r in rows if not isinstance(r, Exception)])
        if pop_named:
            headers = pop_named
    cmap = column_map or detect_column_map(headers)
    n_named = len(headers)
    while n_named and headers[n_named - 1].startswith("column "):
        n_named -= 1  # a trailing delimiter on the header line makes an unnamed last column
    records, rejected, warnings = [], [], []
    if preamble:
        warnings.append(f"line(s) {', '.join(map(str, preamble))} above the header row (line {header_line}) "
                        f"are the export's preamble, not records")
    ends_cleanly = text.endswith("\n")
    realigned = 0
    plans: dict = {}
    data = [(line, row) for line, row in rows
            if isinstance(row, Exception) or any(_unwrap(c).strip() for c in row)]
    # the header again further down: pages of an export joined into one file (its records are read, it is not one)
    named = _named(header_row)
    repeated = [line for line, row in data if not isinstance(row, Exception) and line != header_line
                and _named(row) == named]
    if repeated:
        data = [(line, row) for line, row in data if line not in repeated]
        warnings.append(f"line(s) {', '.join(map(str, repeated))} repeat the header row (exports joined into one "
                        f"file?); not read as records")
    for k, (line, row) in enumerate(data):
        index = k + 1
        if isinstance(row, Exception):
            rejected.append(Rejected(index=index, line=line, reason=f"unreadable row: {row}"))
            continue
        cells = [_unwrap(c) for c in row]
        is_last = k == len(data) - 1
        if len(cells) < n_named:
            if is_last and _ends_in_open_quote(text, line):
                rejected.append(Rejected(index=index, line=line, reason=f"the file ends inside a quoted cell "
                                         f"of this row ({len(cells)} of {n_named} columns): cut off?"))
                continue
            if len(cells) <= max(1, n_named // 4):
                rejected.append(Rejected(index=index, line=line, reason=f"row has only {len(cells)} of "
                                         f"{n_named} columns"))
                continue
            cut = " (the file may be cut off here)" if is_last and not ends_cleanly else ""
            warnings.append(f"record {index} (line {line}): {len(cells)} of {n_named} columns; the rest "
                            f"left empty{cut}")
        row_headers = _align(headers, cells)
        if row_headers is not headers:
            realigned += 1
        key = tuple(row_headers)
        if key not in plans:
            plans[key] = _plan(cmap, row_headers)
        rec = _record(cmap, row_headers, cells, index, plans[key])
        extra = [c for c in cells[len(row_headers):] if c.strip()]
        if extra:
            rec["raw"]["_extra_cells"] = extra
            warnings.append(f"record {index} (line {line}): {len(extra)} cell(s) more than the header has; "
                            f"kept in raw")
        if not rec["title"]:
            warnings.append(f"record {index} (line {line}): no title")
        for field, cell in rec.pop("_rounded", {}).items():
            warnings.append(f"record {index} (line {line}): {field} {cell!r} was rounded by a spreadsheet "
                            f"(scientific notation) and is left out; raw keeps the cell")
        records.append(rec)
    if realigned:
        warnings.append(f"{realigned} row(s) have more 'Funding Text' cells than the header names (a known "
                        f"Scopus export fault); their columns were realigned")
    if not data:
        warnings.append(f"header row (line {header_line}) but no data rows")
    # (the unnamed columns after the last name too: a trailing delimiter on the header makes one, empty in
    # every row of a sound export; text in it is a column whose name was deleted)
    if pop_named:
        warnings.append(f"header row (line {header_line}) names only Publish or Perish's first "
                        f"{_POP_NAMED} columns; the {len(headers) - _POP_NAMED} unnamed ones after them were read as "
                        f"its next ones, in its order ({', '.join(headers[_POP_NAMED:_POP_NAMED + 3])}...)")
    warnings += _header_warnings(headers, records, header_line)
    databases = {rec["source_database"] for rec in records} if cmap.record_database else set()
    # a file whose records all name one database is named after it (an Ovid CSV of Embase records)
    database = databases.pop() if len(databases) == 1 and "" not in databases else cmap.database
    return ParseResult(records=records, found=len(data), rejected=rejected, warnings=warnings,
                       database=database)


register(FORMAT, sniff, parse, "CSV/TSV table")
