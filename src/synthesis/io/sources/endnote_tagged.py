"""EndNote tagged exports (``.enw``, refer/``%``-format ``.txt``): ``%0 Journal Article``, ``%T Title``...

Each line is ``%`` + one character + a space + the value; a blank line ends a record. EndNote puts
``%0`` (the reference type) first, but other tools (the AIS eLibrary, for one) write ``%T`` first or
leave ``%0`` out altogether, so a record is a block of ``%`` lines, not whatever follows ``%0``.
Lines without a tag continue the value above them.

Examples
--------
>>> text = "%0 Journal Article\\n%T A trial\\n%A Smith, John\\n%D 2019\\n%R 10.1000/X\\n\\n%T Another\\n%D 2020\\n"
>>> result = parse(text, "x.enw")
>>> result.found, [r["title"] for r in result.records], result.records[0]["doi"]
(2, ['A trial', 'Another'], '10.1000/x')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .cutoff import cut_off_reason, settle_last_record
from .tagged import Scan, TagFormat, mostly_tag_lines, read

FORMAT = "endnote_tagged"

_YEAR = re.compile(r"\s*\d{4}\s*")
_TAG_LINE = re.compile(r"^%[0-9A-Z@!#$&()*+^>?~\[\]=<|] ", re.M)

def _cut_off(found: Scan, text: str) -> None:
    """The last record is cut off when the file stops inside a tag (``%``, or a tag with no value yet) or
    before the field every other record ends with (see :mod:`.cutoff`). EndNote files made by hand often
    lack the last line end, so a file stopping inside a line only gets a warning."""
    stripped = text.rstrip()
    last_line = stripped[stripped.rfind("\n") + 1:]
    m = ENDNOTE_TAGGED.tag_line.match("\n" + last_line)
    fragment = last_line if (m is None and last_line.startswith("%")) or (m and not last_line[m.end() - 1:].strip()) \
        else ""
    ends = found.last_tags()
    if fragment and m is None and not text.endswith("\n") and found.warnings \
            and found.warnings[-1].startswith(f"line {text.count(chr(10)) + 1}: "):
        found.add_cut_record(text, fragment.strip())  # the file stops inside the first line of a new record
        ends.append(None)
    if not found.records:
        return
    final = found.records[-1]
    reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: t in final, fragment, "EndNote tagged",
                            line_end_required=False)
    # (a last field that is a whole year, Google Scholar's one-record files' "%D 2019", is no field cut short)
    value = final.get(ends[-1]) if ends[-1] else None
    whole_year = ends[-1] == "%D" and _YEAR.fullmatch(str(value[-1] if isinstance(value, list) else value or ""))
    settle_last_record(found, reason, ends[-1], bool(text) and not text.endswith(("\n", "\r")) and not whole_year)


#: ``%`` and one character, then a space (or the line's end); a blank line closes a record, and ``%0``
#: opens one when the record has a type already.
ENDNOTE_TAGGED = TagFormat("EndNote tagged", re.compile(r"\n(%[^\n])(?: |(?=\n)|$)"), config.ENDNOTE_COLUMNS,
                           list_tags=config.ENDNOTE_LIST_TAGS, start="%0", blank_ends=True, items_on_lines=False,
                           join="\n", cut_off=_cut_off)


def sniff(text: str, path="") -> int:
    """EndNote tagged when most of the first lines are ``%X value`` lines."""
    head = text[:20000]
    if "%" not in head:  # no tag line can be there; spares splitting and matching lines
        return 0
    if not mostly_tag_lines(head, _TAG_LINE, 2):
        return 0
    score = 95 if re.search(r"^%0 ", head, re.M) else 85
    return score + (3 if str(path).lower().endswith((".enw", ".txt")) else 0)


def parse(text: str, path="") -> ParseResult:
    """Read an EndNote tagged export."""
    return read(text, ENDNOTE_TAGGED)


register(FORMAT, sniff, parse, "EndNote tagged")
