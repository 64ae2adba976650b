"""PRISMA 2020 screening numbers computed from the decision logs, never typed.

The keys are the field names of the PRISMA2020 R package's data template (``data`` column of its
``PRISMA.csv``), so the PRISMA step can fill the diagram directly.

Rules
-----
* A *record* is a unit (a duplicate group). Its outcome at a stage is the one of
  :func:`synthesis.screening.status.screening_status`: a resolution, or the agreed decision.
* ``records_screened``: units with an outcome at title/abstract (include, exclude or maybe).
  ``records_excluded``: outcome exclude. A title/abstract *maybe* goes on to full text (a report must be
  read to decide), so ``dbr_sought_reports = records_screened - records_excluded``.
* A unit with a full-text decision but no title/abstract outcome is counted as screened and sought (it
  reached full text some other way); it is reported as a warning.
* ``dbr_notretrieved_reports``: full-text outcome exclude with reason ``"not retrieved"``.
* ``dbr_assessed``: full-text outcome include or exclude for another reason.
  ``dbr_excluded``: ``[(reason, n), ...]`` in the order of the review's reason list, then any other reason,
  ``"reason not given"`` for a hand-edited exclusion without one.
* ``new_reports``: full-text outcome include. ``new_studies``: distinct studies among them; reports of the
  same study share a label ``study:NAME``; a report without one is its own study.
* ``reports`` (optional, from :func:`synthesis.fulltext.reports.reports_by_group`): a group with several
  PDFs (a protocol and its results, a preprint and the article) counts as that many reports in every
  report box; each PDF may name its study, which then counts instead of the group's ``study:`` label.
* Units the stopping tests leave unscreened (``stopped``) are not screened: ``.left_by_stop`` counts them, for
  PRISMA's "records marked as ineligible by automation tools".
* Units still undecided, awaiting a second reviewer or in conflict are not counted; they are listed in
  ``.pending`` of the result and announced as a :class:`~synthesis.screening.log.ScreeningWarning`, so partial
  numbers are never mistaken for final ones.

Examples
--------
>>> from synthesis.screening.log import Decision
>>> from synthesis.screening.units import make_unit_table
>>> units = make_unit_table([{"group_id": g} for g in ("a", "b", "c")])
>>> log = [Decision("a", "title_abstract", "exclude", "Ann"), Decision("b", "title_abstract", "include", "Ann"),
...        Decision("c", "title_abstract", "include", "Ann"),
...        Decision("b", "full_text", "exclude", "Ann", reason="wrong population"),
...        Decision("c", "full_text", "include", "Ann")]
>>> c = prisma_counts(log, units)
>>> c["records_screened"], c["records_excluded"], c["dbr_assessed"], c["dbr_excluded"], c["new_studies"]
(3, 1, 2, [('wrong population', 1)], 1)
"""
from __future__ import annotations

import warnings
from collections import Counter

import pandas as pd

from ..wording import counted
from .log import ScreeningWarning
from .settings import NOT_RETRIEVED, ScreeningSettings
from .status import _entries, screening_status

NOT_GIVEN = "reason not given"
PRISMA_FIELDS = ("records_screened", "records_excluded", "dbr_sought_reports", "dbr_notretrieved_reports",
                 "dbr_assessed", "dbr_excluded", "new_studies", "new_reports")


class PrismaCounts(dict):
    """The counts (a plain dict of :data:`PRISMA_FIELDS`) with ``pending`` and ``problems`` attached."""

    pending: dict
    open_conflicts: dict  # {stage: conflicts without a resolution}; not counted until resolved
    left_by_stop: int  # records the stopping tests leave unscreened (PRISMA: ineligible by automation tools)
    problems: list


def prisma_counts(decisions, units: pd.DataFrame, settings: ScreeningSettings | None = None,
                  warn: bool = True, reports: dict | None = None, stopped=None) -> PrismaCounts:
    """PRISMA 2020 screening and eligibility counts from the logs (see the module rules).

    Parameters
    ----------
    decisions : LogReading, folder, or list of Decision
    units : DataFrame
        The unit table; decisions for other keys are reported and not counted.
    settings : ScreeningSettings, optional
        Reviewers per record and the order of the exclusion reasons.
    reports : dict, optional
        ``{group_id: [study, ...]}``, one entry per report (PDF) of the group; ``""`` for the group's own
        study. Groups not in it are one report.
    stopped : set, optional
        Records the stopping tests leave unscreened (:func:`synthesis.screening.stopping.left_after_stops`):
        counted in ``.left_by_stop`` (PRISMA's "marked as ineligible by automation tools"), not as screened and
        not as waiting.

    Returns
    -------
    PrismaCounts
        A dict with the PRISMA2020 template names; ``.pending`` = ``{"title_abstract": [...keys],
        "full_text": [...keys]}``, ``.left_by_stop`` (how many of ``stopped``), ``.problems`` = list of
        messages.
    """
    settings = settings or ScreeningSettings()
    entries = _entries(decisions, settings)
    problems: list = []
    ta = screening_status(entries, units, "title_abstract", settings, problems=problems)
    ft = screening_status(entries, units, "full_text", settings)
    ta_out = dict(zip(ta["group_id"], ta["decision"]))
    ft_out = dict(zip(ft["group_id"], zip(ft["decision"], ft["reason"], ft["labels"])))
    ft_state = dict(zip(ft["group_id"], ft["state"]))
    messages = [str(p) for p in problems]

    screened = excluded = left_by_stop = 0
    stopped = set(stopped or ())
    sought = []
    pending_ta = []
    for key, outcome in ta_out.items():
        if outcome:
            screened += 1
            if outcome == "exclude":
                excluded += 1
                if ft_state[key] != "undecided":
                    messages.append(f"{key}: excluded at title/abstract but has full-text decisions; "
                                    "those are not counted")
            else:
                sought.append(key)
        elif ft_state[key] != "undecided":
            screened += 1
            sought.append(key)
            messages.append(f"{key}: full-text decision without a title/abstract outcome; counted as screened "
                            "and sought")
        elif key in stopped:
            left_by_stop += 1
        else:
            pending_ta.append(key)

    reports = reports or {}

    def n_reports(key) -> int:
        return max(1, len(reports.get(key, ())))

    not_retrieved = 0
    reasons: Counter = Counter()
    included = []
    pending_ft = []
    for key in sought:
        decision, reason, labels = ft_out[key]
        if decision == "exclude":
            if reason.casefold() == NOT_RETRIEVED:
                not_retrieved += n_reports(key)
            else:
                reasons[reason or NOT_GIVEN] += n_reports(key)
        elif decision == "include":
            included.append((key, labels))
        else:  # undecided, awaiting, conflict, or an outcome of maybe: not yet assessed
            pending_ft.append(key)

    order = {r.casefold(): i for i, r in enumerate(settings.reasons)}
    reason_list = sorted(reasons.items(), key=lambda kv: (order.get(kv[0].casefold(), len(order)), kv[0]))
    n_studies, n_included = studies_and_reports(included, reports)
    n_sought = sum(n_reports(k) for k in sought)

    out = PrismaCounts(
        records_screened=screened,
        records_excluded=excluded,
        dbr_sought_reports=n_sought,
        dbr_notretrieved_reports=not_retrieved,
        dbr_assessed=n_sought - not_retrieved - sum(n_reports(k) for k in pending_ft),
        dbr_excluded=reason_list,
        new_studies=n_studies,
        new_reports=n_included,
    )
    out.pending = {"title_abstract": pending_ta, "full_text": pending_ft}
    out.left_by_stop = left_by_stop
    # Resolutions count like agreed decisions; conflicts still open are not counted at all, and said so.
    out.open_conflicts = {"title_abstract": int((ta["state"] == "conflict").sum()),
                          "full_text": int((ft["state"] == "conflict").sum())}
    if any(out.open_conflicts.values()):
        messages.append(f"{counted(out.open_conflicts['title_abstract'], 'open conflict')} at title/abstract and "
                        f"{out.open_conflicts['full_text']} at full text: not counted until resolved")
    if pending_ta or pending_ft:
        messages.append(f"screening is not finished: {counted(len(pending_ta), 'record')} without a title/abstract "
                        f"outcome and {counted(len(pending_ft), 'report')} without a full-text outcome (undecided, "
                        "awaiting a second reviewer, in conflict, or maybe); they are not counted yet")
    out.problems = messages
    if warn:
        for m in messages:
            warnings.warn(m, ScreeningWarning, stacklevel=2)
    return out


def studies_and_reports(included, reports: dict | None = None) -> tuple[int, int]:
    """How many studies and reports the included groups are: ``included`` is ``[(group_id, labels), ...]``.

    Reports of one study share a label ``study:NAME`` (or name their study in ``reports``, see
    :func:`prisma_counts`); a report without one is its own study.

    >>> studies_and_reports([("a", ["study:trial-1"]), ("b", ["study:Trial-1"]), ("c", [])])
    (2, 3)
    """
    reports = reports or {}
    studies = set()
    n_reports = 0
    for key, labels in included:
        study = next((lab.split(":", 1)[1].strip() for lab in labels if lab.lower().startswith("study:")), "")
        own_reports = reports.get(key) or [""]
        n_reports += len(own_reports)
        for own in own_reports:
            own = str(own or "").strip() or study
            studies.add(("study", own.casefold()) if own else ("report", key))
    return len(studies), n_reports


def reasons_as_text(reasons) -> str:
    """``[("wrong population", 3), ...]`` as the PRISMA2020 template writes it: ``"wrong population, 3; ..."``."""
    return "; ".join(f"{r}, {n}" for r, n in reasons)
