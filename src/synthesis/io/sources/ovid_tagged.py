"""Ovid's tagged export ("Direct Export", "Citation (Ovid tagged)"; the ``.cgi`` file EndNote takes and the
``.ovd`` file Citavi takes), from Embase, Ovid MEDLINE, APA PsycInfo and Ovid's other databases.

A record opens with its number in a marker line (``<3001. >``); then each field is a two-letter tag padded
to four columns and a dash (``TI  - A trial``), Ovid's own field labels (``UI`` unique identifier, ``YR``
year, ``SO`` source, ``LG`` language, ``DB`` database...; see Ovid's database guides). Wrapped lines
continue the field above them, indented or not (an abstract's paragraphs start at the margin), and blank
lines may sit inside a field. Read by the tagged-format engine (:mod:`.tagged`) with the tag table of
:mod:`synthesis.io.config`; what the engine cannot know is done here:

* authors: ``FA`` (full names, Ovid MEDLINE) when there, else ``AU``, which Ovid writes family name first
  and initials after it without a comma (Embase ``Behan L.``, MEDLINE ``Smith JA``), sometimes with a role
  in brackets (BIOSIS ``[Author, Reprint Author]``) or affiliation marks (``Zhang, Weijia 1,2,+``);
* journal, volume, issue, pages and year come from their own tags (``JN``, ``VO``, ``IP``, ``PG``, ``YR``)
  where the export has them, else from ``SO``, which each database writes its own way (Embase
  ``BMC Proceedings. 12 (3) (pp 45-67), 2018. Date of Publication: 2018.``, MEDLINE
  ``Lancet. 390(10100):1151-1210, 2017 Sep 16.``, PsycInfo ``Behav Cogn Psychother. Vol.43(5), Sep 2015,
  pp. 623-634.``);
* the database of each record is its ``DB`` tag (``Embase (Ovid)``), and ``UI`` is the PubMed id of a
  MEDLINE record.

Examples
--------
>>> text = ("<1. >\\nVN  - Ovid Technologies\\nDB  - Embase\\nUI  - 621381829\\nTI  - A trial.\\n"
...         "SO  - BMC Proceedings. 12 (3) (pp 45-7), 2018. Date of Publication: 2018.\\nAU  - Lucas J.S.\\n"
...         "DO  - http://dx.doi.org/10.1186/s12919-018-0099-8\\nLG  - English\\nYR  - 2018\\n")
>>> rec = parse(text, "x.cgi").records[0]
>>> rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"], rec["doi"]
(['Lucas, J. S.'], 'BMC Proceedings', '12', '3', '45-47', 2018, '10.1186/s12919-018-0099-8')
>>> rec["source_id"], rec["language"], rec["source_database"]
('621381829', 'English', 'Embase (Ovid)')
"""
from __future__ import annotations

import re

from ... import normalise as nm
from ...normalise import clean_text
from .. import config
from ..base import ParseResult
from ..databases import ovid_database
from . import register
from .cutoff import cut_off_reason
from .fields import Columns, _pages, author, build_row, headings, keywords, values
from .tagged import Scan, TagFormat, read

FORMAT = "ovid_tagged"

#: A tag line, matched from the newline before it: a record marker (``<3001. >``), a two-letter tag and
#: its dash (``TI  - ``), or (only as the file's very end) a record marker cut off before its ``>``.
_TAG_LINE = re.compile(r"\n(<\s*\d+\.?\s*>(?=[ \t]*(?:\n|\Z))|<[\d. ]*\Z|[A-Z][A-Z0-9](?=  -))(?:  - ?|[ \t]*)")
_MARKER = re.compile(r"<\s*(\d+)\.?\s*>")
_MARKER_LINE = re.compile(r"^<\s*\d+\.?\s*>[ \t]*$", re.M)
_CUT_MARKER = re.compile(r"<([\d. ]*)")
#: The start of a tag line that the file's end cut short (``T``, ``TI``, ``TI  -``).
_TAG_PIECE = re.compile(r"[A-Z][A-Z0-9]?(?: {1,2}-?)? ?")
_OVID_TAG = re.compile(r"^[A-Z][A-Z0-9]  - ", re.M)
#: Tags no MEDLINE (PubMed) or RIS export has, but every Ovid record does (one or more).
_OVID_ONLY = re.compile(r"^(?:VN|UI|YR|LG|XL)  - ", re.M)

# The source line, as each database writes it (the journal is everything before the numbers).
#: Embase: ``Journal. [Conference: ...] 12 (3) (pp 45-67), 2018. Date of Publication: ...``.
_SO_EMBASE = re.compile(r"\s(?:(?P<volume>[^\s()]+)\s*)?(?:\((?P<issue>[^()]*)\)\s*)?"
                        r"\((?:pp\.?\s*(?P<pages>[^()]*)|no pagination)\)\s*,\s*(?P<date>\d{4})\b")
#: PsycInfo: ``Journal. Vol.43(5), Sep 2015, pp. 623-634.``
_SO_PSYC = re.compile(r"^(?P<journal>.+?)\.\s+Vol\.?\s*(?P<volume>[^\s(),]+)?\s*(?:\((?P<issue>[^()]*)\))?\s*,"
                      r"\s*(?P<date>[^,]*?)(?:,\s*pp\.?\s*(?P<pages>[^,]*?))?(?:,[^,]*)?\.?\s*$")
#: MEDLINE, BIOSIS: ``Journal. 390(10100):1151-1210, 2017 Sep 16.``; Cochrane ``Journal. 2:CD001234, 2019.``
_SO_MEDLINE = re.compile(r"^(?P<journal>.+)\.\s+(?P<volume>[^\s():,]*)\s*(?:\((?P<issue>[^()]*)\))?\s*:\s*"
                         r"(?P<pages>[^,]*?)\s*,\s*(?P<date>.*?)\.?\s*$")
#: Journals@Ovid: ``Journal Name August 2011;43(8):647-653``.
_SO_JOURNALS = re.compile(r"^(?P<journal>.*?[^.\s])\s+(?P<date>(?:[A-Z][a-z]+(?:/[A-Z][a-z]+)?\s+)?(?:\d{1,2},?\s+)?"
                          r"\d{4});\s*(?P<volume>\d[^\s(:]*)?\s*(?:\((?P<issue>[^()]*)\))?\s*(?::\s*(?P<pages>\S+))?$")
#: BIOSIS, a book chapter: ``Editor, A. [Editor]. Book title.:371-397, 2004.`` (the book is the source).
_SO_CHAPTER = re.compile(r"^(?:.*\]\.\s+)?(?P<journal>[^\]]+?)\.:(?P<pages>[^,\s]+),\s*(?P<date>.+?)\.?\s*$")
#: BIOSIS, a volume and issue without pages (patents): ``Official Gazette ... Patents. 1288(3), Nov. 16, 2004.``
_SO_NO_PAGES = re.compile(r"^(?P<journal>.+?)\.\s+(?P<volume>\d[^\s(),:;]*)\s*(?:\((?P<issue>[^()]*)\))?\s*,"
                          r"\s*(?P<date>[^;]*?\d{4})\.?\s*$")
#: Zoological Record: ``Hydrobiologia. 2007 15 June; 433-441.`` (the date, then the pages after a semicolon).
_SO_ZOOREC = re.compile(r"^(?P<journal>.+?)\.\s+(?P<date>\d{4}\b[^;]*);\s*(?P<pages>[A-Za-z]?\d+(?:-[A-Za-z]?\d+)?)"
                        r"\.?\s*$")
#: Any other source: the journal is what comes before the first full stop that numbers follow.
_SO_JOURNAL_ONLY = re.compile(r"^(?P<journal>[^.]+?)\.\s+(?P<date>\d.*)$")
#: Embase's article number, for an article without pages (``(no pagination), 2018. Article Number: e0197123.``).
_ARTICLE_NUMBER = re.compile(r"\bArticle Number:\s*([^\s.]+(?:\.\d+)*)")
#: The type label Ovid puts after some titles (``A trial.  [Article]``, ``A review. [References].``).
_TITLE_LABEL = re.compile(r"(?<=\S)\s+\[(?:Article|Report|Miscellaneous|References|Editorial|Letter|Review|Comment|"
                          r"Erratum|News|Abstract|Case Report|Clinical Trial)\]\.?\s*$")
#: An author written family name first, initials after it (``Behan L.``, ``Lucas J.S.``, ``Smith JA``).
_FAMILY_INITIALS = re.compile(r"(?P<family>\S.*?)\s+(?P<given>(?:[A-Z][a-z]?\.[ -]?)+|[A-Z]{1,4})")
_AFFILIATION_MARKS = re.compile(r"[\s\d,+*\u2020\u2021\u00a7]+$")
_DEGREES = frozenset({"MD", "M.D.", "PhD", "Ph.D.", "Ph.D", "MPH", "MSc", "BSc", "MS", "RN", "FACSM", "DrPH",
                      "MBBS", "FRCP", "FRCS", "FRACP", "PharmD", "DDS", "DMD", "DVM", "MBA"})
_ID_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]*:\s*(?=\S+$)")  # PsycInfo's "Peer Reviewed Journal: 2015-33942-012"
_NO_PAGES = re.compile(r"(?i)^(?:no pagination(?: specified)?|unpaginated)$")


def _items(value) -> list:
    if not value:
        return []
    return value if value.__class__ is list else [value]


def _text(value) -> str:
    return " ".join(value) if value.__class__ is list else (value or "")


def ovid_author(name: str) -> str:
    """One author of an Ovid ``AU`` field, as ``Family, I. J.``.

    >>> ovid_author("Behan L."), ovid_author("Smith JA"), ovid_author("Zhang, Weijia 1,2,+")
    ('Behan, L.', 'Smith, J. A.', 'Zhang, W.')
    >>> ovid_author("Walsdorf, Neill B. [Inventor, Reprint Author]"), ovid_author("Gazic, Barbara MD, PhD *")
    ('Walsdorf, N. B.', 'Gazic, B.')
    """
    name = name.split("[", 1)[0]  # a role or an e-mail address in brackets
    name = _AFFILIATION_MARKS.sub("", name).strip()
    if "," in name:
        family, _, given = name.partition(",")
        words = given.replace(",", " ").split()
        while words and words[-1] in _DEGREES:
            words.pop()
        name = f"{family.strip()}, {' '.join(words)}" if words else family.strip()
    else:
        m = _FAMILY_INITIALS.fullmatch(name)
        if m:
            name = f"{m.group('family')}, {m.group('given').strip()}"
    return author(name) if name else ""


def parse_source(so: str) -> dict:
    """Journal, volume, issue, pages and date from an Ovid ``SO`` field (empty when its shape is unknown).

    >>> parse_source("BMC Proceedings. Conference: 2nd BEAT-PCD Conference. Spain. 12 (Supplement 3) "
    ...              "(no pagination), 2018. Date of Publication: 2018.")
    {'journal': 'BMC Proceedings', 'volume': '12', 'issue': 'Supplement 3', 'pages': '', 'date': '2018'}
    >>> parse_source("Lancet. 390(10100):1151-1210, 2017 Sep 16.")["pages"]
    '1151-1210'
    >>> parse_source("Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634. ")["issue"]
    '5'
    >>> parse_source("PLoS ONE. 13 (5) (no pagination), 2018. Article Number: e0197123. Date of Publication: May 2018.")
    {'journal': 'PLoS ONE', 'volume': '13', 'issue': '5', 'pages': 'e0197123', 'date': '2018'}
    >>> parse_source("Official Gazette of the US Patent Office Patents. 1288(3), Nov. 16, 2004.")
    {'journal': 'Official Gazette of the US Patent Office Patents', 'volume': '1288', 'issue': '3', 'pages': '', 'date': 'Nov. 16, 2004'}
    >>> parse_source("Kamp, Roza [Editor]. Methods in proteome and protein analysis.:371-397, 2004.")
    {'journal': 'Methods in proteome and protein analysis', 'volume': '', 'issue': '', 'pages': '371-397', 'date': '2004'}
    >>> parse_source("Hydrobiologia. 2007 15 June; 433-441.")
    {'journal': 'Hydrobiologia', 'volume': '', 'issue': '', 'pages': '433-441', 'date': '2007 15 June'}
    """
    m = _SO_EMBASE.search(so)
    if m:
        journal = so[:m.start()].strip()
        journal = journal.split(". Conference:", 1)[0].rstrip(".").strip()
        found = m.groupdict()
        found["journal"] = journal
    else:
        m = (_SO_PSYC.match(so) or _SO_MEDLINE.match(so) or _SO_JOURNALS.match(so) or _SO_CHAPTER.match(so)
             or _SO_NO_PAGES.match(so) or _SO_ZOOREC.match(so) or _SO_JOURNAL_ONLY.match(so))
        if not m:
            return {}
        found = m.groupdict()
    if not found.get("pages"):
        number = _ARTICLE_NUMBER.search(so)
        found["pages"] = number.group(1) if number else ""
    return {key: (found.get(key) or "").strip() for key in ("journal", "volume", "issue", "pages", "date")}


def _row(tags: dict, index: int, columns: Columns) -> dict:
    row = build_row(tags, index, columns)
    if tags.get("FA"):  # full names (Ovid MEDLINE), as MEDLINE's FAU
        row["authors"] = [a for a in (author(n) for n in _items(tags["FA"]) if n) if a]
    else:
        row["authors"] = [a for a in map(ovid_author, _items(tags.get("AU"))) if a]
    if row["title"]:
        row["title"] = _TITLE_LABEL.sub("", row["title"])
    source = parse_source(clean_text(_text(tags.get("SO")))) if tags.get("SO") else {}
    for key in ("journal", "volume", "issue"):
        if not row[key] and source.get(key):
            row[key] = source[key]
    if not row["journal"] and tags.get("JA"):
        row["journal"] = clean_text(_text(tags["JA"]))
    if _NO_PAGES.match(row["pages"]):
        row["pages"] = ""
    if not row["pages"] and source.get("pages") and not _NO_PAGES.match(source["pages"]):
        row["pages"] = _pages(source["pages"], "")
    if row["year"] is None:
        row["year"] = nm.parse_year(source.get("date", "")) or nm.parse_year(_text(tags.get("DP")))
    database = clean_text(_text(tags.get("DB")))
    if not row["pmid"] and "medline" in database.lower():  # an Ovid MEDLINE record's UI is its PubMed id
        ui = _text(tags.get("UI")).strip()
        row["pmid"] = ui if ui.isdigit() else ""
    if row["source_id"]:
        row["source_id"] = _ID_LABEL.sub("", row["source_id"]).rstrip(".").strip()
    row["language"] = row["language"].rstrip(".")
    if row["type"].endswith("."):  # Journals@Ovid: "DT  - Original Articles.", as its "LG  - English."
        row["type"] = row["type"].rstrip(".")
    row["keywords"] = headings(keywords(values(tags, ("KW", "MH"))))
    if database:
        row["source_database"] = ovid_database(database)
    return row


def _cut_off(found: Scan, text: str) -> None:
    """The last record is cut off when the file stops inside a record marker (``<30``), a tag (``TI``) or a
    line, right after a marker, or before the field every other record ends with (see :mod:`.cutoff`)."""
    if not found.records:
        return
    last_line = text[text.rfind("\n") + 1:]
    final = found.records[-1]
    ends = [None if t and _MARKER.fullmatch(t) else t for t in found.last_tags()]
    cut_marker = _CUT_MARKER.fullmatch(last_line) if last_line in final else None
    fragment = ""
    if cut_marker:  # read as a tag of the record above: it is the start of a new record
        del final[last_line]
        before = len(found.parts) - 4  # the tag before the cut marker
        ends[-1] = found.parts[before] if before >= found.starts[-1] >= 0 else None
        found.add_cut_record(text, "")
        found.records[-1] = {"_number": cut_marker.group(1).strip(" .")}
        ends.append(None)
        final = found.records[-1]
    elif last_line and not text.endswith(("\n", "\r")) and _TAG_PIECE.fullmatch(last_line):
        fragment = last_line  # a tag cut in two, read as a wrapped line or as a tag without its value
    reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: bool(final.get(t)), fragment, "Ovid tagged")
    if cut_marker:
        reason = (f"the file ends inside this Ovid tagged record, in its marker {last_line!r}: truncated export? "
                  "Export it again")
    if not reason and not any(not k.startswith("_") for k in final) and len(found.records) > 1:
        reason = "the file ends right after this Ovid tagged record's marker: truncated export? Export it again"
    if reason:
        found.unterminated[len(found.records) - 1] = reason


#: Records open at their ``<n. >`` markers (kept as ``_number``); a file without markers (records pasted
#: together) opens one at each ``VN`` line, the first field of every Ovid record.
OVID_TAGGED = TagFormat("Ovid tagged", _TAG_LINE, config.OVID_TAGGED_COLUMNS, list_tags=config.OVID_TAGGED_LIST_TAGS,
                        start_pattern=_MARKER, build=_row, empty="a marker with no fields", cut_off=_cut_off)
OVID_TAGGED_NO_MARKERS = TagFormat("Ovid tagged", _TAG_LINE, config.OVID_TAGGED_COLUMNS,
                                   list_tags=config.OVID_TAGGED_LIST_TAGS, start="VN", build=_row, cut_off=_cut_off)


def sniff(text: str, path="") -> int:
    """Ovid tagged: ``VN  - Ovid Technologies``, or ``<1. >`` markers before ``XX  - `` tag lines, or a
    ``DB  - `` tag with tags that only Ovid writes (``UI``, ``YR``, ``LG``...). Ahead of MEDLINE, whose
    tag lines look alike; never a RIS file (``TY  - ``) or a PubMed one (``PMID- ``)."""
    head = "\n" + text[:50000]
    if "  - " not in head or "\nTY  - " in head or "\nPMID-" in head:
        return 0
    if "\nVN  - Ovid" in head:
        return 97
    lines = [ln for ln in head[:5000].split("\n") if ln.strip()][:3]
    if len(lines) >= 2 and _MARKER.fullmatch(lines[0].strip()) and _OVID_TAG.match(lines[1]):
        return 96
    if "\nDB  - " in head and _OVID_ONLY.search(head[:5000]) and len(_OVID_TAG.findall(head[:5000])) >= 3:
        return 90
    return 0


def parse(text: str, path="") -> ParseResult:
    """Read an Ovid tagged export."""
    return read(text, OVID_TAGGED if _MARKER_LINE.search(text) else OVID_TAGGED_NO_MARKERS)


register(FORMAT, sniff, parse, "Ovid tagged")
