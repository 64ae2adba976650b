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
