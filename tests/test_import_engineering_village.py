"""Engineering Village's RIS export (Compendex): which database it is, and which tag is the record's id.

A reviewer of a held-out review (ontology-based mapping of relational data) imported
``Engineering_Village_ris_7-2-2024_171028338.ris``, the platform's own file name: the import report left its
database empty, the PRISMA diagram counted it under "Unknown database", and the maybe pairs showed a keyword
("City model") as each record's source id. Engineering Village signs each Compendex record with the note
"Compilation and indexing terms, Copyright ... Elsevier Inc.", keeps its accession number in ``U1`` and its
uncontrolled terms, one per line, in ``U2``. The record below is written for this test in that layout.
"""
from __future__ import annotations

from synthesis.io import read_export
from synthesis.io.databases import infer_database

RECORD = """TY  - CONF
TI  - Mapping a relational schema to an ontology with views
A1  - Sato, S.
A1  - Masuda, T.
PY  - 2023//
U1  - 24502626
SP  - 29
EP  - 38
PB  - IEEE
N2  - We map tables to classes.
KW  - Relational database systems
KW  - Ontology
U2  - appropriate URI
U2  - complex mappings
DO  - 10.1109/example.2023.1
N1  - Compilation and indexing terms, Copyright 2024 Elsevier Inc.
ER  - 

"""


def test_an_engineering_village_export_names_compendex_from_its_content():
    assert infer_database(RECORD * 3, "export.ris") == "Compendex (Engineering Village)"


def test_the_platforms_own_file_name_names_it():
    plain = RECORD.replace("N1  - Compilation and indexing terms, Copyright 2024 Elsevier Inc.\n", "")
    assert infer_database(plain, "Engineering_Village_ris_7-2-2024_171028338.ris") == "Engineering Village"


def test_its_accession_number_is_the_source_id_not_a_term(tmp_path):
    path = tmp_path / "Engineering_Village_ris_7-2-2024_171028338.ris"
    path.write_text(RECORD, encoding="utf-8")
    result = read_export(path)
    row = result.records.iloc[0]
    assert row["source_database"] == "Compendex (Engineering Village)"
    assert row["source_id"] == "24502626"
    assert row["pmid"] == ""  # (U1 is Engineering Village's number, not a PubMed id)
