"""The replay benchmark on labelled CSVs from elsewhere (``bench_screening_simulation.py --folder``).

The files are written here, a few made-up records in the layouts of the benchmark collections (ASReview's
``record_id,title,abstract,label_included``; the drug-class reviews' ``pubmedID,title,...`` with capitals), so
the tests run without the held-out data.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))
try:
    import bench_screening_simulation as bench
    import screening_sim_data as data
finally:
    sys.path.remove(str(BENCH))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_units_labels_and_keys_from_a_labelled_csv(tmp_path):
    f = _write(tmp_path / "drugs.csv",
               "pubmedID,Title,authors,Abstract,label_included\n"
               "101,Statin trial in adults,A B,Randomised trial of a statin.,1\n"
               "102,Editorial on costs,C D,NA,0\n"
               "103,Cohort of users,E F,,0.0\n")
    s = data.labelled_csv(f)
    assert s.name == "drugs"
    assert s.units["group_id"].tolist() == ["101", "102", "103"]
    assert s.units["title"].tolist() == ["Statin trial in adults", "Editorial on costs", "Cohort of users"]
    # pandas' missing-value words are empty text, as ASReview's reader makes them
    assert s.units["abstract"].tolist() == ["Randomised trial of a statin.", "", ""]
    assert s.labels.tolist() == [1, 0, 0]
    assert "3 records, 1 includes" in s.notes[0] and "1 with an abstract" in s.notes[0]


def test_repeated_ids_fall_back_to_row_numbers(tmp_path):
    f = _write(tmp_path / "x.csv", "record_id,title,abstract,label_included\n1,a,b,1\n1,c,d,0\n")
    assert data.labelled_csv(f).units["group_id"].tolist() == ["row1", "row2"]


@pytest.mark.parametrize("content, message", [
    ("record_id,title,abstract,label_included\n1,a,b,1\n2,c,d,2\n", "data row 2: label_included is '2'"),
    ("record_id,title,abstract,label_included\n1,a,b,1\n2,c,d,\n", "data row 2: label_included is ''"),
    ("record_id,title,label_included\n1,a,1\n2,c,0\n", "no abstract column"),
    ("record_id,title,abstract,final\n1,a,b,1\n2,c,d,0\n", "no label column 'label_included'"),
    ("record_id,title,abstract,label_included\n1,a,b,0\n2,c,d,0\n", "at least one include and one exclude"),
])
def test_a_file_that_cannot_be_replayed_is_named(tmp_path, content, message):
    f = _write(tmp_path / "bad.csv", content)
    with pytest.raises(data.LabelledCsvError) as e:
        data.labelled_csv(f)
    assert str(f) in str(e.value) and message in str(e.value)


def test_sets_of_a_folder_load_by_name_and_their_cache_key_follows_the_content(tmp_path):
    a = _write(tmp_path / "a.csv", "title,abstract,label_included\nx,y,1\nz,w,0\n")
    _write(tmp_path / "b.csv", "title,abstract,label_included\nx,y,0\nz,w,1\n")
    _write(tmp_path / "notes.txt", "not a set")
    specs = data.folder_specs(tmp_path)
    assert [Path(s.split("#")[0]).name for s in specs] == ["a.csv", "b.csv"]
    assert data.load(specs[1]).labels.tolist() == [0, 1]
    before = data.cache_tag(specs[0])
    assert before.startswith("a-label_included-")
    _write(a, "title,abstract,label_included\nx,y,0\nz,w,1\n")
    assert data.cache_tag(specs[0]) != before  # ASReview's cached result of the old file is not reused
    assert data.cache_tag("nagtegaal_final") == "nagtegaal_final"


def _records(n: int, every: int) -> str:
    lines = ["record_id,title,abstract,label_included"]
    for i in range(n):
        hit = i % every == 0
        topic = "knee osteoarthritis exercise trial" if hit else f"steel corrosion alloy {i}"
        lines.append(f"{i + 1},{topic},{topic} in adults,{int(hit)}")
    return "\n".join(lines) + "\n"


def test_the_benchmark_replays_a_folder(tmp_path, capsys, monkeypatch):
    # --jobs 1 replays in this process: a pool of one worker forked from the test session (whose browser tests
    # leave threads running) hung the whole suite
    def no_pool(*args, **kwargs):
        raise AssertionError("--jobs 1 started a process pool")

    monkeypatch.setattr(bench, "ProcessPoolExecutor", no_pool)
    folder = tmp_path / "heldout"
    folder.mkdir()
    _write(folder / "knees.csv", _records(60, 6))
    out = tmp_path / "results.json"
    # the candidate's options as JSON reach the prioritiser (the results say which options ran)
    code = bench.main(["--folder", str(folder), "--no-asreview", "--no-speed", "--no-stopping", "--seeds", "42",
                       "--jobs", "1", "--random-seeds", "2", "--out", str(out),
                       "--options", json.dumps({"char_ngrams": [3, 5], "char_on": "title", "char_mode": "rank"})])
    assert code == 0
    got = json.loads(out.read_text())
    assert got["options"] == {"char_ngrams": [3, 5], "char_on": "title", "char_mode": "rank"}
    assert got["sets"]["knees"]["n"] == 60 and got["sets"]["knees"]["includes"] == 10
    assert got["sets"]["knees"]["ours"]["wss@95"] > got["sets"]["knees"]["random"]["wss@95"]


def test_the_benchmark_stops_on_a_bad_file_before_any_replay(tmp_path, capsys):
    _write(tmp_path / "good.csv", _records(20, 5))
    bad = _write(tmp_path / "bad.csv", "record_id,title,abstract,label_included\n1,a,b,yes\n")
    assert bench.main(["--folder", str(tmp_path), "--no-asreview", "--no-speed", "--no-stopping"]) == 2
    assert f"{bad}: data row 1: label_included is 'yes'" in capsys.readouterr().err
    assert bench.main(["--folder", str(tmp_path), "--sets", "other", "--no-asreview"]) == 2
    assert "no such file(s)" in capsys.readouterr().err


def test_a_folder_replays_without_the_shared_data(tmp_path, monkeypatch):
    """`make test` on a fresh clone (no ../shared beside it, as the README's quick start has it) failed two tests
    here: the benchmark refused to replay a --folder of one's own because the shared sets were absent. Only
    the shared sets and the speed measurement need them."""
    monkeypatch.setattr(data, "DATA", tmp_path / "no_shared_data")
    monkeypatch.setattr(bench.data, "DATA", tmp_path / "no_shared_data")
    folder = tmp_path / "heldout"
    folder.mkdir()
    _write(folder / "knees.csv", _records(60, 6))
    out = tmp_path / "results.json"
    assert bench.main(["--folder", str(folder), "--no-asreview", "--no-speed", "--no-stopping", "--seeds", "42",
                       "--jobs", "1", "--random-seeds", "2", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["sets"]["knees"]["n"] == 60
    # the speed measurement still needs them, and says so
    assert bench.main(["--folder", str(folder), "--no-asreview", "--no-stopping", "--jobs", "1"]) == 2
