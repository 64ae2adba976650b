"""One settings file: the screening settings are the [screening] table of evidence/review.toml, and an old
evidence/screening/settings.json is moved there once, with nothing lost."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from synthesis.project import Project, ProjectError
from synthesis.screening.settings import (ReviewerError, ScreeningError, ScreeningSettings, add_reviewer,
                                          load_screening_settings, migrate_screening_settings, settings_path)

ROOT = Path(__file__).resolve().parents[1]

#: The example's screening settings as they were in evidence/screening/settings.json before this release.
OLD_EXAMPLE = {
    "team": ["alice", "bob"],
    "reasons": ["Not about co-production or co-design", "Not about digital health", "No patient or public involvement",
                "Protocol only (no results)", "Not in English"],
    "include_keywords": ["co-production", "co-design", "co-creation", "participatory", "inclusive", "underserved",
                         "digital"],
    "exclude_keywords": ["protocol", "animal", "pharmacokinetic"],
    "reviewers_per_record": 2,
    "blind": True,
    "criteria": {"title_abstract": ["About co-production, co-design or co-creation of health care or research",
                                    "A digital health intervention, service or tool",
                                    "Patients, carers or the public took part",
                                    "Reports what was done or found (not a protocol only)", "In English"],
                 "full_text": ["Describes the co-production process and who took part",
                               "Digital health: an app, website, telehealth or other digital tool",
                               "Reports results (not a protocol only)", "Full text in English"]},
    "target_recall": 0.95,
    "confidence": 0.9,
}


def _legacy_project(tmp_path: Path, settings: dict = OLD_EXAMPLE) -> Path:
    """A project as an earlier version left it: review.toml without [screening], settings.json beside the logs."""
    root = tmp_path / "review"
    (root / "evidence" / "screening").mkdir(parents=True)
    text = (ROOT / "evidence" / "review.toml").read_text(encoding="utf-8")
    (root / "evidence" / "review.toml").write_text(text[: text.index("\n[screening]\n") + 1], encoding="utf-8")
    (root / "evidence" / "screening" / "settings.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return root


def test_the_shipped_example_keeps_one_settings_file():
    assert not (ROOT / "evidence" / "screening" / "settings.json").exists()
    settings = Project(ROOT).settings()
    assert settings.title.startswith("Inclusive co-production")
    screening = settings.screening
    assert isinstance(screening, ScreeningSettings)
    assert screening.team == ["alice", "bob"] and screening.reviewers_per_record == 2 and screening.blind
    assert len(screening.pilot) == 10 and screening.reasons == OLD_EXAMPLE["reasons"]
    assert screening.criteria == OLD_EXAMPLE["criteria"]
    # The decision logs' folder, the evidence folder, the project and the file all name the same settings.
    for where in (ROOT / "evidence" / "screening", ROOT / "evidence", ROOT, Project(ROOT),
                  ROOT / "evidence" / "review.toml"):
        assert settings_path(where) == ROOT / "evidence" / "review.toml"
        assert load_screening_settings(where).team == ["alice", "bob"]


def test_an_old_settings_json_is_moved_once_keeping_the_file_and_its_comments(tmp_path):
    root = _legacy_project(tmp_path)
    toml = root / "evidence" / "review.toml"
    before = toml.read_text(encoding="utf-8")
    with pytest.warns(UserWarning, match="moved from .*settings.json into the \\[screening\\] table"):
        settings = Project(root).settings()
    for name, value in OLD_EXAMPLE.items():
        assert getattr(settings.screening, name) == value, name
    after = toml.read_text(encoding="utf-8")
    assert after.startswith(before)  # every line and comment of the file as it was, the table below
    assert "# The team's PDFs" in after and "\n[screening]\n" in after
    assert not (root / "evidence" / "screening" / "settings.json").exists()
    kept = root / "evidence" / "screening" / "settings.json.migrated"
    assert json.loads(kept.read_text(encoding="utf-8")) == OLD_EXAMPLE
    # Once: reading again changes nothing and warns nothing.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = load_screening_settings(root / "evidence" / "screening")
    assert toml.read_text(encoding="utf-8") == after and again.team == OLD_EXAMPLE["team"]
    assert migrate_screening_settings(root / "evidence") is None


def test_a_reviewer_added_to_an_old_copy_is_not_lost(tmp_path):
    """review.toml was migrated on one copy; another copy's settings.json has someone new: they join."""
    root = _legacy_project(tmp_path)
    with pytest.warns(UserWarning):
        migrate_screening_settings(root)
    (root / "evidence" / "screening" / "settings.json").write_text(
        json.dumps({**OLD_EXAMPLE, "team": ["alice", "bob", "Carol Diaz"]}), encoding="utf-8")
    with pytest.warns(UserWarning, match="kept as settings.json.migrated-2"):
        settings = load_screening_settings(root / "evidence" / "screening")
    assert settings.team == ["alice", "bob", "Carol Diaz"]
    assert (root / "evidence" / "screening" / "settings.json.migrated").exists()


def test_two_different_settings_are_an_error_that_names_both_files(tmp_path):
    root = _legacy_project(tmp_path)
    with pytest.warns(UserWarning):
        migrate_screening_settings(root)
    toml = root / "evidence" / "review.toml"
    text = toml.read_text(encoding="utf-8")
    legacy = root / "evidence" / "screening" / "settings.json"
    legacy.write_text(json.dumps({**OLD_EXAMPLE, "reasons": ["wrong population"], "blind": False}), encoding="utf-8")
    with pytest.raises(ProjectError, match=r"settings.json and the \[screening\] table of .*review.toml .*differ in "
                                           r"reasons, blind"):
        Project(root).settings()
    assert toml.read_text(encoding="utf-8") == text and legacy.exists()  # nothing moved, nothing lost


def test_a_broken_settings_json_is_not_moved(tmp_path):
    root = _legacy_project(tmp_path)
    legacy = root / "evidence" / "screening" / "settings.json"
    legacy.write_text('{"team": ["alice",\n "bob"\n', encoding="utf-8")
    text = (root / "evidence" / "review.toml").read_text(encoding="utf-8")
    with pytest.raises(ScreeningError, match=r"settings.json, line 3: not valid JSON"):
        load_screening_settings(root / "evidence" / "screening")
    legacy.write_text(json.dumps({"team": ["Ann Lee", "ann lee"]}), encoding="utf-8")
    with pytest.raises(ReviewerError, match="settings.json: two reviewers .* same name"):
        load_screening_settings(root / "evidence" / "screening")
    assert (root / "evidence" / "review.toml").read_text(encoding="utf-8") == text and legacy.exists()


def test_a_wrong_value_in_review_toml_names_the_file_and_the_setting(tmp_path):
    toml = tmp_path / "evidence" / "review.toml"
    toml.parent.mkdir()
    toml.write_text('[screening]\nteam = ["alice"]\nreviewers_per_record = "two"\n', encoding="utf-8")
    with pytest.raises(ScreeningError, match=r"review.toml \[screening\]: reviewers_per_record must be a whole number"):
        load_screening_settings(tmp_path / "evidence")
    toml.write_text('[screening]\nteam = ["alice"]\nreviewer = ["bob"]\n', encoding="utf-8")
    with pytest.raises(ScreeningError, match=r"unknown setting\(s\) reviewer; known: .*team"):
        load_screening_settings(tmp_path / "evidence")
    with pytest.raises(ProjectError, match="unknown setting"):
        Project(tmp_path).settings()


def test_add_reviewer_changes_only_the_team_line(tmp_path):
    root = tmp_path / "review"
    shutil.copytree(ROOT / "evidence", root / "evidence")
    toml = root / "evidence" / "review.toml"
    before = toml.read_text(encoding="utf-8").splitlines()
    settings = add_reviewer(root / "evidence" / "screening", "Carol Díaz")
    assert settings.team == ["alice", "bob", "Carol Díaz"]
    after = toml.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [('team = ["alice", "bob"]', 'team = ["alice", "bob", "Carol Díaz"]')]
    assert add_reviewer(Project(root), "carol diaz").team == settings.team  # the same person: nothing changes
    assert toml.read_text(encoding="utf-8").splitlines() == after
    assert Project(root).settings().screening.team == settings.team


def test_save_writes_the_screening_table_and_load_reads_it_back(tmp_path):
    settings = ScreeningSettings(team=["Ann"], reasons=["wrong population"], reviewers_per_record=1,
                                 criteria={"full_text": "Reports outcomes\nIn English"}, blind_metadata=True)
    path = settings.save(tmp_path)
    assert path == tmp_path / "review.toml"
    back = ScreeningSettings.load(tmp_path)
    assert (back.team, back.reasons, back.criteria, back.blind_metadata) == (
        ["Ann"], ["wrong population"], {"full_text": "Reports outcomes\nIn English"}, True)
    assert back.criteria_for("full_text") == ["Reports outcomes", "In English"]
    with pytest.raises(ScreeningError, match="no \\[screening\\] settings"):
        ScreeningSettings.load(tmp_path / "elsewhere")


def test_save_changes_only_what_changed(tmp_path):
    shutil.copy(ROOT / "evidence" / "review.toml", tmp_path / "review.toml")
    before = (tmp_path / "review.toml").read_text(encoding="utf-8")
    settings = load_screening_settings(tmp_path)
    settings.save(tmp_path)
    assert (tmp_path / "review.toml").read_text(encoding="utf-8") == before  # nothing changed: nothing rewritten
    settings.blind_metadata = True
    settings.criteria["full_text"] = settings.criteria["full_text"][:2]
    settings.save(tmp_path)
    after = (tmp_path / "review.toml").read_text(encoding="utf-8")
    assert "blind_metadata = true  # Hide authors, journal, year and DOI at title/abstract.\n\n[screening.criteria]\n" \
           "# The eligibility criteria of each stage" in after
    assert set(before.splitlines()) - set(after.splitlines()) == {'    "Reports results (not a protocol only)",',
                                                                  '    "Full text in English",'}
    back = load_screening_settings(tmp_path)
    assert back.blind_metadata and back.criteria["full_text"] == settings.criteria["full_text"]
    assert back.criteria["title_abstract"] == OLD_EXAMPLE["criteria"]["title_abstract"]


@pytest.mark.slow
def test_the_build_migrates_and_gives_the_same_outputs(tmp_path):
    """A project left with settings.json builds exactly as the same project already migrated."""
    from synthesis.build import build

    migrated = tmp_path / "migrated"
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, migrated / name)
    legacy = _legacy_project(tmp_path, {**OLD_EXAMPLE, "confidence": 0.95,
                                        "pilot": Project(ROOT).settings().screening.pilot})
    shutil.copytree(ROOT / "data", legacy / "data")
    for log in (ROOT / "evidence").rglob("*"):
        target = legacy / "evidence" / log.relative_to(ROOT / "evidence")
        if log.is_file() and not target.exists() and log.name != "review.toml":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(log, target)
    build(migrated, progress=False)
    with pytest.warns(UserWarning, match="moved from"):
        build(legacy, progress=False)
    assert (legacy / "evidence" / "screening" / "settings.json.migrated").exists()
    assert load_screening_settings(legacy).pilot == load_screening_settings(migrated).pilot
    files = sorted(p.relative_to(migrated / "output") for p in (migrated / "output").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(legacy / "output") for p in (legacy / "output").rglob("*") if p.is_file())
    differ = [f for f in files if (migrated / "output" / f).read_bytes() != (legacy / "output" / f).read_bytes()]
    assert differ == [Path("manifest.json")]  # only the fingerprint of the inputs (review.toml differs)


def test_the_full_text_step_reads_the_criteria_of_the_screening_settings(tmp_path):
    """The criteria are written once, in [screening.criteria]; an older [eligibility] table still counts."""
    from synthesis.fulltext.config import FulltextSettings

    shutil.copytree(ROOT / "evidence", tmp_path / "evidence")
    assert FulltextSettings.load(tmp_path).criteria["full_text"] == OLD_EXAMPLE["criteria"]["full_text"]
    toml = tmp_path / "evidence" / "review.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text[: text.index("\n[screening]\n") + 1] + '[eligibility]\nfull_text = ["Adults"]\n',
                    encoding="utf-8")
    assert FulltextSettings.load(tmp_path).criteria == {"full_text": ["Adults"]}
