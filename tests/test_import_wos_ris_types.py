"""Web of Science's RIS writes every journal item ``TY  - JOUR`` and keeps its document type only in ``M3``
("Meeting Abstract", "Proceedings Paper", "Correction"), which the type column did not take: a meeting abstract
was a journal article to deduplication, which may then merge it with the article the study published later
(w41, lmattheydoret/BachelorT's Web of Science RIS)."""
import warnings

from synthesis.dedup import deduplicate
from synthesis.io import read_files
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export

ABSTRACT = ("TY  - JOUR\nAU  - Madsen, Kathrine Bang\nAU  - Bliddal, Mette\n"
            "TI  - Medication use trajectories of ADHD among women in the perinatal period\nT2  - CNS DRUGS\n"
            "M3  - Meeting Abstract\nDA  - 2023 SEP\nPY  - 2023\nAN  - WOS:001000000000001\nER  -\n\n")
ARTICLE = ("TY  - JOUR\nAU  - Madsen, Kathrine Bang\nAU  - Bliddal, Mette\n"
           "TI  - Medication use trajectories of ADHD among women in the perinatal period\nT2  - CNS DRUGS\n"
           "M3  - Article\nDA  - 2023 NOV\nPY  - 2023\nAN  - WOS:001000000000002\nER  -\n\n")
OTHERS = ("TY  - JOUR\nAU  - Okafor, Chidi\nTI  - Wildfire smoke and the lungs of children (vol 12, pg 4, 2022)\n"
          "T2  - THORAX\nM3  - Correction\nPY  - 2023\nAN  - WOS:001000000000003\nER  -\n\n"
          "TY  - JOUR\nAU  - Ruiz, Ana\nTI  - Sensors on the wards\nT2  - SENSORS\nM3  - Article; Proceedings Paper\n"
          "PY  - 2023\nAN  - WOS:001000000000004\nER  -\n\n"
          "TY  - CONF\nAU  - Ruiz, Ana\nTI  - Sensors on the wards, again\nT2  - 2023 IEEE SENSORS\n"
          "M3  - Proceedings Paper\nPY  - 2023\nAN  - WOS:001000000000005\nER  -\n\n")


def test_the_type_of_a_web_of_science_ris_record_is_its_document_type(tmp_path):
    records, report = _read(tmp_path, "wos.ris", ABSTRACT + ARTICLE + OTHERS)
    assert report.imported == 5
    # an article's M3 and the first of two types ("Article; Proceedings Paper") leave the type as it was
    assert records["type"].tolist() == ["Meeting Abstract", "JOUR", "Correction", "JOUR", "Proceedings Paper"]


def test_a_meeting_abstract_and_the_article_of_its_study_are_not_merged_automatically(tmp_path):
    (tmp_path / "wos.ris").write_text(ABSTRACT, encoding="utf-8")
    (tmp_path / "scopus.ris").write_text(ARTICLE.replace("AN  - WOS:001000000000002\n", "DB  - Scopus\n"),
                                         encoding="utf-8")
    records = read_files([tmp_path / "wos.ris", tmp_path / "scopus.ris"]).records
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        groups = deduplicate(records).groups
    assert groups["group_id"].nunique() == 2, groups[["source_file", "status"]]


def test_a_proceedings_paper_and_its_untyped_copy_at_one_range_of_pages_are_one_paper():
    """With Web of Science's "Proceedings Paper" read from M3, a chapter of a proceedings book and its copy that
    another export typed JOUR, with no volume in either, became a maybe pair ("conference paper vs journal
    article"): the pair rule wanted one volume beside the one range of pages, where grouping (w41) wants only no
    volume that differs (CiteSource forest set, "Forestry in Improving Food Security and Nutrition", pp. 343-350).
    Another range of pages keeps them apart."""
    from synthesis.records import make_record_table

    paper = {"title": "Forestry in improving food security and nutrition", "year": 2014,
             "authors": ["Kafeero, F.", "Gauthier, M.", "Grouwels, S."]}
    for pages, together in (("343-350", True), ("343-350|351-358", False)):
        first, second = (pages.split("|") * 2)[:2]
        records = make_record_table([
            {"source_file": "wos_early.ris", "source_index": 1, **paper, "type": "JOUR", "pages": first},
            {"source_file": "wos_later.ris", "source_index": 1, **paper, "type": "Proceedings Paper",
             "journal": "Improving Diets and Nutrition: Food-Based Approaches", "pages": second}])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = deduplicate(records)
        assert (result.groups["group_id"].nunique() == 1) is together, (pages, result.maybe_pairs)
