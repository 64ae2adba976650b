"""Exports cut off by the end of the file: MEDLINE/nbib, EndNote tagged and Ovid reject the record the file
ends inside, with its line, as RIS does, instead of reading half a record (a tag glued onto the title)."""
from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.io import ImportFailure, read_file
from synthesis.io.sources import endnote_tagged, medline, ovid, tagged

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"nbib": "medline", "endnote_tagged": "endnote_tagged", "ovid": "ovid"}


def _files(shared: Path):
    out = [ROOT / "data" / "searches" / "2026-11" / "pubmed.nbib"]
    for folder in FOLDERS:
        out += sorted((shared / "imports" / folder).iterdir())
    return [p for p in out if "metaknowledge" not in p.name]  # that one is cut off as published


def _cuts(data: bytes, start: int):
    """Cut points inside the last record: in the middle of lines, spread over the record."""
    inside = [i for i in range(start + 1, len(data.rstrip())) if data[i - 1:i] not in (b"\n", b"\r")
              and data[i:i + 1] not in (b"\n", b"\r")]
    step = max(1, len(inside) // 25)
    return inside[::step]


def test_a_record_cut_off_by_the_end_of_the_file_is_rejected_with_its_line(tmp_path, shared_data):
    checked = 0
    for path in _files(shared_data):
        data = path.read_bytes()
        whole = read_file(path)[1]
        fmt = whole.format
        assert fmt in FOLDERS.values(), path
        assert not whole.rejected, whole.summary()
        last = whole.found
        spec = {"medline": medline.MEDLINE, "endnote_tagged": endnote_tagged.ENDNOTE_TAGGED, "ovid": ovid.OVID}[fmt]
        start_line = tagged.scan(data.decode(whole.encoding, errors="replace"), spec).lines[-1]
        whole_start = sum(len(line) + 1 for line in data.split(b"\n")[: start_line - 1])
        for cut in _cuts(data, whole_start):
            cut_file = tmp_path / path.name
            cut_file.write_bytes(data[:cut])
            try:
                records, report = read_file(cut_file)
            except ImportFailure as exc:  # too little left to tell the format: refused, naming the file
                assert last == 1 and cut_file.name in str(exc), exc
                continue
            assert report.reconciles, report.summary()
            rejected = [r for r in report.rejected if r.index == last]
            if fmt == "endnote_tagged" and not rejected:
                # EndNote gives no closing field: a cut inside the last field's value is only warned about
                assert any("middle of its last line" in w for w in report.warnings), (path.name, cut)
                continue
            assert rejected, (path.name, cut, data[cut - 30:cut], report.summary())
            assert "ends inside this" in rejected[0].reason and rejected[0].line == start_line, rejected[0]
            assert len(records) == last - 1
            checked += 1
    assert checked > 100


def test_a_tag_cut_in_two_is_not_glued_onto_the_title(tmp_path):
    text = ("PMID- 1\nTI  - A whole title.\nSO  - J. 2020.\n\n"
            "PMID- 2\nTI  - A second title.\nSO  - J. 2021.\n\n"
            "PMID- 3\nTI  - The last title\nPG")
    path = tmp_path / "cut.nbib"
    path.write_text(text, encoding="utf-8")
    records, report = read_file(path)
    assert list(records["title"]) == ["A whole title.", "A second title."]
    assert [(r.index, r.line) for r in report.rejected] == [(3, 9)]
