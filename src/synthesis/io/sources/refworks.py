"""RefWorks tagged exports: RefWorks itself, and the "RefWorks" export of CNKI, Wanfang and other databases.

A record opens with ``RT`` and its reference type (``RT Journal Article``); each field is a two-character
tag, a space and its value (``A1 Smith, John``, ``T1`` title, ``JF`` journal, ``YR`` year, ``VO`` volume,
``IS`` issue, ``SP``/``OP`` start and other pages, ``K1`` keywords, ``AB`` abstract, ``DO`` DOI, ``UL``
link, ``DS`` data source); blank lines separate records, and a line without a tag continues the field above
it (one more keyword below ``K1``). Read by the tagged-format engine (:mod:`.tagged`) with the tag table of
:mod:`synthesis.io.config`; here:

* authors one per ``A1`` line, or several on one line joined by ``;`` (CNKI: ``A1 Li Si;Wang Wu``);
* CNKI's volume tag in lower case (``vo 37``, or ``vo`` alone when there is none);
* pages from ``SP`` and ``OP``, or ``OP`` alone holding the range (CNKI: ``OP 1-12``);
* the database of each record is its ``DS`` (``DS CNKI``), and a file of one such database is named after it;
* a record the file ends inside (inside a tag, or before the field every other record ends with) is
  rejected with its line; a file stopping inside a field's value is warned about.

Examples
--------
>>> text = ("RT Journal Article\\nSR Electronic(1)\\nA1 Stansfeld,Stephen\\nA1 Fuhrer,Rebecca\\n"
...         "T1 Depression and coronary heart disease\\nJF Heart\\nYR 2002\\nVO 1\\nIS 3\\nSP 101\\nOP 123\\n"
...         "K1 Etiology\\nK1 Risk Factors\\nDO 10.1000/ABC\\n\\n")
>>> rec = parse(text, "x.txt").records[0]
>>> rec["authors"], rec["journal"], rec["pages"], rec["keywords"], rec["doi"], rec["type"]
(['Stansfeld, S.', 'Fuhrer, R.'], 'Heart', '101-123', ['Etiology', 'Risk Factors'], '10.1000/abc', 'Journal Article')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .cutoff import cut_off_reason, settle_last_record
from .fields import Columns, authors_split, build_row, tag_text
from .tagged import MARKERS, Scan, TagFormat, name_file_database, read

FORMAT = "refworks"

_RT_LINE = re.compile(r"^RT [A-Za-z]", re.M)
_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9](?: |$)", re.M)
#: RefWorks's legacy export opens with a legend of its tags ("RT=Reference Type", "A1=Primary Authors"...) and
#: fonts, closed by this line, above the records.
_LEGEND = re.compile(r"\s*Refworks Export Tagged Format\s*\n.{0,6000}?\nBEGIN EXPORTED REFERENCES\s*\n", re.S | re.I)
#: The start of a tag line that the file's end cut short (``K``, ``K1``, ``K1 ``).
_TAG_PIECE = re.compile(r"[A-Z][A-Z0-9]? ?")


def _row(tags: dict, index: int, columns: Columns) -> dict:
    row = build_row(tags, index, columns)
    names = tags.get("A1") or []
    if any(";" in name for name in names):  # several authors on one line (CNKI)
        row["authors"] = authors_split(names)
    if row["language"].endswith(";"):  # CNKI closes most records' language with one: "LA 中文;" beside "LA 中文"
        row["language"] = row["language"].rstrip("; ")
    source = tag_text(tags, "DS") or _database_marked(tags)
    if source:
        row["source_database"] = source
    return row


_DATABASE_MARKS = tuple((tag, re.compile(shape), name) for tag, shape, name in config.REFWORKS_DATABASE_MARKS)


def _database_marked(tags: dict) -> str:
    """The database a record's own fields name (``config.REFWORKS_DATABASE_MARKS``), else ``""``: a file of
    PsycINFO records is named after PsycInfo, not after words in its file name."""
    for tag, shape, name in _DATABASE_MARKS:
        value = tags.get(tag)
        if value and shape.match(value if value.__class__ is str else value[0]):
            return name
    return ""


def _cut_off(found: Scan, text: str) -> None:
    """The last record is cut off when the file stops inside a tag (``K``, or a tag with no value yet) or
    before the field every other record ends with (see :mod:`.cutoff`). A file stopping inside a field's
    value is only warned about: nothing tells whether the value is whole (and hand-made files often lack
    the last line end)."""
    if not found.records:
        return
    last_line = text[text.rfind("\n") + 1:]
    fragment = last_line if last_line and _TAG_PIECE.fullmatch(last_line) else ""
    ends = found.last_tags()
    final = found.records[-1]
    reason = cut_off_reason(text, ends, lambda t: t in final, fragment, "RefWorks tagged", line_end_required=False)
    settle_last_record(found, reason, ends[-1], bool(text) and not text.endswith("\n"))


#: ``RT`` opens a record (blank lines inside one, between paragraphs of an abstract, are no end); ``RT`` and
#: ``SR`` (print or electronic source, which CNKI writes as ``SR 1``) are not content.
REFWORKS = TagFormat("RefWorks tagged", re.compile(r"\n([A-Z][A-Z0-9]|vo)(?: |(?=\n)|\Z)"), config.REFWORKS_COLUMNS,
                     list_tags=config.REFWORKS_LIST_TAGS, start="RT", build=_row, empty="no fields besides its type",
                     cut_off=_cut_off, markers=MARKERS + ("RT", "SR"))


def _without_legend(text: str) -> str:
    """The text with RefWorks's legend (see :data:`_LEGEND`) made blank lines: a description of the format, not
    text of a record to warn about, and the records keep their line numbers."""
    legend = _LEGEND.match(text)
    return "\n" * text.count("\n", 0, legend.end()) + text[legend.end():] if legend else text


def sniff(text: str, path="") -> int:
    """RefWorks tagged: ``RT`` lines open the records, and most of the first lines are ``XX value`` lines.
    Web of Science plain text (``PT J``) has no ``RT`` tag; RIS and MEDLINE tags have a dash."""
    head = _without_legend(text[:20000]).lstrip("\n")
    if not head.startswith("RT ") and "\nRT " not in head:  # (a plain search: "RT " inside words is common)
        return 0
    lines = [ln for ln in head.split("\n")[:200] if ln.strip()]
    starts = [ln for ln in lines if _RT_LINE.match(ln)]
    if not starts:
        return 0
    tagged = sum(1 for ln in lines if _TAG_LINE.match(ln))
    if tagged < 3 or tagged < len(lines) * 0.5:
        return 0
    return 90 if _RT_LINE.match(lines[0]) else 80


def parse(text: str, path="") -> ParseResult:
    """Read a RefWorks tagged export."""
    return name_file_database(read(_without_legend(text), REFWORKS))  # a file of one database (``DS CNKI``)


register(FORMAT, sniff, parse, "RefWorks tagged")
