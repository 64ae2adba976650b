"""Rayyan and Covidence exports from public repositories that the exchange was not tuned on (helper w37).

Each test carries a shortened excerpt of a real export inline (abstracts and reference lists cut), so it runs
without ``../heldout/w37``; the full excerpts and where they come from are in ``../heldout/w37/PROVENANCE.tsv``.
"""
from __future__ import annotations

import pandas as pd
import pytest

from synthesis.screening import ScreeningSettings, current_decisions, make_unit_table, read_logs
from synthesis.screening.exchange import import_covidence, import_rayyan, rayyan_votes_waiting

# felipe-bonato/review-result-concurrency_embedded_systems, articles.bib: Rayyan's BibTeX export of a Scopus
# search; every note carries Scopus's "Export Date" and its links are Scopus's, only the keys and votes are Rayyan's
RAYYAN_BIB_OF_SCOPUS = """@article{rayyan-913079810,
  title={A Secure and Scalable IoT Consensus Protocol},
  year={2023},
  journal={5th EAI International Conference on Safety and Security in Internet of Things, EAI SaSeIoT 2021},
  pages={65-80},
  author={MacKenzie, B.A. and Ferguson, I. and Razaq, A.},
  url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-85133020980&partnerID=40},
  note={Conference code: 279109
Export Date: 15 December 2022
References: Hung, M., (2017) Insight on How to Lead in a Connected World | RAYYAN-INCLUSION: {"Felipe"=>"Excluded"}},
  doi={10.1007/978-3-030-94285-4_5}
}

@article{rayyan-913079811,
  title={Performance of Narrow Band Wide Area Networks with Gateway Diversity},
  year={2022},
  journal={Sensors},
  author={Can, B. and Karaoğlu, B. and Bhat, U.},
  url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-85142716011&partnerID=40},
  note={Export Date: 15 December 2022
Funding details: SX-1262}
}
"""


def test_rayyan_bibtex_of_a_scopus_search_is_named_rayyan_and_its_votes_wait(tmp_path):
    """The build names a file by its marks; Rayyan's BibTeX keeps Scopus's links and notes, so one vote among two
    records lost to Scopus's two links, and the build did not say the file's votes wait for import-rayyan."""
    from synthesis.io import read_export

    path = tmp_path / "articles.bib"
    path.write_text(RAYYAN_BIB_OF_SCOPUS, encoding="utf-8")
    records = read_export(path).records
    assert records["source_database"].tolist() == ["Rayyan", "Rayyan"]
    notes = rayyan_votes_waiting(records, [], ScreeningSettings(team=["Felipe"]))
    assert len(notes) == 1 and "votes of Felipe on 1 record," in notes[0]
