"""Quirks met in tagged exports nobody had read (held-out set w48: Web of Science plain text and RIS, PubMed's
MEDLINE and summary text, reference tools' RIS). Each test holds a few lines of its own in the export's layout;
the docstring names the public file that showed it."""
import pytest

from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def _wos_record(pages: str, extra: str = "") -> str:
    """One Web of Science plain-text record with the given page lines (and any further lines)."""
    return ("PT J\nAU Okafor, C\nTI A theory of ordered sets\nSO MEMOIRS OF A LEARNED SOCIETY\nVL 176\n"
            + extra + pages + "PY 2005\nUT WOS:000230100000001\nER\n\n")


def test_web_of_science_end_page_plus_means_and_following(tmp_path):
    """Web of Science writes "EP +" where it knows only the first page ("BP III", "EP +": a memoir's pages in
    gjenca/yacite_data_gejza, savedrecs.ris, a plain-text export named .ris). The pages read "III-+" and "12-+";
    the "+" is no page."""
    text = ("FN Thomson Reuters Web of Science\nVR 1.0\n" + _wos_record("BP III\nEP +\n")
            + _wos_record("BP 12\nEP +\n") + "EF")
    records, report = _read(tmp_path, "savedrecs.txt", text)
    assert report.imported == 2
    assert records["pages"].tolist() == ["III", "12"]


def test_web_of_science_supplement_is_in_the_issue(tmp_path):
    """Web of Science names a supplement in SU ("VL 271 / SU 6 / BP S383": Proceedings B's Biology Letters
    supplement in allisonpayne/bw-review, data/savedrecs.txt): with no IS line the record had no issue, where
    PubMed writes "Suppl 6". A supplement of a numbered issue follows the number, as PubMed writes it."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\n" + _wos_record("BP S383\nEP S386\n", "SU 6\n")
            + _wos_record("BP 10\nEP 12\n", "IS 3\nSU 2\n") + _wos_record("BP 5\nEP 9\n", "IS 4\n") + "EF")
    records, report = _read(tmp_path, "savedrecs.txt", text)
    assert records["issue"].tolist() == ["Suppl 6", "3 Suppl 2", "4"]
    assert records["pages"][0] == "S383-S386"
    # the same records in Web of Science's tab-delimited export
    rows = ("PT\tAU\tTI\tSO\tVL\tIS\tSU\tBP\tEP\tPY\tUT\n"
            "J\tOkafor, C\tA theory\tMEMOIRS\t271\t\t6\tS383\tS386\t2004\tWOS:000230100000001\n"
            "J\tOkafor, C\tA theory\tMEMOIRS\t271\t3\t2\t10\t12\t2004\tWOS:000230100000002\n"
            "J\tOkafor, C\tA theory\tMEMOIRS\t271\t4\t\t5\t9\t2004\tWOS:000230100000003\n")
    records, report = _read(tmp_path, "savedrecs_tab.txt", rows)
    assert report.format == "wos_tabdelimited"
    assert records["issue"].tolist() == ["Suppl 6", "3 Suppl 2", "4"]


def test_pubmed_summary_text_with_its_year_on_a_later_line_is_named(tmp_path):
    """PubMed's older "Summary (text)" layout wraps each entry at 80 characters, so the first line may end before
    the year, and it closes the entry with "PubMed PMID: ..." in mid-line (piratevax/m22_web_semantic,
    pubmed_result.txt; SaraZM/RotationJB, pubmed_result.txt, with "#" notes above). The advice to save the
    results as .nbib was given only when the first line held a year: these files were an "unknown format"."""
    from synthesis.io import ImportFailure, read_file

    entries = ("1: Okafor C, Lindqvist M, Brandt MA, Haddad RJ, Moreau PL. A long title about the\nthings a trial "
               "measured. Trials J. 2019 Dec;39(12):654-660. doi:\n10.1000/tj.2019.1. PubMed PMID: 31000001.\n\n\n"
               "2: Ruiz A. Another title. Trials J. 2019;1:1-2. PubMed PMID: 31000002.\n")
    for name, text in (("pubmed_result.txt", "\r\n" + entries.replace("\n", "\r\n")),
                       ("selected.txt", "# kept\n" + entries)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        with pytest.raises(ImportFailure, match=r"Summary \(text\).*Format 'PubMed' \(\.nbib\)"):
            read_file(path)


def test_medline_issn_without_its_nlm_label(tmp_path):
    """MEDLINE labels each ISSN with its medium ("IS  - 1932-6203 (Electronic)", "(Print)", "(Linking)": every
    record of lushl9301/PubMed-Text-Mining-Tool, pubmed_result.txt, and todoit/metamap, pubmed_result.txt). The
    label stayed in the ISSN, where Scopus's "(ISSN)" label goes, so one journal's ISSN read two ways."""
    text = ("PMID- 31000001\nOWN - NLM\nIS  - 1932-6203 (Electronic)\nIS  - 1932-6203 (Linking)\nVI  - 10\n"
            "DP  - 2015\nTI  - A title.\nFAU - Okafor, Chidi\nAU  - Okafor C\nJT  - A journal\nSO  - J. 2015.\n\n"
            "PMID- 31000002\nOWN - NLM\nIS  - 0028-4793 (Print)\nDP  - 2016\nTI  - Another title.\n"
            "FAU - Brandt, Maria\nAU  - Brandt M\nJT  - A journal\nSO  - J. 2016.\n\n"
            "PMID- 31000003\nOWN - NLM\nIS  - 1234-5678 (Electronic)\nDP  - 2017\nTI  - A third title.\n"
            "FAU - Lin, Mei\nAU  - Lin M\nJT  - A journal\nSO  - J. 2017.\n")
    records, report = _read(tmp_path, "pubmed_result.txt", text)
    # an ISSN whose check digit fails stays as written: it may be no ISSN
    assert records["isbn_issn"].tolist() == ["1932-6203", "0028-4793", "1234-5678 (Electronic)"]


def test_web_of_science_ris_pubmed_id_as_article_number_is_no_page(tmp_path):
    """Web of Science's RIS gave an early-access article's number as "C7  - PMID 9885358" (xinxinzai98/pdfdown,
    savedrecs.ris, Advanced Materials 2026), which became its pages; it is neither a page nor the article's
    PubMed id (that number is a 1998 paper's)."""
    text = ("TY  - JOUR\nAU  - Okafor, C\nTI  - A review of catalysts\nT2  - ADVANCED THINGS\nPY  - 2026\n"
            "C7  - PMID 9885358\nDO  - 10.1000/at.2025.1\nAN  - WOS:001600000000001\nER  -\n\n"
            "TY  - JOUR\nAU  - Lin, M\nTI  - A second review\nT2  - PROCESSES\nPY  - 2020\nVL  - 8\nC7  - 248\n"
            "AN  - WOS:000500000000047\nER  -\n\n")
    records, report = _read(tmp_path, "savedrecs.ris", text)
    assert records["pages"].tolist() == ["", "248"]
    assert records["pmid"].tolist() == ["", ""]


def test_ris_journal_after_a_doubled_dash(tmp_path):
    """A reference tool's RIS writes a conference paper's proceedings after a second dash ("T2  - - 2013 Ninth
    International Conference on ...", its JA without it: adrian123032/research-Design-2, export.ris): the journal
    read "- 2013 Ninth ...", which matched no other database's copy of the paper."""
    text = ("TY  - CONF\nID  - RefID:1-2013dynamic\nA1  - C. -Y. Okafor\nT1  - Fuzzy rules in a game\nY1  - 2013\n"
            "SP  - 277\nEP  - 281\nT2  - - 2013 Ninth Conference on Computing (CC)\n"
            "JA  - 2013 Ninth Conference on Computing (CC)\nM1  - Conference Proceedings\nER  - \n")
    records, report = _read(tmp_path, "export.ris", text)
    assert records["journal"][0] == "2013 Ninth Conference on Computing (CC)"
    assert records["authors"][0] == ["Okafor, C.-Y."]
