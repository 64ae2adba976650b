"""Readers are found through a registry, and packages export their names lazily without a submodule of
the same name hiding a function."""
from __future__ import annotations

import subprocess
import sys

from synthesis.io import detect_format, read_file
from synthesis.io.base import ParseResult
from synthesis.io.sources import BUILT_IN, _REGISTRY, _ordered, reader, readers, register


def test_built_in_readers_in_their_order():
    assert [r.format for r in readers()] == ["medline", "wos_plaintext", "ris", "ovid", "ovid_tagged", "endnote_tagged",
                                              "cochrane", "refworks", "noteexpress", "cnki_estudy", "proquest",
                                              "scopus_text", "sciencedirect_text", "bibtex", "endnote_xml", "pubmed_xml", "csl_json", "wos_tabdelimited",
                                              "embase_rows", "csv"]
    assert len(BUILT_IN) == 20 and reader("medline").label == "MEDLINE"


def test_a_registered_reader_is_found_and_used(tmp_path):
    def sniff(text, path=""):
        return 99 if text.startswith("#TOY") else 0

    def parse(text, path=""):
        lines = text.splitlines()[1:]
        return ParseResult(records=[{"source_index": i, "title": t, "raw": {"line": t}} for i, t in enumerate(lines, 1)],
                           found=len(lines))

    try:
        register("toy", sniff, parse, "Toy format")
        assert readers()[-1].format == "toy"
        path = tmp_path / "x.toy"
        path.write_text("#TOY\nA trial\nAnother\n", encoding="utf-8")
        assert detect_format(path.read_text(), path) == "toy"
        table, report = read_file(path)
        assert report.format == "toy" and list(table["title"]) == ["A trial", "Another"]
    finally:
        _REGISTRY.pop("toy", None)
        _ordered.clear()
    assert "toy" not in [r.format for r in readers()]


def test_exported_functions_win_over_their_modules():
    code = ("import synthesis.prisma.draw, synthesis.screening.agreement\n"
            "import synthesis.prisma as p, synthesis.screening as s\n"
            "from synthesis.prisma import draw\n"
            "print(callable(p.draw), callable(s.agreement), callable(draw))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["True", "True", "True"], out.stderr
