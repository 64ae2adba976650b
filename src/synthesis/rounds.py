"""What the latest search round of a living review brought, read from the build's output.

A reviewer who adds a round (``data/searches/2026-06/``) and builds wants to know, for the write-up and to trust
the update: how many records each new export gave, which of them had been found in an earlier round (their
group, and the decision it already has, which stands: they are not screened again), which are new to the
review, and how far screening of the new ones has got. :func:`latest_round` answers from ``output/``
(``duplicate_groups.csv``, ``records.csv``, ``screening_status.csv``), so it says what the last build says.
Screening blind, the decisions and how far screening has got are the team's: until the team has screened every
record (``syn.hidden_while_blind``) the report says so in their place.

Examples
--------
>>> import synthesis as syn
>>> report = syn.latest_round("..")          # doctest: +SKIP
>>> print(report.summary())                   # doctest: +SKIP
Search round 2026-06 (after 2026-01): 12 records from 2 exports (IEEE Xplore 11; PubMed 1). ...
>>> report.table                              # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .project import Project, ProjectError, open_project

#: The build's files this report reads (in output/).
NEEDED = ("duplicate_groups.csv", "records.csv", "screening_status.csv")
#: A new record's screening, and an outcome, when a stopping test leaves it (``left_by_stop`` in the status file).
LEFT_BY_STOP = "not screened after the stopping test"
#: What stands in ``earlier_decision``, ``screening`` and ``decision`` while blind screening hides the team's work.
HIDDEN = "hidden: screening is blind"


@dataclass
class RoundReport:
    """The latest search round: its records and where each stands.

    Attributes
    ----------
    name : str
        The round's folder name (``2026-06``).
    earlier : list of str
        The rounds before it, oldest first.
    table : pandas.DataFrame
        One row per record of the round: ``source_file``, ``source_database`` (as the search log names its
        search, where it does), ``title``, ``group_id``,
        ``found_before`` (the earliest earlier round with a record of its group, or ``""``), ``earlier_decision``
        (that group's outcome so far, e.g. "include at full text"; it stands), ``in_round`` ("found before",
        "new", "duplicate within the round"), ``screening`` (a new group's title/abstract state: "decided",
        "waiting", or :data:`LEFT_BY_STOP`), ``decision`` (a new group's outcome so far, e.g. "include at full
        text") and ``maybe_found_before`` (for a new paper that a maybe pair links to a paper of an earlier
        round, that round). While ``hidden``, the three columns made of the team's decisions hold :data:`HIDDEN`.
    hidden : str
        Screening blind and the team not done: why the team's decisions are not shown, in
        :func:`synthesis.hidden_while_blind`'s sentence; ``""`` when they are.
    """

    name: str
    earlier: list = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    hidden: str = ""

    def summary(self) -> str:
        """The round in a few sentences, in the words of a methods section's update paragraph."""
        t = self.table
        after = f" (after {', '.join(self.earlier)})" if self.earlier else " (the first round)"
        per_db = t.groupby("source_database", sort=True).size()
        dbs = "; ".join(f"{db or 'unknown database'} {n}" for db, n in per_db.items())
        files = t["source_file"].nunique()
        lines = [f"Search round {self.name}{after}: {len(t)} record{'s' * (len(t) != 1)} from {files} "
                 f"export{'s' * (files != 1)} ({dbs})."]
        before = t[t["in_round"] == "found before"]
        if self.hidden:
            # each outcome, and how many new records the team has decided, tell how the others decided
            return "\n".join(lines + self._hidden_summary(before))
        if self.earlier:
            if len(before):
                outcomes = before.drop_duplicates("group_id")["earlier_decision"].replace("", "not decided yet")
                told = "; ".join(f"{n} {what}" for what, n in outcomes.value_counts().sort_index().items())
                lines.append(f"{len(before)} had been found in an earlier round ({before['group_id'].nunique()} "
                             f"papers): they are not screened again and their decisions stand ({told}).")
            else:
                lines.append("None had been found in an earlier round.")
        within = int((t["in_round"] == "duplicate within the round").sum())
        new = t[t["in_round"] == "new"]
        state = new["screening"].value_counts()
        waiting, left = int(state.get("waiting", 0)), int(state.get(LEFT_BY_STOP, 0))
        lines.append(f"{len(new)} {'is' if len(new) == 1 else 'are'} new to the review"
                     + (f" (besides {within} duplicate{'s' * (within != 1)} within the round)" if within else "")
                     + f": {len(new) - waiting - left} decided at title/abstract, {waiting} waiting"
                     + (f", {left} {LEFT_BY_STOP} (PRISMA: marked ineligible by automation tools)" if left else "")
                     + ".")
        if "decision" in new and (new["decision"] != "").any():
            # what the update found: the methods' paragraph reports the new inclusions, not only that screening ran
            told = "; ".join(f"{n} {what}" for what, n in new["decision"].replace("", "not decided yet")
                             .value_counts().sort_index().items())
            lines.append(f"Their outcomes so far: {told}.")
        return "\n".join(lines + self._maybe_found_before())

    def _maybe_found_before(self) -> list:
        """The sentence on new papers that a maybe pair links to an earlier round's (none: no sentence). It is
        made of deduplication alone, no one's screening, so blind screening says it too."""
        t = self.table
        new = t[t["in_round"] == "new"]
        maybe = int((new["maybe_found_before"] != "").sum()) if "maybe_found_before" in new else 0
        if not maybe:
            return []
        return [f"Of these, {maybe} may be {'a paper' if maybe == 1 else 'papers'} found before: "
                f"{'its maybe pair waits' if maybe == 1 else 'their maybe pairs wait'} for a person "
                "(notebook 1, output/maybe_pairs.csv); until decided, "
                f"{'it counts' if maybe == 1 else 'they count'} as new."]

    def _hidden_summary(self, before: pd.DataFrame) -> list:
        """The round's sentences without a number made of the team's decisions, and why."""
        t = self.table
        lines = []
        if self.earlier:
            lines.append(f"{len(before)} had been found in an earlier round ({before['group_id'].nunique()} papers): "
                         "they are not screened again and their decisions stand." if len(before) else
                         "None had been found in an earlier round.")
        within = int((t["in_round"] == "duplicate within the round").sum())
        new = int((t["in_round"] == "new").sum())
        lines.append(f"{new} {'is' if new == 1 else 'are'} new to the review"
                     + (f" (besides {within} duplicate{'s' * (within != 1)} within the round)" if within else "")
                     + ".")
        return lines + self._maybe_found_before() + [self.hidden]

    def _repr_markdown_(self) -> str:
        return self.summary().replace("\n", "\n\n")


def latest_round(project="..", team: bool = False) -> RoundReport:
    """What the latest search round brought, as the last build saw it.

    Parameters
    ----------
    project : str, Path or Project
        The review's project folder (built: ``output/`` holds the files of :data:`NEEDED`).
    team : bool
        Screening blind, the team's decisions even before the team has screened every record (they show how the
        others decided: for someone who does not screen). Otherwise they are hidden until then
        (``RoundReport.hidden`` says why).

    Returns
    -------
    RoundReport
        Its ``summary()`` and ``table`` (one row per record of the round).

    Raises
    ------
    ProjectError
        When the project has not been built since its exports were added (a file of :data:`NEEDED` missing, or
        the latest round not in it).
    """
    project = project if isinstance(project, Project) else open_project(project)
    names = [r.name for r in project.rounds()]
    if not names:
        raise ProjectError(f"{project.data}: no search round yet; put each round's exports in a dated folder "
                           "under data/searches/ and run make build")
    missing = [n for n in NEEDED if not (project.output / n).exists()]
    if missing:
        raise ProjectError(f"{project.output}: no {', '.join(missing)}; run make build first")
    groups = pd.read_csv(project.output / "duplicate_groups.csv", dtype=str, keep_default_na=False)
    latest = names[-1]
    if latest not in set(groups["search_round"]):
        raise ProjectError(f"{project.output / 'duplicate_groups.csv'} has no record of round {latest}: the "
                           "build is older than its exports; run make build")
    titles = pd.read_csv(project.output / "records.csv", dtype=str, keep_default_na=False,
                         usecols=["record_id", "title"])
    status = pd.read_csv(project.output / "screening_status.csv", dtype=str, keep_default_na=False)
    order = {name: i for i, name in enumerate(names)}
    groups["_order"] = groups["search_round"].map(order)
    first_seen = groups.groupby("group_id")["_order"].min()
    rows = groups[groups["search_round"] == latest].merge(titles, on="record_id", how="left")
    # the databases as the search log names them, as the PRISMA diagram and the source overlap do: the summary
    # said "unknown database 14" and "LILACS (BVS) 2" beside a diagram of "Crossref (n = 4)" and "LILACS (n = 2)"
    from .prisma.searchlog import logged_file_names

    logged = rows["source_file"].map(logged_file_names(project.evidence / "searches.toml"))
    rows["source_database"] = logged.where(logged.notna(), rows["source_database"])
    earlier_order = rows["group_id"].map(first_seen)
    outcome = _outcomes(status)
    this = order[latest]
    before = earlier_order < this
    rows["found_before"] = [names[int(i)] if b else "" for i, b in zip(earlier_order, before)]
    rows["earlier_decision"] = [outcome.get(g, "") if b else "" for g, b in zip(rows["group_id"], before)]
    # Of the records new to the review, one per group is screened; its group's other records of this round
    # are duplicates within the round.
    first_of_group = ~rows.duplicated("group_id") & ~before
    rows["in_round"] = ["found before" if b else ("new" if f else "duplicate within the round")
                        for b, f in zip(before, first_of_group)]
    ta = status[status["stage"] == "title_abstract"].set_index("group_id")["state"]
    decided = {"agreed", "resolved", "decided"}
    # a record a stopping test left is not waiting: the diagram counts it as not screened (automation tools)
    stopped = _left_by_stop(status)
    rows["screening"] = ["" if r != "new" else ("decided" if ta.get(g, "") in decided else
                                                LEFT_BY_STOP if g in stopped else "waiting")
                         for g, r in zip(rows["group_id"], rows["in_round"])]
    rows["decision"] = [outcome.get(g, "") if r == "new" else "" for g, r in zip(rows["group_id"], rows["in_round"])]
    # a new paper that may be one found before: a maybe pair waits for a person; until then it counts as new
    partners = rows["maybe_with"] if "maybe_with" in rows else pd.Series("", index=rows.index)
    rows["maybe_found_before"] = [
        min((names[int(first_seen[g])] for g in str(mw).split("; ") if g in first_seen.index
             and first_seen[g] < this), key=order.get, default="") if r == "new" and mw else ""
        for mw, r in zip(partners.fillna(""), rows["in_round"])]
    table = rows[["source_file", "source_database", "title", "group_id", "found_before", "earlier_decision",
                  "in_round", "screening", "decision", "maybe_found_before"]].reset_index(drop=True)
    from .screening.status import hidden_while_blind_in

    hidden = "" if team else hidden_while_blind_in(project)
    if hidden:
        # every row that has such a cell, filled or not: an empty one beside a filled one tells which are decided
        new, before = table["in_round"] == "new", table["in_round"] == "found before"
        for column, rows in (("earlier_decision", before), ("screening", new), ("decision", new)):
            table.loc[rows, column] = HIDDEN
    return RoundReport(latest, names[:-1], table, hidden)


def _left_by_stop(status: pd.DataFrame) -> set:
    """The groups the title/abstract stopping tests leave unscreened (a build before the column: none)."""
    if "left_by_stop" not in status:
        return set()
    rows = (status["stage"] == "title_abstract") & (status["left_by_stop"].astype(str) == "True")
    return set(status.loc[rows, "group_id"])


def _outcomes(status: pd.DataFrame) -> dict:
    """Each group's outcome so far: its full-text decision when it has one, else its title/abstract decision (or
    that a stopping test left it unscreened)."""
    from .screening.settings import NOT_RETRIEVED

    out = dict.fromkeys(_left_by_stop(status), LEFT_BY_STOP)
    reasons = status["reason"] if "reason" in status else pd.Series("", index=status.index)
    for stage, words in (("title_abstract", "at title/abstract"), ("full_text", "at full text")):
        rows = (status["stage"] == stage) & (status["decision"] != "")
        for group, decision, reason in zip(status["group_id"][rows], status["decision"][rows], reasons[rows]):
            # a report that could not be retrieved is no exclusion: PRISMA counts it in a box of its own
            not_retrieved = stage == "full_text" and decision == "exclude" and str(reason).casefold() == NOT_RETRIEVED
            out[group] = "not retrieved" if not_retrieved else f"{decision} {words}"
    return out
