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
from .tagged import TagFormat, read

FORMAT = "endnote_tagged"

_TAG_LINE = re.compile(r"^%[0-9A-Z@!#$&()*+^>?~\[\]=<|] ", re.M)

#: ``%`` and one character, then a space (or the line's end); a blank line closes a record, and ``%0``
#: opens one when the record has a type already.
ENDNOTE_TAGGED = TagFormat("EndNote tagged", re.compile(r"\n(%[^\n])(?: |(?=\n)|$)"), config.ENDNOTE_COLUMNS,
                           list_tags=config.ENDNOTE_LIST_TAGS, start="%0", blank_ends=True, items_on_lines=False,
                           join="\n")


def sniff(text: str, path="") -> int:
    """EndNote tagged when most of the first lines are ``%X value`` lines."""
    head = text[:20000]
    if "%" not in head:  # no tag line can be there; spares splitting and matching lines
        return 0
    lines = [ln for ln in head.split("\n")[:200] if ln.strip()]
    if not lines:
        return 0
    tagged = sum(1 for ln in lines if _TAG_LINE.match(ln))
    if tagged < 2 or tagged < len(lines) * 0.5:
        return 0
    score = 95 if re.search(r"^%0 ", head, re.M) else 85
    return score + (3 if str(path).lower().endswith((".enw", ".txt")) else 0)


def parse(text: str, path="") -> ParseResult:
    """Read an EndNote tagged export."""
    return read(text, ENDNOTE_TAGGED)


register(FORMAT, sniff, parse, "EndNote tagged")
