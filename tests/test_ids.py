"""Record ids from the record's own content: they survive renaming a file and a change in the text cleaning,
and a project whose evidence names the ids of earlier versions is migrated once (evidence/id_map.csv)."""
from __future__ import annotations

import csv
import json
import shutil
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from synthesis.build import build
from synthesis.dedup import deduplicate
from synthesis.ids import ID_MAP, IdMap, content_ids, legacy_record_id, record_content, unique_record_ids
from synthesis.io import read_file, read_files

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "tests" / "data" / "example_old_ids"  # the shipped example's evidence as it was, with the old ids
# the same evidence under today's ids (as the id migration of 50548e1 wrote it, before the example was made again
# by scripts/make_example_data.py): what the migrated build must match
NEW = ROOT / "tests" / "data" / "example_new_ids"
SCOPUS = "data/searches/2026-11/scopus.ris"


def _example(folder: Path) -> Path:
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def _outputs(project: Path) -> dict:
    out = project / "output"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


def _put_old_evidence(project: Path, folder: Path = OLD) -> None:
    """The example's screening logs, verdicts and pilot list as they were written with the old ids (or, from
    ``NEW``, the same under today's ids)."""
    ev = project / "evidence"
    shutil.copy(folder / "duplicate_verdicts.tsv", ev / "duplicate_verdicts.tsv")
    for log in (folder / "screening").glob("*.jsonl"):
        shutil.copy(log, ev / "screening" / log.name)
    from synthesis.screening.settings import load_screening_settings

    settings = load_screening_settings(ev, ids=IdMap())  # the [screening] table of evidence/review.toml
    settings.pilot = json.loads((folder / "pilot.json").read_text(encoding="utf-8"))["pilot"]
    settings.save(ev)


@pytest.fixture(scope="module")
def example_built(tmp_path_factory) -> Path:
    """The shipped example (evidence with today's ids), built once."""
    project = _example(tmp_path_factory.mktemp("new"))
    build(project, progress=False)
    return project


@pytest.fixture(scope="module")
def old_evidence_built(tmp_path_factory) -> Path:
    """The example with its evidence of November 2026 under today's ids, built once."""
    project = _example(tmp_path_factory.mktemp("today"))
    _put_old_evidence(project, NEW)
    build(project, progress=False)
    assert not (project / "evidence" / ID_MAP).exists()
    return project


def test_the_shipped_example_names_no_old_id(example_built):
    """A fresh clone is clean: its evidence uses today's ids, so its build writes no id map."""
    assert not (example_built / "evidence" / ID_MAP).exists()
    status = pd.read_csv(example_built / "output" / "screening_status.csv")
    logged = set()
    for log in (ROOT / "evidence" / "screening").glob("*.jsonl"):
        logged |= {json.loads(line)["key"] for line in log.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert logged and logged <= set(status["group_id"])


def test_old_ids_are_migrated_once_and_every_output_is_the_same(tmp_path, old_evidence_built):
    """(a) The example with its evidence as written under the old ids: the build maps them once, leaves the
    evidence files as they were, and every output is byte for byte that of the same evidence under today's ids."""
    project = _example(tmp_path)
    _put_old_evidence(project)
    before = {p: p.read_bytes() for p in (project / "evidence").rglob("*") if p.is_file()}
    old_keys = {json.loads(line)["key"] for line in (OLD / "screening" / "alice.jsonl").read_text().splitlines()}
    result = build(project, progress=False)
    assert any("evidence/id_map.csv was written once" in n for n in result.notes), result.notes
    # the evidence files are untouched; only the map was added
    for p, data in before.items():
        assert p.read_bytes() == data, p
    table = pd.read_csv(project / "evidence" / ID_MAP, dtype=str)
    assert list(table.columns) == ["old", "new", "kind", "file"]
    assert set(table["kind"]) == {"record", "group"}
    ids = IdMap.load(project / "evidence")
    assert all(ids(k) != k for k in old_keys)  # every decision's old key is mapped
    # every output as with today's ids: counts, PRISMA numbers, screening status, maps, figures
    assert _outputs(project) == _outputs(old_evidence_built)
    # the second build has nothing to do
    again = build(project, progress=False)
    assert not again.changed


def _rename_scopus(project: Path, new_name: str) -> None:
    (project / new_name).parent.mkdir(parents=True, exist_ok=True)
    (project / SCOPUS).rename(project / new_name)
    log = project / "evidence" / "searches.toml"  # the search log names its export files: updated as a user would
    log.write_text(log.read_text(encoding="utf-8").replace(SCOPUS, new_name), encoding="utf-8")


def test_a_renamed_and_moved_export_keeps_every_decision(tmp_path, example_built):
    """(b) After decisions were made, the Scopus export is renamed and moved into a sub-folder of its round:
    the build passes, no decision is orphaned, and every output is the same apart from the file's name."""
    project = _example(tmp_path)
    new_name = "data/searches/2026-11/scopus_2026-11-04/Scopus export 4 Nov.ris"  # still between pubmed and wos
    _rename_scopus(project, new_name)
    result = build(project, progress=False)
    assert not (project / "evidence" / ID_MAP).exists()
    assert not any("id_map" in n for n in result.notes)
    after, before = _outputs(project), _outputs(example_built)
    assert after.keys() == before.keys()
    differ = [name for name, data in before.items() if data != after[name] and not (
        name.endswith((".csv", ".txt", ".md", ".json", ".ris"))
        and data.decode("utf-8").replace(SCOPUS, new_name) == after[name].decode("utf-8"))]
    assert differ == []


def test_an_export_renamed_to_the_top_of_its_round_keeps_every_group(tmp_path, example_built):
    """(b) Renamed so that its records come first in the round: each record keeps its group and each group its
    id, so the decisions, counts and codes are those of before (only lists of members follow the new order)."""
    project = _example(tmp_path)
    new_name = "data/searches/2026-11/0 exports/a_scopus.ris"
    _rename_scopus(project, new_name)
    build(project, progress=False)
    after, before = _outputs(project), _outputs(example_built)
    for name in ("prisma_counts.json", "screening_agreement.csv", "maps/study_codes.csv", "maps/table2.csv",
                 "maps/gap_map.svg", "prisma_flow.svg"):
        assert after[name] == before[name], name
    for name in ("screening_status.csv", "screening_queue.csv", "screening_conflicts.csv"):  # rows in file order
        assert sorted(after[name].splitlines()) == sorted(before[name].splitlines()), name
    groups = {}
    for which, out in (("after", project), ("before", example_built)):
        g = pd.read_csv(out / "output" / "duplicate_groups.csv", dtype=str)
        groups[which] = dict(zip(g["record_id"], g["group_id"]))
    assert groups["after"] == groups["before"]


def test_two_identical_records_in_one_file_get_two_stable_ids(tmp_path):
    """(c) Exact copies in one file are told apart by their occurrence; the ids are the same on every run and
    under another file name."""
    record = "TY  - JOUR\nTI  - A trial of co-design\nAU  - Smith, J.\nPY  - 2020\nER  - \n\n"
    other = "TY  - JOUR\nTI  - Another paper\nAU  - Doe, A.\nPY  - 2021\nER  - \n\n"
    (tmp_path / "a.ris").write_text(record + other + record, encoding="utf-8")
    first = read_file(tmp_path / "a.ris")[0]["record_id"].tolist()
    assert len(set(first)) == 3
    (tmp_path / "b").mkdir()
    shutil.copy(tmp_path / "a.ris", tmp_path / "b" / "renamed.ris")
    assert read_file(tmp_path / "b" / "renamed.ris")[0]["record_id"].tolist() == first
    assert read_file(tmp_path / "a.ris", name="elsewhere/x.ris")[0]["record_id"].tolist() == first
    # in a fresh process too (no state carried over, no hash randomisation)
    import subprocess

    out = subprocess.run([sys.executable, "-c", "import sys; from synthesis.io import read_file; "
                          "print(','.join(read_file(sys.argv[1])[0]['record_id']))", str(tmp_path / "a.ris")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip().split(",") == first


def test_a_copy_in_another_file_gets_its_own_id_whatever_the_names(tmp_path):
    """The same export twice in one round: every id is unique, and renaming either file changes no id."""
    text = (ROOT / SCOPUS).read_bytes()
    (tmp_path / "a.ris").write_bytes(text)
    (tmp_path / "b.ris").write_bytes(text)
    rounds = [{"search_round": "2026-11"}] * 2
    one = read_files([tmp_path / "a.ris", tmp_path / "b.ris"], columns=rounds).records
    assert one["record_id"].is_unique and len(one) == 96
    (tmp_path / "a.ris").rename(tmp_path / "z.ris")
    two = read_files([tmp_path / "b.ris", tmp_path / "z.ris"], columns=rounds).records
    assert set(two["record_id"]) == set(one["record_id"])
    # a later round's copy is numbered after the earlier round's, which keeps its id
    three = read_files([tmp_path / "b.ris", tmp_path / "z.ris"],
                       columns=[{"search_round": "2026-11"}, {"search_round": "2027-05"}]).records
    alone = read_file(tmp_path / "b.ris")[0]["record_id"].tolist()
    assert three["record_id"].tolist()[:48] == alone


def test_a_change_in_text_cleaning_changes_no_id(monkeypatch):
    """(d) Ids come from the raw text, before cleaning: cleaning differently changes titles, not ids."""
    files = sorted((ROOT / "data" / "searches" / "2026-11").iterdir())
    before = {f.name: read_file(f)[0] for f in files}
    patched = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("synthesis.") and callable(getattr(module, "clean_text", None)):
            original = module.clean_text
            monkeypatch.setattr(module, "clean_text", lambda text, *a, _f=original, **k: _f(text, *a, **k).upper())
            patched += 1
    assert patched
    changed = 0
    for f in files:
        after = read_file(f)[0]
        assert after["record_id"].tolist() == before[f.name]["record_id"].tolist(), f.name
        changed += after["title"].tolist() != before[f.name]["title"].tolist()  # the cleaner did change them
    assert changed  # (the tagged formats' field tables hold the cleaner they were made with: not patched here)


def test_every_reader_gives_content_ids_that_are_unique_and_stable(shared_data, tmp_path):
    """Every real export of every format: each record has raw content, its id is unique in its file, and the
    same when the file is read under another name from another folder."""
    files = sorted(p for p in (shared_data / "imports").rglob("*")
                   if p.is_file() and p.name != "PROVENANCE.tsv" and p.suffix.lower() != ".md")
    checked = set()
    for path in files:
        try:
            table, report = read_file(path)
        except Exception:  # files that cannot be imported at all are the import tests' business
            continue
        if not len(table):
            continue
        checked.add(report.format)
        assert all(record_content(r) for r in table["raw"]), path
        assert table["record_id"].is_unique, path
        again = read_file(path, name=f"moved/{path.stem}-renamed{path.suffix}")[0]
        assert again["record_id"].tolist() == table["record_id"].tolist(), path
    assert {"ris", "medline", "wos_plaintext", "wos_tabdelimited", "endnote_tagged", "endnote_xml", "ovid",
            "bibtex", "csv", "pubmed_xml"} <= checked


def test_the_header_and_record_numbers_around_a_record_are_not_its_content():
    assert record_content({"TI": "A", "_number": "12", "_before": ["Database: X"]}) == record_content({"TI": "A"})
    assert record_content({"TI": "A", "AU": ["B", "C"]}) != record_content({"TI": "A", "AU": ["C", "B"]})
    assert record_content({"YR": 2020, "TI": ("A",)}) == record_content({"YR": "2020", "TI": "A"})


def test_a_record_given_without_raw_takes_its_fields_as_content():
    ids = content_ids([{}, {}], ["x", "x"], [{"title": "A", "year": 2001}, {"title": "B", "year": None}])
    assert ids[0] != ids[1]
    assert ids == content_ids([{}, {}], ["y", "y"], [{"title": "A", "year": 2001}, {"title": "B"}])


def test_group_ids_follow_the_earliest_round_not_the_files_order():
    """A group is named by its earliest round's record with the smallest id: reordering the files of a round
    keeps every group's id, and a later round's copy joining a group leaves its id as it was."""
    table = read_file(ROOT / SCOPUS)[0].assign(search_round="2026-11")
    pubmed = read_file(ROOT / "data/searches/2026-11/pubmed.nbib")[0].assign(search_round="2026-11")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = deduplicate(pd.concat([table, pubmed], ignore_index=True)).groups
        two = deduplicate(pd.concat([pubmed, table], ignore_index=True)).groups
        assert dict(zip(one["record_id"], one["group_id"])) == dict(zip(two["record_id"], two["group_id"]))
        later = pubmed.assign(search_round="2027-05")
        later = later.assign(record_id=[f"r{'0' * 15}{k % 10}" if k < 10 else r
                                        for k, r in enumerate(later["record_id"])])  # smaller ids than any
        three = deduplicate(pd.concat([table, later], ignore_index=True)).groups
        alone = deduplicate(table).groups
    first = dict(zip(alone["record_id"], alone["group_id"]))
    assert all(first[r] == g for r, g in zip(three["record_id"], three["group_id"]) if r in first)
    joined = three[three["record_id"].str.startswith("r0000")]["group_id"]
    assert joined.isin(alone["group_id"]).any()  # some of the smaller-id copies did join a Scopus group


def test_evidence_readers_resolve_old_ids_through_the_map(tmp_path):
    """Coding logs, studies.csv, fulltext.tsv, verdicts and screening logs read old ids as today's."""
    from synthesis.coding.log import CodingLog, read_coding_logs
    from synthesis.coding.studies import load_studies
    from synthesis.dedup.verdicts import read_verdicts, append_verdict
    from synthesis.fulltext.store import FulltextEvidence
    from synthesis.screening.log import read_logs

    ev = tmp_path / "evidence"
    (ev / "screening").mkdir(parents=True)
    (ev / "screening" / "alice.jsonl").write_text(json.dumps(
        {"key": "gOLD", "stage": "title_abstract", "decision": "include", "reviewer": "alice"}) + "\n")
    CodingLog(ev / "coding", "Alice").record("gOLD", [{"code": "x"}], {})
    (ev / "studies.csv").write_text("study_id,record_id,status\n7,gOLD,included\n")
    (ev / "fulltext.tsv").write_text("group_id\tfile\tdecision\ngOLD\ta.pdf\tconfirmed\n")
    append_verdict(ev / "duplicate_verdicts.tsv", "rOLD1", "rOLD2", "duplicate")
    with open(ev / ID_MAP, "w", newline="") as fh:
        csv.writer(fh).writerows([["old", "new", "kind", "file"], ["gOLD", "gNEW", "group", "x.ris"],
                                  ["rOLD1", "rNEW1", "record", "x.ris"], ["rOLD2", "rNEW0", "record", "x.ris"]])
    assert read_logs(ev / "screening", warn=False).entries[0].key == "gNEW"
    assert read_coding_logs(ev / "coding", warn=False).entries[0].study == "gNEW"
    assert load_studies(ev / "studies.csv")["record_id"].tolist() == ["gNEW"]
    assert FulltextEvidence.load(ev / "fulltext.tsv").rows()[0].group_id == "gNEW"
    verdicts = read_verdicts(ev / "duplicate_verdicts.tsv")
    assert verdicts[["record_id_1", "record_id_2"]].values.tolist() == [["rNEW0", "rNEW1"]]


def test_unique_record_ids_leaves_unique_ids_alone():
    t = pd.DataFrame({"record_id": ["r1", "r2"], "source_file": ["a", "b"]})
    assert unique_record_ids(t) is t
    t = pd.DataFrame({"record_id": ["r1", "r1"], "source_file": ["a", "b"]})
    assert unique_record_ids(t)["record_id"].is_unique


def test_unique_record_ids_numbers_copies_by_round_then_file_content_then_position():
    """Exact copies are numbered in the order (search round, the file's content key, position): checked on
    random tables with repeated ids over several files and rounds against that order written as a sort."""
    import random
    from hashlib import sha256

    rng = random.Random(3)
    for trial in range(40):
        n = rng.randint(2, 60)
        files = [rng.choice(["a.ris", "b.ris", "c.csv", "d.bib"]) for _ in range(n)]
        rounds = [{"a.ris": "2026-01", "b.ris": "2026-01", "c.csv": "2026-03", "d.bib": "2025-12"}[f] for f in files]
        t = pd.DataFrame({"record_id": [f"r{rng.randint(1, 6)}" for _ in range(n)], "source_file": files,
                          "search_round": rounds})
        of_file: dict = {}
        for f, rid in zip(files, t["record_id"]):
            of_file.setdefault(f, []).append(rid)
        file_key = {f: sha256("".join(v).encode()).hexdigest() for f, v in of_file.items()}
        first_seen = {r: k for k, r in enumerate(dict.fromkeys(rounds))}
        order = sorted(range(n), key=lambda k: (first_seen[rounds[k]], file_key[files[k]], k))
        expected, seen = t["record_id"].tolist(), {}
        for k in order:
            rid = expected[k]
            seen[rid] = seen.get(rid, 0) + 1
            if seen[rid] > 1:
                expected[k] = "r" + sha256(f"{rid}\x1f{seen[rid]}".encode()).hexdigest()[:16]
        assert unique_record_ids(t)["record_id"].tolist() == expected, trial


def test_the_old_formula_is_kept_for_the_migration():
    assert legacy_record_id("data/a.ris", 1, "A trial") == legacy_record_id("data\\a.ris", 1, "A trial")
    from synthesis.records import make_record_id

    with pytest.warns(DeprecationWarning):
        assert make_record_id("data/a.ris", 1, "A trial") == legacy_record_id("data/a.ris", 1, "A trial")


def test_a_notebook_applies_old_verdicts_before_the_build_has_migrated(tmp_path):
    """Notebook 01 deduplicates with the verdict file before any build: old-id verdicts are still applied."""
    from synthesis.project import Project

    project = _example(tmp_path)
    verdicts = project / "evidence" / "duplicate_verdicts.tsv"
    records = Project(project).read_exports().records
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        today = deduplicate(records, verdicts=verdicts)
        _put_old_evidence(project)
        old = deduplicate(records, verdicts=verdicts)
    assert not (project / "evidence" / ID_MAP).exists()
    assert not any("not in this input" in w for w in old.warnings)
    assert old.maybe_pairs.equals(today.maybe_pairs) and old.groups.equals(today.groups)
