"""RIS exports in their database dialects, and the record builder every tagged format shares.

Reading is done by :class:`RisScanner`, a :class:`rispy.RisParser` configured by the tag tables in
:mod:`synthesis.io.config`. It keeps rispy's idea of a tag line (two upper-case characters, two spaces,
a dash) and its list tags, but scans the text in one pass that also remembers where each record starts,
so that a record can be named by its line; and it never drops anything silently:

* text between records (Ovid's bare record numbers ``3001.``, ``Link to the Ovid Full Text`` lines,
  Cochrane's ``Record #1 of 20`` headers, an APA ``Provider:``/``Database:`` preamble) is kept in the
  neighbouring record's ``raw`` (``_number``, ``_after``, ``_before``);
* a tag line after ``ER`` (Ovid writes ``NL`` there) still belongs to the record it follows;
* untagged continuation lines extend the tag above (one more keyword for list tags such as ``KW``,
  a new line of text for an abstract);
* four-letter tags such as APA PsycNET's ``PMID  -`` are read like two-letter ones;
* a record whose ``ER`` never comes (a truncated file) is rejected with its line number.

Examples
--------
>>> result = parse("TY  - JOUR\\nTI  - A trial\\nAU  - Smith, John\\nPY  - 2020\\nER  - \\n", "a.ris")
>>> result.found, result.records[0]["title"], result.records[0]["authors"], result.records[0]["year"]
(1, 'A trial', ['Smith, J.'], 2020)
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

import rispy

from ... import normalise as nm
from .. import config
from ..base import ParseResult, Rejected

FORMAT = "ris"

_LONG_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3})  ?-(?: (.*)|\s*)$")
_RECORD_NUMBER = re.compile(r"\d+\.?\s*$")
_TY_LINE = re.compile(r"^TY  - ", re.M)
_ER_LINE = re.compile(r"^ER  -", re.M)
_EID = re.compile(r"eid=(2-s2\.0-\d+)")
_URL_AN = re.compile(r"[?&]AN=([^&\s]+)")
_URL_STARTS = ("http://", "https://", "ftp://", "www.")
_DIGITS = re.compile(r"\d+")
_EMAIL_IN_PARENS = re.compile(r"\s*\([^)]*@[^)]*\)")


# ------------------------------------------------------------------------------------------- scanning
@dataclass
class Scan:
    """What a scanner found: one tag dict per record, where each starts, and what was odd."""

    records: list[dict] = field(default_factory=list)  # tag -> str or list of str
    lines: list[int] = field(default_factory=list)  # 1-based line where each record starts
    unterminated: dict[int, str] = field(default_factory=dict)  # record position (0-based) -> reason
    warnings: list[str] = field(default_factory=list)


def add_value(record: dict, tag: str, value: str, list_tags) -> None:
    """Add one tag line's value: list tags collect items, a repeated text tag becomes a list."""
    if tag in list_tags:
        if value:
            items = record.get(tag)
            if items is None:
                record[tag] = [value]
            else:
                items.append(value)
        return
    old = record.get(tag)
    if old is None:
        record[tag] = value
    elif isinstance(old, list):
        old.append(value)
    else:
        record[tag] = [old, value]


def continue_value(record: dict, tag, text: str, list_tags) -> None:
    """Add an untagged continuation line to the tag above it."""
    if tag is None:
        record.setdefault("_text", []).append(text)
    elif tag in list_tags:
        record.setdefault(tag, []).append(text)
    else:
        old = record.get(tag)
        if isinstance(old, list):
            old[-1] = f"{old[-1]}\n{text}" if old[-1] else text
        else:
            record[tag] = f"{old}\n{text}" if old else text


def keep_between(scan: Scan, between: list[str], new_record: dict | None) -> None:
    """File text outside records: record numbers go to the next record, the rest to the one before.

    ``new_record`` is the record just opened (already in ``scan.records``), or None at the end of the file.
    """
    n = len(scan.records) - (1 if new_record is not None else 0)
    prev = scan.records[n - 1] if n > 0 else None
    for text in between:
        if new_record is not None and _RECORD_NUMBER.match(text):
            new_record["_number"] = text.rstrip(". ")
        elif prev is not None:
            prev.setdefault("_after", []).append(text)
        elif new_record is not None:
            new_record.setdefault("_before", []).append(text)
    between.clear()


class RisScanner(rispy.RisParser):
    """rispy's RIS parser, configured from :mod:`synthesis.io.config`, scanning with line numbers.

    rispy's test of a tag line (two upper-case characters, two spaces, a dash) and its list tags are kept;
    the scan itself is one regular expression over the whole text that yields each tag with its value
    and any untagged lines below it, so the Python loop runs once per field rather than once per line
    (that is what makes it faster than rispy's own loop). ``parse`` (rispy's interface) returns the tag
    dicts; :meth:`scan` returns a :class:`Scan`.
    """

    START_TAG = "TY"
    END_TAG = "ER"
    DEFAULT_LIST_TAGS = config.RIS_LIST_TAGS
    #: A tag line with its value, and the untagged lines that follow it (group 3, may be "").
    FIELD = re.compile(r"^([A-Z][A-Z0-9]{1,3})  -[ \t]?([^\n]*)((?:\n(?![A-Z][A-Z0-9]{1,3}  -)[^\n]*)*)", re.M)

    def __init__(self, **kw):
        # Every tag keeps its own name (the record table maps them later) and nothing is skipped.
        kw.setdefault("skip_unknown_tags", False)
        kw.setdefault("enforce_list_tags", False)
        super().__init__(**kw)
        self.list_tags = frozenset(self.list_tags)

    def parse(self, text: str) -> list[dict]:
        return self.scan(text).records

    def scan(self, text: str) -> Scan:
        scan = Scan()
        records = scan.records
        list_tags = self.list_tags
        start, end = self.START_TAG, self.END_TAG
        cur = None  # the open record
        after = None  # the record just closed by ER (tag lines may still follow it, e.g. Ovid's NL)
        between: list[str] = []  # file text outside records, placed when the next record opens
        no_end = []  # records closed by the next TY instead of ER
        first = self.FIELD.search(text)
        if first is None:
            return scan
        if first.start():
            between.extend(t for t in (ln.strip() for ln in text[: first.start()].split("\n")) if t)
        for tag, value, more in self.FIELD.findall(text, first.start()):
            value = value.strip()
            if cur is None:
                if tag == start:
                    cur = {start: value}
                    records.append(cur)
                    if between:
                        keep_between(scan, between, cur)
                    if more:
                        _extend(cur, "_text", more, list_tags)
                    after = None
                elif tag == end:
                    if more:
                        between.extend(t for t in (ln.strip() for ln in more.split("\n")) if t)
                elif after is not None and not between:
                    add_value(after, tag, value, list_tags)
                    if more:
                        between.extend(t for t in (ln.strip() for ln in more.split("\n")) if t)
                else:
                    between.append(f"{tag}  - {value}")
                    if more:
                        between.extend(t for t in (ln.strip() for ln in more.split("\n")) if t)
                continue
            if tag == end:
                after, cur = cur, None
                if more:
                    between.extend(t for t in (ln.strip() for ln in more.split("\n")) if t)
                continue
            if tag == start:
                no_end.append(len(records))
                cur = {start: value}
                records.append(cur)
                continue
            # add_value, inlined: this line runs once per field of the file.
            if tag in list_tags:
                if value:
                    items = cur.get(tag)
                    if items is None:
                        cur[tag] = [value]
                    else:
                        items.append(value)
            else:
                old = cur.get(tag)
                if old is None:
                    cur[tag] = value
                elif isinstance(old, list):
                    old.append(value)
                else:
                    cur[tag] = [old, value]
            if more:
                _extend(cur, tag, more, list_tags)
        if between:
            keep_between(scan, between, None)
        if cur is not None:
            scan.unterminated[len(records) - 1] = ("the file ends inside this record (no ER line): "
                                                   "truncated export?")
        scan.lines = line_numbers(text, f"{start}  -")
        for n in no_end:
            scan.warnings.append(f"record {n} (line {scan.lines[n - 1]}) has no ER line; it ends where "
                                 f"the next record starts (line {scan.lines[n]})")
        return scan


def _extend(record: dict, tag: str, more: str, list_tags) -> None:
    """Untagged lines below a tag: more items of a list tag, more lines of a text tag."""
    for line in more.split("\n"):
        line = line.strip()
        if line:
            continue_value(record, tag, line, list_tags)


def line_numbers(text: str, marker: str) -> list[int]:
    """1-based numbers of the lines that start with ``marker`` (the records' first lines).

    A plain ``str.find`` loop: a multi-line regular expression would test every character.
    """
    out, pos, line = [], 0, 1
    if text.startswith(marker):
        out.append(1)
    needle = "\n" + marker
    at = text.find(needle)
    while at >= 0:
        line += text.count("\n", pos, at + 1)
        pos = at + 1
        out.append(line)
        at = text.find(needle, pos)
    return out


# ------------------------------------------------------------------------------------ record building
_NULLS = config.NULL_VALUES
_HTML_TAG = re.compile(r"</?(?:i|b|em|strong|sup|sub|u|inf|scp|span|p|br|jats:[a-z]+|mml:[a-z]+)\b[^>]*>", re.I)
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)


def is_null(value: str) -> bool:
    """Whether a value is one of the placeholders tools write for "nothing" (``NA``, ...)."""
    return len(value) < 30 and value.strip().lower() in _NULLS


# UTF-8 read as windows-1252 and saved again ("Â\xa0" for a no-break space, "Ã©" for "é"): a lead byte
# C2-F4 shown as one of these characters, then one to three continuation bytes shown as cp1252 characters.
_CP1252_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152" \
               "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONT}]{{1,3}}")


def _unmangle(m: re.Match) -> str:
    try:
        return m.group(0).encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)


def fix_mojibake(value: str) -> str:
    """Repair UTF-8 text that was once decoded as windows-1252 (``"aÂ\xa0Century"``, ``"CafÃ©"``).

    Only sequences that decode as valid UTF-8 are changed, so real ``Ã`` or ``Â`` stay.

    >>> fix_mojibake("CafÃ© au lait, SÃO PAULO")
    'Café au lait, SÃO PAULO'
    """
    return _MOJIBAKE.sub(_unmangle, value)


def clean(value: str) -> str:
    """:func:`synthesis.normalise.clean_text` for one string, with the same result, several times faster.

    Entities and inline tags are only looked for when an ``&`` or ``<`` is there, and whitespace is
    collapsed with ``str.split`` (the regular expression costs most of the time on abstracts).

    >>> clean("  Caf&eacute;  <i>au</i>\\n lait ")
    'Café au lait'
    """
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _HTML_TAG.sub("", value)
    if "\ufeff" in value:
        value = value.replace("\ufeff", "")
    if "\u00c2" in value or "\u00c3" in value or "\u00e2" in value:
        value = fix_mojibake(value)
    return " ".join(value.split())


def first(tags: dict, keys) -> str:
    """The first usable value among ``keys`` (a list value gives its first usable item).

    Placeholders such as ``NA`` are skipped; they are short, so only short values are checked.
    """
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        if value.__class__ is list:
            for item in value:
                if item and (len(item) > 29 or not is_null(item)):
                    return item
        elif len(value) > 29 or not is_null(value):
            return value
    return ""


def plain(tags: dict, keys) -> str:
    """The first value among ``keys``, without the placeholder check (for short code-like fields)."""
    for key in keys:
        value = tags.get(key)
        if value:
            return value if value.__class__ is str else value[0]
    return ""


def values(tags: dict, keys) -> list[str]:
    """Every value of ``keys``, lists flattened, in order."""
    out = []
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        if value.__class__ is list:
            out.extend(v for v in value if v)
        else:
            out.append(value)
    return out


_NORMALISED_AUTHOR = re.compile(r"[^,]+, [^\W\d_]\.(?:[ -][^\W\d_]\.)*")


@lru_cache(maxsize=65536)
def author(name: str) -> str:
    """One normalised author (cached: the same names recur within and across exports).

    A name already written ``Family, I. J.`` (or ``Family, J.-P.``) is kept, so that re-importing an
    export gives the same authors.

    >>> author("Lebreton, J.-D."), author("Lebreton, Jean-Dominique"), author("Stillman, Andrew N. (a@b.edu)")
    ('Lebreton, J.-D.', 'Lebreton, J.-D.', 'Stillman, A. N.')
    """
    if _NORMALISED_AUTHOR.fullmatch(name):
        return name
    if "@" in name:
        name = _EMAIL_IN_PARENS.sub("", name)
    return nm.normalise_author(name)


@lru_cache(maxsize=16384)
def short_text(value: str) -> str:
    """:func:`clean` for short, often repeated values (journals, types, languages), cached."""
    return clean(value)


def keywords(items) -> list[str]:
    """Keywords as a list: ``;``-separated values split, placeholders dropped.

    >>> keywords(["fire; smoke", "NA", "Caf&eacute;"])
    ['fire', 'smoke', 'Café']
    """
    if not items:
        return []
    joined = "\x1f".join(items)
    if ";" in joined:
        joined = joined.replace(";", "\x1f")
    if "&" in joined or "<" in joined or "\u00c3" in joined or "\u00c2" in joined:
        parts = [clean(p) for p in joined.split("\x1f")]
    else:
        parts = [" ".join(p.split()) for p in joined.split("\x1f")]
    return [p for p in parts if p and (len(p) > 29 or not is_null(p))]


def doi_in(value: str) -> str:
    """The DOI in a value, normalised like :func:`synthesis.normalise.normalise_doi`; URL escapes decoded.

    >>> doi_in("http://dx.doi.org/10.1016/0376-8716%2876%2990010-7")
    '10.1016/0376-8716(76)90010-7'
    """
    if "%" in value:
        value = unquote(value)
    if "&" in value:
        return nm.normalise_doi(value)
    m = _DOI.search(value)
    return m.group(0).rstrip(".,;)]}'\"").lower() if m else ""


def find_doi(tags: dict, keys, url_tags=config.URL_TAGS) -> str:
    """The first DOI in ``keys``; a URL only counts when it points at a DOI resolver."""
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        for v in (value if value.__class__ is list else (value,)):
            if "10." not in v or (key in url_tags and "doi.org/" not in v.lower()):
                continue
            doi = doi_in(v)
            if doi:
                return doi
    return ""


def find_pmid(tags: dict, keys) -> str:
    """A PubMed id: a ``PMID`` tag, a value marked ``[PMID]``, or the accession number of an NLM record."""
    medline = None
    for key in keys:
        for value in values(tags, (key,)):
            if key in ("PMID", "PM") or "PMID" in value.upper():
                m = _DIGITS.search(value)
                if m:
                    return m.group(0)
            elif key == "AN" and value.isdigit():
                if medline is None:
                    medline = _from_medline(tags)
                if medline:
                    return value
    if ("DB" in tags or "DP" in tags) and (medline if medline is not None else _from_medline(tags)):
        for url in values(tags, ("L2", "UR")):
            m = _URL_AN.search(url)
            if m and m.group(1).isdigit():
                return m.group(1)
    return ""


def _from_medline(tags: dict) -> bool:
    source = f"{first(tags, ('DB',))} {first(tags, ('DP',))}".lower()
    return "nlm" in source or "medline" in source or "pubmed" in source


def build_record(tags: dict, columns: dict, index: int) -> dict:
    """A record-table row from one record's tags, using a column -> tags table of :mod:`config`.

    ``raw`` is the tag dict itself, so every tag the file gave is kept as written.
    """
    get = columns.get
    names = ()
    for key in get("authors", ()):
        names = tags.get(key)
        if names:
            break
    if names.__class__ is str:
        names = [names]
    if "pages" in columns:
        pages = first(tags, columns["pages"])
    else:
        sp, ep = first(tags, get("start_page", ())), first(tags, get("end_page", ()))
        pages = f"{sp}-{ep}" if sp and ep and "-" not in sp else (sp or ep)
        if not pages:
            pages = first(tags, get("article_number", ()))
    urls = values(tags, get("url", ()))
    return {
        "source_index": index,
        "raw": tags,
        "type": short_text(plain(tags, get("type", ()))),
        "title": clean(first(tags, get("title", ()))),
        "authors": [a for a in map(author, names or ()) if a],
        "year": nm.parse_year(plain(tags, get("year", ()))),
        "journal": short_text(first(tags, get("journal", ()))),
        "volume": short_text(plain(tags, get("volume", ()))),
        "issue": short_text(plain(tags, get("issue", ()))),
        "pages": "" if not pages or is_null(pages) else nm.normalise_pages(pages),
        "doi": find_doi(tags, get("doi", ())),
        "pmid": find_pmid(tags, get("pmid", ())),
        "isbn_issn": short_text(plain(tags, get("isbn_issn", ()))),
        "abstract": clean(first(tags, get("abstract", ()))),
        "keywords": keywords(values(tags, get("keywords", ()))),
        # A web link first; else whatever the URL tag itself holds (EndNote's "<Go to ISI>://WOS:...").
        "url": next((u.strip() for u in urls if u.startswith(_URL_STARTS)),
                    plain(tags, config.LINK_TAGS).strip() if urls else ""),
        "language": short_text(plain(tags, get("language", ()))),
        "source_id": short_text(plain(tags, get("source_id", ()))),
    }


def has_content(tags: dict, ignore=("TY", "PT", "%0", "_number", "_before", "_after")) -> bool:
    """Whether a record has any field besides its type marker."""
    return any(v for k, v in tags.items() if k not in ignore)


def finish(scan: Scan, columns: dict, fmt_label: str, post=None) -> ParseResult:
    """Turn a :class:`Scan` into a :class:`ParseResult`: build rows, reject what cannot be a record."""
    out = ParseResult(records=[], found=len(scan.records), warnings=list(scan.warnings))
    for pos, tags in enumerate(scan.records):
        index, line = pos + 1, scan.lines[pos]
        if pos in scan.unterminated:
            out.rejected.append(Rejected(index, scan.unterminated[pos], line))
            continue
        if not has_content(tags):
            out.rejected.append(Rejected(index, f"empty {fmt_label} record: no fields besides its type", line))
            continue
        rec = build_record(tags, columns, index)
        if post is not None:
            post(rec, tags)
        if not rec["title"]:
            out.warnings.append(f"record {index} (line {line}) has no title; imported anyway")
        out.records.append(rec)
    return out


# ---------------------------------------------------------------------------------------- the reader
def _ris_post(rec: dict, tags: dict) -> None:
    if not rec["source_id"] or rec["source_id"] == first(tags, ("ID",)):
        # Scopus keeps its EID in the URL, Ovid its accession number in the link.
        for url in values(tags, ("UR", "L2")):
            m = _EID.search(url) or _URL_AN.search(url)
            if m:
                rec["source_id"] = m.group(1)
                break


def sniff(text: str, path="") -> int:
    """RIS when ``TY  -`` lines open records; ``ER  -`` lines make it sure."""
    head = text[:50000]
    if not _TY_LINE.search(head):
        return 0
    score = 80 + (10 if _ER_LINE.search(head) else 0)
    return score + (5 if str(path).lower().endswith((".ris", ".ovid")) else 0)


def parse(text: str, path="") -> ParseResult:
    """Read a RIS export (any dialect listed in the module docstring)."""
    return finish(RisScanner().scan(text), config.RIS_COLUMNS, "RIS", _ris_post)
