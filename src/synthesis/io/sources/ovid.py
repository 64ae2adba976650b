"""Ovid's field-label export ("Complete Reference", ``.txt``): ``<1>`` record markers, then for each field
a label line (``Title``, ``Author``, ``Source``...) and its value on lines indented by two spaces.

Labels feed columns through :data:`synthesis.io.config.OVID_LABELS`; every label is kept in ``raw``.
Ovid prints journal, volume, issue, pages and date in one ``Source`` line
(``Ecohydrology.   8(6):1048-1064, September 2015.``), which is taken apart here.

Examples
--------
>>> text = "<1>\\nTitle\\n  A trial.[Article]\\nAuthor\\n  Smith, John 1;  Jones, Ann 2\\n" \\
...        "Source\\n  Ecohydrology.   8(6):1048-64, September 2015.\\n"
>>> rec = parse(text, "x.txt").records[0]
>>> rec["title"], rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"]
('A trial.', ['Smith, J.', 'Jones, A.'], 'Ecohydrology', '8', '6', '1048-1064', 2015)
"""
from __future__ import annotations

import re

import rispy

from ...collector import with_frozen_heap
from ... import normalise as nm
from .. import config
from ..base import ParseResult, Rejected
from .cutoff import cut_off_reason
from .ris import KeepEveryTag, Scan, author, clean, doi_in

FORMAT = "ovid"

_MARKER = re.compile(r"<(\d+)>\s*$")
_CUT_MARKER = re.compile(r"<(\d*)$")
_SOURCE = re.compile(r"^(?P<journal>.+?)\.\s+(?P<volume>[^\s(:]+)?\s*(?:\((?P<issue>[^)]*)\))?\s*:\s*"
                     r"(?P<pages>[^,]+?)\s*(?:,\s*(?P<date>.*?))?\.?$")
_TRAILING_TYPE = re.compile(r"\s*\[[A-Za-z ,]+\]\s*$")
_AFFILIATION_MARK = re.compile(r"\s+[\d,]+\s*$")


class OvidScanner(KeepEveryTag, rispy.RisParser):
    """Ovid field-label records as label -> value dicts, with the line where each record starts."""

    START_TAG = "<n>"
    END_TAG = ""

    def scan(self, text: str) -> Scan:
        scan = Scan()
        cur, label = None, None
        ends = []
        n_lines = text.count("\n") + 1
        for i, line in enumerate(text.split("\n")):
            m = _MARKER.match(line)
            if not m and i == n_lines - 1 and _CUT_MARKER.match(line) and not text.endswith("\n"):
                m = _CUT_MARKER.match(line)  # the file stops inside the marker of a new record: "<1"
            if m:
                cur = {"_number": m.group(1)}
                scan.records.append(cur)
                scan.lines.append(i + 1)
                ends.append(None)
                label = None
                continue
            if not line.strip():
                continue
            if cur is None:
                scan.warnings.append(f"line {i + 1}: text before the first record ignored: {line.strip()[:60]!r}")
                continue
            if line.startswith(" "):
                if label is None:
                    cur.setdefault("_text", []).append(line.strip())
                else:
                    cur.setdefault(label, []).append(line.strip())
                continue
            label = ends[-1] = line.strip()
            cur.setdefault(label, [])
        if scan.records:
            final = scan.records[-1]
            # A label with no value as the file's last line: the cut fell inside the field.
            fragment = label if label and not final.get(label) else ""
            reason = cut_off_reason(text.rstrip("\r"), ends, lambda t: bool(final.get(t)), fragment, "Ovid")
            if reason:
                scan.unterminated[len(scan.records) - 1] = reason
        for rec in scan.records:  # one-line values as plain strings, like the other readers' raw
            for key, value in rec.items():
                if isinstance(value, list) and len(value) == 1:
                    rec[key] = value[0]
        return scan


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def _record(fields: dict, index: int) -> dict:
    col: dict[str, str] = {}
    for label, value in fields.items():
        name = config.OVID_LABELS.get(label)
        if name and name not in col and value:
            col[name] = value
    rec = {"source_index": index, "raw": fields}
    title = _TRAILING_TYPE.sub("", _text(col.get("title")))
    rec["title"] = clean(title)
    names = []
    for part in _text(col.get("authors")).split(";"):
        part = _AFFILIATION_MARK.sub("", part.strip())
        if part:
            names.append(author(part))
    rec["authors"] = [a for a in names if a]
    src = clean(_text(col.get("source")))
    m = _SOURCE.match(src) if src else None
    if m:
        rec["journal"] = m.group("journal").strip()
        rec["volume"] = m.group("volume") or ""
        rec["issue"] = m.group("issue") or ""
        rec["pages"] = nm.normalise_pages(m.group("pages"))
        year = nm.parse_year(m.group("date") or "")
    else:
        rec["journal"], year = src, nm.parse_year(src)
    for key in ("journal", "volume", "issue", "pages"):
        if col.get(key):
            rec[key] = clean(_text(col[key])).rstrip(".")
    rec["pages"] = nm.normalise_pages(rec.get("pages", ""))
    rec["year"] = nm.parse_year(_text(col.get("year"))) or year
    rec["doi"] = doi_in(_text(col.get("doi")))
    pmid = re.search(r"\d+", _text(col.get("pmid")))
    rec["pmid"] = pmid.group(0) if pmid else ""
    rec["abstract"] = clean(_text(col.get("abstract")))
    kws = col.get("keywords") or ""
    rec["keywords"] = nm.split_keywords([k.rstrip(".") for k in (kws if isinstance(kws, list) else [kws])])
    rec["keywords"] = [k.rstrip(".") for k in rec["keywords"] if k.rstrip(".")]
    for key in ("type", "language", "isbn_issn", "source_id", "url"):
        rec[key] = clean(_text(col.get(key))).rstrip(".")
    return rec


def sniff(text: str, path="") -> int:
    """Ovid field labels: the first line is a ``<1>`` marker, then a label and an indented value."""
    lines = [ln for ln in text[:5000].split("\n") if ln.strip()][:5]
    if len(lines) >= 3 and _MARKER.match(lines[0]) and not lines[1].startswith(" ") and lines[2].startswith("  "):
        return 90
    return 0


@with_frozen_heap
def parse(text: str, path="") -> ParseResult:
    """Read an Ovid field-label export."""
    scan = OvidScanner().scan(text)
    out = ParseResult(records=[], found=len(scan.records), warnings=list(scan.warnings))
    for pos, fields in enumerate(scan.records):
        index, line = pos + 1, scan.lines[pos]
        if pos in scan.unterminated:
            out.rejected.append(Rejected(index, scan.unterminated[pos], line))
            continue
        if not any(v for k, v in fields.items() if k != "_number"):
            out.rejected.append(Rejected(index, "empty Ovid record: a marker with no fields", line))
            continue
        rec = _record(fields, index)
        if not rec["title"]:
            out.warnings.append(f"record {index} (line {line}) has no title; imported anyway")
        out.records.append(rec)
    return out
