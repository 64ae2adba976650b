"""Four quirks of exports from outside that were noticed for many sessions and not fixed: Epistemonikos naming
one author twice, Covidence's own tags read as keywords, Scopus BibTeX's index-term groups joined with a comma,
and Web of Science's full names of Chinese authors written family name first without a comma. Each test holds a
few lines of its own in the export's layout; the docstring names the public file that showed it (stored under
/work/heldout/w15, see its PROVENANCE.tsv)."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def _epistemonikos_record(title: str, names: list[str], document: str) -> str:
    """One Epistemonikos RIS record in its older layout (TI, PY, AU..., UR to the document, T2, U1 pmid)."""
    return (f"TY  - JOUR\nTI  - {title}\nPY  - 2011\n" + "".join(f"AU  - {name}\n" for name in names)
            + f"AB  - A review.\nUR  - http://www.epistemonikos.org/documents/{document}\nT2  - Thorax\n"
            "VL  - 66\nSP  - 10-20\nU1  - 20000001[pmid]\nER  - \n\n\n")


def test_epistemonikos_author_written_short_and_in_full_is_one_author(tmp_path):
    """Epistemonikos merges a record from several sources and keeps both spellings of its authors, MEDLINE's
    without a comma and the full one ("Braman SS" and "Braman, Sidney S": the ACCP cough guideline in the RIS of
    a Python file, heldout/w15 epistemonikos_py_embed.ris): the record had the same author twice. Each is kept
    once, in the fuller form. Two people of one family and initial written alike stay two, and a list written
    in one form only is read as before."""
    text = (_epistemonikos_record("Cough in adults", ["Okafor CN", "Okafor, Chidi N"], "0f8b")
            + _epistemonikos_record("Wheeze in children", ["Lind M", "Baptiste AR", "Lind, Marta",
                                                            "Baptiste, Anne"], "1a2c")
            + _epistemonikos_record("Croup", ["Li H", "Li H", "Moreau, Jean"], "2b3d")
            + _epistemonikos_record("Otitis", ["Kenealy T", "Arroll B"], "3c4e"))
    records, report = _read(tmp_path, "epistemonikos.ris", text)
    assert report.imported == 4
    assert records["authors"][0] == ["Okafor, C. N."]
    assert records["authors"][1] == ["Lind, M.", "Baptiste, A. R."]  # (MEDLINE's form holds more initials)
    assert records["authors"][2] == ["Li, H.", "Li, H.", "Moreau, J."]
    assert records["authors"][3] == ["Kenealy, T.", "Arroll, B."]
    assert records["raw"][0]["AU"] == ["Okafor CN", "Okafor, Chidi N"]  # both spellings stay in raw


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


def test_scopus_bibtex_index_term_groups_joined_by_a_comma_are_split(tmp_path):
    """Scopus's BibTeX "keywords" holds each vocabulary's index terms as a group (each sorted, its terms joined
    by ";"), the groups joined by ", ": "Trucks, Adaptive large neighborhood searches" was one keyword
    (heldout/d1 fstsp scopus_noreferences.bib, 21 of its 25 records; qm-replication-of-sr-searches scopus.bib:
    "university, Information Storage and Retrieval"). Split at every comma, MeSH's "Memory, Short-Term" would be
    two: a term keeps its comma where it keeps its group's order. The authors' keywords are read as before."""
    text = ("@ARTICLE{Osei2023,\n"
            "author={Osei, A. and Berg, L.},\n"
            "title={Drones that deliver parcels},\n"
            "journal={Transportation Research},\n"
            "year={2023},\n"
            "volume={150},\n"
            "author_keywords={Drone delivery;  Routing, scheduling},\n"
            "keywords={Antennas;  Trucks, Adaptive searches;  Routing;  Working memory, Students, toluene, adult;"
            "  brain;  Humans;  Memory, Short-Term;  Models, Biological;  Models, Theoretical;"
            "  Neural Networks, Computer},\n"
            "source={Scopus},\n"
            "}\n")
    records, report = _read(tmp_path, "scopus.bib", text)
    assert report.imported == 1
    assert records["keywords"][0] == [
        "Drone delivery", "Routing, scheduling", "Antennas", "Trucks", "Adaptive searches", "Routing",
        "Working memory", "Students", "toluene", "adult", "brain", "Humans", "Memory, Short-Term",
        "Models, Biological", "Models, Theoretical", "Neural Networks, Computer"]
    # the same field in a BibTeX that is not Scopus's is read as before
    other, _ = _read(tmp_path, "other.bib", text.replace("source={Scopus},\n", ""))
    assert "Trucks, Adaptive searches" in other["keywords"][0]


def test_scopus_bibtex_last_index_term_group_and_newer_layout(tmp_path):
    """Two cases the order of the terms cannot decide. In the field's last item nothing follows a comma:
    "Urban delivery, Traveling salesman problem" stayed one keyword (11 of the 25 records of heldout/d1's fstsp
    scopus_noreferences.bib, 3 of its eeg scopus.bib), where MeSH's "Spores, Protozoan" is one; Compendex writes
    its terms in sentence case, MeSH capitalises every word. And Scopus's newer BibTeX joins every term with
    "; " (one space), groups too, so a comma there is always a term's own: read as groups, the last MeSH term
    before Emtree's lower-case ones was cut in two ("Tomography", "X-Ray Computed")."""
    def entry(key, keywords):
        return (f"@ARTICLE{{{key},\nauthor={{Osei, A.}},\ntitle={{Drones that deliver parcels {key}}},\n"
                f"journal={{Transportation Research}},\nyear={{2023}},\nkeywords={{{keywords}}},\n"
                "source={Scopus},\n}\n")
    text = (entry("A", "Antennas;  Drones;  Urban delivery, Traveling salesman problem")
            + entry("B", "Humans;  Physarum polycephalum;  Spores, Protozoan")
            + entry("C", "Humans;  Aged, 80 and over")
            + entry("D", "Female; Humans; Tomography, X-Ray Computed; adult; human"))
    records, report = _read(tmp_path, "scopus.bib", text)
    assert report.imported == 4
    assert list(records["keywords"]) == [
        ["Antennas", "Drones", "Urban delivery", "Traveling salesman problem"],
        ["Humans", "Physarum polycephalum", "Spores, Protozoan"],
        ["Humans", "Aged, 80 and over"],
        ["Female", "Humans", "Tomography, X-Ray Computed", "adult", "human"]]


def test_web_of_science_full_name_family_name_first_without_a_comma(tmp_path):
    """Web of Science gives each author short ("AU Wang, CY") and in full ("AF"), and writes some full names of
    Chinese authors family name first without a comma ("Wang Chen-Yang", "Zhang Chunwei": revtools
    restoration_WoS.ciw, metaknowledge savedrecs.txt in ../shared). Read as a Western name the family name came
    from the last word, "Chen-Yang, W.": another person to every other database. The short name says which
    words are the family name."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
            "PT J\nAU Liu, XM\n   Park, JH\n   Osei, A\n   Wen, Y\n"
            "AF Liu Xiao-Ming\n   Park Ji-Hoon\n   Osei, Ama\n   Yu Wen\n"
            "TI Restoring a temple roof\nSO HERITAGE SCIENCE\nPY 2020\nUT WOS:000111\nER\n"
            "PT J\nAU Smith, J\nAF John Smith\nTI Another paper\nSO HERITAGE SCIENCE\nPY 2021\nUT WOS:000112\nER\n"
            "EF\n")
    records, report = _read(tmp_path, "savedrecs.txt", text)
    assert report.imported == 2
    assert records["authors"][0] == ["Liu, X.-M.", "Park, J.-H.", "Osei, A.", "Wen, Y."]
    assert records["authors"][1] == ["Smith, J."]
