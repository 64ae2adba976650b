"""PubMed MEDLINE / ``.nbib`` exports, and ERIC's nbib (which has no PMID and starts at ``OWN - ERIC``).

A MEDLINE tag is up to four letters, padded to four columns, then ``- `` (``PMID- 30922926``,
``TI  - A trial``); long values wrap onto lines indented by six spaces, and a blank line ends a record.
:class:`MedlineScanner` is a :class:`rispy.RisParser` configured for that shape and for the tag tables
in :mod:`synthesis.io.config`.

Examples
--------
>>> text = "PMID- 123\\nTI  - A long\\n      title.\\nFAU - Smith, John\\nAU  - Smith J\\nDP  - 2020 Feb\\n"
>>> rec = parse(text, "x.nbib").records[0]
>>> rec["title"], rec["authors"], rec["year"], rec["pmid"]
('A long title.', ['Smith, J.'], 2020, '123')
"""
from __future__ import annotations

import re

import rispy

from ...collector import with_frozen_heap
from .. import config
from ..base import ParseResult
from .cutoff import cut_off_reason
from .ris import KeepEveryTag, Scan, add_value, continue_value, finish

FORMAT = "medline"

_TAG = re.compile(r"([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_PMID_LINE = re.compile(r"^PMID- *\d", re.M)
_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]{0,3} {0,3}- ", re.M)


class MedlineScanner(KeepEveryTag, rispy.RisParser):
    """MEDLINE/nbib records as tag dicts, with the line where each record starts."""

    START_TAG = "PMID"
    END_TAG = ""  # a blank line ends a record
    DEFAULT_LIST_TAGS = config.MEDLINE_LIST_TAGS

    def parse_line(self, line: str):
        """``(tag, value)`` of a tag line, ``(None, text)`` for a wrapped continuation line."""
        if line[4:6] == "- " or line[4:] == "-":
            return line[:4].rstrip(), line[6:].strip()
        m = _TAG.match(line) if not line.startswith(" ") else None
        return (m.group(1), m.group(2).strip()) if m else (None, line.strip())

    def scan(self, text: str) -> Scan:
        scan = Scan()
        list_tags = self.list_tags
        cur, last = None, None
        ends, fragment = [], ""
        n_lines = text.count("\n") + 1
        for i, line in enumerate(text.split("\n")):
            if not line.strip():
                cur = None  # a blank line closes the record
                continue
            tag, value = self.parse_line(line)
            if tag is None and not line.startswith(" "):
                fragment = line  # not indented, not a tag: a tag cut in two if it is the file's last line
            elif tag is not None:
                fragment = ""
            if tag is None:
                if cur is None and fragment and i == n_lines - 1 and not text.endswith("\n"):
                    cur = {"_cut": value}  # the file stops inside the first line of a new record
                    scan.records.append(cur)
                    scan.lines.append(i + 1)
                    ends.append(None)
                    continue
                if cur is None:
                    scan.warnings.append(f"line {i + 1}: text outside any record ignored: {value[:60]!r}")
                    continue
                # A wrapped line continues the value above it (MEDLINE wraps at 80 columns).
                continue_value(cur, last, value)
                continue
            if cur is None or (tag == self.START_TAG and self.START_TAG in cur):
                cur = {}
                scan.records.append(cur)
                scan.lines.append(i + 1)
                ends.append(None)
            add_value(cur, tag, value, list_tags)
            last = ends[-1] = tag
        reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: bool(scan.records[-1].get(t)),
                                fragment if text.rstrip("\n").endswith(fragment) else "", "MEDLINE")
        if reason:
            scan.unterminated[len(scan.records) - 1] = reason
        return scan


def sniff(text: str, path="") -> int:
    """MEDLINE when ``PMID-`` lines (or, for ERIC, ``OWN - `` and other MEDLINE-shaped tags) are there."""
    head = "\n" + text[:50000]  # plain searches first: a multi-line regular expression tests every character
    if "\nPMID-" in head and _PMID_LINE.search(head):
        return 95
    if "- " not in head or "\nTY  - " in head:
        return 0
    tags = _TAG_LINE.findall(head[:5000])
    if len(tags) >= 3 and re.search(r"^(OWN|TI|AU|FAU) {0,3}- ", head[:5000], re.M):
        return 75 + (5 if str(path).lower().endswith((".nbib", ".medline", ".txt")) else 0)
    return 0


@with_frozen_heap
def parse(text: str, path="") -> ParseResult:
    """Read a MEDLINE/nbib export."""
    return finish(MedlineScanner().scan(text), config.MEDLINE_COLUMNS, "MEDLINE")
