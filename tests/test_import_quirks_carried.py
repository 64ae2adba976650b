"""Four quirks of exports from outside that were noticed for many sessions and not fixed: Epistemonikos naming
one author twice, Covidence's own tags read as keywords, Scopus BibTeX's index-term groups joined with a comma,
and Web of Science's full names of Chinese authors written family name first without a comma. Each test holds a
few lines of its own in the export's layout; the docstring names the public file that showed it (stored under
/work/heldout/w15, see its PROVENANCE.tsv)."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_covidence_tags_are_not_the_papers_keywords(tmp_path):
    """Covidence's CSV has a "Tags" column with the review team's own labels ("For Mahnoor's review?" in
    EmilyMeng05/GRaND_include-exclude covidence.csv, heldout/w15): they were read as the paper's keywords and
    went into the keyword maps. They stay in the record's raw fields under their own name; Covidence exports no
    keywords."""
    header = ("Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,Accession Number,"
              "DOI,Ref,Covidence #,Study,Notes,Tags\n")
    text = (header
            + 'Sleep and mood in teenagers,"Osei, Ama; Berg, Lars",An abstract.,2022,Mar,Sleep,45,3,1-9,35000001,'
              '10.1000/sleep.1,35000001,#41,Osei 2022,"Ama (2025-08-30)(Screen): check outcome; ","Ask Priya; '
              'Included"\n'
            + 'Exercise in older adults,"Haddad, Nour",,2021,,Age,12,,44,,,,#42,Haddad 2021,"",""\n')
    records, report = _read(tmp_path, "covidence.csv", text)
    assert report.imported == 2 and report.database == "Covidence"
    assert list(records["keywords"]) == [[], []]
    assert records["raw"][0]["Tags"] == "Ask Priya; Included"
    assert records["source_id"][0] == "#41"
