"""Write a record table back out: RIS and BibTeX for reference managers, CSV for everything else.

Use these to send the deduplicated or included records back to Zotero, EndNote, Mendeley or JabRef, or to
keep the record table as a file.

* :func:`write_ris` - rispy's RIS writer (Zotero, EndNote, Mendeley, Rayyan and Covidence all read it).
  Tags: ``TY`` type, ``TI`` title, ``AU`` one line per author, ``PY`` year, ``T2`` journal, ``VL``, ``IS``,
  ``SP``/``EP`` pages, ``DO`` DOI, ``AB`` abstract, ``KW`` one line per keyword, ``SN``, ``UR``, ``LA``,
  ``AN`` the source's own id, ``DB`` the source database, ``U1`` the PubMed id as ``123 [PMID]``.
* :func:`write_bibtex` - bibtexparser 2. Keys are ``family + year + first title word`` made unique;
  ``&``, ``%``, ``#``, ``$``, ``~`` and ``--`` are escaped for LaTeX; an organisation as author is braced so that an ``and``
  inside its name does not split it.
* :func:`write_csv` / :func:`read_csv` - the record table as UTF-8 CSV, one row per record, the columns of
  :data:`synthesis.records.RECORD_COLUMNS`. **Lists** (``authors``, ``keywords``) are joined with ``"; "``
  (authors contain ``", "`` themselves; keywords never contain ``";"`` because the readers split on it),
  which keeps the file readable in a spreadsheet. **raw** is JSON. ``read_csv`` turns such a file back
  into the same record table.

Examples
--------
>>> import tempfile, pathlib
>>> from synthesis.records import make_record_table
>>> table = make_record_table([{"title": "A trial", "authors": ["Smith, J."], "year": 2020, "journal": "Trials",
...                             "doi": "10.1000/x", "source_file": "a.ris", "source_index": 1}])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "out.ris"
>>> write_ris(table, path)
1
>>> print(path.read_text().splitlines()[:4])
['TY  - JOUR', 'TI  - A trial', 'AU  - Smith, J.', 'PY  - 2020']
"""
from __future__ import annotations

import json
import re
from pathlib import Path
import pandas as pd

from ..records import LIST_COLUMNS, RECORD_COLUMNS, make_record_table
from .safe import neutralise_table, restore_table, safe_url

__all__ = ["write_ris", "write_bibtex", "write_csv", "read_csv", "LIST_SEPARATOR"]

#: How list columns are joined in CSV.
LIST_SEPARATOR = "; "

#: Words in a record's type -> RIS type. Types that already are RIS codes are kept.
RIS_TYPES = [
    ("chapter", "CHAP"), ("book section", "CHAP"), ("incollection", "CHAP"), ("inbook", "CHAP"),
    ("book review", "JOUR"),  # Web of Science's and Scopus's type of a review of a book, in a journal
    ("book", "BOOK"), ("conference", "CONF"), ("proceeding", "CONF"), ("inproceedings", "CONF"),
    ("thesis", "THES"), ("dissertation", "THES"), ("report", "RPRT"), ("patent", "PAT"),
    ("web", "ELEC"), ("preprint", "JOUR"), ("review", "JOUR"), ("article", "JOUR"), ("journal", "JOUR"),
]
#: Web of Science's publication type codes (``PT``), a record's type where its export leaves the document type
#: empty: J journal, B book, S book series, P patent, C conference proceedings.
WOS_PUBLICATION_TYPES = {"J": "JOUR", "B": "BOOK", "S": "SER", "P": "PAT", "C": "CONF"}
RIS_CODES = frozenset({"ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART",
                       "CLSWK", "COMP", "CONF", "CPAPER", "CTLG", "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK",
                       "EJOUR", "ELEC", "ENCYC", "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR", "ICOMM", "INPR",
                       "JFULL", "JOUR", "LEGAL", "MANSCPT", "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS",
                       "PAMP", "PAT", "PCOMM", "RPRT", "SER", "SLIDE", "SOUND", "STAND", "STAT", "THES", "UNBILL",
                       "UNPB", "VIDEO"})
#: RIS type -> BibTeX entry type.
BIBTEX_TYPES = {"JOUR": "article", "EJOUR": "article", "MGZN": "article", "NEWS": "article", "BOOK": "book",
                "EBOOK": "book", "EDBOOK": "book", "CHAP": "incollection", "ECHAP": "incollection",
                "CONF": "inproceedings", "CPAPER": "inproceedings", "THES": "phdthesis", "RPRT": "techreport"}


def _rows(records) -> list[dict]:
    if isinstance(records, pd.DataFrame):
        return records.to_dict("records")
    return [dict(r) for r in records]


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _year(value) -> str:
    text = _text(value)
    return text[:-2] if text.endswith(".0") else text


def ris_type(rec: dict) -> str:
    """The RIS type of a record: its own if it is a RIS code or Web of Science's code, else from words in its type,
    else JOUR/GEN."""
    kind = _text(rec.get("type")).strip()
    if kind.upper() in RIS_CODES:
        return kind.upper()
    if kind in WOS_PUBLICATION_TYPES:  # a proceedings paper typed "C" was written as a journal article
        return WOS_PUBLICATION_TYPES[kind]
    low = kind.lower()
    for word, code in RIS_TYPES:
        if word in low:
            return code
    return "JOUR" if _text(rec.get("journal")) else "GEN"


def _pages(pages: str) -> tuple[str, str]:
    if "-" in pages:
        sp, ep = pages.split("-", 1)
        return sp.strip(), ep.strip()
    return pages, ""


#: Record-table column -> RIS tag written for it (``pages`` becomes ``SP``/``EP``, ``pmid`` ``U1``).
RIS_EXPORT_TAGS = {"type": "TY", "title": "TI", "authors": "AU", "year": "PY", "journal": "T2", "volume": "VL",
                   "issue": "IS", "start_page": "SP", "end_page": "EP", "doi": "DO", "abstract": "AB",
                   "keywords": "KW", "isbn_issn": "SN", "url": "UR", "language": "LA", "source_id": "AN",
                   "source_database": "DB", "pmid": "U1"}
_RIS_LIST_TAGS = ["AU", "KW", "UR"]


def ris_entry(rec: dict) -> dict:
    """One record as a rispy entry keyed by lower-case RIS tags, only the fields that have a value."""
    return ris_entries({k: [v] for k, v in rec.items()}, 1)[0]


#: The fields of a rispy entry, in the order they are written.
_RIS_FIELDS = ("type", "title", "authors", "year", "journal", "volume", "issue", "start_page", "end_page", "doi",
               "abstract", "keywords", "isbn_issn", "url", "language", "source_id", "source_database", "pmid")


def ris_entries(columns, n: int) -> list[dict]:
    """:func:`ris_entry` of ``n`` records given column by column (a record table, or a dict of lists).

    Each column is converted in one pass, which is several times faster than record by record (a record
    table need not be turned into row dicts first).
    """
    def values(name) -> list:  # a column as a list (missing: empty)
        if name not in columns:
            return [None] * n
        col = columns[name]
        return col.tolist() if hasattr(col, "tolist") else list(col)

    def texts(name) -> list:  # a text column, each value on one line
        return [_one_line(v) if v else v for v in (v if v.__class__ is str else _text(v) for v in values(name))]

    def lists(name) -> list:  # a list column (authors, keywords), each item on one line
        return [[_one_line(str(x)) for x in v] if v else [] for v in values(name)]

    text = {name: texts(name) for name in ("title", "journal", "volume", "issue", "doi", "abstract", "isbn_issn",
                                           "language", "source_id", "source_database")}
    kinds: dict = {}  # (type, has a journal) -> RIS type: types repeat
    types = []
    for kind, journal in zip((_text(v) for v in values("type")), text["journal"]):
        key = (kind, bool(journal))
        if key not in kinds:
            kinds[key] = ris_type({"type": kind, "journal": journal})
        types.append(kinds[key])
    pages = [_pages(_text(p)) for p in values("pages")]
    fields = {
        "type": types, "title": text["title"], "authors": lists("authors"),
        "year": [_year(y) for y in values("year")], "journal": text["journal"], "volume": text["volume"],
        "issue": text["issue"], "start_page": [_one_line(sp) for sp, _ in pages],
        "end_page": [_one_line(ep) for _, ep in pages], "doi": text["doi"], "abstract": text["abstract"],
        "keywords": lists("keywords"), "isbn_issn": text["isbn_issn"],
        "url": [[_one_line(u)] if u else [] for u in (safe_url(_text(v)) for v in values("url"))],
        "language": text["language"], "source_id": text["source_id"], "source_database": text["source_database"],
        "pmid": [_one_line(f"{p} [PMID]") if p else "" for p in (_text(v) for v in values("pmid"))],
    }
    tags = [RIS_EXPORT_TAGS[k].lower() for k in _RIS_FIELDS]
    return [{tag: v for tag, v in zip(tags, row) if v} for row in zip(*(fields[k] for k in _RIS_FIELDS))]


_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _one_line(value: str) -> str:
    """A value is one line (a line break in it would start a new tag, or a new entry, in the file written);
    values the readers cleaned have no line breaks and stay as they are."""
    return " ".join(value.split()) if _LINE_BREAKS.search(value) else value


def write_ris(records, path) -> int:
    """Write records (a record table or record dicts) as RIS with rispy; returns how many were written."""
    if isinstance(records, pd.DataFrame):
        count, text = len(records), ris_text(records)
    else:
        rows = _rows(records)
        count, text = len(rows), _ris_dump([ris_entry(r) for r in rows])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return count


def ris_text(records: pd.DataFrame) -> str:
    """A record table as the RIS text :func:`write_ris` writes: entries separated by a blank line."""
    return _ris_dump(ris_entries(records, len(records)))


def _ris_dump(entries: list) -> str:
    import rispy
    from rispy.writer import RisWriter

    class _Writer(RisWriter):
        REFERENCE_TYPE_KEY = "ty"

        def set_header(self, count):  # rispy numbers records ("1."); reference managers do not need it
            return ""

    mapping = {tag: tag.lower() for tag in RIS_EXPORT_TAGS.values()}
    return rispy.dumps(entries, implementation=_Writer, mapping=mapping, list_tags=_RIS_LIST_TAGS,
                       delimiter_tags_mapping={})


_UNSAFE_KEY = re.compile(r"[^A-Za-z0-9]+")
_LATEX_SPECIAL = re.compile(r"(?<!\\)([&%#$])")


def _latex(value: str) -> str:
    value = _one_line(value)
    if "{" in value or "}" in value:
        # The table holds decoded text, so a brace is a literal brace. Written bare, one that closes more than
        # was opened ends the field early ("}, author = {..." would add a field), one left open swallows the
        # rest of the file, and balanced ones would vanish as LaTeX grouping: LaTeX's brace macros read back
        # as the braces.
        value = re.sub(r"[{}]", lambda m: r"{\textbraceleft}" if m.group(0) == "{" else r"{\textbraceright}", value)
    value = _LATEX_SPECIAL.sub(r"\\\1", value)
    if "~" in value:  # a bare ~ is a LaTeX no-break space
        value = value.replace("~", r"{\textasciitilde}")
    if "--" in value:  # -- and --- are LaTeX dashes; keep the hyphens as written
        value = value.replace("--", r"-\/-")
    return value


def _nested(value: str) -> bool:
    """Whether every ``}`` closes a ``{`` before it and every ``{`` is closed."""
    depth = 0
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _bib_verbatim(value: str) -> str:
    """A field written as is (a DOI, a link): one line, and no brace that could end or open a field."""
    value = _one_line(value)
    return value if _nested(value) else value.replace("{", "%7B").replace("}", "%7D")


def _bib_author(name: str) -> str:
    # "Family, I. J." is what BibTeX expects; anything else (a group, an odd name with two commas) is
    # braced so that it comes back as written.
    return name if name.count(",") == 1 else "{" + name + "}"


def _fold(text: str) -> str:
    from ..normalise import fold_accents

    return _UNSAFE_KEY.sub("", fold_accents(text))


def bibtex_key(rec: dict, taken: set) -> str:
    """``family + year + first title word``, ASCII, made unique with a, b, c... ; ``record`` if nothing."""
    authors = list(rec.get("authors") or [])
    family = _fold(authors[0].split(",")[0]) if authors else ""
    words = [w for w in re.findall(r"[^\W\d_]+", _text(rec.get("title"))) if len(w) > 3]
    key = f"{family.lower()}{_year(rec.get('year'))}{_fold(words[0]).lower() if words else ''}" or "record"
    unique, n = key, 0
    while unique in taken:
        n += 1
        unique = key + (chr(ord("a") + n - 1) if n <= 26 else str(n))
    taken.add(unique)
    return unique


def write_bibtex(records, path) -> int:
    """Write records as BibTeX (UTF-8) with bibtexparser 2; returns how many were written."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    taken: set = set()
    rows = _rows(records)
    for rec in rows:
        kind = BIBTEX_TYPES.get(ris_type(rec), "misc")
        sp, ep = _pages(_text(rec.get("pages")))
        # Where the journal column goes: the field each entry type has for "published in".
        venue = {"inproceedings": "booktitle", "incollection": "booktitle", "book": "series",
                 "phdthesis": "series", "techreport": "series"}.get(kind, "journal")
        values = [
            ("title", _latex(_text(rec.get("title")))),
            ("author", " and ".join(_bib_author(_latex(a)) for a in rec.get("authors") or [])),
            ("year", _year(rec.get("year"))),
            (venue, _latex(_text(rec.get("journal")))),
            ("volume", _latex(_text(rec.get("volume")))),
            ("number", _latex(_text(rec.get("issue")))),
            ("pages", f"{_latex(sp)}--{_latex(ep)}" if ep else _latex(sp)),
            ("doi", _bib_verbatim(_text(rec.get("doi")))),
            ("pmid", _bib_verbatim(_text(rec.get("pmid")))),
            ("issn", _bib_verbatim(_text(rec.get("isbn_issn")))),
            ("abstract", _latex(_text(rec.get("abstract")))),
            ("keywords", _latex(LIST_SEPARATOR.join(rec.get("keywords") or []))),
            ("url", _bib_verbatim(safe_url(_text(rec.get("url"))))),
            ("language", _latex(_text(rec.get("language")))),
        ]
        fields = [Field(k, v) for k, v in values if v]
        library.add(Entry(kind, bibtex_key(rec, taken), fields))
    Path(path).write_text(bibtexparser.write_string(library), encoding="utf-8")
    return len(rows)


def write_csv(records, path, neutralise: bool = True) -> int:
    """Write the record table as CSV (lists ``"; "``-joined, ``raw`` as JSON); returns the number of rows.

    Columns beyond the record table's (``group_id``, ``search_round``, ...) are kept after them. Cells a
    spreadsheet would run as a formula are neutralised (:mod:`synthesis.io.safe`; :func:`read_csv` restores
    them) unless ``neutralise=False`` (for a caller that neutralises the file itself); only ``http(s)`` and
    ``doi`` links are kept in ``url``.
    """
    out = csv_cells(records)
    if neutralise:
        out = neutralise_table(out)
    # "\n" on every platform (pandas would write "\r\n" on Windows): the same file everywhere
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return len(out)


#: ``json.dumps(value, ensure_ascii=False, default=str)``, with one encoder for every row (``dumps`` makes one
#: per call when given options).
_RAW_JSON = json.JSONEncoder(ensure_ascii=False, default=str).encode


def csv_cells(records) -> pd.DataFrame:
    """The record table as :func:`write_csv` writes it (before neutralising): the record table's columns, then
    the others, lists joined with ``"; "``, ``raw`` as JSON, unsafe links emptied."""
    table = records if isinstance(records, pd.DataFrame) else make_record_table(records)
    extra = [c for c in table.columns if c not in RECORD_COLUMNS]
    out = table.reindex(columns=RECORD_COLUMNS + extra).copy()
    for col in list(LIST_COLUMNS) + extra:
        if col in LIST_COLUMNS or any(isinstance(v, (list, tuple)) for v in out[col]):
            out[col] = [LIST_SEPARATOR.join(map(str, v)) if isinstance(v, (list, tuple)) else _text(v)
                        for v in out[col]]
    out["raw"] = [_RAW_JSON(v if isinstance(v, dict) else {}) for v in out["raw"]]
    out["url"] = [safe_url(_text(v)) for v in out["url"]]
    return out


def read_csv(path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv` back into a record table (lists and ``raw`` restored)."""
    table = restore_table(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"))
    missing = [c for c in RECORD_COLUMNS if c not in table.columns]
    if missing:
        from .base import ImportFailure

        raise ImportFailure(path, f"not a record table: columns missing: {', '.join(missing)}", line=1)
    rows = table.to_dict("records")
    for row in rows:
        for col in LIST_COLUMNS:
            row[col] = [v for v in row[col].split(LIST_SEPARATOR) if v] if row[col] else []
        row["raw"] = json.loads(row["raw"]) if row["raw"] else {}
        row["source_index"] = int(row["source_index"] or 0)
    return make_record_table(rows)


def read_back(path, fmt: str | None = None) -> pd.DataFrame:
    """Read an exported file back: CSV with :func:`read_csv`, RIS/BibTeX through the import readers."""
    if str(path).lower().endswith(".csv") and fmt in (None, "csv_table"):
        return read_csv(path)
    from . import read_file

    return read_file(path, format=fmt)[0]

