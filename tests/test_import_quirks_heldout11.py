"""Quirks met in exports of held-out set 11 (outside ../shared): databases the readers had met least (Embase,
the Cochrane Library's RIS, Lens.org, eLibrary-style Cyrillic names). Each test holds a few lines of its own in the
export's layout; the comment names the public file that showed it."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_family_name_then_an_accented_or_cyrillic_initial_in_ris(tmp_path):
    """Embase writes its RIS authors family name first, then the initials with full stops and no comma
    ("Carmona-Martos L."). An initial outside A-Z turned the name round: "Escudero-Arnanz Ó." became
    "Ó., E.-A.", "Yılmaz Ö." "Ö., Y.", and a Cyrillic "Иванов И.И." (eLibrary) "И.И., И." (the same author in
    lisaphmm/bacteria-identification-systematic-review, embase.csv, record 2; the CSV reader had it right)."""
    text = ("TY  - JOUR\nDB  - Embase\nA1  - Carmona-Martos L.\nA1  - Escudero-Arnanz Ó.\nA1  - Yılmaz Ö.\n"
            "A1  - Kaya İ.H.\nA1  - Šimić Ž.\nT1  - Early prediction of resistance\nY1  - 2026\nER  - \n\n"
            "TY  - JOUR\nAU  - Иванов И.И.\nAU  - Петрова А. С.\nAU  - Παπαδόπουλος Γ.\nAU  - Ö. Yılmaz\n"
            "TI  - Сорта пшеницы\nPY  - 2021\nER  - \n")
    records, report = _read(tmp_path, "embase.ris", text)
    assert report.imported == 2
    assert records["authors"][0] == ["Carmona-Martos, L.", "Escudero-Arnanz, Ó.", "Yılmaz, Ö.", "Kaya, İ. H.",
                                     "Šimić, Ž."]
    assert records["authors"][1] == ["Иванов, И. И.", "Петрова, А. С.", "Παπαδόπουλος, Γ.", "Yılmaz, Ö."]


def test_embase_rows_cyrillic_initials(tmp_path):
    """Embase's "Fields by Row" CSV had Latin accented initials right ("Escudero-Arnanz Ó.") but not Cyrillic
    ones: "Иванов И.И." became "И.И., И." (layout of lisaphmm/bacteria-identification-systematic-review,
    embase.csv)."""
    text = ('"TITLE","Wheat and rust"\n"AUTHOR NAMES","Mao J.","Иванов И.И.","Escudero-Arnanz Ó."\n'
            '"SOURCE","Plant Journal (2026) 14:1 Article Number: 11. Date of Publication: 1 Dec 2026"\n'
            '"PUBLICATION YEAR","2026"\n"PUBLICATION TYPE","Article"\n"DOI","10.1000/wheat.1"\n\n')
    records, report = _read(tmp_path, "embase.csv", text)
    assert report.format == "embase_rows" and report.imported == 1
    assert records["authors"][0] == ["Mao, J.", "Иванов, И. И.", "Escudero-Arnanz, Ó."]


def test_cochrane_ris_registry_record_with_two_types_of_work(tmp_path):
    """CENTRAL types a register's record of a trial JOUR and names its kinds in M3; where it names two
    ("Trial registry record; Clinical trial protocol") the record stayed a JOUR, a journal article on the
    screening card (ferenci-tamas/FavipiravirMetaAnalysis, Cochrane.ris, records 88-90). An article's own M3
    ("Journal Article; Clinical Trial Protocol") leaves its type as it was."""
    text = ('Record #1 of 2\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset="UTF-8"\n\n'
            "TY  -  JOUR\nAN  -  CN-09000001\nA1  -  jRCTs099990001,\nT1  -  Two antivirals for pneumonia\n"
            "JA  -  https://trialsearch.who.int/Trial2.aspx?TrialID=JPRN-jRCTs099990001\nPY  -  2020\n"
            "C3  -  ICTRP jRCTs099990001\nM3  -  Trial registry record; Clinical trial protocol\n"
            "UR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/CN-09000001/full\nER  -  \n\n\n"
            'Record #2 of 2\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset="UTF-8"\n\n'
            "TY  -  JOUR\nAN  -  CN-09000002\nA1  -  Okafor, C\nT1  -  A trial of two antivirals\n"
            "JA  -  Scientific reports\nPY  -  2022\nM3  -  Journal Article; Clinical Trial Protocol\n"
            "UR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/CN-09000002/full\nER  -  \n")
    records, report = _read(tmp_path, "cochrane.ris", text)
    assert report.database == "Cochrane Library" and report.imported == 2
    assert records["type"].tolist() == ["Trial registry record", "JOUR"]
    assert records["authors"].tolist() == [[], ["Okafor, C."]]
