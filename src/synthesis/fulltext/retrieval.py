"""Retrieval, the step between title/abstract and full text: find each report, or say why it was not found.

A group *sought for retrieval* is one that reached full text (included at title/abstract). It is

* ``has PDF`` when a PDF is matched or confirmed (see :mod:`synthesis.fulltext.match`);
* ``not retrieved`` when someone logged that it could not be obtained, with a reason from
  :data:`RETRIEVAL_REASONS` (paywall, not found, requested from authors). That is a line in their decision
  log like any decision: a full-text ``exclude`` with reason ``"not retrieved"`` and the label
  ``retrieval:<reason>``, so PRISMA's *reports not retrieved* (``dbr_notretrieved_reports``) counts it and
  a later full-text decision (the PDF arrived after all) or an undo replaces it;
* ``assessed without PDF`` when a full-text decision stands without a PDF (read on paper, say);
* ``to retrieve`` otherwise: the list for the library's interlibrary-loan service
  (:func:`write_retrieval_ris`).

Examples
--------
>>> import tempfile
>>> from synthesis.screening.log import Decision
>>> from synthesis.screening.units import make_unit_table
>>> units = make_unit_table([{"group_id": g, "title": f"Paper {g}"} for g in ("a", "b", "c")])
>>> log = [Decision(g, "title_abstract", "include", "Ann") for g in ("a", "b", "c")]
>>> folder = tempfile.mkdtemp()
>>> _ = mark_not_retrieved(folder, "Ann", "c", "paywall")
>>> from synthesis.screening.log import read_logs
>>> log += read_logs(folder).entries
>>> retrieval_status(units, log, attached={"a": ["a.pdf"]})[["group_id", "retrieval"]].values.tolist()
[['a', 'has PDF'], ['b', 'to retrieve'], ['c', 'not retrieved: paywall']]
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..screening.log import DecisionLog
from ..screening.settings import NOT_RETRIEVED, ScreeningSettings, ScreeningError, retrieval_reason
from ..screening.settings import RETRIEVAL_LABEL_PREFIX as LABEL_PREFIX
from ..screening.status import _entries, full_text_units, retrieval_reasons, screening_status

#: Why a report could not be obtained (``[fulltext] retrieval_reasons`` in evidence/review.toml overrides).
RETRIEVAL_REASONS = ("paywall", "not found", "requested from authors")
RETRIEVAL_COLUMNS = ["group_id", "title", "year", "doi", "retrieval", "reason", "pdfs"]


def retrieval_label(reason: str) -> str:
    """The label that carries the retrieval reason in the log: ``retrieval:paywall``."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ScreeningError("say why the report could not be retrieved (e.g. paywall, not found, "
                             "requested from authors)")
    return f"{LABEL_PREFIX}{reason}"


def not_retrieved_decision(reason: str, note: str = "") -> dict:
    """The fields of the log line that marks a report not retrieved (used by the widget and the CLI)."""
    return {"decision": "exclude", "stage": "full_text", "reason": NOT_RETRIEVED,
            "labels": [retrieval_label(reason)], "note": note}


def mark_not_retrieved(folder, reviewer: str, key: str, reason: str, note: str = "",
                       settings: ScreeningSettings | None = None, keys=None):
    """Log that the report of ``key`` was sought but not obtained, and why; returns the logged Decision."""
    d = not_retrieved_decision(reason, note)
    with DecisionLog(folder, reviewer, settings, keys=keys) as log:
        return log.record(str(key), d["decision"], stage=d["stage"], reason=d["reason"], note=d["note"],
                          labels=d["labels"])


def retrieval_status(units: pd.DataFrame, decisions, attached=None,
                     settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """Where each group sought for retrieval stands (see the module docstring); one row per group.

    Parameters
    ----------
    units : DataFrame
        The unit table.
    decisions : LogReading, folder, or list of Decision
    attached : dict or set, optional
        The groups with a usable PDF (``MatchResult.attached()``: ``{group_id: [paths]}``).
    """
    settings = settings or ScreeningSettings()
    entries = _entries(decisions, settings)
    sought = full_text_units(units, entries, settings)
    ft = screening_status(entries, units, "full_text", settings)
    ft = ft[ft["group_id"].isin(set(sought["group_id"]))]
    attached = attached or {}
    rows = []
    for unit, st in zip(sought.to_dict("records"), ft.to_dict("records")):
        key = unit["group_id"]
        pdfs = list(attached.get(key, [])) if isinstance(attached, dict) else ([key] if key in attached else [])
        reason = retrieval_reasons(st["labels"], st["decisions"], st["state"])  # (reviewers who differ: both)
        if st["decision"] == "exclude" and st["reason"].casefold() == NOT_RETRIEVED:
            state = f"not retrieved: {reason}" if reason else "not retrieved"
        elif pdfs:
            state = "has PDF"
        elif st["state"] != "undecided":
            state = "assessed without PDF" if st["decision"] else "to retrieve"
        else:
            state = "to retrieve"
        year = unit.get("year")
        rows.append({"group_id": key, "title": unit.get("title", ""),
                     "year": "" if year is None or pd.isna(year) else int(year), "doi": unit.get("doi", ""),
                     "retrieval": state, "reason": reason, "pdfs": len(pdfs)})
    return pd.DataFrame(rows, columns=RETRIEVAL_COLUMNS)


def to_retrieve(units: pd.DataFrame, decisions, attached=None,
                settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """The unit rows of the groups still to retrieve (sought, no PDF, not marked not retrieved)."""
    st = retrieval_status(units, decisions, attached, settings)
    keys = set(st.loc[st["retrieval"] == "to retrieve", "group_id"])
    return units[units["group_id"].isin(keys)].reset_index(drop=True)


def write_retrieval_ris(units: pd.DataFrame, path) -> int:
    """Write groups (unit rows, e.g. :func:`to_retrieve`) as RIS for an interlibrary-loan request.

    Each record's group id goes in ``AN`` when it has no accession number, so what comes back can be matched.
    """
    from ..io.export import write_ris

    rows = []
    for r in units.to_dict("records"):
        r = dict(r)
        if not str(r.get("source_id") or "").strip():
            r["source_id"] = r["group_id"]
        rows.append(r)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return write_ris(rows, path)
