"""What a newcomer gets wrong, walking the README on a review of their own (helper w56, session 52): a Word
document among the exports, an empty export, a table of review.toml misspelt, a setting misspelt, a round folder
named by a date the calendar has not. Each must be one sentence naming the file and what to do."""
from __future__ import annotations

import io
import zipfile

import pytest

import synthesis as syn
from synthesis.io import read_file
from synthesis.io.base import ImportFailure

RIS = "TY  - JOUR\nTI  - Gambling harms in young adults\nAU  - Okafor, Ada\nPY  - 2021\nER  - \n"


def _word_document() -> bytes:
    """The parts every .docx holds (what Word writes for a search strategy pasted into a document)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def test_a_word_document_among_the_exports_is_not_called_an_archive_to_unpack(tmp_path):
    """A .docx is a ZIP archive, and was refused as one: "unpack it into the round's folder and delete the
    archive", which leaves word/document.xml and friends among the exports. It is a Word document: say so, and
    which export to save instead."""
    path = tmp_path / "search_results.docx"
    path.write_bytes(_word_document())
    with pytest.raises(ImportFailure) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: a Word document, not an export of records")
    assert "unpack" not in message and "RIS" in message


def test_a_zip_archive_of_exports_is_still_to_be_unpacked(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("scopus.ris", RIS)
    path = tmp_path / "scopus.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailure, match="a ZIP archive, not an export of records; unpack it"):
        read_file(path)


def test_an_empty_export_says_what_to_do(tmp_path):
    """"the file is empty" named the file but left the reviewer to guess: a download that failed, or a search that
    found nothing (which the search log holds as records_reported = 0 with no file)."""
    path = tmp_path / "embase.ris"
    path.write_bytes(b"")
    with pytest.raises(ImportFailure) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: the file is empty")
    assert "download" in message and "records_reported = 0" in message


@pytest.fixture
def review(tmp_path):
    """A review made as the README says, dual and blind, with one small export in a dated round."""
    root = tmp_path / "gambling"
    syn.new_project(root, "Gambling harms", team=["Ana", "Ben"], reviewers_per_record=2)
    (root / "data" / "searches" / "2026-12").mkdir(parents=True)
    (root / "data" / "searches" / "2026-12" / "scopus.ris").write_text(RIS, encoding="utf-8")
    return root


def test_a_misspelt_table_of_review_toml_is_refused(review):
    """``[screenig]`` for ``[screening]``: the table was not read at all, so the team, dual and blind screening
    fell back to one reviewer, open, and the build said nothing."""
    toml = review / "evidence" / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[screening]\n", "[screenig]\n"), encoding="utf-8")
    with pytest.raises(syn.SynthesisError) as caught:
        syn.open_project(review).settings()
    message = str(caught.value)
    assert str(toml) in message and "[screenig]" in message and "did you mean [screening]?" in message
    # the notebooks read the screening settings on their own: the same sentence there
    with pytest.raises(syn.SynthesisError, match=r"did you mean \[screening\]\?"):
        syn.load_screening_settings(review)


def test_a_setting_outside_every_table_is_refused(review):
    toml = review / "evidence" / "review.toml"
    toml.write_text('blind = false\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(syn.SynthesisError, match=r"blind stands above every table; put it under \[screening\]"):
        syn.open_project(review).settings()


def test_a_misspelt_setting_names_the_one_it_is_close_to(review):
    toml = review / "evidence" / "review.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("\nteam = ", "\ntem = "), encoding="utf-8")
    with pytest.raises(syn.SynthesisError, match=r"unknown setting\(s\) tem \(did you mean team\?\); known: "):
        syn.open_project(review).settings()
    toml.write_text(text.replace("# gap_map_columns", "gap_map_colums"), encoding="utf-8")
    with pytest.raises(syn.SynthesisError) as caught:
        syn.open_project(review).settings()
    assert "[review]: unknown setting(s) gap_map_colums (did you mean gap_map_columns?); known: " in str(caught.value)


def test_a_round_folder_named_by_a_day_the_calendar_has_not(review):
    """``data/searches/2027-13/``: month 13 was taken for a date, silently (the order is by name, so a typing
    error in a month puts a round before or after another without a word)."""
    (review / "data" / "searches" / "2026-12").rename(review / "data" / "searches" / "2027-13")
    notes = syn.import_exports(syn.open_project(review)).notes
    assert any("data/searches/2027-13/: 2027-13 is not a date (month 13)" in note and "rename" in note
               for note in notes), notes


def test_a_round_folder_named_by_a_real_date_gets_no_note(review):
    notes = syn.import_exports(syn.open_project(review)).notes
    assert not any("not a date" in note for note in notes)


def test_help_of_the_package_leads_to_each_step_by_its_name():
    """A newcomer typing help(syn) met 4,800 lines, PRISMA-S first at line 4,623: the package's own text now says
    where each step a review asks for by name is."""
    head = syn.__doc__
    for words in ("add a reviewer", "resolve conflicts", "stopping test", "PRISMA-S", "gap map"):
        assert words in head, words


@pytest.mark.parametrize("line, advice", [
    ("blind = True", "write true or false in lower case: blind = true"),
    ('title = Gambling harms', 'put text in double quotes (numbers in digits): title = "Gambling harms"'),
    ("team = [Ana, Ben]  # the screeners", 'put text in double quotes (numbers in digits): team = ["Ana", "Ben"]'),
])
def test_a_value_toml_cannot_read_is_shown_as_it_should_be_written(review, line, advice):
    """"not valid TOML: Invalid value (at line 33, column 9)" named the place but not the mistake: a newcomer typed
    True as Python writes it, or text without quotes."""
    toml = review / "evidence" / "review.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    name = line.split(" =")[0]
    number = next(i for i, text in enumerate(lines, 1) if text.startswith(f"{name} = "))
    lines[number - 1] = line
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(syn.SynthesisError) as caught:
        syn.open_project(review).settings()
    assert str(caught.value) == f"{toml}, line {number}: {line.split('  #')[0]} is not valid TOML; {advice}"


def test_the_new_projects_readme_builds_from_its_own_folder(tmp_path, monkeypatch):
    """The project's README said `synthesis build reviews/knee`, the path as typed to `synthesis new` from another
    folder: read in the project (where the README is), or by a colleague with a copy elsewhere, it names nothing."""
    monkeypatch.chdir(tmp_path)
    syn.new_project("reviews/knee", "Exercise for knee pain", team=["Ana", "Ben"], reviewers_per_record=2)
    readme = (tmp_path / "reviews" / "knee" / "README.md").read_text(encoding="utf-8")
    assert "`synthesis build .` in this folder" in readme and "reviews/knee" not in readme


def test_a_word_97_document_among_the_exports_is_named_as_one(tmp_path):
    """A .doc (Word 97-2003, the format of the search strategies many libraries still send) was "a binary file (NUL
    or control bytes), not a text export", which said what it is not."""
    path = tmp_path / "strategy.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le") + bytes(500))
    with pytest.raises(ImportFailure) as caught:
        read_file(path)
    assert str(caught.value).startswith(f"{path}: a Word document, not an export of records; move it out of data/")


def test_a_search_strategy_saved_among_the_exports_says_what_to_do(tmp_path):
    """A newcomer saved the search strategy beside its export (scopus_strategy.txt): "unknown format: no reader
    recognises this file (first line: ...)" said what failed, not what to do."""
    path = tmp_path / "scopus_strategy.txt"
    path.write_text('Search strategy for Scopus, run 7 December 2022\n\nTITLE-ABS-KEY ( "gambling harm*" )\n',
                    encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 1: unknown format: no reader recognises this file (first line: "
                              "'Search strategy for Scopus, run 7 December 2022')")
    assert message.endswith("; save the search's results from the database as an export (RIS, BibTeX, MEDLINE, "
                            "CSV...), and keep other files out of data/ (a search strategy goes into "
                            "evidence/searches.toml)")


def test_building_a_folder_that_does_not_exist_names_the_close_one(review):
    """``synthesis build ../gambling_harms`` for ../gambling: "cannot be written (No such file or directory): ...
    check its permissions and free space" sent a newcomer to look at the disk."""
    from synthesis.build import build

    with pytest.raises(syn.SynthesisError) as caught:
        build(review.parent / "gamblin", progress=False)
    assert str(caught.value) == (f"{review.parent / 'gamblin'}: no such folder (did you mean "
                                 f"{review}?); give the review project's folder, the one holding data/ and evidence/")
    assert not (review.parent / "gamblin").exists()


def test_building_a_folder_inside_the_project_names_the_project(review):
    """Run from notebooks/, ``synthesis build .`` said "notebooks/data: no data/ folder; put the raw search exports
    there" (a second data/ inside notebooks/ would have been built), and left a .synthesis-cache there."""
    from synthesis.build import build

    with pytest.raises(syn.SynthesisError) as caught:
        build(review / "notebooks", progress=False)
    assert str(caught.value) == (f"{review / 'notebooks'} is not a review project (it has no data/ and no evidence/ "
                                 f"folder); the project holding it is {review}: synthesis build {review}")
    assert not (review / "notebooks" / ".synthesis-cache").exists()


def test_a_file_of_ones_own_in_output_is_told_to_move_out(review):
    """The README's `synthesis fulltext retrieve -o output/to_retrieve.ris`, run as written, stopped the next build:
    "changed by hand (added: to_retrieve.ris) ... put changes in evidence/" told a newcomer who had edited nothing
    what they had not done. The README now writes the list outside output/, and the build says where such a file
    goes."""
    from synthesis.build import build
    from synthesis.build.manifest import BuildError

    build(review, progress=False)
    (review / "output" / "to_retrieve.ris").write_text(RIS, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(review, progress=False)
    assert "(added: to_retrieve.ris)" in str(caught.value)
    assert ("A file of your own there (one a command wrote with -o) goes outside output/: move to_retrieve.ris out of "
            f"{review / 'output'} and run the build again") in str(caught.value)


def test_opening_a_folder_inside_the_project_names_the_project(review):
    """The commands that open a project (``synthesis citations``, ``synthesis fulltext``...) and a notebook's
    ``syn.open_project`` said "give the project's folder, e.g. open_project('..') from notebooks/" whoever asked;
    they now name the project holding the folder, or the one whose name is close to a mistyped one, as the build
    does (one check for both)."""
    with pytest.raises(syn.ProjectError) as caught:
        syn.open_project(review / "notebooks")
    assert str(caught.value) == (f"{review / 'notebooks'} is not a review project (it has no data/ and no evidence/ "
                                 f"folder); the project holding it is {review}")
    with pytest.raises(syn.ProjectError) as caught:
        syn.open_project(review.parent / "gamblin")
    assert str(caught.value) == (f"{review.parent / 'gamblin'}: no such folder (did you mean {review}?); give the "
                                 f"review project's folder, the one holding data/ and evidence/")
