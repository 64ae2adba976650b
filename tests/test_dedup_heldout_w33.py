"""Deduplication on held-out exports read by helper w33 (outside ../shared): what their exports showed.
Each test builds its own few records; the docstring names the public files that showed the case."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from synthesis.dedup import deduplicate
from synthesis.records import make_record_table


def _maybe_reasons(records):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(make_record_table(records))
    return result, result.maybe_pairs["reason"].tolist()


def test_a_conference_abstract_beside_a_record_of_no_type_is_not_called_a_journal_article():
    """One Embase search exported twice with different fields (BharatBlade/AIML, embase.csv with source and
    publication type, embase2.csv with title, authors, addresses and year only): the meeting abstract "391
    Sensitivity of Software Automated Interpretation of STEMI" beside its own bare copy was kept apart as
    "conference paper vs journal article", though the bare copy names no type and no journal: nothing says it
    is an article. It stays a pair for a person (a bare record may be the article of the same title), but the
    reason says what is known."""
    abstract = {"title": "391 Sensitivity of Software Automated Interpretation of STEMI",
                "authors": ["Worthy J.", "Pitter D.", "Andonian D."], "year": 2023,
                "journal": "Annals of Emergency Medicine", "volume": "82", "issue": "4",
                "doi": "10.1016/j.annemergmed.2023.08.419", "type": "Conference Abstract",
                "source_database": "Embase", "source_file": "embase.csv", "source_index": 6}
    bare = {"title": abstract["title"], "authors": abstract["authors"], "year": 2023,
            "source_database": "Embase", "source_file": "embase2.csv", "source_index": 6}
    result, reasons = _maybe_reasons([abstract, bare])
    assert result.summary["duplicates_removed"] == 0
    assert len(reasons) == 1 and "journal article" not in reasons[0], reasons
    assert "conference" in reasons[0], reasons

    # an article that says it is one is still told apart from the abstract as a journal article
    article = dict(bare, journal="Journal of Electrocardiology", type="Article", volume="80", pages="12-18",
                   source_file="scopus.csv")
    result, reasons = _maybe_reasons([abstract, article])
    assert reasons == ["conference paper vs journal article"], reasons


HELDOUT = Path(__file__).resolve().parents[1].parent / "heldout" / "w33"


@pytest.mark.skipif(not (HELDOUT / "PROVENANCE.tsv").exists(),
                    reason="../heldout/w33 (public exports read by helper w33, see its PROVENANCE.tsv) is not here")
def test_the_w33_exports_merge_only_what_a_person_called_one_paper():
    """Four public repositories' exports of one search each (cardozojr/Mestrado and cardozojr/Kenia: Scopus, Web
    of Science in two formats, PubMed and Dimensions; BharatBlade/AIML: one Embase search exported twice;
    PadoSensei/eco-bilge-dashboard: Web of Science and Scopus). Every automatic merge was read by hand and is one
    paper (../notes/w33/automatic_merges_verdicts.tsv); the two pairs of distinct papers that look alike (one
    group's two papers in one journal and year; two companion reviews one word apart) and the two copies that
    need a person stay maybe pairs."""
    from synthesis.io import read_files

    files = sorted(str(p) for p in HELDOUT.iterdir() if p.suffix in {".bib", ".nbib", ".txt", ".csv", ".ris"})
    records = read_files(files).records
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(records)
    assert (len(records), result.summary["duplicates_removed"]) == (128, 32)
    groups = result.groups.assign(doi=records["doi"].str.lower().to_numpy(), title=records["title"].to_numpy())
    merged = groups[groups["n_members"] > 1]
    # no group joins two DOIs (the one group of differing DOIs lacks one: a copy without)
    assert all(g["doi"][g["doi"] != ""].nunique() <= 1 for _, g in merged.groupby("group_id"))
    pairs = {tuple(sorted((r["title_1"][:30], r["title_2"][:30]))): r["reason"]
             for _, r in result.maybe_table(records).iterrows()}
    stemi, liquid = "391 Sensitivity of Software Automated", "Liquid biopsies and minimal residual disease"
    assert pairs == {
        (stemi[:30], stemi[:30]): "conference paper vs a record that names no type or journal",
        ("Emerging technology: a definition"[:30], "Toolkit for emerging technologies"[:30]): "different DOIs",
        ("Heutagogy in Post-Graduate Education"[:30], "Heutagogy in Postgraduate Education"[:30]): "different DOIs",
        (liquid[:30], liquid[:30]): "different DOIs",
    }, pairs
