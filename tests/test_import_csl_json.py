"""CSL JSON, the portable export of Zotero ("Export Library…" > CSL JSON), Mendeley and Pandoc: it was "unknown
format: no reader recognises this file". A library in Zotero's own layout (its item URIs as ids, date parts as
strings, an organisation as a literal author), a broken file, and an element that is no item."""
from __future__ import annotations

import pytest

from synthesis.io import ImportFailure, read_file

ZOTERO = """[
  {
    "id": "http://zotero.org/users/1234567/items/ABCD2345",
    "type": "article-journal",
    "abstract": "We co-designed a diabetes app with its users.",
    "container-title": "Journal of Examples",
    "DOI": "10.1000/XYZ123",
    "ISSN": "1234-5678",
    "issue": "2",
    "journalAbbreviation": "J Ex",
    "language": "en",
    "page": "11-19",
    "source": "PubMed",
    "title": "Co-design of a diabetes app",
    "URL": "https://example.org/a",
    "volume": "7",
    "PMID": "31234567",
    "keyword": "co-design, diabetes; mHealth",
    "author": [
      {"family": "Smith", "given": "Jane"},
      {"family": "Berg", "given": "Piet", "non-dropping-particle": "van der"},
      {"literal": "The DIABETES-APP Study Group"}
    ],
    "issued": {"date-parts": [["2020", 5, 1]]}
  },
  {
    "id": "http://zotero.org/users/1234567/items/EFGH6789",
    "type": "paper-conference",
    "title": "Patient partners in research",
    "container-title": ["Proceedings of the Example Conference"],
    "author": [{"family": "Okafor", "given": "Chidi"}],
    "issued": {"raw": "Spring 2019"}
  }
]
"""


def _read(tmp_path, text, name="My Library.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def test_a_zotero_csl_json_library(tmp_path):
    records, report = _read(tmp_path, ZOTERO)
    assert report.format == "csl_json" and report.found == report.imported == 2 and not report.rejected
    first = records.iloc[0]
    assert first["title"] == "Co-design of a diabetes app" and first["type"] == "article-journal"
    assert list(first["authors"]) == ["Smith, J.", "van der Berg, P.", "The DIABETES-APP Study Group"]
    assert first["year"] == 2020
    assert (first["journal"], first["volume"], first["issue"], first["pages"]) == ("Journal of Examples", "7", "2",
                                                                                   "11-19")
    assert (first["doi"], first["pmid"], first["isbn_issn"]) == ("10.1000/xyz123", "31234567", "1234-5678")
    assert first["abstract"] == "We co-designed a diabetes app with its users."
    assert list(first["keywords"]) == ["co-design", "diabetes", "mHealth"]
    assert first["url"] == "https://example.org/a" and first["language"] == "en"
    assert first["source_id"] == "http://zotero.org/users/1234567/items/ABCD2345"
    assert first["raw"]["journalAbbreviation"] == "J Ex"  # the item as it was
    second = records.iloc[1]
    assert second["journal"] == "Proceedings of the Example Conference" and second["year"] == 2019


def test_broken_csl_json_names_the_line(tmp_path):
    with pytest.raises(ImportFailure) as err:
        _read(tmp_path, ZOTERO.replace('"volume": "7",', '"volume": "7"'))
    assert "My Library.json, line 17" in str(err.value) and "not valid JSON" in str(err.value)


def test_an_element_that_is_no_item_is_rejected_and_counted(tmp_path):
    records, report = _read(tmp_path, ZOTERO.rstrip().rstrip("]") + ', "stray text"\n]\n')
    assert report.found == 3 and report.imported == 2 and report.reconciles
    assert "record 3" in str(report.rejected[0]) and "not a CSL item" in str(report.rejected[0])


def test_a_csl_json_export_in_a_search_round_is_imported(tmp_path):
    """A library saved into a round's folder is read by the build, named after its file."""
    import pandas as pd

    from synthesis.build import build

    folder = tmp_path / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    (folder / "zotero.json").write_text(ZOTERO, encoding="utf-8")
    build(tmp_path, progress=False)
    report = pd.read_csv(tmp_path / "output" / "import_report.csv", dtype=str)
    assert report[["format", "database", "imported"]].values.tolist() == [["csl_json", "Zotero", "2"]]


def test_a_family_name_given_alone_is_read_as_a_family_name(tmp_path):
    """CSL says which part of a name is the family name; one given alone ("van der Berg", no given names: a
    reference manager that knew no more) was read again as a whole name, given names first: "der Berg, V." (w49,
    seen in a Zotero CSL JSON). A one-word family name, and an organisation's literal name, stay as they were."""
    import json

    items = [{"id": "a", "type": "article-journal", "title": "Dune grasses after the storm",
              "author": [{"family": "van der Berg"}, {"family": "Okafor", "given": "Chidi"}, {"family": "Plato"},
                         {"literal": "Coastal Dunes Study Group"}], "issued": {"date-parts": [[2019]]}}]
    records, report = _read(tmp_path, json.dumps(items))
    assert report.imported == 1
    assert records["authors"][0] == ["van der Berg", "Okafor, C.", "Plato", "Coastal Dunes Study Group"]
