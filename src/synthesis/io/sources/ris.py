"""RIS exports in their database dialects, and the record builder every tagged format shares.

Reading is done by :class:`RisScanner`, a :class:`rispy.RisParser` configured by the tag tables in
:mod:`synthesis.io.config`. It keeps rispy's idea of a tag line (two upper-case characters, two spaces,
a dash) and its list tags, but scans the text in one pass, 64k characters at a time, that also remembers
where each record starts, so that a record can be named by its line; and it never drops anything silently:

* text between records is kept in the neighbouring record's ``raw``: a record number (Ovid's ``3001.``,
  Cochrane's ``Record #3 of 20``) as the next record's ``_number``; other lines (``Link to the Ovid Full
  Text``...) as the previous record's ``_after``; an APA ``Provider:``/``Database:`` preamble as the first
  record's ``_before``;
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
from operator import itemgetter
from urllib.parse import unquote

import rispy

from ...collector import with_frozen_heap
from ... import normalise as nm
from .. import config
from ..base import ParseResult, Rejected

FORMAT = "ris"

# A record number between records: Ovid's "3001." or Cochrane's "Record #3 of 20".
_RECORD_NUMBER = re.compile(r"(?:Record #)?(\d+)\.?(?: of \d+)?\s*$")
_EID = re.compile(r"eid=(2-s2\.0-\d+)")
_URL_AN = re.compile(r"[?&]AN=([^&\s]+)")
_URL_STARTS = ("http://", "https://", "ftp://", "www.")
_DIGITS = re.compile(r"\d+")
_EMAIL_IN_PARENS = re.compile(r"\s*\([^)]*@[^)]*\)")


# ------------------------------------------------------------------------------------------- scanning
@dataclass
class Scan:
    """What a scanner found: one tag dict per record, where each starts, and what was odd.

    A scanner may leave :attr:`lines` to be found on first use (``count_lines_later``): they are only
    needed to name a record in a message, and most files give none.
    """

    records: list[dict] = field(default_factory=list)  # tag -> str or list of str
    _lines: list[int] = field(default_factory=list, repr=False)
    unterminated: dict[int, str] = field(default_factory=dict)  # record position (0-based) -> reason
    warnings: list[str] = field(default_factory=list)
    #: Tags whose value is a list in some record (list tags, and others where a record repeats them);
    #: ``None`` when the scanner does not keep track, so every value may be a list.
    list_valued: set | None = None
    _later: tuple | None = field(default=None, repr=False)  # (text, marker) for line_numbers

    @property
    def lines(self) -> list[int]:
        """1-based line where each record starts."""
        if self._later is not None:
            self._lines, self._later = line_numbers(*self._later), None
        return self._lines

    def count_lines_later(self, text: str, marker: str) -> None:
        """Find :attr:`lines` when first asked for, as the lines that start with ``marker``."""
        self._later = (text, marker)


def continue_value(record: dict, tag: str, text: str, sep: str = " ") -> None:
    """Join a wrapped (untagged) line to the value of the tag above it; for a list, to its last item."""
    old = record.get(tag)
    if isinstance(old, list):
        old[-1] = f"{old[-1]}{sep}{text}"
    else:
        record[tag] = f"{old}{sep}{text}" if old else text


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


class KeepEveryTag:
    """For rispy parsers: every tag keeps its own name (the record table maps them later), nothing is
    skipped, and rispy's ``parse`` returns the tag dicts of :meth:`scan` (which each scanner defines)."""

    def __init__(self, **kw):
        kw.setdefault("skip_unknown_tags", False)
        kw.setdefault("enforce_list_tags", False)
        super().__init__(**kw)
        self.list_tags = frozenset(self.list_tags)

    def parse(self, text: str) -> list[dict]:
        return self.scan(text).records


class RisScanner(KeepEveryTag, rispy.RisParser):
    """rispy's RIS parser, configured from :mod:`synthesis.io.config`, scanning with line numbers.

    rispy's test of a tag line (two upper-case characters, two spaces, a dash) and its list tags are kept.
    The text is cut at its tag lines by one ``re.split`` (the pattern starts with a newline, which the
    regular-expression engine finds quickly), so Python runs once per field rather than once per line,
    and a value arrives with its untagged continuation lines attached. ``parse`` (rispy's interface)
    returns the tag dicts; :meth:`scan` returns a :class:`Scan`.
    """

    START_TAG = "TY"
    END_TAG = "ER"
    DEFAULT_LIST_TAGS = config.RIS_LIST_TAGS
    #: The start of a tag line (rispy's test, plus 3-4 letter tags such as APA's ``PMID  -``).
    TAG_LINE = re.compile(r"\n([A-Z][A-Z0-9]{1,3})  -[ \t]?")

    #: Characters scanned at a time by :meth:`scan_pieces` (the pieces end where a record starts).
    PIECE = 65_536

    def scan(self, text: str) -> Scan:
        for scan in self.scan_pieces(text, piece=len(text)):
            pass
        return scan

    def scan_pieces(self, text: str, piece: int = PIECE):
        """Scan ``text`` about ``piece`` characters at a time, yielding the :class:`Scan` after each piece.

        Every piece but the last ends just before a line ``TY  - ``, so the records found so far are whole
        when the scan is yielded (only the text after the last one's ER, if any, is placed when the next
        record starts). Working through a large file piece by piece keeps what is being worked on in the
        processor's cache: a reader that builds each piece's rows at once (:func:`parse`) took 7-10 % less
        time over the shared RIS files than one that scans the whole file first; the records are the same.
        """
        scan = Scan()
        records = scan.records
        start, end, list_tags = self.START_TAG, self.END_TAG, self.list_tags
        # Tags holding a list somewhere: the list tags, and others once a record repeats one. Kept up to
        # date while scanning, so that it is right for the records yielded so far.
        repeated = scan.list_valued = set(list_tags)
        between = []  # text outside records, waiting for the next record
        rec = None
        closed = True  # the current record has had its ER
        no_end = []  # records that the next TY closed instead of an ER
        # Each record starts on a line beginning "TY  -" (a tag line as the cut finds them): the lines are
        # counted only if a message needs them.
        scan.count_lines_later(text, "TY  -")
        pos, size = 0, len(text)
        while True:
            cut = text.find("\nTY  - ", pos + piece) if pos + piece < size else -1
            if cut < 0:
                cut = size
            # The newline before a piece's first line is part of the cut (a later piece starts after one).
            parts = self.TAG_LINE.split(text[pos - 1:cut] if pos else "\n" + (text if cut == size else text[:cut]))
            if parts[0]:  # text before the first tag line (only the first piece can have any)
                between.extend(filter(None, map(str.strip, parts[0].split("\n"))))
            fields = iter(parts)
            next(fields)
            for tag, value in zip(fields, fields):
                extra = None
                if "\n" in value:  # untagged lines below the tag line
                    lines = value.split("\n")
                    value = lines[0]
                    extra = list(filter(None, map(str.strip, lines[1:])))  # C loops: no generator
                value = value.strip()
                if tag == start:
                    if not closed:
                        no_end.append(len(records))
                    rec = {start: value}
                    if between:
                        _place_between(records, rec, between)
                        between = []
                    records.append(rec)
                    closed = False
                    if extra:
                        rec["_text"] = "\n".join(extra)
                    continue
                if tag == end:
                    if rec is not None and not closed:
                        closed = True
                    if extra:
                        between.extend(extra)
                    continue
                if closed:
                    if rec is not None and not between:
                        add_value(rec, tag, value, list_tags)  # a tag line right after ER (Ovid's NL)
                        if rec[tag].__class__ is list:
                            repeated.add(tag)
                    else:
                        between.append(f"{tag}  - {value}")
                    if extra:
                        between.extend(extra)
                    continue
                old = rec.get(tag)
                if old is None:
                    # A list tag (AU, KW...) is a list from its first line on, without empty items.
                    rec[tag] = ([value] if value else []) if tag in list_tags else value
                elif old.__class__ is list:
                    if value or tag not in list_tags:
                        old.append(value)
                else:
                    rec[tag] = [old, value]
                    repeated.add(tag)
                if extra:
                    if tag in list_tags:  # one more keyword (author...) a line
                        items = rec[tag]
                        if items.__class__ is str:
                            rec[tag] = items = [items]
                        items.extend(extra)
                    else:  # more lines of the text
                        cur, joined = rec[tag], "\n".join(extra)
                        if cur.__class__ is list:
                            cur[-1] = f"{cur[-1]}\n{joined}" if cur[-1] else joined
                        else:
                            rec[tag] = f"{cur}\n{joined}" if cur else joined
            if cut >= size:
                break
            yield scan
            pos = cut + 1
        if between and records:
            records[-1].setdefault("_after", []).extend(between)
        if not closed:
            scan.unterminated[len(records) - 1] = ("the file ends inside this record (no ER line): "
                                                   "truncated export?")
        for n in no_end:
            scan.warnings.append(f"record {n} (line {scan.lines[n - 1]}) has no ER line; it ends where "
                                 f"the next record starts (line {scan.lines[n]})")
        yield scan


def _place_between(records: list[dict], rec: dict, between: list[str]) -> None:
    """Text between two records: a bare record number (Ovid) is the next record's, the rest the last one's."""
    for text in between:
        m = _RECORD_NUMBER.match(text)
        if m:
            rec["_number"] = m.group(1)
        elif records:
            records[-1].setdefault("_after", []).append(text)
        else:
            rec.setdefault("_before", []).append(text)


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
    return value in _NULL_FORMS or (len(value) < 30 and value.strip().lower() in _NULLS)


#: The placeholders as they are usually spelt, for a plain set lookup on the hot path.
_NULL_FORMS = frozenset(f(v) for v in _NULLS for f in (str, str.upper, str.title, str.capitalize)) - {""}
#: Longer values cannot be placeholders: testing the length first spares hashing long texts.
_NULL_LEN = max(map(len, _NULL_FORMS)) + 1


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
    collapsed with ``str.split`` (the regular expression costs most of the time on abstracts), and only
    when the value has a double space or any whitespace other than the plain space in it.

    >>> clean("  Caf&eacute;  <i>au</i>\\n lait ")
    'Café au lait'
    """
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _HTML_TAG.sub("", value)
    if value.isascii():
        # Most values need no whitespace work: quick one-character searches instead of split-and-join.
        if "\n" in value:  # a text on several lines: where each break stands alone, a space is the result
            value = value.replace("\n", " ")
        if "  " in value or "\t" in value or "\r" in value or "\f" in value or "\v" in value \
                or "\x1c" in value or "\x1d" in value or "\x1e" in value or "\x1f" in value:
            return " ".join(value.split())
        return value.strip()
    if "\u00c2" in value or "\u00c3" in value or "\u00e2" in value:
        value = fix_mojibake(value)
    if "\ufeff" in value:
        value = value.replace("\ufeff", "")
    if "\n" in value:
        value = value.replace("\n", " ")
    # Any space other than " " (no-break, thin, ideographic...) and any line break is "not printable".
    if "  " in value or not value.isprintable():
        return " ".join(value.split())
    return value.strip()


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


def author(name: str) -> str:
    """One normalised author (remembered: the same names recur within and across exports).

    A name already written ``Family, I. J.`` (or ``Family, J.-P.``) is kept, so that re-importing an
    export gives the same authors.

    >>> author("Lebreton, J.-D."), author("Lebreton, Jean-Dominique"), author("Stillman, Andrew N. (a@b.edu)")
    ('Lebreton, J.-D.', 'Lebreton, J.-D.', 'Stillman, A. N.')
    """
    done = _AUTHORS.get(name)
    if done is not None:
        return done
    if _NORMALISED_AUTHOR.fullmatch(name):
        done = name
    else:
        done = nm.normalise_author(_EMAIL_IN_PARENS.sub("", name) if "@" in name else name)
    if len(_AUTHORS) > 200_000:  # a plain dict is the fastest cache; keep it bounded
        _AUTHORS.clear()
    _AUTHORS[name] = done
    return done


_AUTHORS: dict[str, str] = {}


def short_text(value: str) -> str:
    """:func:`clean` for short, often repeated values (journals, types, languages), remembered."""
    done = _SHORT.get(value)
    if done is None:
        if len(_SHORT) > 100_000:
            _SHORT.clear()
        done = _SHORT[value] = clean(value)
    return done


_SHORT: dict[str, str] = {}


def keywords(items) -> list[str]:
    """Keywords as a list: ``;``-separated values split, placeholders dropped.

    >>> keywords(["fire; smoke", "NA", "Caf&eacute;"])
    ['fire', 'smoke', 'Café']
    """
    if not items:
        return []
    joined = "\x1f".join(items)
    if joined.isascii() and ";" not in joined and "&" not in joined and "<" not in joined \
            and "  " not in joined and "\n" not in joined and "\t" not in joined:
        # The usual case: nothing to do (and, mostly, no placeholder either: one C loop says so).
        return list(items) if _NULL_FORMS.isdisjoint(items) else [p for p in items if p not in _NULL_FORMS]
    if ";" in joined:
        joined = joined.replace(";", "\x1f")
    parts = [clean(p) for p in joined.split("\x1f")]
    return [p for p in parts if p and p not in _NULL_FORMS]


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
    if "L2" in tags and (medline if medline is not None else _from_medline(tags)):
        for url in values(tags, ("L2", "UR")):
            m = _URL_AN.search(url)
            if m and m.group(1).isdigit():
                return m.group(1)
    return ""


def _from_medline(tags: dict) -> bool:
    source = f"{first(tags, ('DB',))} {first(tags, ('DP',))}".lower()
    return "nlm" in source or "medline" in source or "pubmed" in source


@lru_cache(maxsize=256)
def _picker(keys: tuple):
    """A function giving the first non-empty value of ``keys`` in a tag dict (``""`` when none).

    It is generated from the tag table as ``lambda r: r.get('TI') or r.get('T1') or ''``, the cheapest
    form this takes in Python; the keys are tag names from :mod:`synthesis.io.config`.
    """
    if not keys:
        return lambda r: ""
    return eval("lambda r: " + " or ".join(f"r.get({k!r})" for k in keys) + " or ''")  # noqa: S307


_year = lru_cache(maxsize=4096)(nm.parse_year)
_DOI_PLAIN = re.compile(r"10\.\d{4,9}/[^\s%&]*[^\s%&.,;)\]}'\"]")


def _pages(sp: str, ep: str) -> str:
    """``SP``/``EP`` (or one ``PG`` value as ``sp``) as one normalised page range."""
    if sp.isdigit() and (not ep or ep.isdigit()):  # the common case, without regular expressions
        if not ep:
            return sp
        if len(ep) < len(sp):
            ep = sp[: len(sp) - len(ep)] + ep
        return f"{sp}-{ep}"
    pages = f"{sp}-{ep}" if sp and ep and "-" not in sp else (sp or ep)
    start, dash, end = pages.partition("-")
    if end[:1] == "-":  # "27--63" (Web of Science): a doubled dash, which normalise reads as one
        end = end[1:]
    if dash and start.isdigit() and end.isdigit():
        if len(end) < len(start):
            end = start[: len(start) - len(end)] + end
        return f"{start}-{end}"
    if not pages or is_null(pages):
        return ""
    if pages.isascii() and _CLEAN_PAGES.fullmatch(pages):  # clean_text would give it back unchanged
        return nm.page_range(pages)
    return nm.normalise_pages(pages)


_CLEAN_PAGES = re.compile(r"[^&<\s]+")


def _url(tags: dict, keys) -> str:
    urls = values(tags, keys)
    if not urls:
        return ""
    # A web link first; else whatever the URL tag itself holds (EndNote's "<Go to ISI>://WOS:...").
    return next((u.strip() for u in urls if u.startswith(_URL_STARTS)), plain(tags, config.LINK_TAGS).strip())


RECORD_KEYS = ("source_index", "raw", "type", "title", "authors", "year", "journal", "volume", "issue", "pages",
               "doi", "pmid", "isbn_issn", "abstract", "keywords", "url", "language", "source_id")


def _get(keys) -> str:
    """Source of an expression giving the first non-empty value of ``keys`` in the tag dict ``r``."""
    return " or ".join(f"r.get({k!r})" for k in keys) + " or ''" if keys else "''"


def _first_of(name: str, keys, nulls: bool = False, lists=None) -> list[str]:
    """Source giving ``name`` the first value of ``keys``; ``lists``: the tags that may hold a list
    (``None``: any), so that a column whose tags never do skips the test."""
    if not keys:  # a column none of the file's tags feed
        return [f"    {name} = ''"]
    lines = [f"    {name} = {_get(keys)}"]
    if lists is None or not lists.isdisjoint(keys):
        lines.append(f"    if {name}.__class__ is list: {name} = {name}[0] if {name} else ''")
    if nulls:  # a placeholder such as 'NA' does not count: look further
        # The length test first: a set lookup would hash every abstract, which costs more than the rest.
        lines.append(f"    if len({name}) < NULL_LEN and {name} in NULL_FORMS: {name} = first(r, {tuple(keys)!r})")
    return lines


def _pmid_triggers(pmid_keys, present=None) -> tuple:
    """The tags whose presence sends a record to :func:`find_pmid` (besides a numeric ``AN``)."""
    trigger = (frozenset(pmid_keys) - {"AN"}) | {"L2"}
    return tuple(sorted(trigger if present is None else trigger & present))


def _builder_source(columns: dict, present=None, lists=None) -> str:
    """Python source of one function that turns a tag dict into a record-table row, per the table.

    ``present`` (the tags the file uses, when known) lets tests for absent tags be left out, and ``lists``
    (the tags that hold a list somewhere in the file, when known) tests for lists where none can be.
    """
    get = columns.get
    src = ["def build(r, index):"]
    for name in ("type", "volume", "issue", "isbn_issn", "language", "source_id"):
        if get(name):
            src += _first_of(name, get(name), lists=lists)
            src.append(f"    {name} = (SHORT.get({name}) or short_text({name})) if {name} else ''")
        else:
            src += _first_of(name, ())
    src += _first_of("journal", get("journal", ()), nulls=True, lists=lists)
    src.append("    journal = (SHORT.get(journal) or short_text(journal)) if journal else ''")
    for name in ("title", "abstract"):
        src += _first_of(name, get(name, ()), nulls=True, lists=lists)
        # Most texts need no cleaning: a few one-character searches in C say so before clean() is called.
        src.append(f"    if {name} and (not {name}.isascii() or '&' in {name} or '<' in {name} or '  ' in {name} "
                   f"or '\\n' in {name} or '\\t' in {name} or '\\f' in {name} or '\\v' in {name}): "
                   f"{name} = clean({name})")
    src += [f"    v = {_get(get('authors', ()))}",
            "    if v.__class__ is list:",
            # Names seen before are looked up in one C loop; an unseen one sends the list to author().
            "        try: authors = list(map(AUTHOR_OF, v))",
            "        except KeyError: authors = [author(a) for a in v]",
            "    else: authors = [author(v)] if v else []"]
    src += _first_of("year", get("year", ()), lists=lists)
    src.append("    year = parse_year(year) if year else None")
    if "pages" in columns:
        src += _first_of("pages", columns["pages"], lists=lists)
        src.append("    pages = pages_of(pages, '') if pages else ''")
    else:
        src += _first_of("sp", get("start_page", ()), lists=lists) + _first_of("ep", get("end_page", ()), lists=lists)
        src.append("    pages = (sp + '-' + ep if sp.isdigit() and ep.isdigit() and len(ep) >= len(sp) else "
                   "pages_of(sp, ep)) if sp or ep else ''")
        if "article_number" in columns:
            src += _first_of("ar", columns["article_number"], lists=lists)
            src.append("    if not pages and ar: pages = pages_of(ar, '')")
    doi_keys = tuple(get("doi", ()))
    src += [f"    v = {_get(doi_keys[:1])}",
            "    doi = v.lower() if v.__class__ is str and v.startswith('10.') and DOI_PLAIN.fullmatch(v) "
            f"else find_doi(r, {doi_keys!r})"]
    pmid_keys = tuple(get("pmid", ()))
    # Most records have no PubMed id: look only when a tag that can hold one is there (one "in" test per
    # such tag the file has; no test at all when it has none).
    tests = [f"{k!r} in r" for k in _pmid_triggers(pmid_keys, present)]
    if present is None or "AN" in present:
        src.append("    v = r.get('AN')")
        tests.append("(v.__class__ is str and v.isdigit())")
    src.append(f"    pmid = find_pmid(r, {pmid_keys!r}) if {' or '.join(tests)} else ''" if tests else "    pmid = ''")
    kw_keys = tuple(get("keywords", ()))
    if len(kw_keys) == 1:
        src += [f"    v = r.get({kw_keys[0]!r})",
                "    kws = (keywords(v) if v.__class__ is list else keywords([v])) if v else []"]
    else:
        src.append(f"    kws = keywords(values(r, {kw_keys!r}))")
    url_keys = tuple(get("url", ()))
    if url_keys:
        src += [f"    v = {_get(url_keys[:1])}",
                "    url = v if v.__class__ is str and v.startswith(URL_STARTS) and ' ' not in v else "
                f"(url_of(r, {url_keys!r}) if {' or '.join(f'{k!r} in r' for k in url_keys)} else '')"]
    else:
        src.append("    url = ''")
    src.append("    return {" + ", ".join(f"{k!r}: {v}" for k, v in zip(RECORD_KEYS, (
        "index", "r", "type", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid",
        "isbn_issn", "abstract", "kws", "url", "language", "source_id"))) + "}")
    return "\n".join(src)


_BUILDERS: dict[tuple, object] = {}
_BUILDERS_OF: dict[tuple, tuple] = {}  # (id of a column table, tags present, list tags) -> (table, builder)


def compile_builder(columns: dict, present=None, lists=None):
    """The record builder of a column -> tags table (compiled once per table and set of tags).

    The table is turned into the source of one plain function (``r.get('TI') or r.get('T1') or ''``
    and so on, one line per column), because in Python that runs about half as long as looping over the
    table for every record. With ``present`` (the tags a file uses), tags the file never has are left
    out, so a Scopus file does not look for Ovid's or PubMed's tags in every record; with ``lists`` (the
    tags that hold a list somewhere in the file), columns whose tags never do are not tested for lists.
    The keys are the tag names of :mod:`synthesis.io.config`.
    """
    if lists is not None:
        lists = frozenset(lists)
    # A file's pieces mostly use the same tags: look them up before working out the table's key.
    asked = (id(columns), present, lists)
    seen = _BUILDERS_OF.get(asked)
    if seen is not None and seen[0] is columns:
        return seen[1]
    table = columns
    if present is not None:
        columns = {col: tuple(k for k in keys if k in present) for col, keys in columns.items()}
    key = tuple((col, tuple(keys)) for col, keys in columns.items())
    if present is not None:
        key += (_pmid_triggers(columns.get("pmid", ()), present), "AN" in present)
    if lists is not None:
        lists = frozenset(k for keys in columns.values() for k in keys if k in lists)
        key += (lists,)
    build = _BUILDERS.get(key)
    if build is None:
        if len(_BUILDERS) > 256:
            _BUILDERS.clear()
        namespace = {
            "AUTHOR_OF": _AUTHORS.__getitem__, "SHORT": _SHORT, "NULL_FORMS": _NULL_FORMS, "NULL_LEN": _NULL_LEN,
            "first": first, "short_text": short_text, "clean": clean, "author": author,
            "parse_year": _year, "pages_of": _pages, "DOI_PLAIN": _DOI_PLAIN, "find_doi": find_doi,
            "find_pmid": find_pmid, "keywords": keywords, "values": values, "url_of": _url,
            "URL_STARTS": _URL_STARTS,
        }
        exec(_builder_source(columns, present, lists), namespace)  # noqa: S102 - source built from the tag tables above
        build = _BUILDERS[key] = namespace["build"]
    if len(_BUILDERS_OF) > 1024:
        _BUILDERS_OF.clear()
    _BUILDERS_OF[asked] = (table, build)  # with the table itself, so that its id is not reused
    return build


def build_records(recs: list[dict], indices: list[int], columns: dict, lists=None) -> list[dict]:
    """Record-table rows from records' tag dicts, using a column -> tags table of :mod:`config`.

    ``raw`` is each tag dict itself, so every tag the file gave is kept as written. ``lists``: the tags
    whose value may be a list (see :attr:`Scan.list_valued`); ``None``: any.
    """
    build = compile_builder(columns, frozenset().union(*recs) if recs else None, lists)
    return list(map(build, recs, indices))


def build_record(tags: dict, columns: dict, index: int = 1) -> dict:
    """One record-table row from one record's tags (see :func:`build_records`)."""
    return build_records([tags], [index], columns)[0]


_MARKERS = ("TY", "PT", "%0", "_number", "_before", "_after")


def has_content(tags: dict, ignore=_MARKERS) -> bool:
    """Whether a record has any field besides its type marker and the text around it."""
    return sum(map(bool, tags.values())) > sum(map(bool, map(tags.get, ignore)))


def finish(scan: Scan, columns: dict, fmt_label: str, post=None) -> ParseResult:
    """Turn a :class:`Scan` into a :class:`ParseResult`: build rows, reject what cannot be a record."""
    rejected = []
    keep, indices = _keep_records(scan.records, range(1, len(scan.records) + 1), _picker(tuple(columns.get("title", ()))),
                                  scan, fmt_label, rejected)
    rows = build_records(keep, indices, columns, scan.list_valued)
    if post is not None:
        post(rows)
    _reject_cut_off(scan, rows, rejected)
    out = ParseResult(records=rows, found=len(scan.records), rejected=rejected, warnings=list(scan.warnings))
    _warn_untitled(out, scan)
    return out


def _keep_records(batch: list[dict], indices, titled, scan: Scan, fmt_label: str, rejected: list):
    """The records of ``batch`` (numbered ``indices``) worth a row; each other one, a record with no field
    besides its type, is added to ``rejected``. ``titled``: whether a record has a title tag."""
    if all(map(titled, batch)):  # a title is content: the cheap check first
        return batch, indices
    kept = [(rec, i) for rec, i in zip(batch, indices) if titled(rec) or has_content(rec)]
    for i in sorted(set(indices) - {i for _, i in kept}):
        rejected.append(Rejected(i, f"empty {fmt_label} record: no fields besides its type", scan.lines[i - 1]))
    return [rec for rec, _ in kept], [i for _, i in kept]


def _reject_cut_off(scan: Scan, rows: list[dict], rejected: list) -> None:
    """A record the file ends inside (only the last can be) is rejected for that, and loses its row."""
    for pos, reason in scan.unterminated.items():
        if rows and rows[-1]["source_index"] == pos + 1:
            rows.pop()
        elif rejected and rejected[-1].index == pos + 1:  # empty too: being cut off is the reason given
            rejected.pop()
        rejected.append(Rejected(pos + 1, reason, scan.lines[pos]))


def _warn_untitled(out: ParseResult, scan: Scan) -> None:
    """A warning for each imported record that has no title (it is kept: the warning says so)."""
    if not all(map(_TITLE, out.records)):
        for rec in out.records:
            if not rec["title"]:
                index = rec["source_index"]
                out.warnings.append(f"record {index} (line {scan.lines[index - 1]}) has no title; imported anyway")


_TITLE = itemgetter("title")


# ---------------------------------------------------------------------------------------- the reader
def _ris_post(rows: list[dict]) -> None:
    """Scopus keeps its EID in the URL, Ovid its accession number in the link: the record's own id."""
    for rec in rows:
        tags = rec["raw"]
        if ("UR" in tags or "L2" in tags) and (not rec["source_id"] or rec["source_id"] == first(tags, ("ID",))):
            for url in values(tags, ("UR", "L2")):
                if "eid=" not in url and "AN=" not in url:
                    continue
                m = _EID.search(url) or _URL_AN.search(url)
                if m:
                    rec["source_id"] = m.group(1)
                    break


def sniff(text: str, path="") -> int:
    """RIS when ``TY  -`` lines open records; ``ER  -`` lines make it sure."""
    head = "\n" + text[:50000]  # plain searches: a multi-line regular expression tests every character
    if "\nTY  - " not in head:
        return 0
    score = 80 + (10 if "\nER  -" in head else 0)
    return score + (5 if str(path).lower().endswith((".ris", ".ovid")) else 0)


#: Files longer than this (in characters) get a record builder compiled for their own tags.
SPECIALISE_FROM = 1_000_000


@with_frozen_heap
def parse(text: str, path="", piece: int = RisScanner.PIECE) -> ParseResult:
    """Read a RIS export (any dialect listed in the module docstring).

    The rows of each piece's records (about ``piece`` characters) are built as soon as the piece is
    scanned (see :meth:`RisScanner.scan_pieces`); a record is rejected, as :func:`finish` would, when it
    has no fields besides its type or when the file ends inside it. The result does not depend on ``piece``.
    """
    columns = config.RIS_COLUMNS
    titled = _picker(tuple(columns["title"]))
    # A builder made for the tags of the file compiles in about 1 ms and then saves about 0.4 us a
    # record over the one for every tag: worth it from some 1,000 records (a file of about 1 MB).
    tags = frozenset() if len(text) > SPECIALISE_FROM else None
    rows, rejected, done = [], [], 0
    for scan in RisScanner().scan_pieces(text, piece):
        batch, indices = _keep_records(scan.records[done:], range(done + 1, len(scan.records) + 1), titled, scan,
                                       "RIS", rejected)  # this piece's records
        done = len(scan.records)
        if tags is not None:  # the tags of the file so far: one builder serves piece after piece
            seen = frozenset().union(*batch)
            if not seen <= tags:
                tags |= seen
        built = list(map(compile_builder(columns, tags, scan.list_valued), batch, indices))
        _ris_post(built)
        rows += built
    _reject_cut_off(scan, rows, rejected)
    out = ParseResult(records=rows, found=len(scan.records), rejected=rejected, warnings=list(scan.warnings))
    _warn_untitled(out, scan)
    return out
