"""Where every record stands at a stage, from all reviewers' logs: agreed, conflict, resolved, ...

States (column ``state``), for one record at one stage:

=============  ====================================================================================
undecided      nobody has a standing decision
awaiting       fewer reviewers than ``settings.reviewers_per_record`` have decided, and they agree
agreed         enough reviewers decided and all agree (same decision; at full-text exclusion the
               same reason too, as in Covidence)
conflict       reviewers disagree and nobody has logged a resolution
resolved       a resolution (an entry with ``resolution: true``) stands; it overrides the reviewers
decided        blind view only: the viewer has decided (other reviewers are not looked at)
left_by_stop   undecided or awaiting, and the title/abstract stopping tests leave it unscreened: PRISMA
               counts it as not screened after the stopping test (automation tools), not as waiting
               (only when the logs themselves are given, a folder or a ``LogReading``: a list of
               decisions has no stopping samples)
=============  ====================================================================================

``decision`` (and ``reason``) is the record's outcome at the stage: the resolution, or the agreed decision,
or (when ``reviewers_per_record`` is 1) the one decision; empty while undecided, awaiting or in conflict.

Examples
--------
>>> from synthesis.screening.log import Decision
>>> entries = [Decision("g1", "title_abstract", "include", "Ann"), Decision("g1", "title_abstract", "exclude", "Bo")]
>>> units = make_unit_table([{"group_id": "g1"}, {"group_id": "g2"}])
>>> screening_status(entries, units, settings=ScreeningSettings(reviewers_per_record=2))["state"].tolist()
['conflict', 'undecided']
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import markdown as md
from .log import LogReading, current_decisions, read_logs
from .settings import NOT_RETRIEVED, ScreeningSettings, STAGES, ScreeningError, retrieval_reason
from .units import make_unit_table  # noqa: F401  (doctest)

STATUS_COLUMNS = ["group_id", "state", "decision", "reason", "labels", "n_reviewers", "decisions", "resolved_by"]


def _entries(decisions, settings):
    if isinstance(decisions, LogReading):
        return decisions.entries
    if isinstance(decisions, (str, Path)):
        return read_logs(decisions, settings).entries
    return list(decisions)


def screening_status(decisions, units, stage: str = "title_abstract", settings: ScreeningSettings | None = None,
                     viewer: str | None = None, problems: list | None = None, reached: bool = False,
                     stops: bool = True) -> pd.DataFrame:
    """The state of every unit at one stage.

    Parameters
    ----------
    decisions : LogReading, folder, or list of Decision
        All reviewers' log entries (a folder is read with :func:`read_logs`).
    units : DataFrame
        The unit table (``group_id``); decisions for keys not in it are reported and not counted.
    stage : {"title_abstract", "full_text"}
    settings : ScreeningSettings, optional
        ``reviewers_per_record`` and ``blind``.
    viewer : str, optional
        In blind mode, the reviewer looking: only their own decisions are used.
    problems : list, optional
        Collects the problems of :func:`current_decisions` (vanished records).
    reached : bool
        Only the units that reached the stage: at full text, those included at title/abstract or given a
        full-text decision (:func:`full_text_units`), so the ones excluded earlier are not "undecided" there.
    stops : bool
        At title/abstract, with the logs given (a folder or a ``LogReading``): mark the records the stopping tests
        leave unscreened (state ``left_by_stop`` and a ``left_by_stop`` column, as in ``screening_status.csv``);
        a team's view of where it stands showed them as undecided, while the PRISMA diagram counts them as not
        screened after the stopping test. False: the reviewers' decisions alone.

    Returns
    -------
    pandas.DataFrame
        One row per unit in unit order: :data:`STATUS_COLUMNS` (and ``left_by_stop``, see ``stops``);
        ``decisions`` is a dict ``{reviewer: decision}`` (``"exclude: reason"`` at full-text exclusion);
        ``resolved_by`` who logged the resolution of a resolved conflict (the reviewers' own votes stay in
        ``decisions``).
    """
    if stage not in STAGES:
        raise ScreeningError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
    settings = settings or ScreeningSettings()
    if isinstance(decisions, (str, Path)):
        decisions = read_logs(decisions, settings)  # the stopping samples too (see ``stops``)
    if reached and stage == "full_text":
        entries = _entries(decisions, settings)
        status = screening_status(entries, units, stage, settings, viewer, problems)
        if viewer and settings.blind and hidden_while_blind(decisions, units, "title_abstract", settings):
            # the records at full text are the team's title/abstract inclusions: while those are hidden, a blind
            # viewer's own full-text decisions only (their number told how many records the team had agreed in)
            name = settings.reviewer_name(viewer)
            at_stage = {e.key for e in entries if e.stage == "full_text" and e.reviewer == name}
        else:
            at_stage = set(full_text_units(units, entries, settings)["group_id"].astype(str))
        return status[status["group_id"].isin(at_stage)].reset_index(drop=True)
    keys = units["group_id"].astype(str).tolist()
    current = current_decisions(_entries(decisions, settings), keys=keys, problems=problems)
    current = current[current["stage"] == stage]
    blind_view = bool(viewer) and settings.blind
    if blind_view:
        name = settings.reviewer_name(viewer)
        # their votes and their resolutions (a resolver who screens none read "undecided" on every record after
        # resolving some, w54); never another's resolution of their votes, which would say the record was a conflict
        current = current[current["reviewer"] == name]
    need = 1 if blind_view else settings.reviewers_per_record
    by_key: dict = {}
    for row in current.itertuples(index=False):
        by_key.setdefault(row.key, []).append(row)
    # built column by column, every unit undecided to begin with: most units of a large library have no decision
    # yet, and a dict per row (read back by pandas) cost more than the decisions themselves
    n = len(keys)
    columns = dict(zip(STATUS_COLUMNS, (keys, ["undecided"] * n, [""] * n, [""] * n, [[] for _ in keys], [0] * n,
                                        [{} for _ in keys], [""] * n)))
    positions: dict = {}
    for k, key in enumerate(keys):
        if key in by_key:
            positions.setdefault(key, []).append(k)
    for key, at in positions.items():
        entries = by_key[key]
        votes = [e for e in entries if not e.resolution]
        resolutions = sorted((e for e in entries if e.resolution), key=lambda e: e.timestamp)
        shown = {e.reviewer: vote_text(e, stage) for e in votes}
        labels = sorted({lab for e in entries for lab in e.labels})
        state, decision, reason, resolver = "undecided", "", "", ""
        if resolutions:
            last = resolutions[-1]
            state, decision, reason, resolver = "resolved", last.decision, last.reason, last.reviewer
        elif votes:
            outcomes = {vote_outcome(e, stage) for e in votes}
            if len(outcomes) > 1:
                state = "conflict"
            elif blind_view:
                state = "decided"
                decision, reason = next(iter(outcomes))
            elif len(votes) < need:
                state = "awaiting"
            else:
                state = "agreed"
                decision, reason = next(iter(outcomes))
        for k in at:
            for col, value in zip(columns.values(), (key, state, decision, reason, labels, len(votes), shown,
                                                     resolver)):
                col[k] = value
    if not keys:  # empty lists would make float columns: keep the object columns of an empty table
        return pd.DataFrame([], columns=STATUS_COLUMNS)
    out = pd.DataFrame(columns, columns=STATUS_COLUMNS)
    if stops and stage == "title_abstract" and not blind_view and isinstance(decisions, LogReading):
        from .stopping import left_after_stops

        left = left_after_stops(decisions, units, settings, status=out)
        out["left_by_stop"] = out["group_id"].isin(left)
        out.loc[out["left_by_stop"], "state"] = "left_by_stop"
    return out


def vote_outcome(entry, stage: str) -> tuple:
    """What makes two reviewers' votes differ: the decision, and at full text an exclusion's reason.

    >>> from types import SimpleNamespace as V
    >>> vote_outcome(V(decision="exclude", reason="wrong design"), "full_text")
    ('exclude', 'wrong design')
    >>> vote_outcome(V(decision="exclude", reason="wrong design"), "title_abstract")
    ('exclude', '')
    """
    return (entry.decision, entry.reason if (entry.decision == "exclude" and stage == "full_text") else "")


def vote_text(entry, stage: str) -> str:
    """A reviewer's vote as the status table and the widget's history show it: "exclude: wrong design"; at full
    text, a report not retrieved with why ("exclude: not retrieved (paywall)"), so reviewers who differ on why can
    be told apart.

    >>> from synthesis.screening.log import Decision
    >>> vote_text(Decision("g1", "full_text", "exclude", "Ann", reason="not retrieved", labels=["retrieval:paywall"]),
    ...           "full_text")
    'exclude: not retrieved (paywall)'
    """
    text = f"{entry.decision}: {entry.reason}" if entry.reason else entry.decision
    why = retrieval_reason(entry.labels) if stage == "full_text" and _not_retrieved(entry.reason) else ""
    return f"{text} ({why})" if why else text


def _not_retrieved(reason) -> bool:
    return str(reason or "").strip().casefold() == NOT_RETRIEVED


#: How :func:`retrieval_reasons` begins when the reviewers gave different reasons.
DIFFER = "reviewers differ: "


def retrieval_reasons(labels, votes=None, state: str = "") -> str:
    """Why a report was not retrieved, from its status row: its ``labels``, and its ``votes`` (the ``decisions``
    column, as :func:`screening_status` shows them) and ``state``.

    Reviewers who gave different reasons are said to differ, each reason with its reviewer (joined, "not found;
    paywall" read as if both were so); a resolution's reason stands alone.

    >>> retrieval_reasons(["retrieval:paywall", "retrieval:not found"],
    ...                   {"bob": "exclude: not retrieved (not found)", "alice": "exclude: not retrieved (paywall)"})
    'reviewers differ: paywall (alice), not found (bob)'
    >>> retrieval_reasons(["retrieval:paywall"], {"alice": "exclude: not retrieved (paywall)"})
    'paywall'
    """
    if state != "resolved" and isinstance(votes, dict):
        prefix = f"exclude: {NOT_RETRIEVED} ("
        given = {who: str(text)[len(prefix):-1] for who, text in sorted(votes.items())
                 if str(text).casefold().startswith(prefix) and str(text).endswith(")")}
        if len(set(given.values())) > 1:
            return DIFFER + ", ".join(f"{why} ({who})" for who, why in given.items())
    return retrieval_reason(labels)


#: The columns of :func:`excluded_reports`.
EXCLUDED_COLUMNS = ["reason", "study", "title", "journal", "year", "doi", "group_id", "search_round",
                    "retrieval_reason"]


def excluded_reports(status: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The reports excluded at full text, each with its reason: the list a journal asks for beside the PRISMA
    diagram (PRISMA 2020 item 16b, "Characteristics of excluded studies").

    Parameters
    ----------
    status : pandas.DataFrame
        :func:`screening_status` of the full-text stage (or of both stages, with a ``stage`` column).
    units : pandas.DataFrame
        The unit table (title, authors, year, journal, doi of each group).

    Returns
    -------
    pandas.DataFrame
        :data:`EXCLUDED_COLUMNS`, one row per group whose full-text outcome is exclude (agreed, resolved or a
        single reviewer's, never a conflict), sorted by reason and then as cited: ``reason`` (``not retrieved``
        for a report that could not be obtained), ``study`` as a text cites it ("Haddad et al. 2026"),
        ``search_round`` the round that found it (every round's exclusions are listed; PRISMA's diagram counts the
        latest round's), ``retrieval_reason`` why a report not retrieved could not be obtained ("paywall").

    Examples
    --------
    >>> units = make_unit_table([{"group_id": "g1", "title": "A trial", "authors": ["Obi, A.", "Lee, C."],
    ...                           "year": 2020}, {"group_id": "g2", "title": "A protocol", "year": 2021}])
    >>> status = pd.DataFrame({"group_id": ["g1", "g2"], "decision": ["exclude", "include"],
    ...                        "reason": ["Wrong population", ""]})
    >>> excluded_reports(status, units)[["reason", "study", "title"]].values.tolist()
    [['Wrong population', 'Obi and Lee 2020', 'A trial']]
    """
    from ..normalise import cited_authors, cited_study

    if "stage" in status.columns:
        status = status[status["stage"] == "full_text"]
    out = status.loc[status["decision"] == "exclude", ["group_id", "reason"]
                     + [c for c in ("labels", "decisions", "state") if c in status.columns]]
    details = units.drop_duplicates("group_id").set_index("group_id").reindex(out["group_id"])

    def text(column):  # the column as text, "" where it is empty (None, NaN, or pd.NA: the year is an Int64)
        values = details[column] if column in details.columns else pd.Series([""] * len(details))
        return ["" if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) else
                str(v).removesuffix(".0") if column == "year" else str(v) for v in values]

    years = text("year")
    authors = details["authors"] if "authors" in details.columns else [""] * len(details)
    from ..dedup.prep import trial_registration
    from ..io.databases import TRIAL_REGISTERS

    # a trial registration has no authors: its register's number names it ("NCT04333550 2020"), not the year alone
    numbers = [trial_registration(j, u, s, d, registers=TRIAL_REGISTERS) for j, u, s, d in
               zip(text("journal"), text("url"), text("source_id"), text("source_database"))]
    table = pd.DataFrame({
        "reason": [str(r) if r else "no reason given" for r in out["reason"]],
        "study": [cited_study(a, y) if cited_authors(a) or not n else f"{n} {y}".strip()
                  for a, y, n in zip(authors, years, numbers)],
        "title": text("title"), "journal": text("journal"), "year": years, "doi": text("doi"),
        "group_id": out["group_id"].tolist(), "search_round": text("search_round"),
        "retrieval_reason": [retrieval_reasons(labels, votes, state) if reason == NOT_RETRIEVED else ""
                             for reason, labels, votes, state in zip(
                                 out["reason"], out.get("labels", [()] * len(out)),
                                 out.get("decisions", [{}] * len(out)), out.get("state", [""] * len(out)))]},
        columns=EXCLUDED_COLUMNS)
    # the reports that were not retrieved last: PRISMA counts them apart from those assessed and excluded
    table["_last"] = table["reason"] == NOT_RETRIEVED
    return table.sort_values(["_last", "reason", "study", "title"], kind="stable").drop(columns="_last") \
        .reset_index(drop=True)


def excluded_markdown(excluded: pd.DataFrame, rounds: int = 1) -> str:
    """:func:`excluded_reports` as a Markdown table for a manuscript's appendix (study, title and journal,
    reason); every cell's text is the record's, on one line and escaped (:mod:`synthesis.markdown`), so no cell
    breaks the table or turns into markup. ``rounds``: the review's search rounds; with more than one, each
    report's round is given (the diagram counts the latest round's), also when one round excluded them all.

    >>> print(excluded_markdown(pd.DataFrame({"reason": ["Wrong population"], "study": ["Obi 2020"],
    ...       "title": ["A | trial"], "journal": ["BMJ"], "year": ["2020"], "doi": [""], "group_id": ["g1"]})))
    **Reports excluded at full text, with reasons** (1)
    <BLANKLINE>
    | Study | Report | Reason for exclusion |
    |---|---|---|
    | Obi 2020 | A \\| trial. *BMJ*. | Wrong population |
    <BLANKLINE>
    """
    def cell(text: str) -> str:  # one line, shown as written (a "*" or "<b>" in a title is no markup)
        return md.text(" ".join(str(text).split()))

    def sentence(text: str) -> str:  # a title ends with its own stop, or gets one
        text = cell(text)
        return text if not text or text[-1] in ".?!" else text + "."

    if excluded.empty:  # a table of headings alone reads as if its rows were lost
        return "**Reports excluded at full text, with reasons** (0)\n\nNo report was excluded at full text.\n"
    review_rounds = rounds
    retrieved = excluded["reason"] != NOT_RETRIEVED
    rounds = excluded["search_round"].fillna("").astype(str) if "search_round" in excluded.columns else None
    # A living review lists every round's exclusions while its diagram counts the latest round's: with more
    # than one round, each report's round is given and counted, so the two numbers can be told apart.
    by_round = rounds is not None and (rounds.nunique() > 1 or review_rounds > 1)
    per_round = ", ".join(f"{n} in search round {r}" for r, n in
                          rounds[retrieved].value_counts().sort_index().items()) if by_round else ""
    if (~retrieved).any():  # the rows are of two kinds, which PRISMA counts in two boxes: the count says so
        count = (f"{len(excluded)} reports: {int(retrieved.sum())} assessed and excluded"
                 + (f", {per_round}" if per_round else "") + f"; {int((~retrieved).sum())} not retrieved")
    else:
        count = f"{int(retrieved.sum())}" + (f": {per_round}" if per_round else "")
    lines = [f"**Reports excluded at full text, with reasons** ({count})", "",
             "| Study | Report | Reason for exclusion |" + (" Search round |" if by_round else ""),
             "|---|---|---|" + ("---|" if by_round else "")]
    for i, row in enumerate(excluded.itertuples()):
        report = " ".join(part for part in (sentence(row.title), f"*{cell(row.journal)}*." if row.journal else "",
                                            f"doi:{cell(row.doi)}" if row.doi else "") if part)
        why = getattr(row, "retrieval_reason", "")  # paywall, not found: what a reader of the appendix asks
        if row.reason != NOT_RETRIEVED:
            reason = cell(row.reason)
        elif not why or why != why:  # (NaN: a table read back from the CSV)
            reason = "Report could not be retrieved"
        elif str(why).startswith(DIFFER):  # as its own sentence: a reason in brackets read as everyone's
            reason = f"Report could not be retrieved; the reviewers differ on why: {cell(why[len(DIFFER):])}"
        else:
            reason = f"Report could not be retrieved ({cell(why)})"
        lines.append(f"| {cell(row.study) or '(no authors)'} | {report} | {reason} |"
                     + (f" {cell(rounds.iloc[i])} |" if by_round else ""))
    return "\n".join(lines) + "\n"


def conflicts(status: pd.DataFrame) -> pd.DataFrame:
    """The rows of a status table where reviewers disagree and no resolution is logged."""
    return status[status["state"] == "conflict"].reset_index(drop=True)


def state_counts(status: pd.DataFrame) -> dict:
    """``{state: n}`` and ``{decision: n}`` of a status table, for a progress line."""
    out = {s: int(n) for s, n in status["state"].value_counts().items()}
    for d, n in status.loc[status["decision"] != "", "decision"].value_counts().items():
        out[f"final {d}"] = int(n)
    return out


def hidden_while_blind(decisions, units: pd.DataFrame, stage: str = "title_abstract",
                       settings: ScreeningSettings | None = None, *, every_stage: bool = False, then: str = "") -> str:
    """Why a reviewer screening blind may not see the team's numbers yet, in one sentence; ``""`` when they may.

    Blind screening (``blind = true`` in ``[screening]``) hides the other reviewers' decisions, and with them every
    number made of them: records agreed or awaiting a second reviewer, conflicts, agreement (what Rayyan's blind
    mode hides). They show once the team has screened the stage: every record at it has the decisions of
    ``reviewers_per_record`` reviewers (agreed or in conflict) or a resolution, or was left by the stopping tests;
    the conflicts are then there to resolve and no decision is left to sway. Until then a reviewer sees their
    own decisions (:func:`screening_status` with ``viewer``) and the number of records at the stage. The records at
    full text are the team's title/abstract inclusions: at full text, the title/abstract stage is asked first (its
    sentence says so), and ``""`` therefore means both stages show.

    Parameters
    ----------
    decisions : LogReading, folder, or list of Decision
        All reviewers' log entries (the stopping tests are read from a folder or a LogReading only).
    units : DataFrame
        The unit table; at full text, the records that reached it count (as ``screening_status(reached=True)``).
    stage : {"title_abstract", "full_text"}
    settings : ScreeningSettings, optional
        ``blind`` and ``reviewers_per_record``.
    every_stage : bool
        For what is made of both stages' decisions (the PRISMA counts and diagram, ``synthesis screening
        status``, a search round's outcomes in :func:`synthesis.latest_round`, the map's changelog): ``""`` only
        once neither stage hides anything. The sentence is ``stage``'s when it hides something, else the other
        stage's, so that a notebook and the command line say the same sentence in the same situation.
    then : str, optional
        What shows once the team has screened, ending the sentence; by default notebook 2's numbers ("the team's
        numbers show: records agreed, conflicts to resolve, agreement"). Notebook 4 names its own.

    Examples
    --------
    >>> from synthesis.screening.log import Decision
    >>> units = make_unit_table([{"group_id": "g1"}, {"group_id": "g2"}])
    >>> blind = ScreeningSettings(team=["Ann", "Bo"], reviewers_per_record=2, blind=True)
    >>> votes = [Decision("g1", "title_abstract", "include", "Ann"), Decision("g1", "title_abstract", "exclude", "Bo"),
    ...          Decision("g2", "title_abstract", "exclude", "Ann")]
    >>> hidden_while_blind(votes, units, settings=blind)[:53]
    'Screening is blind: you see your own decisions only u'
    >>> done = votes + [Decision("g2", "title_abstract", "exclude", "Bo")]
    >>> hidden_while_blind(done, units, settings=blind)
    ''
    >>> hidden_while_blind(done + [Decision("g1", "full_text", "include", "Ann")], units, settings=blind,
    ...                    every_stage=True).split(" has ")[0]  # Ann took g1 to full text; Bo has not decided it
    'Screening is blind: you see your own decisions only until every record at full text'
    """
    settings = settings or ScreeningSettings()
    if not settings.blind:
        return ""
    if isinstance(decisions, (str, Path)):
        decisions = read_logs(decisions, settings)
    entries = _entries(decisions, settings)
    found: dict = {}

    def still_open(one: str) -> bool:
        if one not in found:
            status = screening_status(entries, units, one, settings, problems=[], reached=True)
            left: set = set()
            if one == "title_abstract" and isinstance(decisions, LogReading) and waits_for_decisions(status):
                from .stopping import left_after_stops

                # the stopping tests are events of the logs, so a plain list of decisions has none
                left = left_after_stops(decisions, units, settings)
            found[one] = waits_for_decisions(status, left)
        return found[one]

    return blind_sentence(still_open, stage, settings, every_stage=every_stage, then=then)


def waits_for_decisions(status: pd.DataFrame, left=()) -> bool:
    """Whether a record of a status table still waits for a reviewer's decision: undecided, or awaiting its second
    reviewer; not one of ``left``, those the stopping tests leave (screened as far as they will be: PRISMA counts
    them apart).

    >>> waits_for_decisions(pd.DataFrame({"group_id": ["g1", "g2"], "state": ["agreed", "undecided"]}), {"g2"})
    False
    """
    return bool((status["state"].isin(["undecided", "awaiting"]) & ~status["group_id"].astype(str).isin(left)).any())


def blind_sentence(still_open, stage: str, settings: ScreeningSettings, *, every_stage: bool = False,
                   then: str = "") -> str:
    """:func:`hidden_while_blind`'s sentence from ``still_open(stage)``: whether a record at the stage still waits for
    a reviewer's decision (undecided, or awaiting its second reviewer; not one the stopping tests leave), for a
    caller that has the stages' statuses already (the build). The other arguments are :func:`hidden_while_blind`'s.

    >>> blind = ScreeningSettings(team=["Ann", "Bo"], reviewers_per_record=2, blind=True)
    >>> blind_sentence({"title_abstract": False, "full_text": True}.get, "title_abstract", blind,
    ...                every_stage=True).split(" has ")[0]
    'Screening is blind: you see your own decisions only until every record at full text'
    >>> blind_sentence({"title_abstract": False, "full_text": False}.get, "full_text", blind, every_stage=True)
    ''
    """
    from .settings import STAGE_LABELS

    if not settings.blind:
        return ""
    if every_stage:
        for one in dict.fromkeys((stage, "title_abstract", "full_text")):  # this stage's sentence first
            hidden = blind_sentence(still_open, one, settings, then=then)
            if hidden:
                return hidden
        return ""
    need = settings.reviewers_per_record
    who = "a reviewer's decision" if need <= 1 else f"the decisions of {need} reviewers"
    if stage == "full_text" and still_open("title_abstract"):
        # the records at full text are the team's title/abstract inclusions: hidden while those are
        return (f"Screening is blind: the records at full text are the team's title/abstract inclusions, hidden "
                f"(with every number made of them) until every record at title/abstract has {who} (or a "
                f"resolution); you see your own full-text decisions only.")
    if not still_open(stage):
        return ""
    # (not how many records are left: that would tell the others' pace)
    then = then or "the team's numbers show: records agreed, conflicts to resolve, agreement"
    return (f"Screening is blind: you see your own decisions only until every record at "
            f"{STAGE_LABELS.get(stage, stage)} has {who} (or a resolution); then {then}.")


def hidden_while_blind_in(project) -> str:
    """:func:`hidden_while_blind` for a whole built project (``every_stage``), from its logs and ``output/units.csv``:
    for what is made of both stages' decisions and read from the project (a search round's outcomes, the citation
    search's included studies). ``""`` when screening is not blind or nothing is built yet."""
    from .units import apply_joined_groups, read_unit_table

    settings = project.settings().screening
    units_file = project.output / "units.csv"
    if not settings.blind or not units_file.exists():
        return ""
    units = read_unit_table(units_file)
    reading = read_logs(project.evidence / "screening", settings, warn=False)
    apply_joined_groups(reading, units)  # as the build and `synthesis screening status` count them
    return hidden_while_blind(reading, units, "title_abstract", settings, every_stage=True)


def full_text_units(units: pd.DataFrame, decisions, settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """The units that reach full text: included at title/abstract (or a maybe: only the paper can decide it, and
    PRISMA counts it as a report sought), or already given a full-text decision."""
    entries = _entries(decisions, settings)
    ta = screening_status(entries, units, "title_abstract", settings)
    passed = set(ta.loc[ta["decision"].isin(["include", "maybe"]), "group_id"])
    ft_keys = {e.key for e in entries if e.stage == "full_text"}
    mask = units["group_id"].astype(str).isin(passed | ft_keys)
    return units[mask].reset_index(drop=True)


def agreed_by_others(reviewers_per_record: int) -> str:
    """How a record stands that a joining reviewer finds settled, in words (one reviewer per record: a record
    another reviewer decided; "agreed by 1 or more other reviewers" read oddly).

    >>> agreed_by_others(1), agreed_by_others(2)
    ('decided by another reviewer', 'agreed by 2 or more other reviewers')
    """
    if reviewers_per_record <= 1:
        return "decided by another reviewer"
    return f"agreed by {reviewers_per_record} or more other reviewers"


def joining_preview(decisions, units: pd.DataFrame, reviewer: str, stage: str = "title_abstract",
                    settings: ScreeningSettings | None = None) -> pd.DataFrame:
    """What a reviewer joining a stage would change: the records others already agreed on.

    One row per record that ``settings.reviewers_per_record`` or more *other* reviewers agreed on (no
    resolution): ``group_id``, ``decision`` (the agreed one), ``agreed_by``, ``their_decision`` (the joining
    reviewer's standing decision, empty if none) and ``becomes_conflict`` (their decision differs: counting
    it turns the record into a conflict, which leaves the PRISMA counts until it is resolved).
    """
    settings = settings or ScreeningSettings()
    name = settings.reviewer_name(reviewer) if settings.team and reviewer in settings.team else str(reviewer).strip()
    keys = units["group_id"].astype(str).tolist()
    current = current_decisions(_entries(decisions, settings), keys=keys, problems=[])
    current = current[current["stage"] == stage]
    resolved = set(current.loc[current["resolution"].astype(bool), "key"])
    votes = current[~current["resolution"].astype(bool)]
    rows = []
    for key, group in votes.groupby("key", sort=False):
        if key in resolved:
            continue
        others = group[group["reviewer"] != name]
        outcomes = {(d, r if stage == "full_text" else "") for d, r in zip(others["decision"], others["reason"])}
        if len(others) < settings.reviewers_per_record or len(outcomes) != 1:
            continue
        decision, reason = next(iter(outcomes))
        theirs = group[group["reviewer"] == name]
        their = ""
        if len(theirs):
            t = theirs.iloc[0]
            their = t["decision"] + (f": {t['reason']}" if stage == "full_text" and t["reason"] else "")
        agreed = decision + (f": {reason}" if reason else "")
        rows.append({"group_id": key, "decision": agreed, "agreed_by": ", ".join(sorted(others["reviewer"])),
                     "their_decision": their, "becomes_conflict": bool(their) and their != agreed})
    order = {k: i for i, k in enumerate(keys)}
    rows.sort(key=lambda r: order.get(r["group_id"], 0))
    return pd.DataFrame(rows, columns=["group_id", "decision", "agreed_by", "their_decision", "becomes_conflict"])
