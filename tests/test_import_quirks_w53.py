"""Quirks met in exports read by helper w53 (outside ../shared): Ovid's RIS of Cochrane CENTRAL and a Zotero library's
RIS, beside ProQuest's RIS and Ovid's MEDLINE and APA PsycInfo, which read right. Each test holds a few lines of its
own in the export's layout; the docstring names the public file that showed it."""
from synthesis.dedup.prep import trial_registration
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def _central_via_ovid(number: int, accession: str, title: str, a1: str, ja: str, t2: str = "") -> str:
    """One record of Ovid's RIS of EBM Reviews - Cochrane Central Register of Controlled Trials: its number line,
    its tags and the links Ovid writes after ``ER``."""
    return (f"{number}. \nTY  - ELEC\nID  - {accession}\nT1  - {title}\n" + (f"T2  - {t2}\n" if t2 else "")
            + f"A1  - {a1}\nY1  - 2016//\nY2  - 2016//\nN2  - The purpose of this trial.\nJA  - {ja}\n"
            f"L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=cctr&NEWS=N&AN={accession}\nER  -  \n\n"
            "Link to the Ovid Full Text or citation: http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE="
            f"fulltext&D=cctr&AN={accession}\n\n")


def test_central_via_ovid_register_record_keeps_the_register_page_as_its_source(tmp_path):
    """Ovid's CENTRAL gives a trial register's record its scientific title in T2 and the register's page in JA
    ("JA  - https://clinicaltrials.gov/show/NCT02859935"), where the Library's own RIS writes the page in JO. The
    journal was read from T2 (the general order puts T2 before JA): the record's "journal" was the trial's
    long title, and the registration number, which deduplication reads from the page, was lost, so CENTRAL's copy
    of NCT02859935 and ClinicalTrials.gov's were two studies (MaxenceOuafik/MSM-Syndemic-Scoping-Review,
    Files/search_strategy/cochrane.ris). A journal article of CENTRAL keeps its journal from JA."""
    text = (_central_via_ovid(5, "CN-02043381", "A SYNdemic BASed INtervention for MSM: design of a trial",
                              "NCT02859935", "https://clinicaltrials.gov/show/NCT02859935",
                              t2="A SYNdemic BASed Co-located Linkage to Care INtervention for Men: design of a trial")
            + _central_via_ovid(2, "CN-01413174", "Design of a syndemic based intervention",
                                "Achterbergh RCA, van der Helm JJ, de Vries HJC", "BMC infectious diseases"))
    records, report = _read(tmp_path, "cochrane.ris", text)
    assert report.database == "Cochrane CENTRAL (Ovid)" and report.imported == 2
    register, article = records.iloc[0], records.iloc[1]
    assert register["journal"] == "https://clinicaltrials.gov/show/NCT02859935"
    assert register["authors"] == []
    assert trial_registration(register["journal"], register["url"]) == "NCT02859935"
    assert article["journal"] == "BMC infectious diseases"
    assert article["authors"] == ["Achterbergh, R. C. A.", "van der Helm, J. J.", "de Vries, H. J. C."]


def test_zotero_group_author_split_at_its_last_word_stays_a_group(tmp_path):
    """Zotero splits a group's name it took for a person's at the last word, "Interventions, Adolescent Medicine
    Trials Network for HIV/AIDS" (MaxenceOuafik/MSM-Syndemic-Scoping-Review, Files/included_full_text.ris): the
    "given names" are a group's name themselves, and it was read "Interventions, A. M. T. N. F. H.", initials of
    an organisation. It is the group, in its own order; a person beside it keeps the initials."""
    text = ("TY  - JOUR\nTI  - Operating without a safety net\nAU  - Bruce, Douglas\nAU  - Harper, Gary W\n"
            "AU  - Interventions, Adolescent Medicine Trials Network for HIV/AIDS\n"
            "T2  - Health education & behavior : the official publication of the Society for Public Health "
            "Education\nDA  - 2011/08//\nPY  - 2011\nDO  - 10.1177/1090198110375911\nER  - \n")
    records, report = _read(tmp_path, "included_full_text.ris", text)
    assert report.imported == 1
    assert records.iloc[0]["authors"] == ["Bruce, D.", "Harper, G. W.",
                                          "Adolescent Medicine Trials Network for HIV/AIDS Interventions"]


def test_a_copyright_line_that_opens_an_abstract_goes_where_all_rights_are_reserved(tmp_path):
    """Zotero's copy of a Scopus record (MaxenceOuafik/MSM-Syndemic-Scoping-Review, Files/included_full_text.ris)
    opens its abstract with the publisher's line: "Copyright © 2014 Wolters Kluwer Health, Inc. All rights
    reserved. Background: ...". A line run into the first word was taken off before; one followed by a space
    stayed, since where it ends cannot be told, but "All rights reserved." says where. The line is no part of
    what the study did, and the reviewer read it first on every card."""
    text = ("TY  - JOUR\nTI  - Syndemic conditions and HIV risk\nAU  - Okafor, Ada\nPY  - 2014\n"
            "AB  - Copyright © 2014 Wolters Kluwer Health, Inc. All rights reserved. Background: Men who have sex "
            "with men face several epidemics at once.\nT2  - AIDS\nER  - \n\n"
            "TY  - JOUR\nTI  - A second paper\nAU  - Sato, Sho\nPY  - 2019\n"
            "AB  - © 2019 Elsevier B.V. We tested a drug in rats and found no effect on sleep.\nT2  - Sleep\n"
            "ER  - \n\n")
    records, report = _read(tmp_path, "zotero.ris", text)
    assert report.imported == 2
    assert records["abstract"].tolist() == [
        "Background: Men who have sex with men face several epidemics at once.",
        # no word says where this one ends: it stays
        "© 2019 Elsevier B.V. We tested a drug in rats and found no effect on sleep."]
