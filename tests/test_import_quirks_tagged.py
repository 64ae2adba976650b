"""Tagged exports the readers had not met before (RIS from Ovid, EndNote Online and Zotero): each test writes a
few lines of its own with the quirk a real export showed, and names that export in a comment."""
from __future__ import annotations

from synthesis.io import read_file


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ris_subject_headings_lose_the_major_topic_star(tmp_path):
    """Ovid's RIS writes MeSH with the star of a major topic ("KW  - *Kidney Neoplasms"), as do PubMed records
    saved through a reference manager ("Gambling/*psychology"); the MEDLINE, Ovid tagged and Ovid CSV readers
    drop the star, so the same heading read differently from a RIS file (or an EndNote library).
    Real file: sysrev/sysrev components/ris/test-resources/sysrev/ris/test/ovidweb.ris."""
    path = _write(tmp_path, "ovid_medline.ris",
                  "1. \nTY  - JOUR\nDB  - Ovid MEDLINE(R) \nID  - 11111111\nT1  - Kidney surgery and imaging.\n"
                  "A1  - Smith, Anna\nY1  - 2022//\nKW  - *Artificial Intelligence\nKW  - Humans\n"
                  "KW  - Kidney Neoplasms/su [Surgery]\nKW  - *Kidney Neoplasms\nKW  - Gambling/*psychology\n"
                  "JF  - Some journal\nL2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=11111111\n"
                  "ER  -  \n")
    table, report = read_file(path)
    assert report.imported == 1
    assert table["keywords"].tolist() == [["Artificial Intelligence", "Humans", "Kidney Neoplasms/su [Surgery]",
                                           "Kidney Neoplasms", "Gambling/psychology"]]


def test_endnote_bar_between_abstract_sections_becomes_a_space(tmp_path):
    """EndNote (here EndNote Online's RIS of PubMed records) joins the sections of a structured abstract with a
    bare bar, its headings dropped: "...health records (EHR).|Development and evaluation...". The reviewer read
    the bars, and "(EHR).|Development" stood as one word. A bar with spaces (between abstracts in two languages)
    stays.
    Real file: sysrev/sysrev components/ris/test-resources/sysrev/ris/test/endnoteonline.ris."""
    path = _write(tmp_path, "endnote_online.ris",
                  "TY  - JOUR\nAB  - To predict the need for surgery using electronic health records (EHR).|"
                  "Development and evaluation of models.|Structured data for 385 patients were used.|"
                  "Therapeutic Level III.\nAN  - 31323204\nAU  - Baxter, S. L.\nPY  - 2019\n"
                  "TI  - Predicting glaucoma surgery\nT2  - Am J Ophthalmol\nID  - 218\nER  - \n\n"
                  "TY  - JOUR\nAB  - Objetivo: avaliar.\nAB  - Objective: to assess.\nAU  - Silva, J.\nPY  - 2020\n"
                  "TI  - A bilingual record\nER  - \n")
    table, report = read_file(path)
    assert report.imported == 2
    assert table["abstract"].tolist() == [
        "To predict the need for surgery using electronic health records (EHR). Development and evaluation of "
        "models. Structured data for 385 patients were used. Therapeutic Level III.",
        "Objetivo: avaliar. | Objective: to assess."]


def test_same_start_and_end_page_is_one_page(tmp_path):
    """Springer Nature's citations (here a reference manager's RIS of nature.com records, written with one space
    before each dash) put an article number in both SP and EP: the pages read "17121-17121", where Scopus or
    PubMed give "17121".
    Real file: kaelynr/MicrobiomeThesis export.ris."""
    path = _write(tmp_path, "export.ris",
                  "TY - JOUR\nAU - Zaneveld, Jesse R.\nDO - 10.1038/nmicrobiol.2017.121\nIS - 9\nPY - 2017\n"
                  "SP - 17121\nEP - 17121\nTI - Stress and stability\nT2 - Nature Microbiology\nVL - 2\nER -\n"
                  "TY - JOUR\nAU - Zou, Yuanqiang\nPY - 2019\nSP - 179\nEP - 185\nTI - Reference genomes\n"
                  "T2 - Nature Biotechnology\nVL - 37\nER -\n")
    table, report = read_file(path)
    assert report.imported == 2
    assert table["pages"].tolist() == ["17121", "179-185"]


def test_structured_abstract_headings_on_lines_of_their_own_are_set_apart(tmp_path):
    """Web of Science's plain text keeps a PLOS article's abstract headings on lines of their own ("AB Background",
    "   Methods"); joined with spaces they ran into the text ("...in Ghana. Methods A qualitative interview"), where
    the PubMed copy reads "Methods: A qualitative interview".
    Real file: knh11545/commandline4expertsearchers test/data/WoS_other_reference_software_r4001-4012.txt."""
    path = _write(tmp_path, "savedrecs.txt",
                  "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Asampong, E\nAF Asampong, Emmanuel\n"
                  "TI Caregivers' views on stigmatization of people affected by leprosy\nSO PLOS NEGLECTED TROPICAL "
                  "DISEASES\nAB Background\n   Leprosy has long been associated with stigma. This paper describes "
                  "it.\n   Methods\n   A qualitative interview was conducted.\n   Results\n   Findings indicated "
                  "stigma.\n   Conclusion\n   People affected are stigmatized.\nPY 2018\nUT WOS:000424022700066\nER\n\n"
                  "PT J\nAU Delea, MG\nTI Interventions to maximize facial cleanliness\nSO PLOS NEGLECTED TROPICAL "
                  "DISEASES\nAB Background\n   Efforts are underway.\n   Methods/findings\n   We searched the grey "
                  "literature.\n   Conclusions\n   Gaps remain.\nPY 2018\nUT WOS:000424022700040\nER\n\nEF\n")
    table, report = read_file(path)
    assert report.imported == 2
    assert table["abstract"].tolist() == [
        "Background: Leprosy has long been associated with stigma. This paper describes it. Methods: A qualitative "
        "interview was conducted. Results: Findings indicated stigma. Conclusion: People affected are stigmatized.",
        "Background: Efforts are underway. Methods/findings: We searched the grey literature. Conclusions: Gaps "
        "remain."]


def test_pubmed_article_number_without_pages_is_the_pages(tmp_path):
    """PubMed writes no PG line for an article with only an article number (MDPI's Viruses, eLife); the number
    is a bare LID line beside the DOI's ("LID - 943"). The pages stayed empty, where Scopus gives "943".
    Real file: lisaphmm/bacteria-identification-systematic-review pubmed.txt."""
    path = _write(tmp_path, "pubmed.txt",
                  "PMID- 40733560\nOWN - NLM\nVI  - 17\nIP  - 7\nDP  - 2025 Jul 2\nTI  - Evidence generation for a "
                  "host-response biosignature.\nLID - 10.3390/v17070943 [doi]\nLID - 943\nFAU - Dooley, Kelly E\n"
                  "AU  - Dooley KE\nTA  - Viruses\nJT  - Viruses\nAID - v17070943 [pii]\nAID - 10.3390/v17070943 [doi]\n"
                  "SO  - Viruses. 2025 Jul 2;17(7):943. doi: 10.3390/v17070943.\n\n"
                  "PMID- 23012631\nVI  - 4\nDP  - 2012 Aug\nTI  - Shedding light on filovirus infection.\nPG  - 1354-71\n"
                  "LID - v4081354 [pii]\nLID - 10.3390/v4081354 [doi]\nFAU - Pegoraro, Gianluca\nJT  - Viruses\n"
                  "SO  - Viruses. 2012 Aug;4(8):1354-71.\n")
    table, report = read_file(path)
    assert report.imported == 2
    assert table["pages"].tolist() == ["943", "1354-1371"]


def _proquest_record(title: str, authors: list, docview: str, databases: str) -> str:
    return ("TY  - JOUR\nT1  - " + title + "\nAN  - " + docview + "\nJF  - AIDS and Behavior\n"
            + "".join(f"AU  - {a}\n" for a in authors) + "Y1  - 2020/02//\nPY  - 2020\nDA  - Feb 2020\nSP  - 428\n"
            "EP  - 436\nVL  - 24\nIS  - 2\nSN  - 10907165\n"
            f"UR  - https://search.proquest.com/docview/{docview}?accountid=14630\nLA  - English\n"
            f"DB  - {databases}\nN1  - Dernière mise à jour - 2020-02-03\nER  - \n\n\n\n")


def test_proquest_author_degrees_are_no_initials(tmp_path):
    """ProQuest's RIS writes an author's degrees after a second comma ("Higa, Darrel H, PhD"); they were read
    as initials: "Higa, D. H. P. D.", "McDonald, C. M. M. P. H.".
    Real file: MaxenceOuafik/MSM-Syndemic-Scoping-Review Files/electronic_search/proquest.ris."""
    path = _write(tmp_path, "proquest.ris", _proquest_record(
        "A scoping review of systematic reviews", ["Higa, Darrel H, PhD", "McDonald, Christina M, MPH",
                                                   "DeLuca, Julia B, MLS", "Stall, Ronald D"],
        "2392495176", "ProQuest Central"))
    table, report = read_file(path)
    assert table["authors"].tolist() == [["Higa, D. H.", "McDonald, C. M.", "DeLuca, J. B.", "Stall, R. D."]]


def test_proquest_search_of_several_databases_is_one_database(tmp_path):
    """A ProQuest search run over several of its databases lists, for each record, the databases that hold it
    ("ProQuest Central; Sociological Abstracts"); the list differs from record to record, and each list became a
    database of its own, splitting one search into several in the PRISMA counts. The file is now named as one
    search on ProQuest (after its file name where that names a database).
    Real file: MaxenceOuafik/MSM-Syndemic-Scoping-Review Files/electronic_search/proquest.ris."""
    text = (_proquest_record("Several common bonds", ["Mericle, Amy A"], "2385861734",
                             "ProQuest Central; Sociological Abstracts")
            + _proquest_record("Examining the impact of a psychosocial syndemic", ["Chandler, Cristian J"],
                               "2193418519", "Agricultural & Environmental Science Collection; ProQuest Central; "
                               "Sociological Abstracts; Sociology Database"))
    table, report = read_file(_write(tmp_path, "proquest.ris", text))
    assert report.database == "ProQuest" and set(table["source_database"]) == {"ProQuest"}
    table, report = read_file(_write(tmp_path, "econlit.ris", text))
    assert set(table["source_database"]) == {"EconLit (ProQuest)"}


_OVID_CENTRAL = ("1. \nTY  - ELEC\nID  - CN-01413174\nT1  - Design of a syndemic based intervention: the syn.bas.in "
                 "randomized controlled trial\nA1  - Achterbergh RCA, van der Helm JJ, van den Brink W, de Vries HJC\n"
                 "Y1  - 2017//\nN2  - BACKGROUND: Men who have sex with men (MSM) constitute a risk group., METHOD: "
                 "An open label randomized controlled trial (n = 150)., DISCUSSION: This study will inform care, "
                 "e.g., The referral.\nJA  - BMC infectious diseases\nVL  - 17\nIS  - 1\nSP  - 398\n"
                 "L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=cctr&NEWS=N&AN=CN-01413174\n"
                 "ER  -  \n")


def test_ovid_central_authors_on_one_line_are_several_authors(tmp_path):
    """Ovid's CENTRAL RIS may give all of a record's authors on one A1 line, in MEDLINE's form joined with commas
    ("Achterbergh RCA, van der Helm JJ, ..."); they were one author "Achterbergh RCA, V. D. H. J. V. D. B. ...".
    Real file: MaxenceOuafik/MSM-Syndemic-Scoping-Review Files/search_strategy/cochrane.ris."""
    table, report = read_file(_write(tmp_path, "cochrane.ris", _OVID_CENTRAL))
    assert report.database == "Cochrane CENTRAL (Ovid)"
    assert table["authors"].tolist() == [["Achterbergh, R. C. A.", "van der Helm, J. J.", "van den Brink, W.",
                                          "de Vries, H. J. C."]]


def test_ovid_comma_after_an_abstracts_paragraphs_is_dropped(tmp_path):
    """Ovid joins the paragraphs of a MEDLINE or CENTRAL abstract with a comma after the full stop ("a risk
    group., METHOD: An open label..."); an abbreviation's comma ("e.g., The") stays.
    Real file: MaxenceOuafik/MSM-Syndemic-Scoping-Review Files/search_strategy/cochrane.ris (and, in ../shared,
    CiteSource's medline_84.ris: 32 abstracts)."""
    table, report = read_file(_write(tmp_path, "cochrane.ris", _OVID_CENTRAL))
    assert table["abstract"].tolist() == [
        "BACKGROUND: Men who have sex with men (MSM) constitute a risk group. METHOD: An open label randomized "
        "controlled trial (n = 150). DISCUSSION: This study will inform care, e.g., The referral."]


def test_ovid_central_pubmed_id_from_the_resolver_link(tmp_path):
    """Ovid's RIS of a CENTRAL record has no PubMed id of its own; Ovid prints it after the record, in the
    OpenURL link ("...&sid=OVID:cctrdb&id=pmid:28587607&id=doi:..."), so deduplication against PubMed's copy
    had no id to match (a trial register's "pmid:NCT02859935" is no PubMed id).
    Real file: MaxenceOuafik/MSM-Syndemic-Scoping-Review Files/search_strategy/cochrane.ris."""
    after = ("\nLink to the Ovid Full Text or citation: http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE="
             "fulltext&D=cctr&AN={an}Link to the External Link Resolver: https://explore.lib.example/openurl?tabs="
             "viewOnlineTab&sid=OVID:cctrdb&id=pmid:{pmid}&id=doi:&issn=&date=2017 \n\n")
    text = (_OVID_CENTRAL + after.format(an="CN-01413174", pmid="28587607")
            + _OVID_CENTRAL.replace("1. \n", "2. \n").replace("CN-01413174", "CN-02043381")
            + after.format(an="CN-02043381", pmid="NCT02859935"))
    table, report = read_file(_write(tmp_path, "cochrane.ris", text))
    assert table["pmid"].tolist() == ["28587607", ""]


def test_a_given_name_in_cyrillic_capitals_is_a_name_not_initials(tmp_path):
    """A word of four or five capitals with no vowel is initials run together ("Mulders DGJC"); the vowels were
    Latin only, so a Cyrillic or Greek given name in capitals ("ОЛЕГ", "ΣΟΦΙΑ") became four or five initials.
    Real file: Elizeu-lucio/Extrator_de_Metadados_para_Revisao_Sistematica_da_Literatura citations.enw (Scholar)."""
    path = _write(tmp_path, "citations.enw",
                  "%0 Journal Article\n%T Digital footprints of learners\n%A ПЕТРОВ, ОЛЕГ\n%A Papadopoulou, ΣΟΦΙΑ\n"
                  "%A Mulders, DGJC\n%J Education\n%D 2020\n\n")
    table, report = read_file(path)
    assert report.imported == 1
    assert table["authors"][0] == ["ПЕТРОВ, О.", "Papadopoulou, Σ.", "Mulders, D. G. J. C."]


def test_a_keyword_given_twice_is_kept_once(tmp_path):
    """Web of Science gives the authors' keywords (DE) and its KeyWords Plus (ID) in capitals, Scopus its author
    keywords and index terms: one keyword often stands in both ("interrogation", "INTERROGATION"), and the card
    and the keyword counts showed it twice. Real files: ../shared's asreview web_of_science.txt, 721 records."""
    path = _write(tmp_path, "savedrecs.txt",
                  "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Kelly, CE\nTI Interrogation methods\n"
                  "SO LAW AND HUMAN BEHAVIOR\nDE interrogation; rapport; false confessions\nID INTERROGATION; FALSE "
                  "CONFESSIONS; MEMORY\nPY 2013\nUT WOS:000318000000001\nER\n\nEF\n")
    table, report = read_file(path)
    assert table["keywords"][0] == ["interrogation", "rapport", "false confessions", "MEMORY"]


def test_pubmeds_older_summary_text_with_notes_above_is_named(tmp_path):
    """PubMed's older "Summary (text)" layout numbers its records "1:" and a user had put "#" notes above them:
    "unknown format", where today's layout ("1.") gets the advice to save as .nbib."""
    import pytest

    from synthesis.io import ImportFailure

    path = _write(tmp_path, "pubmed_result.txt",
                  "# psilocybin search, 12 March 2008\n# 2 results\n\n1: Smith J, Doe A. A trial of exercise. J Med. "
                  "2004 Jan;12(3):45-6.\nPMID: 12345678 [PubMed - indexed for MEDLINE]\n\n2: Roe B. Another trial. "
                  "BMJ. 2005;330:1.\nPMID: 23456789 [PubMed - indexed for MEDLINE]\n")
    with pytest.raises(ImportFailure, match=r"Summary \(text\).*Format 'PubMed' \(\.nbib\)"):
        read_file(path)


def test_web_of_science_ris_conference_name_is_no_issue(tmp_path):
    """Web of Science's RIS names a proceedings paper's conference in CP ("CP  - 8th International Academic
    Conference on Strategica"), which was read as the issue
    (ChannarongIntahchomphoo/Effects-of-AI-and-robotics-on-human-labour, Web of Science.ris)."""
    path = _write(tmp_path, "wos.ris",
                  "TY  - CPAPER\nAU  - Sarkis, E\nTI  - LEADERSHIP IN THE ARTIFICIAL INTELLIGENCE ERA\n"
                  "T2  - STRATEGICA: PREPARING FOR TOMORROW, TODAY\nCP  - 8th International Academic Conference on "
                  "Strategica\nPY  - 2020\nSP  - 224\nEP  - 239\nAN  - WOS:000654987700017\nER  -\n\n")
    table, report = read_file(path)
    assert (table["issue"][0], table["pages"][0]) == ("", "224-239")


_IPORTAL = ("TY  - JOUR\nAU  - Rima Wilkes, Aaron Duong, Linc Kesler, Howard Ramos\nIS  - 1\nSP  - 89\nEP  - 120\n"
            "TI  - Canadian University Acknowledgment of Indigenous Lands, Treaties, and Peoples\n"
            "T2  - Canadian Review of Sociology\nVL  - 54\nER  -\n"
            "TY  - JOUR\nAU  - Catherine Cook; Melanie MacKinnon; Marcia Anderson & Ian Whetter\nIS  - 2\nPY  - 2019\n"
            "TI  - Structures Last Longer than Intentions\nT2  - International Journal of Circumpolar Health\n"
            "VL  - 78\nER  -\n"
            "TY  - JOUR\nAU  - Lynne Stuart lstuart@usc.edu.au and Don Gorman\nIS  - 1\nPY  - 2015\n"
            "TI  - The Experiences of Indigenous Health Workers Enrolled in a Bachelor of Nursing\nT2  - AlterNative\n"
            "VL  - 11\nER  -\n")


def test_names_written_given_name_first_on_one_line_are_several_authors(tmp_path):
    """The Indigenous Studies Portal's RIS writes a record's authors on one AU line, given name first, joined with
    commas or with "&" / "and" (once after an e-mail address). Read as one name, "Rima Wilkes, Aaron Duong, ..."
    was the single author "Rima Wilkes, A. D. L. K. H. R." and "Marcia Anderson & Ian Whetter" the author
    "Whetter, M. A. &. I.": first authors that another database's copy of the paper cannot match."""
    table, _ = read_file(_write(tmp_path, "Indigenous Studies Portal.ris", _IPORTAL))
    assert table["authors"].tolist() == [
        ["Wilkes, R.", "Duong, A.", "Kesler, L.", "Ramos, H."],
        ["Cook, C.", "MacKinnon, M.", "Anderson, M.", "Whetter, I."],
        ["Stuart, L.", "Gorman, D."]]


def test_scopus_ris_pubmed_id_in_c2_is_read(tmp_path):
    """Scopus's RIS gives a record's PubMed id bare in C2 ("C2  - 41643453"); it was left unread, so the same
    article exported by Scopus and PubMed shared a DOI but not a PubMed id. A C2 that is not a bare number (an
    EndNote PMCID) or a C2 outside Scopus still gives no PubMed id.
    Real file: AlexTaiNguyen006/NMN-NR-systematic-review-meta-analysis data/screening/scopus.ris."""
    path = _write(tmp_path, "scopus.ris",
                  "TY  - JOUR\nAU  - Li, D.\nTI  - The combination of two herbal medicines in rats\nPY  - 2026\n"
                  "T2  - Phytomedicine\nVL  - 152\nC7  - 157822\nDO  - 10.1016/j.phymed.2026.157822\n"
                  "C2  - 41643453\nM3  - Article\nDB  - Scopus\nER  -\n\n"
                  "TY  - JOUR\nAU  - Naaz, T.\nTI  - A review without a PubMed id\nPY  - 2026\nC2  - PMC1234567\n"
                  "DB  - Scopus\nER  -\n\n"
                  "TY  - JOUR\nAU  - Smith, A.\nTI  - An EndNote record with a number in C2\nPY  - 2020\n"
                  "C2  - 7654321\nER  -\n")
    table, report = read_file(path)
    assert report.imported == 3
    assert table["pmid"].tolist() == ["41643453", "", ""]


def test_a_generational_suffix_after_the_given_names_is_no_initial(tmp_path):
    """MEDLINE writes a suffix after the given names without a comma: Ovid's RIS gives the full name
    ("A1  - Ramos, Olavo Joao Frederico Jr"), PubMed's the short one ("AU  - Smith JR Jr"). The first became
    "Ramos, O. J. F. J." (the suffix read as an initial), the second "Jr, S. J. R." (the suffix read as the
    family name, so the first author disagreed with the same paper's record from any other database).
    Capitals stay initials ("Van Dyke JR") and so do Roman numerals ("Petrov IV" is I. V. Petrov).
    Real file: AlexTaiNguyen006/NMN-NR-systematic-review-meta-analysis data/screening/embase.ris (Ovid MEDLINE)."""
    path = _write(tmp_path, "ovid_medline.ris",
                  "TY  - JOUR\nDB  - Ovid MEDLINE(R) <February Week 3 2026>\nID  - 41371545\n"
                  "T1  - Effect of Dietary Nitrate Intake on Fatigue Resistance.\n"
                  "A1  - Souza Filho, Carlos Alberto\nA1  - Ramos, Olavo Joao Frederico Jr\nY1  - 2026//\n"
                  "JF  - The Journal of nutrition\nER  -\n"
                  "TY  - JOUR\nAU  - Smith JR Jr\nAU  - Van Dyke JR\nAU  - Petrov IV\nAU  - Gomez LM 3rd\n"
                  "TI  - A trial\nPY  - 2020\nDB  - PubMed\nER  - \n")
    table, report = read_file(path)
    assert report.imported == 2
    assert table["authors"].tolist() == [["Souza Filho, C. A.", "Ramos, O. J. F."],
                                         ["Smith, J. R.", "Van Dyke, J. R.", "Petrov, I. V.", "Gomez, L. M."]]


def test_sciencedirect_supplement_title_in_t2_is_not_the_journal(tmp_path):
    """ScienceDirect's RIS names the journal in JO and, for an abstract in a supplement, the supplement in T2;
    the journal was read from T2 ("18th ICID abstract supplement 2018"), so the abstract disagreed on its journal
    with the same abstract from any other database. Where T2 is the journal (Scopus, no JO) nothing changes.
    Real file: batestguy/avian-influenza-nigeria-systematic-review ScienceDirect_citations_1789537860130.ris."""
    path = _write(tmp_path, "ScienceDirect_citations.ris",
                  "TY  - JOUR\nT1  - Active Case Search for Avian Influenza among Human Contacts, Nigeria, 2017\n"
                  "AU  - Odegbemi, O.\nJO  - International Journal of Infectious Diseases\nVL  - 73\nSP  - 389\n"
                  "EP  - 390\nPY  - 2018\nT2  - 18th ICID abstract supplement 2018\nSN  - 1201-9712\n"
                  "DO  - https://doi.org/10.1016/j.ijid.2018.04.4296\n"
                  "UR  - https://www.sciencedirect.com/science/article/pii/S1201971218343807\nER  - \n\n"
                  "TY  - JOUR\nT1  - Surveillance in live-bird markets\nAU  - Aiki-Raji, Comfort Oluladun\n"
                  "JO  - Asian Pacific Journal of Tropical Disease\nPY  - 2015\n"
                  "UR  - https://www.sciencedirect.com/science/article/pii/S2222180814607994\nER  - \n\n"
                  "TY  - JOUR\nAU  - Elelu, N.\nTI  - Avian influenza knowledge in Ikorodu\nPY  - 2017\n"
                  "T2  - International Journal of Veterinary Science and Medicine\nJ2  - Int. J. Vet. Sci. Med.\n"
                  "DB  - Scopus\nER  -\n")
    table, report = read_file(path)
    assert report.imported == 3
    assert table["journal"].tolist() == ["International Journal of Infectious Diseases",
                                         "Asian Pacific Journal of Tropical Disease",
                                         "International Journal of Veterinary Science and Medicine"]
