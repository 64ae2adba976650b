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

import rispy

from ...collector import with_frozen_heap
from .. import config
from ..base import ParseResult
from .cutoff import cut_off_reason
from .ris import KeepEveryTag, Scan, add_value, continue_value, finish

FORMAT = "endnote_tagged"

_TAG_LINE = re.compile(r"^%[0-9A-Z@!#$&()*+^>?~\[\]=<|] ", re.M)


class EndnoteScanner(KeepEveryTag, rispy.RisParser):
    """EndNote tagged records as tag dicts (``"%A"``, ``"%T"``...), with the line where each starts."""

    START_TAG = "%0"
    END_TAG = ""  # a blank line ends a record
    DEFAULT_LIST_TAGS = config.ENDNOTE_LIST_TAGS

    def parse_line(self, line: str):
        if line[:1] == "%" and len(line) >= 2 and (len(line) == 2 or line[2] == " "):
            return line[:2], line[3:].strip()
        return None, line.strip()

    def scan(self, text: str) -> Scan:
        scan = Scan()
        cur, last = None, None
        ends, fragment = [], ""
        n_lines = text.count("\n") + 1
        for i, line in enumerate(text.split("\n")):
            if not line.strip():
                cur = None
                continue
            tag, value = self.parse_line(line)
            fragment = line if (tag is None and line.startswith("%")) or (tag is not None and not value) else ""
            if tag is None:
                if cur is None and fragment and i == n_lines - 1 and not text.endswith("\n"):
                    cur = {"_cut": value}  # the file stops inside the first line of a new record
                    scan.records.append(cur)
                    scan.lines.append(i + 1)
                    ends.append(None)
                elif cur is None:
                    scan.warnings.append(f"line {i + 1}: text outside any record ignored: {value[:60]!r}")
                else:
                    continue_value(cur, last, value, "\n")
                continue
            if cur is None or (tag == self.START_TAG and tag in cur):
                cur = {}
                scan.records.append(cur)
                scan.lines.append(i + 1)
                ends.append(None)
            add_value(cur, tag, value, self.list_tags)
            last = ends[-1] = tag
        reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: t in scan.records[-1], fragment, "EndNote tagged",
                                line_end_required=False)
        if reason:
            scan.unterminated[len(scan.records) - 1] = reason
        elif scan.records and text and not text.endswith(("\n", "\r")):
            scan.warnings.append(f"record {len(scan.records)} (line {scan.lines[-1]}): the file stops in the middle "
                                 f"of its last line, so its last field ({last}) may be cut short; imported anyway")
        return scan


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


@with_frozen_heap
def parse(text: str, path="") -> ParseResult:
    """Read an EndNote tagged export."""
    return finish(EndnoteScanner().scan(text), config.ENDNOTE_COLUMNS, "EndNote tagged")
