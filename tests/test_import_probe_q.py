"""A third round of exports nobody had tuned the readers for (Ovid, Embase, Europe PMC, Covidence, Rayyan,
Publish or Perish, the Cochrane Library...): a few lines of each, in the real layout of that export, and
what a reviewer must get from them."""
from __future__ import annotations

import re

import pytest

from synthesis.io import ImportFailure, read_file

_POP_HEADER = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
               "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,"
               "Abstract,FullTextURL,RelatedURL\n")


def _read(tmp_path, name, text, newline=None):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)
    table, report = read_file(path)
    return table.to_dict("records"), report


def test_google_scholar_ellipsis_is_no_author(tmp_path):
    """Google Scholar (via Publish or Perish) ends a long author list with "...": it became an author."""
    text = _POP_HEADER + (
        '39,"C Kun‐Rodrigues, J Salmona, A Besolo, ...","New density estimates of a threatened sifaka species '
        '(Propithecus coquereli) in Ankarafantsika National Park",2014,"American Journal of …","Wiley Online '
        'Library","https://onlinelibrary.wiley.com/doi/abs/10.1002/ajp.22243","https://scholar.google.com/scholar'
        '?cites=885744689098478713&as_sdt=2005&sciodt=0,5&hl=en",1,"2022-06-03 12:54:03","","10.1002/ajp.22243",'
        '"","",,,,,39,4.88,10,4,8,"… Propithecus coquereli is one of the last sifaka species …","",""\n')
    recs, _ = _read(tmp_path, "PoPCites.csv", text)
    assert recs[0]["authors"] == ["Kun‐Rodrigues, C.", "Salmona, J.", "Besolo, A."]


def test_percent_escaped_doi_from_a_link(tmp_path):
    """Publish or Perish takes the DOI from the article's link, escapes and all ("%28200011%29..."): the DOI
    was kept escaped, so it matched no other record of the same article."""
    text = _POP_HEADER + (
        '99,"JL Campbell, JH Eisemann, ...","Description of the gastrointestinal tract of five lemur species: '
        'Propithecus tattersalli, Propithecus verreauxi coquereli, Varecia variegata, Hapalemur griseus, and Lemur …"'
        ',2000,"American Journal of …","Wiley Online Library","https://onlinelibrary.wiley.com/doi/abs/10.1002/'
        '1098-2345%28200011%2952%3A3%3C133%3A%3AAID-AJP2%3E3.0.CO%3B2-%23","https://scholar.google.com/scholar?'
        'cites=3266425872899131411&as_sdt=2005&sciodt=0,5&hl=en",15,"2022-06-03 12:54:03","","10.1002/1098-2345'
        '%28200011%2952%3A3%3C133%3A%3AAID-AJP2%3E3.0.CO%3B2-%23","","",,,,,99,4.50,33,3,22,"The objective of '
        'this project was to better define the similarities …","",""\n')
    recs, _ = _read(tmp_path, "PoPCites.csv", text)
    assert recs[0]["doi"] == "10.1002/1098-2345(200011)52:3<133::aid-ajp2>3.0.co;2-#"


_COVIDENCE_HEADER = ("Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,"
                     "Accession Number,DOI,Ref,Covidence #,Study,Notes,Tags\n")


def test_covidence_text_escaped_twice(tmp_path):
    """Covidence's CSV escapes some text twice ("p &amp;lt; 10", "genetics &amp; genomic"): "&lt;" was
    left in the abstract."""
    text = _COVIDENCE_HEADER + (
        '"The association of polygenic risk for schizophrenia with neural connectivity.","Meyers, J L; '
        'Chorlian, D B","Associations differed by sex and age (B: 0.15-0.21, p &amp;lt; 10 <sup>-4</sup> ).",,,'
        'Translational psychiatry,11,1,54,33446638,10.1038/s41398-020-01185-7,33446638,#293,,"",""\n'
        'The associations of CNR1 SNPs with major depressive disorder.,"Yang, Chenghao; Li, Jie",Understanding '
        'how genetic polymorphisms are associated.,2021,Sep,Molecular genetics &amp; genomic medicine,9,9,e1752,'
        '34355541,10.1002/mgg3.1752,34355541,#383,Yang 2021,"",""\n')
    recs, report = _read(tmp_path, "review_123456_screen_csv.csv", text)
    assert report.database == "Covidence"
    assert recs[0]["abstract"] == "Associations differed by sex and age (B: 0.15-0.21, p < 10 -4 )."
    assert recs[1]["journal"] == "Molecular genetics & genomic medicine"


def test_cochrane_review_authors_with_full_given_names(tmp_path):
    """The Cochrane Library's plain text of reviews writes authors family name first with given names in full
    and no comma ("AU: Han Shanshan", "AU: Crowther Caroline A"): they became "Shanshan, H." and
    "Crowther Caroline, A."."""
    text = ("Record #1 of 271\nID: CD009275\nAU: Han Shanshan\nAU: Van Ryswyk Emer\nAU: Crowther Caroline A\n"
            "TI: Different types of dietary advice for women with gestational diabetes mellitus\n"
            "SO: Cochrane Database of Systematic Reviews\nYR: 2017\nNO: 2\nPB: John Wiley & Sons, Ltd\n"
            "KY: Caloric Restriction;Diabetes, Gestational [diet therapy];Female[checkword]\n"
            "DOI: 10.1002/14651858.CD009275.pub3\nAB: Background: Dietary advice is the main strategy.\n"
            "US: http://onlinelibrary.wiley.com/doi/10.1002/14651858.CD009275.pub3/abstract\n"
            "Record #3 of 271\nID: CD003054\nAU: Orozco Leonardo J\nAU: Buchleitner Ana Maria\n"
            "AU: Roqué i Figuls Marta\nTI: Exercise or exercise and diet for preventing type 2 diabetes mellitus\n"
            "SO: Cochrane Database of Systematic Reviews\nYR: 2008\nNO: 3\nCC: ENDOC\n"
            "DOI: 10.1002/14651858.CD003054.pub3\nAB: Background: The incidence of type 2 diabetes.\n"
            "US: http://onlinelibrary.wiley.com/doi/10.1002/14651858.CD003054.pub3/abstract\n")
    recs, report = _read(tmp_path, "citation-export.txt", text)
    assert report.database == "Cochrane Database of Systematic Reviews"
    assert [r["authors"] for r in recs] == [["Han, S.", "Van Ryswyk, E.", "Crowther, C. A."],
                                            ["Orozco, L. J.", "Buchleitner, A. M.", "Roqué i Figuls, M."]]


def test_ovid_csv_export_of_embase(tmp_path):
    """Ovid's CSV export heads its columns with the field tags and puts one author or heading a line, the
    journal, volume, issue and pages only in SO: the authors ran into one name, the year and volume were lost,
    the journal was the whole source line and the PubMed id (followed by its link) was missed."""
    text = ('ORN,VN,DB,UI,PM,TI,SO,AU,IN,PB,MH,DU,OD,AB,FTURL,AO\n'
            '1,Ovid Technologies,Embase,2011722477,29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=29635641],'
            '"Travel and biologic therapy: Travel-related infection risk, vaccine response and recommendations.",'
            '"Journal of Travel Medicine. 25 (1) (no pagination), 2018. Article Number: tay018. Date of Publication: '
            '2018.","Hall V.\n\nJohnson D.\n\nTorresi J.","(Hall, Johnson) Department of Infectious Diseases, Austin '
            'Health, Heidelberg, VIC, Australia",Oxford University Press,"adult\n\n*infection risk\n\n*inactivated '
            'vaccine","*inactivated vaccine [m]","adult [m]\n\n*infection risk [m]","Background: Biologic therapy has '
            'revolutionized the management of refractory chronic autoimmune disease.",Click here for full text '
            'options,\n'
            '4,Ovid Technologies,Embase,2011209766,,Core Alzheimer\'s disease cerebrospinal fluid biomarker assays.,'
            '"Alzheimer\'s Research and Therapy. 13 (1) (no pagination), 2021. Article Number: 79. Date of '
            'Publication: December 2021.","Doecke J.D.\n\nLi Q.-X.\n\nWalt A.V.D.","(Doecke) CSIRO, Brisbane",'
            'BioMed Central Ltd,"*Alzheimer disease\n\narticle",,"*Alzheimer disease [m]","Background: CSF '
            'biomarkers are well-established.",Click here for full text options,\n')
    recs, report = _read(tmp_path, "ovid_export.csv", text)
    assert report.database == "Embase (Ovid)"
    rec = recs[0]
    assert (rec["authors"], rec["year"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["pmid"]) == (
        ["Hall, V.", "Johnson, D.", "Torresi, J."], 2018, "Journal of Travel Medicine", "25", "1", "tay018",
        "29635641")
    assert rec["keywords"] == ["adult", "infection risk", "inactivated vaccine"]
    assert (rec["source_id"], rec["source_database"]) == ("2011722477", "Embase (Ovid)")
    assert recs[1]["authors"] == ["Doecke, J. D.", "Li, Q.-X.", "Walt, A. V. D."]
    assert (recs[1]["year"], recs[1]["pages"], recs[1]["pmid"]) == (2021, "79", "")


def test_europe_pmc_csv(tmp_path):
    """Europe PMC's CSV (upper-case columns, PAGE_INFO, EXTERNAL_ID a PubMed id when SOURCE is MED) lost the
    year, the pages and the PubMed id, and named no database."""
    text = ('SOURCE,EXTERNAL_ID,PMCID,DOI,AUTHORS,PUBLICATION_YEAR,PUBLICATION_MONTH,TITLE,JOURNAL,VOLUME,ISSUE,'
            'PAGE_INFO,TIMES_CITED,GRANTS,OPEN_ACCESS,LICENSE,FIRST_PUB_DATE (dd/mm/yyyy),EMBARGO_DATE (dd/mm/yyyy),'
            'IN_EPMC,EPMC_AUTH_MAN\n'
            'MED,4264362,,,"Magora, A",1972,12,"Investigation of the relation between low back pain and occupation. '
            '3. Physical requirements: sitting, standing and weight lifting.","IMS Ind Med Surg",41,"12","5-9",37,"",'
            'N,,1972-12-01,,N,N\n'
            # a preprint (the same columns): its EXTERNAL_ID is Europe PMC's own, no PubMed id
            'PPR,PPR123456,,10.1101/2020.01.01.000001,"Smith, J",2020,1,"A preprint.","bioRxiv",,,,0,"",Y,cc by,'
            '2020-01-02,,Y,N\n')
    recs, report = _read(tmp_path, "europepmc.csv", text)
    assert report.database == "Europe PMC"
    assert [(r["year"], r["pages"], r["pmid"], r["source_id"]) for r in recs] == [
        (1972, "5-9", "4264362", "4264362"), (2020, "", "", "PPR123456")]


def test_git_lfs_pointer_is_no_export(tmp_path):
    """A repository keeping its exports in Git LFS hands out a three-line pointer under the export's name
    ("Exported Items.csv"): it failed as an unknown format, without saying what the file is."""
    text = ("version https://git-lfs.github.com/spec/v1\n"
            "oid sha256:9ef1abdc18fab6cd492ec332878f7dbf5b23afd9d75e9d5fb836f720b0461ba6\nsize 3191401\n")
    with pytest.raises(ImportFailure) as failed:
        _read(tmp_path, "Exported Items.csv", text)
    message = str(failed.value)
    assert "Exported Items.csv" in message and "line 1" in message
    assert "Git LFS pointer" in message and "git lfs pull" in message


def test_proquest_ris_names_the_proquest_database(tmp_path):
    """ProQuest's RIS names the ProQuest database a record came from in DB (PTSDpubs, ProQuest Central, APA
    PsycInfo...); every record was named "ProQuest", so a review could not count its records per database
    (ProQuest's plain-text export names them already)."""
    text = ("TY  - JOUR\nT1  - Predictors of posttraumatic stress symptom trajectories following the fatal 2011 "
            "Christchurch, New Zealand earthquake\nAN  - 2214991469; 51887\nAB  - People respond differently to "
            "potentially traumatic events. [Author Abstract]\nJF  - Journal of Traumatic Stress\nAU  - Jones, Hannah\n"
            "AU  - Dorahy, Martin J\nPY  - 2019\nSN  - 0894-9867, 0894-9867\nKW  - New Zealanders\n"
            "UR  - https://search.proquest.com/docview/2214991469?accountid=14772\n"
            "L2  - http://dx.doi.org/10.1002/jts.22387\nLA  - English\nDB  - PTSDpubs\n"
            "N1  - Date revised - 2019-05-03\nDO  - http://dx.doi.org/10.1002/jts.22387\nER  - \n\n\n\n"
            "TY  - JOUR\nT1  - An online educational program for individuals with dissociative disorders\n"
            "AN  - 2186612866; 51704\nJF  - Journal of Traumatic Stress\nAU  - Brand, Bethany L\nPY  - 2019\n"
            "SP  - 156\nEP  - 166\nVL  - 32\nIS  - 1\n"
            "UR  - https://search.proquest.com/docview/2186612866?accountid=14772\nLA  - English\n"
            "DB  - PTSDpubs\nDO  - http://dx.doi.org/10.1002/jts.22370\nER  - \n")
    recs, report = _read(tmp_path, "ProQuestDocuments-2019-06-11.ris", text)
    assert report.database == "PTSDpubs"
    assert [r["source_database"] for r in recs] == ["PTSDpubs", "PTSDpubs"]
    assert (recs[1]["pages"], recs[1]["doi"]) == ("156-166", "10.1002/jts.22370")


def test_embase_csv_with_only_a_source_line(tmp_path):
    """An Embase.com CSV whose citation is only in "Source" ("Cancer (2004) 102:4 (253-258). Date of
    Publication: 25 Aug 2004") gave the whole line as journal and no year, volume, issue or pages; its Emtree
    terms were one keyword each cell."""
    text = ('Title,Original Title,Author Names,Correspondence Address,Editors,Source,Abstract,Original Abstract,'
            'Emtree Drug Index Terms (Major Focus),Emtree Drug Index Terms,Emtree Medical Index Terms (Major Focus),'
            'Emtree Medical Index Terms,keywords,Drug Tradenames,Drug Manufacturer,Device Tradenames,'
            'Device Manufacturer,Clinical Trial Numbers,Open URL Link,Copyright\n'
            'Endoscopic ultrasound-guided fine-needle aspiration in the diagnosis of foregut duplication cysts,,'
            '"Eloubeidi M.A., Cohn M., Cerfolio R.J.","M.A. Eloubeidi, Endoscopic Ultrasound Program, University of '
            'Alabama-Birmingham. Email: meloubeidi@uabmc.edu",,Cancer (2004) 102:4 (253-258). Date of Publication: '
            '25 Aug 2004,"BACKGROUND. The management of foregut duplication cysts is controversial.",,,,'
            '"cyst fluid, foregut duplication cyst (diagnosis), mediastinum cyst (diagnosis)","adult, aged, article",'
            ',,,,,,http://sfx.library.uu.nl/utrecht?sid=EMBASE&issn=0008543X&id=doi:10.1002%2Fcncr.20369&'
            'atitle=Endoscopic+ultrasound-guided&volume=102&issue=4&spage=253&epage=258,'
            '"Copyright 2009 Elsevier B.V., All rights reserved."\n'
            'A case of completely isolated advanced enteric duplication cyst cancer performed partial pancreatectomy,,'
            '"Nakashima S., Yamada T.",,,International Journal of Surgery Case Reports (2019) 54 (83-86). Date of '
            'Publication: 1 Jan 2019,"Introduction: Enteric duplication cysts are rare.",,,,"advanced cancer '
            '(diagnosis, drug therapy, surgery), cyst (diagnosis, drug therapy, surgery)","abdominal pain",,,,,,,,\n')
    recs, report = _read(tmp_path, "records.csv", text)
    assert report.database == "Embase"
    assert [(r["journal"], r["year"], r["volume"], r["issue"], r["pages"]) for r in recs] == [
        ("Cancer", 2004, "102", "4", "253-258"), ("International Journal of Surgery Case Reports", 2019, "54", "",
                                                  "83-86")]
    assert recs[0]["authors"] == ["Eloubeidi, M. A.", "Cohn, M.", "Cerfolio, R. J."]
    assert recs[1]["keywords"] == ["advanced cancer (diagnosis, drug therapy, surgery)",
                                   "cyst (diagnosis, drug therapy, surgery)"]


def test_asreview_export_is_named(tmp_path):
    """ASReview LAB's RIS export of a screened file marks each record's label in N1 (ASReview_relevant,
    ASReview_irrelevant, ASReview_not_seen); the file named no database, so its records were counted under
    no source."""
    text = ('TY  - GEN\nTI  - Record which is labeled "relevant" by the researcher using ASReview.\n'
            'N1  - ASReview_relevant\nER  -\n\nTY  - GEN\nTI  - Record which is labeled "irrelevant" by the '
            'researcher using ASReview.\nN1  - Additional notes\nN1  - ASReview_irrelevant\nER  -\n\n'
            'TY  - GEN\nTI  - Record without a notes field.\nER  -\n')
    recs, report = _read(tmp_path, "export_result.ris", text)
    assert report.database == "ASReview"
    assert [r["raw"].get("N1") for r in recs] == ["ASReview_relevant", ["Additional notes", "ASReview_irrelevant"],
                                                  None]


def test_rayyan_pubmed_record_gets_its_pmid_from_its_link(tmp_path):
    """Rayyan's articles.csv may leave pubmed_id empty for a PubMed record whose url is its PubMed page
    (https://pubmed.ncbi.nlm.nih.gov/30942704/): the record had no PubMed id to match its duplicates by."""
    text = ("key,title,year,month,day,journal,issn,volume,issue,pages,authors,url,language,publisher,location,"
            "abstract,notes,pubmed_id,pmc_id\n"
            "rayyan-128780159,Automated Verification of Structured Questionnaires Using HL7.,2019,,,Studies in health "
            "technology and informatics,1879-8365 (Electronic),258,,11-15,Lackerbauer AM and Krauss O and Helm E,"
            "https://pubmed.ncbi.nlm.nih.gov/30942704/,eng,,Netherlands,,\"RAYYAN-INCLUSION: {\"\"Carina\"\"=>"
            "\"\"Included\"\"} | RAYYAN-LABELS: consent,questionnaire \",,\n"
            "rayyan-128780203,A FHIR-Based eConsent App for the Digital Hospital,2020,,,Stud Health Technol Inform,"
            "1879-8365,270,,3-7,\"Weber, M. and Griessbach, A.\",https://www.embase.com/search/results?subaction="
            "viewrecord&id=L632169098&from=export     U2  - L632169098,English,,,,\"RAYYAN-INCLUSION: {\"\"Carina\"\""
            "=>\"\"Included\"\"}\",,\n")
    recs, report = _read(tmp_path, "articles.csv", text)
    assert report.database == "Rayyan"
    assert [(r["pmid"], r["authors"]) for r in recs] == [
        ("30942704", ["Lackerbauer, A. M.", "Krauss, O.", "Helm, E."]), ("", ["Weber, M.", "Griessbach, A."])]


def test_database_notice_closing_the_abstract(tmp_path):
    """APA closes every PsycInfo abstract with "(PsycINFO Database Record (c) 2019 APA, all rights reserved)"
    and ProQuest some with "[Author Abstract]": the same abstract from PubMed and from PsycInfo looked
    different to the reviewer and to deduplication."""
    text = ("TY  - JOUR\nTI  - The influence of self-criticism on depression symptoms among ambulatory patients with "
            "inflammatory bowel disease.\nAU  - Trindade, Ines A\nT2  - Clinical Psychology & Psychotherapy\n"
            "AB  - It may be beneficial to refer high self-critical patients to psychological care. (PsycINFO "
            "Database Record (c) 2019 APA, all rights reserved)\nDA  - 2019///\nPY  - 2019\nDO  - 10.1002/cpp.2398\n"
            "SP  - No\nEP  - Specified\nSN  - 1063-3995\nER  - \n\n"
            "TY  - JOUR\nT1  - Predictors of posttraumatic stress symptom trajectories\nAN  - 2214991469; 51887\n"
            "AB  - These findings have implications for service providers, agencies, and the public. [Author "
            "Abstract]\nJF  - Journal of Traumatic Stress\nPY  - 2019\n"
            "UR  - https://search.proquest.com/docview/2214991469?accountid=14772\nDB  - PTSDpubs\nER  - \n")
    recs, _ = _read(tmp_path, "psycinfo_ovid_zotero.ris", text)
    assert [r["abstract"] for r in recs] == [
        "It may be beneficial to refer high self-critical patients to psychological care.",
        "These findings have implications for service providers, agencies, and the public."]
    assert recs[0]["pages"] == ""  # "No" "Specified": Ovid's "No Pagination Specified" cut in two by Zotero


def test_structured_abstract_headings_run_into_the_text(shared_data):
    """Web of Science (and Dimensions, Lens) drop the break after the headings of some publishers' structured
    abstracts: "ObjectivesThe aim of this ex-vivo study... composite.Materials and methodsNinety-six...". The
    reviewer read it so, and the Scopus and PubMed copies of the same abstract looked different."""
    folder = shared_data / "imports"
    wos, _ = read_file(folder / "wos_plaintext" / "revtools__restoration_WoS.ciw")
    scopus, _ = read_file(folder / "ris" / "revtools__restoration_scopus.ris")
    title = "Direct restoration of endodontically treated maxillary central incisors"
    a, b = (t.loc[t["title"].str.startswith(title), "abstract"].iloc[0] for t in (wos, scopus))
    assert a.startswith("Objectives: The aim of this ex-vivo study")
    assert "resin composite. Materials and methods: Ninety-six extracted" in a
    assert a[:300] == b[:300]  # the same words as Scopus's copy
    zotero, _ = read_file(folder / "ris" / "ASySD__zotero_export.ris")
    texts = [t for t in zotero["abstract"] if "antibodies for lens H-crystallins" in t]
    assert texts and all(t.startswith("Objective: To detect antibodies") for t in texts)
    assert all("Results: Sera from" in t and "Conclusion: Serum" in t for t in texts)
    # no abstract of these exports starts with a heading run into its first word any more
    run_in = re.compile(r"(Objectives?|Background|Context|Aims?|Methods|Introduction|Key message|Questions)[A-Z][a-z]")
    for table in (wos, scopus, zotero):
        assert not [t for t in table["abstract"] if run_in.match(t)]


def test_sentences_run_together_where_paragraphs_ended(shared_data):
    """Where an export dropped an abstract's paragraph breaks, its sentences ran together ("...respiratory health
    outcomes.Results: In total, 3196 articles", "wellbeing.SummaryGrasslands with little tree cover"): 280 of the
    shared abstracts. A link or an abbreviation in the text is left as it is."""
    folder = shared_data / "imports" / "citesource_sets" / "wildfire_benchmark_wos_strings"
    table, _ = read_file(folder / "CiteSource__search2_278.ris")
    text = " ".join(table["abstract"])
    assert "respiratory health outcomes. Results: In total, 3196 articles" in text
    assert "outcomes.Results" not in text
    bench, _ = read_file(folder / "CiteSource__citesource_benchmark_export.csv")
    text = " ".join(bench["abstract"])
    assert "human wellbeing. Summary: Grasslands with little tree cover" in text
    assert not re.search(r"\b(?:Results|Methods|Conclusions?|Summary):?[A-Z][a-z]", text)


def test_copyright_statements_leave_the_abstract(shared_data):
    """Scopus and Web of Science end an abstract with the publisher's copyright ("© 2019 Elsevier B.V.", "(C) 2015
    Elsevier Ltd. All rights reserved."), PubMed does not: the reviewer read it on every card, and two copies of
    one abstract ended differently. 67 Scopus abstracts of the restoration search end with one; all now end as
    PubMed's copy does, and the export's text stays in raw."""
    folder = shared_data / "imports"
    scopus, _ = read_file(folder / "ris" / "revtools__restoration_scopus.ris")
    pubmed, _ = read_file(folder / "nbib" / "revtools__restoration_pubmed.nbib")
    by_doi = dict(zip(pubmed["doi"], pubmed["abstract"]))
    pairs = [(a, by_doi[d], raw["AB"]) for d, a, raw in zip(scopus["doi"], scopus["abstract"], scopus["raw"])
             if by_doi.get(d) and "©" in str(raw.get("AB", ""))[-300:]]
    assert len(pairs) >= 50
    assert all(a[-40:] == p[-40:] and "©" not in a and "©" in raw for a, p, raw in pairs)
    wos, _ = read_file(folder / "wos_plaintext" / "revtools__restoration_WoS.ciw")
    # all go, the one after "(A) ... (B) ..." too: "(C) 2018 The Academy of Dental Materials. Published by Elsevier"
    assert not [a for a in wos["abstract"] if a.endswith("All rights reserved.")]
    assert sum(str(raw.get("AB", "")).endswith("All rights reserved.") for raw in wos["raw"]) == 11


def test_pubmed_xml_and_jats_markup_in_abstracts(shared_data):
    """Lens exports PubMed's XML abstract inside its RIS abstracts (`<AbstractText Label="STUDY DESIGN">...`,
    `<CopyrightInformation>`): the screening card showed the tags. Sections keep their labels as headings, the
    copyright goes; JATS section titles become headings too, and paragraphs no longer run together."""
    folder = shared_data / "imports" / "citesource_sets" / "wildfire_stage_analysis"
    lens, _ = read_file(folder / "CiteSource__lens_343.ris")
    text = next(a for a in lens["abstract"] if "RETAIL INITIATIVES TO IMPROVE" in a)
    assert text.startswith("CHAPTER 1: RETAIL INITIATIVES")
    assert "Australia. STUDY DESIGN: Rapid review of articles" in text
    assert not [a for a in lens["abstract"] if "<AbstractText" in a or "CopyrightInformation" in a or "</" in a]
    assert not [a for a in lens["abstract"] if a.startswith(("<", "jats:"))]
    shiny, _ = read_file(folder / "CiteSource__analysis_across_phases_shiny_export.csv")
    woodpeckers = [a for a in shiny["abstract"] if "reproduction of woodpeckers were affected by salvage" in a]
    assert woodpeckers and all("Recent Findings: We found that both numbers" in a for a in woodpeckers)
    # Web of Science names a character it cannot write: "0<middle dot>25 degrees" is "0·25 degrees"
    wos, _ = read_file(folder / "CiteSource__wos_278.ris")
    assert any("resolution of 0·25 degrees x 0·25 degrees" in a for a in wos["abstract"])
    assert "black carbon and PM2·5 from wildfire emission" in " ".join(wos["title"])
    assert not [t for t in list(wos["title"]) + list(wos["abstract"]) if "<middle dot>" in t]


def test_ovid_source_lines_of_biosis_and_zoological_record(tmp_path):
    """Ovid's BIOSIS Previews writes a patent's source without pages ("Patents. 1288(3), Nov. 16, 2004.") and a
    book chapter's as "Editor [Editor]. Book title.:371-397, 2004."; Zoological Record "Hydrobiologia. 2007 15
    June; 433-441.". Volume, issue, pages (and the chapter's book) were lost."""
    text = ("<1. >\r\nVN  - Ovid Technologies\r\nDB  - BIOSIS Previews\r\nAN  - PREV200400474164\r\n"
            "AU  - Walsdorf, Neill B. [Inventor, Reprint Author]\r\nTI  - Dietary supplements containing ultradense "
            "calcium citrate and carbonyl iron\r\nSO  - Official Gazette of the United States Patent & Trademark "
            "Office Patents. 1288(3), Nov. 16, 2004.\r\nPT  - Patent\r\nIS  - 0098-1133 (ISSN print)\r\n"
            "PN  - US 6818228\r\nLG  - English\r\nYR  - 2004\r\n\r\n"
            "<7807. >\r\nVN  - Ovid Technologies\r\nDB  - BIOSIS Previews\r\nAN  - PREV200400435038\r\n"
            "AU  - Gaertner, Alfred L. [Author, Reprint Author; E-mail: agaertner@genecor.com]\r\n"
            "TI  - Increasing throughput and data quality for proteomics.\r\nSO  - Kamp, Roza Maria [Editor, Reprint "
            "Author], Calvete, Juan J. [Editor]. Methods in proteome and protein analysis.:371-397, 2004.\r\n"
            "Series Information:  Principles and Practice.\r\nPT  - Book Chapter\r\nIB  - 3-540-20222-6 (cloth)\r\n"
            "LG  - English\r\nYR  - 2004\r\n\r\n"
            "<1317. >\r\nVN  - Ovid Technologies\r\nDB  - Zoological Record\r\nAN  - ZOOR14312075663\r\n"
            "TI  - The role of temperature in the population dynamics of smelt in Lake Peipsi (Estonia/Russia).\r\n"
            "AU  - Kangur, Andu [E-mail: akangur@zbi.ee]\r\nSO  - Hydrobiologia. 2007 15 June; 433-441.\r\n"
            "IS  - 0018-8158\r\nLG  - English\r\nPT  - Article\r\nYR  - 2007\r\n\r\n")
    recs, _ = _read(tmp_path, "ovid.txt", text, newline="")
    assert [(r["journal"], r["volume"], r["issue"], r["pages"], r["year"]) for r in recs] == [
        ("Official Gazette of the United States Patent & Trademark Office Patents", "1288", "3", "", 2004),
        ("Methods in proteome and protein analysis", "", "", "371-397", 2004),
        ("Hydrobiologia", "", "", "433-441", 2007)]
    assert [r["source_database"] for r in recs] == ["BIOSIS Previews (Ovid)"] * 2 + ["Zoological Record (Ovid)"]


_LENS_HEADER = ("Lens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,Publisher,"
                "Source Country,Author/s,Abstract,Volume,Issue Number,Start Page,End Page,Fields of Study,Keywords,"
                "MeSH Terms,Chemicals,Funding,Source URLs,External URL,PMID,DOI,Microsoft Academic ID,PMCID,"
                "Citing Patents Count,References,Citing Works Count,Is Open Access,Open Access License,"
                "Open Access Colour\n")


def test_lens_abstract_with_a_title_heading(tmp_path):
    """Lens writes some abstracts as "<title>Abstract</title>;         <p>...</p>": the <title> element and its
    heading stayed at the head of the abstract."""
    text = _LENS_HEADER + (
        '000-017-249-920-330,Spatial and Temporal Evolution Patterns of Construction Waste Generation,2023-11-03,'
        '2023,preprint,,,Springer Science and Business Media LLC,,Zhenhua Luo; Shubin Song,"<title>Abstract</title>;'
        '         <p>The issue of construction waste reduction has become a global focus.</p>",,,,,China; Geography,'
        ',,,,https://doi.org/10.21203/rs.3.rs-3369644/v1,http://dx.doi.org/10.21203/rs.3.rs-3369644/v1,,'
        '10.21203/rs.3.rs-3369644/v1,,,0,003-980-492-344-18X,1,true,cc-by,gold\n')
    recs, report = _read(tmp_path, "lens-export.csv", text)
    assert report.database == "Lens.org"
    assert recs[0]["abstract"] == "The issue of construction waste reduction has become a global focus."


def test_lens_patent_export(tmp_path):
    """Lens.org's patent export (inventors "NEWCOMER FRED MICHAEL", ";;" between them) gave no authors and no
    id."""
    text = ('"#",Jurisdiction,Kind,Publication Number,Lens ID,Publication Date,Publication Year,Application Number,'
            'Application Date,Priority Numbers,Earliest Priority Date,Title,Applicants,Inventors,Owners (US),URL,Type,'
            'Has Full Text,Cites Patent Count,Cited by Patent Count,Simple Family Size,Extended Family Size,'
            'Sequence Count,CPC Classifications,IPCR Classifications,US Classifications,NPL Citation Count,'
            'NPL Resolved Citation Count,NPL Resolved Lens ID(s),NPL Resolved External Id(s),NPL Citations\n'
            '1,US,A1,US 2011/0185700 A1,122-778-618-820-635,2011-08-04,2011,US 65784810 A,2010-01-29,'
            'US 65784810 A 20100129,2010-01-29,Jet Engine Bird Diverters,NEWCOMER FRED MICHAEL,NEWCOMER FRED MICHAEL,,'
            'https://lens.org/122-778-618-820-635,Patent Application,yes,7,8,1,1,0,F02C7/055,F02C7/055,60/39.092,'
            '0,0,,,\n'
            '2,US,B2,US 8001762 B2,157-736-003-883-490,2011-08-23,2011,US 89029007 A,2007-08-03,'
            'US 83547206 P 20060804,2006-08-04,Method And Device To Increase Thrust And Efficiency Of Jet Engine,'
            'EFREMKIN ARTEM P;;EFREMKIN PAVEL V,EFREMKIN ARTEM P;;EFREMKIN PAVEL V,,https://lens.org/157-736-003-883-490,'
            'Granted Patent,yes,9,2,4,4,0,,F02C7/08,60/39.5;;60/770,0,0,,,\n')
    recs, report = _read(tmp_path, "lens-export.csv", text)
    assert report.database == "Lens.org"
    assert [(r["authors"], r["source_id"], r["year"], r["type"]) for r in recs] == [
        (["NEWCOMER, F. M."], "122-778-618-820-635", 2011, "Patent Application"),
        (["EFREMKIN, A. P.", "EFREMKIN, P. V."], "157-736-003-883-490", 2011, "Granted Patent")]


def test_google_scholar_ellipsis_glued_to_the_last_author(tmp_path):
    """Google Scholar (Publish or Perish) may glue its "…" to the last author it shows ("D Kateris…"): the
    family name became "Kateris…"."""
    text = _POP_HEADER + (
        '566,"L Benos, AC Tagarakis, G Dolias, R Berruto, D Kateris…","Machine learning in agriculture: A '
        'comprehensive updated review",2021,"Sensors","mdpi.com","https://www.mdpi.com/1424-8220/21/11/3758",'
        '"https://scholar.google.com/scholar?cites=8345549894202501243&as_sdt=2005&sciodt=2007&hl=en",2,'
        '"2024-11-03 23:59:31","HTML","","","",,,,,566,188.67,94,6,3,"… , namely machine learning, has a …",'
        '"https://www.mdpi.com/1424-8220/21/11/3758",""\n')
    recs, _ = _read(tmp_path, "PoPCites.csv", text)
    assert recs[0]["authors"] == ["Benos, L.", "Tagarakis, A. C.", "Dolias, G.", "Berruto, R.", "Kateris, D."]


def test_publish_or_perish_full_names(tmp_path):
    """Publish or Perish writes Crossref's authors with full given names first ("Dennis Sherwood, Paul Dalby"):
    two authors became one, "Dennis Sherwood, P. D."."""
    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
            "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract\n"
            '0,"Dennis Sherwood, Paul Dalby","Chemical equilibrium and chemical kinetics",2018,"Oxford Scholarship '
            'Online","Oxford University Press","http://dx.doi.org/10.1093/oso/9780198782957.003.0014","",27,'
            '"2020-12-08 15:34:55","book","10.1093/oso/9780198782957.003.0014","","",,,,,0,0.00,0,2,2,"<p>Building on '
            'the previous chapter, this chapter examines gas phase chemical equilibrium.</p>"\n'
            '2,"S. Bratos, M. Wulff, J.-Cl. Leicknam, Q. Kong","Ultrafast chemical kinetics: Elementary chemical act",'
            '2015,"Chemical Physics Letters","Elsevier BV","http://dx.doi.org/10.1016/j.cplett.2014.11.055","",19,'
            '"2020-12-08 15:34:55","journal-article","10.1016/j.cplett.2014.11.055","0009-2614","",619,,88,91,2,0.40,'
            '1,4,5,""\n')
    recs, _ = _read(tmp_path, "PoPCites.csv", text)
    assert [r["authors"] for r in recs] == [["Sherwood, D.", "Dalby, P."],
                                            ["Bratos, S.", "Wulff, M.", "Leicknam, J.-C.", "Kong, Q."]]
    assert recs[0]["abstract"] == "Building on the previous chapter, this chapter examines gas phase chemical equilibrium."


def test_scival_publication_list(tmp_path):
    """SciVal's CSV (a preamble, then "Scopus Source title", "Publication-type", "EID"; an "Abstract" column
    holding the link to the Scopus record) gave the link as the abstract and lost journal, type and id."""
    text = ('Data set,"Publications "\nYear range,2012 to 2018\nFiltered by,"not filtered"\nTypes of publications '
            'included,"All publication types"\nSelf-citations,-\n\nData source,Scopus\nDate last updated,6 April 2018\n'
            'Date exported,27 April 2018\n\n30 publications\n\n'
            '"Title","Authors","Number of Authors","Scopus Author Ids","Year","Scopus Source title","Volume","Issue",'
            '"Pages","ISSN","Source ID","Source-type","SNIP 2016","CiteScore 2016","SJR 2016",'
            '"Field-Weighted View Impact","Views","Citations","Field-Weighted Citation Impact","Outputs in Top '
            'Citation Percentiles, per percentile","Field-Weighted Outputs in Top Citation Percentiles, per '
            'percentile","Reference","Abstract","DOI","Publication-type","EID","PubMed ID","Institutions",'
            '"Scopus affiliation IDs","Scopus affiliation names","Country","All Science Journal Classification (ASJC)"\n'
            '"Cnodes: The canadian network for observational drug effect studies","Suissa, S., Henry, D., Caetano, '
            'P.","13","35447580900, 36012659800, 6602715746","2012","Open Medicine","6","4","134-140","19112092",'
            '"11700154379","Journal","1.625","2.11","0.811","1.69","24","40","3.7","6","6","Suissa, S., Henry, D., '
            'Caetano, P. and 10 more (...) (2012).Cnodes: The canadian network for observational drug effect studies. '
            'Open Medicine,6(4) 134-140","https://www.scopus.com/record/display.url?eid=2-s2.0-84870571023&origin='
            'resultslist","-","Article","2-s2.0-84870571023","23687528","Dalhousie University, McGill University",'
            '"60002306, 60002494","University of Calgary; McGill University","can","2700 - General Medicine"\n')
    recs, report = _read(tmp_path, "Publications.csv", text)
    rec = recs[0]
    assert report.database == "Scopus (SciVal)"
    assert (rec["journal"], rec["type"], rec["source_id"], rec["abstract"], rec["doi"], rec["pmid"]) == (
        "Open Medicine", "Article", "2-s2.0-84870571023", "", "", "23687528")
    assert rec["url"] == "https://www.scopus.com/record/display.url?eid=2-s2.0-84870571023&origin=resultslist"
    assert rec["authors"] == ["Suissa, S.", "Henry, D.", "Caetano, P."]


def test_lens_mesh_terms_are_keywords(tmp_path):
    """Lens gives a PubMed record's MeSH headings in "MeSH Terms"; only "Keywords" was read, so these records
    had none (PubMed's own export gives its MeSH headings as keywords)."""
    text = _LENS_HEADER + (
        '000-530-278-248-296,Parenteral packaging waste reduction.,,1990,journal article,The Canadian journal of '
        'hospital pharmacy,00084123,Canadian Society of Hospital Pharmacists,Canada,Brian W. Baetz,"The consumption '
        'of pharmaceutical products generates waste materials.",43,4,179,"81, 195",Incineration; Business,,'
        '"Drug Packaging; Equipment and Supplies, Hospital; Refuse Disposal/methods",,,'
        'http://europepmc.org/abstract/MED/10105986 https://www.ncbi.nlm.nih.gov/pubmed/10105986,'
        'https://www.ncbi.nlm.nih.gov/pubmed/10105986,10105986,,2435005719,,0,,1,false,,\n')
    recs, _ = _read(tmp_path, "lens-export.csv", text)
    assert recs[0]["keywords"] == ["Drug Packaging", "Equipment and Supplies, Hospital", "Refuse Disposal/methods"]
    assert recs[0]["pmid"] == "10105986"


def test_journals_at_ovid_type_without_its_full_stop(tmp_path):
    """Journals@Ovid ends its DT (document type) with a full stop, as its language ("DT  - Original Articles.",
    "LG  - English."): the language lost it, the type kept it, so one type counted as two."""
    text = ("<5. >\r\nVN  - Ovid Technologies\r\nDB  - Journals@Ovid\r\nAN  - 01189059-201108000-00009.\r\n"
            "AU  - Zhang, Weijia 1,2,+\r\nTI  - Up-regulation of breast cancer resistance protein.  [Article]\r\n"
            "SO  - Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653\r\nLG  - English.\r\n"
            "DT  - Original Articles.\r\nIS  - 1672-9145\r\nDI  - 10.1093/abbs/gmr050\r\n\r\n")
    recs, report = _read(tmp_path, "ovid.txt", text, newline="")
    assert report.database == "Journals@Ovid"
    assert (recs[0]["type"], recs[0]["language"], recs[0]["source_id"], recs[0]["pages"]) == (
        "Original Articles", "English", "01189059-201108000-00009", "647-653")


def test_zoological_record_transliterated_initials(tmp_path):
    """Zoological Record (on Ovid) writes Russian names' initials with the two-letter ones run in ("Marusik, YuM",
    "Eskov, KYu"): the second initial was lost ("Marusik, Y.")."""
    text = ("<697. >\r\nVN  - Ovid Technologies\r\nDB  - Zoological Record\r\nAN  - ZOOR14305031738\r\n"
            "TI  - Spiders (Arachnida, Aranei) from Sakhalin and the Kuril Islands.\r\nAU  - Marusik, YuM\r\n"
            "AU  - Eskov, KYu\r\nAU  - Logunov, DV\r\nPT  - Book\r\nLG  - English\r\nDE  - Aranei: Checklists.\r\n"
            "SY  - Aranei, http://www.organismnames.com/namedetails.htm?lsid=574767, (Araneae)\r\n\r\n"
            "      Bathyphantes gracilis (Blackwall 1841), (Araneae): Syn nov\r\nDD  - 20100727\r\n\r\n")
    recs, report = _read(tmp_path, "zoorec.txt", text, newline="")
    assert (report.found, report.imported, report.database) == (1, 1, "Zoological Record (Ovid)")
    assert recs[0]["authors"] == ["Marusik, Y. M.", "Eskov, K. Y.", "Logunov, D. V."]


def test_ris_links_give_pubmed_id_and_scopus_eid(tmp_path):
    """A tool merging PubMed and Scopus results writes RIS whose only PubMed id is the record's PubMed link
    ("UR  - https://www.ncbi.nlm.nih.gov/pubmed/27542161") and whose Scopus id is in the new Scopus record page
    ("scopus.com/pages/publications/105007450265"): neither was read, so these records matched their copies
    by nothing but DOI and title. Its titles and abstracts wrap onto lines indented by six spaces."""
    text = ("TY  - JOUR\nAB  - PURPOSE: To determine what factors contribute to the efficacy of non-drug\n"
            "      treatments designed to promote weight loss.\nAU  - Boff, Raquel de Melo\n"
            "DO  - 10.1007/s40519-016-0309-1\nIS  - 2\nPY  - 2017\nSP  - 211\nEP  - 229\n"
            "TI  - Weight loss interventions for overweight and obese adolescents: a\n      systematic review\n"
            "T2  - Eating and Weight Disorders\nUR  - http://dx.doi.org/10.1007/s40519-016-0309-1\n"
            "UR  - https://www.ncbi.nlm.nih.gov/pubmed/27542161\nVL  - 22\nER  -\n"
            "TY  - JOUR\nAU  - Huizing, A H J\nDO  - 10.1186/s12887-025-05661-1\nIS  - 1\nPY  - 2025\n"
            "TI  - Predicting obesity at adolescence from an early age in a Dutch observational cohort study\n"
            "T2  - BMC Pediatrics\nUR  - https://www.scopus.com/pages/publications/105007450265?origin=resultslist\n"
            "VL  - 25\nER  -\n")
    recs, _ = _read(tmp_path, "export.ris", text)
    assert recs[0]["title"] == "Weight loss interventions for overweight and obese adolescents: a systematic review"
    assert [(r["pmid"], r["source_id"]) for r in recs] == [("27542161", ""), ("", "2-s2.0-105007450265")]


def test_title_before_an_author_name(tmp_path):
    """Crossref (through Publish or Perish) may give an author with a title: "Prof. Suojiang Zhang" became
    "Zhang, P. S.", the title an initial."""
    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
            "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract\n"
            '0,"Prof. Suojiang Zhang","Why we created Green Chemical Engineering (GreenChE)?",2020,"Green Chemical '
            'Engineering","Elsevier BV","http://dx.doi.org/10.1016/j.gce.2020.10.004","",170,"2020-12-08 15:34:55",'
            '"journal-article","10.1016/j.gce.2020.10.004","2666-9528","",,,,,0,0.00,0,1,1,""\n')
    recs, _ = _read(tmp_path, "PoPCites.csv", text)
    assert recs[0]["authors"] == ["Zhang, S."]


def test_publish_or_perish_file_without_a_database_link_is_named(tmp_path):
    """Publish or Perish searching Crossref writes rows with no database's links (doi.org only): the file named
    no database, so its records counted under no source. Its default file name, PoPCites.csv, names the tool
    (a Google Scholar search is still named by its links)."""
    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
            "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract,"
            "FullTextURL,RelatedURL\n"
            '121,"Luke Munn","The uselessness of AI ethics",2022,"AI and Ethics","Springer Science and Business Media '
            'LLC","https://doi.org/10.1007/s43681-022-00209-w","",43,"2025-02-04 16:55:17","journal-article",'
            '"10.1007/s43681-022-00209-w","2730-5953","",3,3,869,877,121,40.33,121,1,3,"Abstract: As the awareness '
            'of AI’s power and danger has risen, the dominant response has been a turn to ethical principles.",'
            '"https://link.springer.com/content/pdf/10.1007/s43681-022-00209-w.pdf",""\n')
    recs, report = _read(tmp_path, "PoPCites.csv", text)
    assert report.database == recs[0]["source_database"] == "Publish or Perish"
    assert recs[0]["abstract"].startswith("As the awareness")


def test_ovid_ris_named_by_its_full_text_links(tmp_path):
    """Ovid's RIS of ERIC has no DB tag; each record is followed by "Link to the Ovid Full Text or citation:
    https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=eric3&AN=...". Only links to the
    citation page (PAGE=reference) were read, so the file was named after nothing but its name ("ERIC"), not as
    searched on Ovid."""
    text = ("1. \nTY  - JOUR\nID  - EJ1011910\nT1  - Designing Instruction and Learning for Cognitively Gifted Pupils "
            "in Preschool and Primary School\nA1  - Mooij, Ton\nY1  - 2013//\nY2  - 2013//\nN2  - Young gifted "
            "children perform in the top 10% in assessments. (As Provided)\nKW  - Gifted\nJF  - International Journal "
            "of Inclusive Education\nVL  - 17\nIS  - 6\nSP  - 597\nEP  - 613\nSN  - 1360-3116\n"
            "L1  - http://dx.doi.org/10.1080/13603116.2012.696727\nER  -  \n\nLink to the Ovid Full Text or citation: "
            "https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=eric3&AN=EJ1011910 \n\n"
            "2. \nTY  - JOUR\nID  - EJ953935\nT1  - Individual- and Neighbourhood-Level Indicators of Subjective "
            "Well-Being\nA1  - Cramm, J M\nA1  - Moller, V\nY1  - 2012//\nJF  - Social Indicators Research\n"
            "VL  - 105\nIS  - 3\nSP  - 581\nEP  - 593\nL1  - http://dx.doi.org/10.1007/s11205-011-9790-0\nER  -  \n\n"
            "Link to the Ovid Full Text or citation: https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE="
            "fulltext&D=eric3&AN=EJ953935 \n\n\n")
    recs, report = _read(tmp_path, "eric.ris", text)
    assert (report.found, report.imported, report.database) == (2, 2, "ERIC (Ovid)")
    assert [(r["source_id"], r["doi"], r["pages"]) for r in recs] == [
        ("EJ1011910", "10.1080/13603116.2012.696727", "597-613"), ("EJ953935", "10.1007/s11205-011-9790-0", "581-593")]


def test_ebscohost_abstract_notices_and_copyright(tmp_path):
    """EBSCOhost's RIS gives an abstract per language, each closed by "(English) [ABSTRACT FROM AUTHOR]", and a
    copyright notice as a last AB: the notices stayed in every abstract (the copyright notice was already left
    out)."""
    text = ("TY  - JOUR\nAU  - Rodrigues Ramos, Juliano\nT1  - MODELOS DE MATURIDADE DE TESTE DE SOFTWARE: UMA "
            "REVISÃO SISTEMÁTICA DA LITERATURA.\nT2  - Software Test Maturity Models: A Systematic Review of the "
            "Literature.\nJO  - Colloquium Exactarum\nJF  - Colloquium Exactarum\nPY  - 2018/04//abr-jun2018\n"
            "VL  - 10\nIS  - 2\nSP  - 38\nEP  - 44\nSN  - 21788332\n"
            "AB  - In conclusion there are many maturity models of tests proposed in the literature. (English) "
            "[ABSTRACT FROM AUTHOR]\nAB  - Conclui-se que há muitos modelos de maturidade de teste propostos na "
            "literatura. (Portuguese) [ABSTRACT FROM AUTHOR]\nAB  - Copyright of Colloquium Exactarum is the property "
            "of Asociacao Prudentina de Educacao e Cultura (APEC) and its content may not be copied or emailed to "
            "multiple sites or posted to a listserv without the copyright holder's express written permission.\n"
            "KW  - software testing\nN1  - Accession Number: 134630660; Number of Pages: 7p; Language: Portuguese\n"
            "L3  - 10.5747/ce.2018.v10.n2.e236\n"
            "UR  - http://search.ebscohost.com/login.aspx?direct=true&db=foh&AN=134630660&lang=pt-br&site=ehost-live\n"
            "DP  - EBSCOhost\nDB  - Fonte Acadêmica\nER  - \n")
    recs, report = _read(tmp_path, "delivery.ris", text)
    rec = recs[0]
    assert report.database == rec["source_database"] == "Fonte Acadêmica (EBSCOhost)"
    assert rec["abstract"] == ("In conclusion there are many maturity models of tests proposed in the literature. "
                               "(English) | Conclui-se que há muitos modelos de maturidade de teste propostos na "
                               "literatura. (Portuguese)")
    assert (rec["year"], rec["doi"], rec["source_id"], rec["pages"]) == (
        2018, "10.5747/ce.2018.v10.n2.e236", "134630660", "38-44")


def test_proquest_ris_with_the_newer_document_links(tmp_path):
    """ProQuest's newer links put the document's title before its id ("search.proquest.com/scholarly-journals/
    are-women-.../docview/2472035831/se-2"): the record was not known as ProQuest's, so its DB (Social Services
    Abstracts) did not name it."""
    text = ("TY  - JOUR\nT1  - Are women more afraid than men? Fear of recurrence in couples with cancer\n"
            "AN  - 2472035831\nAB  - PurposeAlthough fear of cancer recurrence (FoR) is one of the major concerns.\n"
            "JF  - Journal of Psychosocial Oncology\nAU  - Muldbücker, Pia\nPY  - 2021\nSP  - 89\nEP  - 104\n"
            "VL  - 39\nIS  - 1\nSN  - 07347332\nKW  - Fear & phobias\n"
            "UR  - https://search.proquest.com/scholarly-journals/are-women-more-afraid-than-men-fear-recurrence/"
            "docview/2472035831/se-2?accountid=12006\nLA  - English\nDB  - Social Services Abstracts\n"
            "N1  - Copyright - © 2020 Taylor & Francis Group, LLC\nN1  - Dernière mise à jour - 2020-12-23\n"
            "DO  - http://dx.doi.org/10.1080/07347332.2020.1762823\nER  - \n\n\n\n")
    recs, report = _read(tmp_path, "social_services_abstracts.ris", text)
    assert report.database == recs[0]["source_database"] == "Social Services Abstracts"
    assert (recs[0]["source_id"], recs[0]["doi"]) == ("2472035831", "10.1080/07347332.2020.1762823")


def test_ovid_medline_ris_gives_the_pubmed_id(tmp_path):
    """Ovid's RIS of MEDLINE has no DB tag; the record's PubMed id is its ID and the AN of its Ovid link
    (D=medl). It had no PMID, so it matched its PubMed copy by DOI and title only."""
    text = ("1. \nTY  - JOUR\nID  - 32274665\nT1  - Treatment-induced symptoms, depression and age as predictors of "
            "sexual problems in premenopausal women with early breast cancer receiving adjuvant endocrine therapy.\n"
            "A1  - Ribi, Karin\nA1  - van der Westhuizen, Andre\nY1  - 2020//\nN2  - PURPOSE: Sexual dysfunction is "
            "an important concern of premenopausal women with early breast cancer.\n"
            "KW  - *Breast Neoplasms/dt [Drug Therapy]\nJF  - Breast cancer research and treatment\n"
            "JA  - Breast Cancer Res Treat\nVL  - 181\nIS  - 2\nSP  - 347\nEP  - 359\nCY  - Netherlands\n"
            "SN  - 1573-7217\nSN  - 0167-6806\nM1  - a8x, 8111104\nDO  - https://dx.doi.org/10.1007/s10549-020-05622-5\n"
            "L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=32274665\nER  -  \n\n"
            "Link to the Ovid Full Text or citation: https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE="
            "fulltext&D=medl&AN=32274665 \n\n")
    recs, report = _read(tmp_path, "medline.ris", text)
    assert report.database == "MEDLINE (Ovid)"
    assert (recs[0]["pmid"], recs[0]["source_id"], recs[0]["doi"]) == (
        "32274665", "32274665", "10.1007/s10549-020-05622-5")


def test_dspace_dublin_core_record_is_no_export(tmp_path):
    """One item's metadata from a DSpace repository (OpenGrey's dublin_core.xml, <dcvalue element=...>) failed as
    an unknown format, without saying what the file is or what to export instead."""
    text = ('<?xml version="1.0" encoding="UTF-8" ?>\n<dublin_core schema="dc">\n'
            '  <dcvalue element="contributor" qualifier="author">Kraus, Margit</dcvalue>\n'
            '  <dcvalue element="date" qualifier="issued">2000</dcvalue>\n'
            '  <dcvalue element="title" qualifier="none">Social security strategies and redistributive effects in '
            'European social transfer systems</dcvalue>\n</dublin_core>\n')
    with pytest.raises(ImportFailure) as failed:
        _read(tmp_path, "opengrey_test.xml", text)
    message = str(failed.value)
    assert "opengrey_test.xml" in message and "line 1" in message
    assert "DSpace Dublin Core record" in message and "RIS or BibTeX" in message


def test_derwent_inventors_with_spaced_initials(tmp_path):
    """A Web of Science export over all its databases holds Derwent Innovations Index patents, whose inventors are
    written "TOTH A Z": the last initial was taken for the given name ("TOTH A, Z.")."""
    header = ["PT", "AU", "BA", "CA", "GP", "RI", "OI", "BE", "Z2", "AU", "AA", "TI", "PN", "AE", "SO", "VL", "IS",
              "BP", "EP", "DI", "DT", "PY", "UT", "PM"]
    rows = [["P", "TOTH A Z", "", "", "", "", "", "", "", "", "", "Pothole patching apparatus for road surface "
             "mending", "HU201200316-A1", "TOTH A Z", "", "", "", "", "", "", "", "", "DIIDW:2014B58770", ""],
            ["J", "Lin, Yu-Chen; Chen, Wen-Hui", "", "", "", "", "", "", "", "", "", "Implementation of Pavement "
             "Defect Detection System on Edge Computing Platform", "", "", "APPLIED SCIENCES-BASEL", "11", "8", "",
             "", "10.3390/app11083725", "Article", "2021", "WOS:000644012400001", ""]]
    text = "\n".join("\t".join(r) for r in [header] + rows) + "\n"
    recs, report = _read(tmp_path, "savedrecs.txt", text)
    assert report.database == "Web of Science" and report.imported == 2
    assert [r["authors"] for r in recs] == [["TOTH, A. Z."], ["Lin, Y.-C.", "Chen, W.-H."]]
    plain = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT P\nAU TOTH A Z\n   ERMILOV A A\n"
             "TI Pothole patching apparatus\nUT DIIDW:2014B58770\nER\n\nEF\n")
    recs, _ = _read(tmp_path, "savedrecs_plain.txt", plain)
    assert recs[0]["authors"] == ["TOTH, A. Z.", "ERMILOV, A. A."]


def test_ebsco_authors_only_in_the_notes(tmp_path):
    """EBSCOhost's "Case Study" records (TY GEN) give no AU: their authors stand in N1 after the accession number,
    with affiliation numbers and e-mail addresses between them (5 such records in the shared GreenFILE export)."""
    text = ("TY  - GEN\nTI  - Enhancing voluntary participation in community collaborative forest management\n"
            "DO  - 10.1016/j.jenvman.2014.10.009\nN1  - Accession Number: 100510174; Lestari, Sri 1; Kotani, Koji 2; "
            "Email Address: kotani.koji@kochi-tech.ac.jp; Kakinaka, Makoto 3; Email Address: kakinaka@iuj.ac.jp; "
            "Affiliations: 1 : Forestry Research Institute of Palembang; Source Info: Mar2015, Vol. 150, p299; "
            "Document Type: Case Study\nPY  - 2015\nSP  - 299-309\nER  - \n\n"
            "TY  - JOUR\nTI  - Clinical Integration\nN1  - Accession Number: 116407289. Language: English. "
            "Publication Type: Case Study\nPY  - 2016\nER  - \n")
    recs, _ = _read(tmp_path, "greenfile.ris", text)
    assert [r["authors"] for r in recs] == [["Lestari, S.", "Kotani, K.", "Kakinaka, M."], []]


def test_pubmed_export_ending_with_a_bookshelf_chapter(tmp_path):
    """PubMed's book chapters (StatPearls, GeneReviews, Endotext) have no SO line: they end with their
    "AID - NBK... [bookaccession]". One at the end of an export was rejected as a truncated record."""
    article = ("PMID- 8402898\nOWN - NLM\nVI  - 75\nIP  - 1\nDP  - 1993 Oct 8\nTI  - The GTPase dynamin binds to SH3 "
               "domains.\nPG  - 25-36\nFAU - Gout, I\nAU  - Gout I\nPT  - Journal Article\nJT  - Cell\n"
               "SO  - Cell. 1993 Oct 8;75(1):25-36.\n\n")
    chapter = ("PMID- 21249755\nSTAT- Publisher\nPB  - National Center for Biotechnology Information (US)\n"
               "DP  - 2009\nTI  - Peutz-Jeghers Syndrome\nBTI - Cancer Syndromes\nFAU - Riegert-Johnson, Douglas\n"
               "AU  - Riegert-Johnson D\nPT  - Book Chapter\nPL  - Bethesda (MD)\nCDAT- 2011/01/21 06:00\n"
               "AID - NBK1826 [bookaccession]\n")
    recs, report = _read(tmp_path, "pubmed-set.nbib", article + article.replace("8402898", "8402899") + chapter)
    assert report.imported == 3 and not report.rejected
    assert (recs[2]["title"], recs[2]["journal"], recs[2]["year"]) == ("Peutz-Jeghers Syndrome", "Cancer Syndromes",
                                                                        2009)
    # a journal article cut off before its SO is still refused
    cut = article + article.replace("8402898", "8402899") + article.replace("8402898", "8402890").split("SO  -")[0]
    _, report = _read(tmp_path, "cut.nbib", cut)
    assert report.imported == 2 and "no SO field" in report.rejected[0].reason


def test_cnki_refworks_lower_case_volume_and_chinese_lines(tmp_path):
    """CNKI's RefWorks export writes its volume tag in lower case ("vo 37", or a bare "vo" when there is none):
    it was read as more of the issue ("03 vo 37"). An abstract broken across lines inside Chinese text took a
    space at each break. CNKI's files come in GB18030."""
    text = ("RT Journal Article\nSR 1\nA1 张明远;李华\nT1 基于深度学习的医学影像分割方法研究\nJF 中国医学影像技术\n"
            "YR 2021\nIS 03\nvo 37\nOP 112-119\nK1 深度学习;医学影像\nAB 目的探讨深度学习的应用。方法收集影像资料，\n"
            "采用卷积神经网络进行训练。\nDS CNKI\n\n"
            "RT Journal Article\nSR 1\nA1 王伟\nT1 社区卫生服务中心慢性病管理模式探讨\nJF 中国全科医学\nYR 2020\n"
            "IS 12\nvo \nOP 1501-1505\nDS CNKI\n\n")
    path = tmp_path / "CNKI-20261205.txt"
    path.write_bytes(text.encode("gb18030"))
    table, report = read_file(path)
    recs = table.to_dict("records")
    assert report.database == "CNKI" and report.imported == 2
    assert [(r["volume"], r["issue"], r["pages"]) for r in recs] == [("37", "03", "112-119"), ("", "12", "1501-1505")]
    assert recs[0]["abstract"] == "目的探讨深度学习的应用。方法收集影像资料，采用卷积神经网络进行训练。"
    assert recs[0]["authors"] == ["张明远", "李华"]


def test_cnki_endnote_export_is_named(tmp_path):
    """CNKI's EndNote export names its database only as the provider ("%W CNKI"): it was named "EndNote"."""
    text = ("%0 Journal Article\n%A 张明远\n%A 李华\n%T 基于深度学习的医学影像分割方法研究\n%J 中国医学影像技术\n"
            "%D 2021\n%V 37\n%N 03\n%P 112-119\n%K 深度学习;医学影像\n%@ 1003-3289\n%W CNKI\n\n")
    recs, report = _read(tmp_path, "CNKI-endnote.txt", text)
    assert report.database == "CNKI" and recs[0]["source_database"] == "CNKI"
    assert (recs[0]["volume"], recs[0]["issue"], recs[0]["pages"]) == ("37", "03", "112-119")


def test_epistemonikos_ris(tmp_path):
    """Epistemonikos (a database of systematic reviews that health reviews search) was named no database, and
    its records' own ids, in their links, were not kept."""
    text = ("TY  - JOUR\nTI  - Clinical pathways.\nAU  - Kitchiner DJ\nAB  -\nT2  - The Medical journal of Australia\n"
            "VL  - 170\nSP  - 54-5\nIS  - 2\nPY  - 1999\nDA  - 1999/01/18\nDB  - EPISTEMONIKOS\n"
            "UR  - http://www.epistemonikos.org/documents/b45cfa6f057184644c48096a29b5c09f10f5d75d\nER  -\n\n"
            "TY  - JOUR\nTI  - Acute bronchitis: ACCP evidence-based clinical practice guidelines.\nPY  - 2006\n"
            "AU  - Braman SS\nUR  - http://www.epistemonikos.org/documents/0f8b5c48838a36541497f4d318c92297c3fa68e3\n"
            "T2  - CHEST\nVL  - 129\nSP  - 95-95\nIS  - 1 Suppl\nDO  - 10.1378/chest.129.1_suppl.95S\n"
            "U1  - 16428698[pmid]\nER  - \n")
    recs, report = _read(tmp_path, "references.ris", text)
    assert report.database == "Epistemonikos"
    assert [r["source_id"] for r in recs] == ["b45cfa6f057184644c48096a29b5c09f10f5d75d",
                                               "0f8b5c48838a36541497f4d318c92297c3fa68e3"]
    assert (recs[0]["pages"], recs[1]["pmid"]) == ("54-55", "16428698")


def test_a_database_named_only_by_its_db_tags(tmp_path):
    """JSTOR's RIS names its database in every record's DB tag and nowhere else: the file was named no database
    ("Unknown database" in the PRISMA diagram). A DB tag that the records share now names it; DB tags that
    differ (a reference manager's library from several catalogues) name none."""
    record = ("TY  - JOUR\nTI  - The Politics of Evidence in Health Policy {n}\nAU  - Smith, Katherine E.\n"
              "DB  - {db}\nPY  - 2013\nSP  - 371\nEP  - 398\nT2  - Public Administration\n"
              "UR  - http://www.jstor.org/stable/2456154{n}\nVL  - 91\nER  - \n\n")
    _, report = _read(tmp_path, "citations.ris", "".join(record.format(n=n, db="JSTOR") for n in range(3)))
    assert report.database == "JSTOR"
    mixed = "".join(record.format(n=n, db=db) for n, db in enumerate(["JSTOR", "Wiley Online Library", "PubMed"]))
    _, report = _read(tmp_path, "library.ris", mixed)
    assert report.database == ""


def test_sciencedirect_ris_is_named(tmp_path):
    """ScienceDirect's RIS export (DOIs as links, an empty T2) names itself only by its article links."""
    text = ("TY  - JOUR\nT1  - Machine learning in screening for systematic reviews\n"
            "JO  - Journal of Clinical Epidemiology\nVL  - 134\nSP  - 1\nEP  - 12\nPY  - 2021\nDA  - 2021/06/01/\n"
            "T2  - \nAU  - Smith, John\nDO  - https://doi.org/10.1016/j.jclinepi.2021.01.001\n"
            "UR  - https://www.sciencedirect.com/science/article/pii/S0895435621000019\nER  - \n\n"
            "TY  - JOUR\nT1  - A second article\nJO  - Environment International\nVL  - 150\nSP  - 106400\n"
            "PY  - 2021\nT2  - \nDO  - https://doi.org/10.1016/j.envint.2021.106400\n"
            "UR  - https://www.sciencedirect.com/science/article/pii/S0160412021000251\nER  - \n")
    recs, report = _read(tmp_path, "ScienceDirect_citations_1733400000.ris", text)
    assert report.database == "ScienceDirect"
    assert [(r["journal"], r["doi"]) for r in recs] == [
        ("Journal of Clinical Epidemiology", "10.1016/j.jclinepi.2021.01.001"),
        ("Environment International", "10.1016/j.envint.2021.106400")]


def test_scopus_csv_placeholder_abstract(shared_data):
    """Scopus's CSV writes "[No abstract available]" where a record has none: it was kept as the abstract (one
    record of the shared litstudy Scopus export), so screening showed it as text and ranking learnt from it."""
    table, _ = read_file(shared_data / "imports" / "csv" / "litstudy__scopus.csv")
    assert not table["abstract"].str.contains("No abstract available").any()
    assert (table["abstract"] == "").sum() == 1


def test_dimensions_csv_keeps_its_ids_and_mesh_terms(tmp_path):
    """Dimensions' CSV was read by the generic columns: its publication ids (pub.1150000001) and MeSH terms
    were dropped."""
    text = ('"About the data: Exported on Dec 05, 2026. Criteria: ""screening"" in full data."\n'
            "Rank,Publication ID,DOI,PMID,PMCID,Title,Abstract,Source title,Anthology title,MeSH terms,"
            "Publication Date,PubYear,Volume,Issue,Pagination,Publication Type,Authors,Dimensions URL\n"
            "1,pub.1150000001,10.1186/s13643-022-02000-1,36000001,PMC9400001,Automation of screening: a review,"
            "We review tools.,Systematic Reviews,,Humans; Machine Learning,2022-08-20,2022,11,1,171,Article,"
            "\"Smith, John; Doe, Ann\",https://app.dimensions.ai/details/publication/pub.1150000001\n")
    recs, report = _read(tmp_path, "Dimensions-Publication-2026-12-05.csv", text)
    assert report.database == "Dimensions" and report.imported == 1
    rec = recs[0]
    assert (rec["source_id"], list(rec["keywords"]), rec["pmid"], rec["pages"]) == (
        "pub.1150000001", ["Humans", "Machine Learning"], "36000001", "171")
    assert rec["authors"] == ["Smith, J.", "Doe, A."]


def test_scopus_bibtex_keeps_the_authors_keywords(shared_data):
    """Scopus's BibTeX gives the authors' keywords ("author_keywords") beside its index terms ("keywords"); only
    the index terms were kept, where its CSV gives both."""
    table, _ = read_file(shared_data / "imports" / "bibtex" / "qm-replication-of-sr-searches__scopus.bib")
    first = list(table["keywords"].iloc[0])
    assert first[:3] == ["diagnostic accuracy", "hedge", "MEDLINE"]  # the authors' own, first
    assert "diagnostic test accuracy study" in first  # and Scopus's index terms after them


def test_pubmed_group_author_is_kept_as_written(tmp_path):
    """PubMed's CN is a group's name: "International Consensus Panel" was read as a person, "Panel, I. C."."""
    text = ("PMID- 32000002\nOWN - NLM\nDP  - 2020\nTI  - Consensus statement on screening.\n"
            "CN  - International Consensus Panel\nLA  - eng\nPT  - Journal Article\nJT  - Journal of testing\n"
            "SO  - J Test. 2020;12:1.\n\n")
    recs, _ = _read(tmp_path, "pubmed.nbib", text)
    assert recs[0]["authors"] == ["International Consensus Panel"]


def test_several_databases_searched_together_on_one_platform(tmp_path):
    """EBSCOhost and Ovid search several databases at once and export them in one file, each record with its
    own database's DB tag: every record was named after the file's commonest database, so PRISMA counted APA
    PsycInfo's records under CINAHL. A file of one database (Ovid MEDLINE's segments too) keeps one name."""
    ebsco = ("TY  - JOUR\nAU  - Smith, John\nTI  - One\nJO  - Journal A\nPY  - 2020\nDB  - psyh\nDP  - EBSCOhost\n"
             "AN  - 2020-00001-001\nER  - \n\n"
             "TY  - JOUR\nAU  - Doe, Ann\nTI  - Two\nJO  - Journal B\nPY  - 2021\nDB  - cin20\nDP  - EBSCOhost\n"
             "AN  - 150000001\nER  - \n\n"
             "TY  - JOUR\nAU  - Lee, Kim\nTI  - Three\nJO  - Journal C\nPY  - 2021\nDB  - cin20\nDP  - EBSCOhost\n"
             "AN  - 150000002\nER  - \n")
    recs, report = _read(tmp_path, "ebsco.ris", ebsco)
    assert report.database == "CINAHL (EBSCOhost)"
    assert [r["source_database"] for r in recs] == ["APA PsycInfo (EBSCOhost)", "CINAHL (EBSCOhost)",
                                                    "CINAHL (EBSCOhost)"]
    link = "UR  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D={d}&NEWS=N&AN={n}\n"
    ovid = ("TY  - JOUR\nTI  - One\nAU  - Smith, J.\nPY  - 2020\nDB  - Embase\n" + link.format(d="emed", n=1)
            + "ER  - \n\nTY  - JOUR\nTI  - Two\nAU  - Doe, A.\nPY  - 2021\nDB  - Ovid MEDLINE(R) <2021>\n"
            + link.format(d="medl", n=2) + "ER  - \n\nTY  - JOUR\nTI  - Three\nAU  - Lee, K.\nPY  - 2022\n"
            "DB  - Ovid MEDLINE(R) PubMed-not-MEDLINE <2022>\n" + link.format(d="medl", n=3) + "ER  - \n")
    recs, _ = _read(tmp_path, "ovid.ris", ovid)
    assert [r["source_database"] for r in recs] == ["Embase (Ovid)", "MEDLINE (Ovid)", "MEDLINE (Ovid)"]
