"""The appendix of reports excluded at full text (synthesis.screening.status.excluded_markdown) across rounds."""
from __future__ import annotations

import pandas as pd
import pytest

from synthesis.screening.status import excluded_markdown


def _row(study, round_):
    return {"reason": "Not about relational data", "study": study, "title": f"A paper by {study}", "journal": "",
            "year": "2023", "doi": "", "group_id": f"g{study}", "search_round": round_}


def test_a_living_reviews_appendix_says_which_round_excluded_each_report():
    """After a second round a reviewer's diagram read "Reports excluded (n = 1)" while the appendix beside it
    read "(9)": it lists every round's exclusions, the diagram the latest round's, and nothing said so. With
    more than one round the appendix gives each report's round and the count per round."""
    table = pd.DataFrame([_row("Gu 2023", "2026-01"), _row("Xiong 2023", "2026-01"), _row("Kim 2024", "2026-06")])
    text = excluded_markdown(table)
    assert text.splitlines()[0] == ("**Reports excluded at full text, with reasons** (3: 2 in search round 2026-01, "
                                    "1 in search round 2026-06)")
    assert "| Study | Report | Reason for exclusion | Search round |" in text
    assert "| Kim 2024 | A paper by Kim 2024. | Not about relational data | 2026-06 |" in text


def test_an_update_rounds_appendix_gives_the_round_when_one_round_excluded_them_all():
    """w13's update round found only records seen before: its diagram said "Reports excluded (n = 0)" while the
    appendix beside it listed round 1's 18 exclusions under "(18)", with no round named (all 18 were of one
    round, so the table looked like a one-round review's)."""
    table = pd.DataFrame([_row("Gu 2023", "2026-01"), _row("Xiong 2023", "2026-01")])
    text = excluded_markdown(table, rounds=2)
    assert text.splitlines()[0] == "**Reports excluded at full text, with reasons** (2: 2 in search round 2026-01)"
    assert "| Gu 2023 | A paper by Gu 2023. | Not about relational data | 2026-01 |" in text


def test_the_count_of_an_appendix_with_reports_not_retrieved_adds_up_to_its_rows():
    """w22's walk: the heading read "(3; 3 not retrieved)" above six rows, three of each kind."""
    missing = dict(_row("Kim 2024", "2026-01"), reason="not retrieved", retrieval_reason="paywall")
    table = pd.DataFrame([_row("Gu 2023", "2026-01"), _row("Xiong 2023", "2026-01"), missing])
    text = excluded_markdown(table)
    assert text.splitlines()[0] == ("**Reports excluded at full text, with reasons** (3 reports: 2 assessed and "
                                    "excluded; 1 not retrieved)")
    assert text.count("\n| ") == 3 + 1 and "Report could not be retrieved (paywall)" in text
    table.loc[1, "search_round"] = "2026-06"
    assert excluded_markdown(table).splitlines()[0] == (
        "**Reports excluded at full text, with reasons** (3 reports: 2 assessed and excluded, 1 in search round "
        "2026-01, 1 in search round 2026-06; 1 not retrieved)")


def test_one_rounds_appendix_keeps_its_three_columns():
    text = excluded_markdown(pd.DataFrame([_row("Gu 2023", "2026-01")]))
    assert text.splitlines()[0] == "**Reports excluded at full text, with reasons** (1)"
    assert "| Study | Report | Reason for exclusion |\n" in text


def test_a_titles_markup_characters_show_as_written():
    """Titles carry "<i>", "_" and "*" from the databases (PubMed's "<i>in vitro</i>", a species in "_..._"); the
    appendix must show them as written, not as emphasis or a hidden tag, and keep its three cells per row."""
    mistune = pytest.importorskip("mistune", reason="mistune (installed with JupyterLab's nbconvert) renders Markdown")
    # escape=False: raw HTML passes, as in JupyterLab and on GitHub
    row = {**_row("Gu 2023", "2026-01"), "title": "Knock-out of p53 in _Mus musculus_ <i>in vitro</i> [trial]",
           "journal": "J_Exp *Med*", "reason": "Wrong <b>design</b>"}
    rendered = mistune.create_markdown(escape=False, plugins=["table"])(excluded_markdown(pd.DataFrame([row])))
    assert "<i>" not in rendered and "<b>" not in rendered and rendered.count("<em>") == 1  # the journal's own
    assert ("<td>Knock-out of p53 in _Mus musculus_ &lt;i&gt;in vitro&lt;/i&gt; [trial]. <em>J_Exp *Med*</em>.</td>"
            in rendered)
    assert "<td>Wrong &lt;b&gt;design&lt;/b&gt;</td>" in rendered and rendered.count("<td>") == 3


def test_an_excluded_trial_registration_is_cited_by_its_number():
    """An author's update round excluded a ClinicalTrials.gov registration at full text; the appendix cited it as
    "2023" (a registration has no authors), which names nothing a reader can look up. It is cited by its
    registration number, and an article without authors keeps its year alone."""
    from synthesis.screening.status import excluded_reports

    units = pd.DataFrame({"group_id": ["g1", "g2"], "authors": [[], []], "year": [2023, 2021],
                          "title": ["Messages for sports bettors", "An unsigned editorial"], "journal": ["", "BMJ"],
                          "url": ["https://clinicaltrials.gov/study/NCT09000004", ""],
                          "source_id": ["NCT09000004", ""], "source_database": ["ClinicalTrials.gov", "PubMed"]})
    status = pd.DataFrame({"group_id": ["g1", "g2"], "decision": ["exclude", "exclude"],
                           "reason": ["Wrong outcome", "Wrong design"]})
    cited = dict(zip(*excluded_reports(status, units)[["group_id", "study"]].T.values))
    assert cited == {"g1": "NCT09000004 2023", "g2": "2021"}


def test_a_report_without_a_year_excluded_at_full_text_is_listed():
    """w7 excluded an undated grey report at full text; the build stopped on "unexpected error (TypeError: boolean
    value of NA is ambiguous)": the screening table's year is an Int64 column, whose missing value (pd.NA) the
    appendix tested with ``v != v``. The report is now listed with an empty year."""
    from synthesis.screening import make_unit_table
    from synthesis.screening.status import excluded_reports

    units = make_unit_table([{"group_id": "g1", "title": "Undated report on harm", "authors": ["Tester, A."],
                              "year": None},
                             {"group_id": "g2", "title": "A survey", "authors": ["Abbott, M."], "year": 2017}])
    assert str(units["year"].dtype) == "Int64"
    status = pd.DataFrame({"group_id": ["g1", "g2"], "decision": "exclude", "reason": "Not primary research"})
    table = excluded_reports(status, units)
    assert table[["study", "year"]].values.tolist() == [["Abbott 2017", "2017"], ["Tester", ""]]
    assert "| Tester | Undated report on harm. | Not primary research |" in excluded_markdown(table)


def test_reviewers_who_differ_on_why_a_report_was_not_retrieved_are_said_to_differ(tmp_path):
    """alice could not get past a paywall, bob found no copy: they agree the report was not retrieved, and the
    appendix read "Report could not be retrieved (not found; paywall)", as if both were so. Their reasons are
    said to differ now, each with its reviewer, as a conflict shows each reviewer's decision; the screening table
    shows each vote's reason. Reviewers who give the same reason read as before."""
    from synthesis.fulltext.retrieval import retrieval_status
    from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, read_logs, screening_status
    from synthesis.screening.status import excluded_reports

    units = make_unit_table([{"group_id": g, "title": f"A telehealth service {g}", "authors": ["Obi, A."],
                              "year": 2020} for g in ("g1", "g2")])
    settings = ScreeningSettings(team=["alice", "bob"], reasons=["wrong design"], reviewers_per_record=2)
    for who, why in (("alice", "paywall"), ("bob", "not found")):
        with DecisionLog(tmp_path, who, settings) as log:
            for key, reason in (("g1", why), ("g2", "paywall")):
                log.record(key, "include")
                log.record(key, "exclude", stage="full_text", reason="not retrieved", labels=[f"retrieval:{reason}"])
    reading = read_logs(tmp_path, settings, warn=False)
    status = screening_status(reading, units, "full_text", settings)
    assert status["state"].tolist() == ["agreed", "agreed"]
    assert status.loc[0, "decisions"] == {"alice": "exclude: not retrieved (paywall)",
                                          "bob": "exclude: not retrieved (not found)"}
    table = excluded_reports(status, units).set_index("group_id")
    assert table.loc["g1", "retrieval_reason"] == "reviewers differ: paywall (alice), not found (bob)"
    assert table.loc["g2", "retrieval_reason"] == "paywall"
    text = excluded_markdown(table.reset_index())
    assert "| Report could not be retrieved; the reviewers differ on why: paywall (alice), not found (bob) |" in text
    assert "| Report could not be retrieved (paywall) |" in text
    retrieval = retrieval_status(units, reading, settings=settings).set_index("group_id")["retrieval"]
    assert retrieval.to_dict() == {"g1": "not retrieved: reviewers differ: paywall (alice), not found (bob)",
                                   "g2": "not retrieved: paywall"}
