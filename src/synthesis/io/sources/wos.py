"""Web of Science plain text (``.ciw``/``.txt``; also Zoological Record, Inspec and other WoS databases).

The file opens with ``FN``/``VR`` header lines, each record runs from ``PT`` to ``ER``, and ``EF`` ends
the file. A tag is two characters and a space; every further line of a value is indented by three
spaces. For list tags (authors, addresses, cited references) each such line is one more item; for
text tags (title, abstract, keywords) the line simply wraps and joins with a space.
:class:`WosScanner` is rispy's :class:`rispy.WokParser` configured by :mod:`synthesis.io.config`.

Examples
--------
>>> text = "FN Clarivate Analytics Web of Science\\nVR 1.0\\nPT J\\nAU Smith, J\\n   Jones, AB\\n" \\
...        "TI A long\\n   title\\nPY 2020\\nUT WOS:000123\\nER\\nEF\\n"
>>> rec = parse(text, "x.txt").records[0]
>>> rec["title"], rec["authors"], rec["source_id"]
('A long title', ['Smith, J.', 'Jones, A. B.'], 'WOS:000123')
"""
from __future__ import annotations

import re

import rispy

from ...collector import with_frozen_heap
from .. import config
from ..base import ParseResult
from .ris import KeepEveryTag, Scan, add_value, continue_value, finish

FORMAT = "wos_plaintext"

_PT_LINE = re.compile(r"^PT [A-Z]\s*$", re.M)
_LEADING_SPACE = re.compile(r"\s*")
_ER_LINE = re.compile(r"^ER\s*$", re.M)


class WosScanner(KeepEveryTag, rispy.WokParser):
    """Web of Science plain-text records as tag dicts, with the line where each record starts."""

    DEFAULT_LIST_TAGS = config.WOS_LIST_TAGS
    HEADER_TAGS = frozenset({"FN", "VR", "EF"})

    def scan(self, text: str) -> Scan:
        scan = Scan()
        list_tags = self.list_tags
        cur, last = None, None
        for i, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            if line[:2] == "  " or line[:1] == " ":
                value = line.strip()
                if cur is None or last is None:
                    continue
                if last in list_tags:
                    cur.setdefault(last, []).append(value)
                else:
                    continue_value(cur, last, value)
                continue
            tag, value = line[:2], line[3:].strip()
            if tag == self.START_TAG:
                if cur is not None:
                    scan.warnings.append(f"record {len(scan.records)} (line {scan.lines[-1]}) has no ER line; "
                                         f"it ends where the next record starts (line {i + 1})")
                cur = {tag: value}
                scan.records.append(cur)
                scan.lines.append(i + 1)
                last = tag
            elif tag == self.END_TAG:
                cur, last = None, None
            elif cur is None:
                if tag not in self.HEADER_TAGS and not scan.records:
                    scan.warnings.append(f"line {i + 1}: header line {line[:60]!r} kept out of the records")
            else:
                add_value(cur, tag, value, list_tags)
                last = tag
        if cur is not None:
            scan.unterminated[len(scan.records) - 1] = ("the file ends inside this record (no ER line): "
                                                        "truncated export?")
        return scan


def sniff(text: str, path="") -> int:
    """WoS plain text: an ``FN`` header, or ``PT`` lines opening records that ``ER`` lines close."""
    head = text[:50000]
    start = _LEADING_SPACE.match(head).end()  # (lstrip would copy the whole head)
    first_line = head[start:start + 3]
    has_pt = "\nPT " in head and bool(_PT_LINE.search(head))
    if first_line == "FN " and has_pt:
        return 98
    if has_pt and "\nER" in head and _ER_LINE.search(head):
        return 90
    return 0


@with_frozen_heap
def parse(text: str, path="") -> ParseResult:
    """Read a Web of Science plain-text export."""
    return finish(WosScanner().scan(text), config.WOS_COLUMNS, "Web of Science")
