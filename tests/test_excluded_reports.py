"""The appendix of reports excluded at full text (synthesis.screening.status.excluded_markdown) across rounds."""
from __future__ import annotations

import pandas as pd

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


def test_one_rounds_appendix_keeps_its_three_columns():
    text = excluded_markdown(pd.DataFrame([_row("Gu 2023", "2026-01")]))
    assert text.splitlines()[0] == "**Reports excluded at full text, with reasons** (1)"
    assert "| Study | Report | Reason for exclusion |\n" in text
