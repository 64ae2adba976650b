"""The flat public API: every name a notebook cell uses resolves, old names warn and still work, and
`import synthesis` stays light."""
import inspect
import subprocess
import sys
import warnings

import pytest

import synthesis


def test_every_exported_name_resolves_and_says_what_it_is():
    for name in synthesis.__all__:
        value = getattr(synthesis, name)
        assert value is not None, name
        if callable(value):  # functions and classes: a docstring a reviewer can read with syn.NAME?
            assert (inspect.getdoc(value) or "").strip(), f"syn.{name} has no docstring"


def test_old_names_warn_and_resolve_to_the_new_object():
    assert synthesis._RENAMED, "the table of old names is empty"
    for old, new in synthesis._RENAMED.items():
        assert old not in synthesis.__all__ and old not in dir(synthesis), old
        if old == "build" and "synthesis.build" in sys.modules:
            continue  # the subpackage of that name is bound once imported: checked in a fresh process below
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = getattr(synthesis, old)
        messages = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
        assert len(messages) == 1, (old, messages)
        if isinstance(new, tuple):  # the old object stays: the new name returns another type
            new_name, where, _ = new
            assert f"use synthesis.{new_name}" in messages[0], messages[0]
            assert value is getattr(sys.modules[where], old) and value is not getattr(synthesis, new_name)
        else:
            assert messages[0] == f"synthesis.{old} is now synthesis.{new}; the old name goes in the next release"
            assert value is getattr(synthesis, new), old
        # The warning points at the line that used the old name, so that a notebook shows it.
        assert caught[0].filename == __file__, (old, caught[0].filename)


def test_from_import_of_an_old_name_warns_at_the_importing_line():
    with pytest.warns(DeprecationWarning, match="synthesis.read_files is now synthesis.read_exports") as caught:
        from synthesis import read_files
    assert read_files is synthesis.read_exports and caught[0].filename == __file__


def test_an_old_name_in_a_subpackage_warns_too():
    import synthesis.screening as screening

    with pytest.warns(DeprecationWarning, match="synthesis.screening.ReviewSettings is now "
                                                "synthesis.screening.ScreeningSettings"):
        assert screening.ReviewSettings is synthesis.ScreeningSettings


def test_the_old_build_function_warns_until_its_package_is_imported():
    code = ("import warnings, synthesis\nwarnings.simplefilter('error')\n"
            "try:\n    synthesis.build\nexcept DeprecationWarning as w:\n    print(w)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "synthesis.build is now synthesis.build_project; the old name goes in the next release"


def test_build_project_stays_a_function_once_the_build_package_is_imported():
    import synthesis.build.steps  # noqa: F401  binds the subpackage synthesis.build

    assert callable(synthesis.build_project) and synthesis.build_project.__module__ == "synthesis.build.run"
    assert synthesis.import_exports is synthesis.build.steps.import_exports


def test_one_type_for_a_set_of_records_read(shared_data):
    """One file, many files and a whole project all give an ImportResult."""
    from pathlib import Path

    paths = sorted(p for p in Path(shared_data).rglob("*.ris"))[:2]
    assert len(paths) == 2
    one = synthesis.read_export(paths[0])
    many = synthesis.read_exports(paths)
    assert type(one) is type(many) is synthesis.ImportResult
    assert len(one.reports) == 1 and one.reports[0].imported == len(one.records) > 0
    assert many.records.iloc[: len(one.records)].equals(one.records)
    with pytest.warns(DeprecationWarning):
        records, report = synthesis.read_file(paths[0])
    assert records.equals(one.records) and report.imported == one.reports[0].imported
    assert list(one.report_table()["file"]) == [str(paths[0])]


def test_the_project_step_gives_the_same_type(tmp_path):
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "data", tmp_path / "data")
    project = synthesis.open_project(tmp_path)
    imported = synthesis.import_exports(project)
    assert isinstance(imported, synthesis.ImportResult) and imported.ok
    table = imported.report_table()
    assert list(table.columns[:2]) == ["file", "round"] and set(table["round"]) == {"2026-11"}
    assert len(imported.records) == table["imported"].sum()
    with pytest.raises(synthesis.ProjectError, match="not a review project"):
        synthesis.open_project(tmp_path / "data")


def test_a_project_or_its_folder_goes_to_every_project_function(project):
    # syn.import_exports("..") was AttributeError ('str' object has no attribute 'rounds'), and
    # syn.read_project_coding(syn.open_project("..")) and syn.build_project(syn.open_project("..")) TypeError
    # ('expected str, bytes or os.PathLike object, not Project'): tracebacks from a notebook's first cells
    opened = synthesis.open_project(project)
    assert synthesis.build_project(opened).output == project.resolve() / "output"
    assert len(synthesis.import_exports(str(project)).records) == len(synthesis.import_exports(opened).records) > 0
    assert len(synthesis.read_project_coding(opened).coding.studies) == \
        len(synthesis.read_project_coding(project).coding.studies) > 0
    with pytest.raises(synthesis.ProjectError, match="no such folder"):
        synthesis.import_exports(project / "missing")


def test_import_synthesis_does_not_load_the_heavy_parts():
    code = "import sys, synthesis; print(sorted(m for m in ('pandas', 'matplotlib', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_notebooks_use_the_flat_api_only():
    """Every notebook imports `synthesis as syn` and nothing from its subpackages; each syn. name it uses exists
    and is not an old one."""
    import re
    from pathlib import Path

    import nbformat

    notebooks = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert notebooks
    for path in notebooks:
        code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert "import synthesis as syn" in code, path.name
        assert not re.search(r"^\s*(from synthesis[\s.]|import synthesis\.)", code, re.M), path.name
        used = set(re.findall(r"\bsyn\.([A-Za-z_]\w*)", code))
        assert used and used <= set(synthesis.__all__), (path.name, used - set(synthesis.__all__))


def test_the_screening_settings_old_module_name_warns():
    import synthesis.screening.settings as settings

    with pytest.warns(DeprecationWarning, match="ReviewSettings is now ScreeningSettings"):
        assert settings.ReviewSettings is settings.ScreeningSettings
    with pytest.raises(AttributeError):
        settings.NoSuchSetting
