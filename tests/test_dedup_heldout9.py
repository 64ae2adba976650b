"""Deduplication on the whole review projects of held-out set 9 (outside ../shared): what their exports showed.
Each test builds its own few records; the comment names the public files that showed the case."""
from __future__ import annotations

import warnings

from synthesis.dedup import deduplicate
from synthesis.dedup.prep import is_conference
from synthesis.records import make_record_table

ABSTRACT = ("Telomere length in offspring may depend on the age of their parents. We measured telomeres in chicks "
            "of known-aged parents over ten breeding seasons and found that older fathers had chicks with shorter "
            "telomeres, while the age of the mother did not matter.")


def test_a_learned_society_journal_named_proceedings_is_no_conference():
    """A society's or academy's journal is named its Proceedings (PNAS, Proc R Soc B, Proc Nutr Soc); the word
    made every such article a conference paper, so a Proc R Soc B article and the same paper exported without its
    source (mariavlasova8/Parental-age-and-offspring-telomere-length-a-meta-analysis, articles.ris and
    savedrecs.ris) were kept apart as "conference paper vs journal article". A meeting's proceedings stay one."""
    for journal in ("Proceedings of the National Academy of Sciences of the United States of America",
                    "Proc Natl Acad Sci U S A", "PROCEEDINGS OF THE ROYAL SOCIETY B-BIOLOGICAL SCIENCES",
                    "Proceedings of the Royal Society of London. Series B: Biological Sciences", "Proc. Nutr. Soc.",
                    "Proceedings of the Institution of Mechanical Engineers, Part H: Journal of Engineering in "
                    "Medicine"):
        assert not is_conference("JOUR", journal), journal
    for journal in ("Proceedings of SPIE - The International Society for Optical Engineering",
                    "Proceedings of the Human Factors and Ergonomics Society Annual Meeting",
                    "Proceedings of the 2nd International Society Conference", "Proceedings of the IEEE ICC",
                    "Proceedings of the 17th Annual Symposium on Computational Geometry"):
        assert is_conference("JOUR", journal), journal
    assert is_conference("inproceedings", "Proceedings of the Royal Society B")  # the type says so

    full = {"title": "Parental age influences offspring telomere loss in a long-lived seabird",
            "authors": ["Okafor, C.", "Lindqvist, A.", "Moreau, P."], "year": 2019,
            "journal": "PROCEEDINGS OF THE ROYAL SOCIETY B-BIOLOGICAL SCIENCES", "volume": "286", "issue": "1912",
            "doi": "10.1098/rspb.2019.0001", "abstract": ABSTRACT, "type": "JOUR", "source_file": "articles.ris",
            "source_index": 1}
    bare = {"title": full["title"], "authors": full["authors"], "abstract": ABSTRACT, "type": "JOUR",
            "source_file": "savedrecs.ris", "source_index": 1}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(make_record_table([full, bare]))
    reasons = result.maybe_pairs["reason"].tolist()
    assert len(reasons) == 1 and "conference" not in reasons[0], reasons


def test_a_maybe_pair_of_a_record_without_its_source_says_what_agrees():
    """A Web of Science export of authors, titles and abstracts only (no year, journal or pages) beside the full
    records of the same papers: every pair read "same title, too few details to compare", as if nothing but the
    title had been compared, though the authors and the abstract agree (mariavlasova8/Parental-age-and-offspring-
    telomere-length-a-meta-analysis, savedrecs.ris and articles.ris: 17 such pairs). A pair whose abstracts
    differ is not told they agree."""
    full = {"title": "Paternal age at birth and telomere length of the offspring in a cohort of twins",
            "authors": ["Okafor, C.", "Lindqvist, A."], "year": 2015, "journal": "AGING CELL", "volume": "14",
            "issue": "4", "doi": "10.1111/acel.00001", "abstract": ABSTRACT, "type": "JOUR",
            "source_file": "articles.ris", "source_index": 1}
    bare = {"title": full["title"], "authors": full["authors"], "abstract": ABSTRACT, "type": "JOUR",
            "source_file": "savedrecs.ris", "source_index": 1}
    other = dict(bare, abstract="Twins reared apart were compared in a registry of four countries; the "
                                "resemblance of their telomeres did not change with the age of the father.",
                 source_index=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(make_record_table([full, bare]))
        reasons = result.maybe_pairs["reason"].tolist()
        assert reasons == ["same title, same authors and abstract, no year or source to compare"], reasons
        result = deduplicate(make_record_table([full, other]))
    reasons = result.maybe_pairs["reason"].tolist()
    assert len(reasons) == 1 and "abstract" not in reasons[0], reasons
