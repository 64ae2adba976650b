"""When a reviewer may stop screening in prioritised order: the hypergeometric stopping test.

Callaghan & Müller-Hansen (Systematic Reviews 2020, 9:273): after screening in prioritised order, draw a
*random* sample from the records not screened yet and screen it. Of ``N`` records, ``N_AL`` were screened in
prioritised order and ``r_AL`` of them found relevant; the urn of the ``N - N_AL`` unscreened records holds
an unknown number ``K`` of relevant ones. After ``n`` random draws with ``k`` relevant, the recall reached is
``(r_AL + k) / (r_AL + K)``. It is below the target ``tau`` exactly when

    K > (r_AL + k) / tau - r_AL,   i.e.  K >= K_tar = floor((r_AL + k) / tau - r_AL) + 1.

The null hypothesis "recall < tau" is then "K >= K_tar". Under it, the probability of seeing ``k`` or fewer
relevant records in ``n`` draws without replacement from the urn is largest at ``K = K_tar``, so the
p-value is the hypergeometric ``P(X <= k)`` with population ``N - N_AL``, ``K_tar`` successes and ``n``
draws. The reviewer may stop when ``p < 1 - confidence``: with that confidence, recall is at least
``tau``. (When ``K_tar`` exceeds the records left in the urn, recall below target is impossible: p = 0.)
As in the paper the test is checked after every draw; the p-value holds for one look, so over many looks the
chance of stopping short of the target can exceed ``1 - confidence`` when the prioritised phase ended just
below the target (``benchmarks/README.md`` measures it).

"Relevant" at title/abstract means *not excluded*: an include or a maybe, since both go on to full text.

The sample is drawn by the widget and logged: a ``stopping_sample`` line in the reviewer's log (seed,
settings, ``N_AL``, ``r_AL`` and the urn itself: the records this reviewer had not decided, sorted by key) fixes
the random order of the urn (shuffled with the seed), so the test can be recomputed from the logs alone. Only
the unbroken run of decided records at the start of that order counts as sampled. A stop speaks for its urn
only: records that come in later (a new search round) are not covered by it and wait for screening; the
reviewer screens them and draws a new sample, whose urn holds what the earlier stop left: a sample ends where the
reviewer's next one begins, so records decided in the new sample do not move the earlier test on. (Samples logged
before the urn was kept recompute it as the records in scope that the reviewer had not decided then.)

Examples
--------
>>> t = StoppingTest(total=1000, screened_before=400, relevant_before=38, sample_size=150, relevant_in_sample=0)
>>> t.k_tar, round(t.p_value, 4), t.may_stop
(3, 0.4212, False)
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from fractions import Fraction
from functools import cached_property

import numpy as np

from .settings import STAGE_LABELS, ScreeningError

#: Decisions that count as relevant for the test (both pass title/abstract).
RELEVANT = ("include", "maybe")
SAMPLE_EVENT = "stopping_sample"


def k_tar(relevant_before: int, relevant_in_sample: int, target_recall: float) -> int:
    """The fewest relevant records in the urn that would leave recall below ``target_recall``.

    >>> k_tar(19, 0, 0.95)   # 19 / 0.95 - 19 = 1 exactly: one more would make recall 19/20 = 95 %, not below
    2
    """
    tau = Fraction(str(target_recall))
    if not 0 < tau <= 1:
        raise ScreeningError(f"the target recall must be in (0, 1], not {target_recall!r}")
    seen = relevant_before + relevant_in_sample
    return math.floor(Fraction(seen) / tau - relevant_before) + 1


def hypergeometric_p(urn: int, relevant_before: int, sample_size: int, relevant_in_sample: int,
                     target_recall: float = 0.95) -> float:
    """p-value of H0 "recall < target" after ``sample_size`` random draws from an urn of ``urn`` records."""
    from scipy.stats import hypergeom

    if sample_size > urn:
        raise ScreeningError(f"a sample of {sample_size} from an urn of {urn} records")
    need = k_tar(relevant_before, relevant_in_sample, target_recall)
    if need > urn:
        return 0.0
    return float(hypergeom.cdf(relevant_in_sample, urn, need, sample_size))


@dataclass(frozen=True)
class StoppingTest:
    """The state of one stopping test (see the module docstring for the symbols)."""

    total: int                   # N: records in scope
    screened_before: int         # N_AL: screened in prioritised order before the sample was drawn
    relevant_before: int         # r_AL
    sample_size: int = 0         # n: records of the random sample screened so far
    relevant_in_sample: int = 0  # k
    target_recall: float = 0.95
    confidence: float = 0.95
    reviewer: str = ""
    stage: str = "title_abstract"
    seed: int = 0
    #: the records the test speaks for once it says stop (its urn), or ``None``: every record in scope
    covers: frozenset | None = field(default=None, compare=False, repr=False)
    timestamp: str = ""          # when the sample was drawn (the log line's time)
    #: records of its urn still unscreened when the reviewer's next sample was drawn (``None``: the latest sample,
    #: or one whose urn is not logged)
    left_at_next: int | None = field(default=None, compare=False)

    @property
    def urn(self) -> int:
        return self.total - self.screened_before

    @property
    def k_tar(self) -> int:
        return k_tar(self.relevant_before, self.relevant_in_sample, self.target_recall)

    @cached_property
    def p_value(self) -> float:
        # computed once: the widget's panel reads it, may_stop, p_text and p_phrase (ten scipy calls a key press)
        return hypergeometric_p(self.urn, self.relevant_before, self.sample_size, self.relevant_in_sample,
                                self.target_recall)

    @property
    def may_stop(self) -> bool:
        return self.p_value < 1 - self.confidence

    @property
    def screened(self) -> int:
        return self.screened_before + self.sample_size

    def p_text(self, digits: int = 3) -> str:
        """The p-value as text, on the same side of ``1 - confidence`` as the test (see :func:`p_text`)."""
        return p_text(self.p_value, 1 - self.confidence, digits)

    def p_phrase(self, digits: int = 3) -> str:
        """``"p = 0.0497"``, or ``"p < 0.001"`` when the p-value rounds to nothing at ``digits`` decimals (a long
        sample written "p = 0.000" reads as a p-value of zero)."""
        if self.p_value < 10 ** -digits:
            return f"p < {10 ** -digits:.{digits}f}"
        return f"p = {self.p_text(digits)}"

    def methods_sentence(self) -> str:
        """What to write in the methods section (true only once :attr:`may_stop`)."""
        tau, conf = _pct(self.target_recall), _pct(self.confidence)
        return (f"Records were screened in prioritised order (active learning); after {self.screened_before} of "
                f"{self.total} records ({self.relevant_before} relevant), a random sample of the {self.urn} "
                f"unscreened records was screened until the stopping test of Callaghan and Müller-Hansen (2020) "
                f"was met: screening stopped after {self.screened} records ({self.relevant_in_sample} relevant "
                f"in the sample of {self.sample_size}); with {conf} confidence recall was at least {tau} "
                f"({self.p_phrase(3)}).")

    def summary(self) -> str:
        """One line for a panel or the PRISMA checks."""
        verdict = "may stop" if self.may_stop else "keep screening the sample"
        who = f"{self.reviewer}, " if self.reviewer else ""
        stage = STAGE_LABELS.get(self.stage, self.stage)
        return (f"stopping test ({who}{stage}): target recall {_pct(self.target_recall)}, "
                f"confidence {_pct(self.confidence)}; {self.screened_before} screened in prioritised order "
                f"({self.relevant_before} relevant), random sample {self.sample_size} of {self.urn} "
                f"({self.relevant_in_sample} relevant); {self.p_phrase(4)}: {verdict}")

    def as_dict(self) -> dict:
        out = asdict(self)
        out.pop("covers")
        out.pop("left_at_next")
        out.update(urn=self.urn, k_tar=self.k_tar, p_value=self.p_value, may_stop=self.may_stop,
                   screened=self.screened)
        return out


def p_text(p: float, alpha: float, digits: int = 3) -> str:
    """``p`` with at least ``digits`` decimals, and more where fewer would put it on the other side of ``alpha``.

    A stop at p = 0.0497 written "p = 0.050" reads as a test that failed ("stop when below 0.05").

    >>> p_text(0.0497, 0.05), p_text(0.04996, 0.05, 4), p_text(0.0123, 0.05)
    ('0.0497', '0.04996', '0.012')
    """
    alpha = round(alpha, 12)  # 1 - 0.95 is 0.050000000000000044
    for d in range(digits, 16):
        text = f"{p:.{d}f}"
        if (float(text) < alpha) == (p < alpha):
            return text
    return repr(p)


def _pct(x: float) -> str:
    return f"{100 * x:g} %"


def sample_order(urn_keys, seed: int) -> list:
    """The random order of the urn that a logged sample fixes: keys sorted, then shuffled with ``seed``."""
    return _shuffled(sorted(map(str, urn_keys)), seed)


def _shuffled(keys: list, seed: int) -> list:
    perm = np.random.RandomState(int(seed) % (2 ** 32)).permutation(len(keys))
    return [keys[i] for i in perm]


def sampled_prefix(order, decisions: dict) -> tuple[int, int]:
    """(n, k): the unbroken run of decided records at the start of ``order`` and the relevant among them."""
    n = k = 0
    for key in order:
        d = decisions.get(key)
        if d is None:
            break
        n += 1
        k += getattr(d, "decision", d) in RELEVANT
    return n, k


def latest_sample(reading, reviewer: str, stage: str):
    """The latest ``stopping_sample`` event of a reviewer at a stage, or ``None``."""
    found = [ev for ev in getattr(reading, "events", []) if ev.kind == SAMPLE_EVENT and ev.stage == stage
             and ev.reviewer == reviewer]
    return found[-1] if found else None


@dataclass
class LoggedSample:
    """A logged stopping sample as the logs fix it (see :func:`logged_sample`)."""

    order: list          # the urn's records in the sample's random order, those no longer in scope left out
    urn: frozenset       # the urn as drawn: the records the test speaks for
    decided_before: set  # records in scope the reviewer had decided before the sample
    total: int           # N when it was drawn
    logged: bool         # the urn is in the log (otherwise recomputed from today's records)
    size: int = 0        # N - N_AL when it was drawn (records a verdict joined since still count apart)


def logged_sample(reading, event, keys) -> LoggedSample:
    """The urn of a logged sample, its random order and the records decided before it.

    ``keys`` are the records in scope today. A sample that logged its urn keeps it, whatever came in since; one
    logged before the urn was kept recomputes it as the records in scope the reviewer had not decided then.
    """
    from .log import _standing

    keyset = set(map(str, keys))
    before = [e for e in reading.entries if e.reviewer == event.reviewer and e.stage == event.stage
              and not e.resolution and e.file == event.file and e.line < event.line]
    decided = {k for (_, k, _, _), s in _standing(before).items() if s and k in keyset}
    seed = event.data.get("seed", 0)
    logged = event.data.get("urn")
    if isinstance(logged, list):
        # written sorted by the widget, read through the id map in place: shuffling the list as it stands gives the
        # order it had when drawn, under today's ids
        order = list(dict.fromkeys(k for k in _shuffled([str(k) for k in logged], seed) if k in keyset))
        urn = frozenset(map(str, logged))
        total = int(event.data.get("total", len(urn) + len(decided)))
        return LoggedSample(order, urn, decided - urn, total, True, len(logged))
    urn = sorted(keyset - decided)
    return LoggedSample(sample_order(urn, seed), frozenset(urn), decided, len(keyset), False, len(urn))


def _test_of(reading, event, keys, standing: dict) -> StoppingTest:
    """The stopping test of one logged sample; ``standing``: the reviewer's decisions now, by record."""
    sample = logged_sample(reading, event, keys)
    n, k = sampled_prefix(sample.order, standing)
    return StoppingTest(total=sample.total, screened_before=sample.total - sample.size,
                        relevant_before=int(event.data.get("relevant_before", 0)), sample_size=n,
                        relevant_in_sample=k, target_recall=float(event.data.get("target_recall", 0.95)),
                        confidence=float(event.data.get("confidence", 0.95)), reviewer=event.reviewer,
                        stage=event.stage, seed=int(event.data.get("seed", 0)),
                        covers=sample.urn if sample.logged else None, timestamp=event.timestamp)


def logged_stopping_tests(reading, keys, stage: str = "title_abstract", every: bool = False) -> list:
    """The stopping tests logged at ``stage``, recomputed from the logs: each reviewer's latest sample.

    ``reading`` is a :class:`~synthesis.screening.log.LogReading`; ``keys`` the records in scope. ``every``: also
    each reviewer's earlier samples whose test says stop (a stop before a new search round still speaks for the
    records of its urn), oldest first.
    """
    from .log import _standing

    keyset = {str(k) for k in keys}
    by_reviewer: dict = {}
    for ev in getattr(reading, "events", []):
        if ev.kind == SAMPLE_EVENT and ev.stage == stage:
            by_reviewer.setdefault(ev.reviewer, []).append(ev)
    out = []
    for reviewer, events in sorted(by_reviewer.items()):
        entries = [e for e in reading.entries if e.reviewer == reviewer and e.stage == stage and not e.resolution]
        tests = []
        for i, ev in enumerate(events):
            if not every and i < len(events) - 1:
                continue
            # a sample ends where the reviewer's next one begins: its records decided in the next sample (its urn
            # holds what this stop left) moved this test on after the fact, and its methods sentence with it
            later = events[i + 1] if i + 1 < len(events) else None
            mine = {k: s[-1].decision for (_, k, _, _), s in _standing(
                    [e for e in entries if later is None or (e.file == later.file and e.line < later.line)]).items()
                    if s and k in keyset}
            test = _test_of(reading, ev, keyset, mine)
            if later is not None and test.covers is not None:
                test = replace(test, left_at_next=sum(1 for k in keyset if k in test.covers and k not in mine))
            tests.append(test)
        out += [t for t in tests[:-1] if t.may_stop] + tests[-1:]
    return out


def left_after_stops(reading, units, settings=None, status=None) -> set:
    """The records the title/abstract stopping tests leave unscreened: what PRISMA counts as marked ineligible by an
    automation tool (the prioritised order and its stopping test), not as waiting for a decision.

    A reviewer whose test says *may stop* stands in for an exclusion on every record of the test's urn they did not
    decide (records that came in after the sample, from a new search round, are not covered: they wait). A record
    is left when nobody voted it relevant (include or maybe: a person must decide it) and its exclusions and the
    stand-ins together reach ``reviewers_per_record``. With one reviewer per record, every record nobody decided
    is left once a stop holds; with two, a record screened by neither is left only when both stopped, and one
    excluded by one reviewer when the other stopped. Conflicts and records someone found relevant never are.
    ``status``: the title/abstract :func:`~synthesis.screening.status.screening_status` of ``units``, when the
    caller has it already.
    """
    from .status import screening_status

    keys = units["group_id"].astype(str).tolist()
    covers: dict = {}  # reviewer -> the records their stops speak for (None: every record)
    for t in logged_stopping_tests(reading, keys, "title_abstract", every=True):
        if t.may_stop:
            had = covers.get(t.reviewer, frozenset())
            covers[t.reviewer] = None if had is None or t.covers is None else had | t.covers
    if not covers:
        return set()
    need = max(1, int(getattr(settings, "reviewers_per_record", 1) or 1))
    if status is None:
        status = screening_status(reading, units, "title_abstract", settings, problems=[], stops=False)
    left = set()
    for key, state, votes in zip(status["group_id"], status["state"], status["decisions"]):
        if state not in ("undecided", "awaiting") or any(not str(v).startswith("exclude") for v in votes.values()):
            continue
        key = str(key)
        stand_ins = sum(1 for who, urn in covers.items() if who not in votes and (urn is None or key in urn))
        if len(votes) + stand_ins >= need:
            left.add(key)
    return left


def prisma_check_lines(reading, units, settings=None, stopped: set | None = None) -> list:
    """Lines for ``prisma_checks.txt``: each stopping test, and the open conflicts at each stage.

    ``stopped``: :func:`left_after_stops`, when the caller has it already."""
    from .status import screening_status

    from .log import _standing

    keys = units["group_id"].astype(str).tolist()
    lines = []
    for stage in ("title_abstract", "full_text"):
        status = screening_status(reading, units, stage, settings, problems=[], stops=False)
        tests = logged_stopping_tests(reading, keys, stage, every=True)
        decided_by: dict = {}  # reviewer -> the records they decided at this stage
        for i, t in enumerate(tests):
            lines.append(t.summary() + (f" (sample drawn {t.timestamp[:10]})" if len(tests) > 1 and t.timestamp
                                        else ""))
            if t.reviewer not in decided_by:
                entries = [e for e in reading.entries if e.reviewer == t.reviewer and e.stage == stage
                           and not e.resolution]
                decided_by[t.reviewer] = {k for (_, k, _, _), st in _standing(entries).items() if st}
            decided = decided_by[t.reviewer]
            later = [t2 for t2 in tests[i + 1:] if t2.reviewer == t.reviewer]
            if t.may_stop:
                lines.append("  methods: " + t.methods_sentence())
                # "may stop" beside "N records await a decision" read as a contradiction: say what the stop leaves
                left = [k for k in keys if k not in decided and (t.covers is None or k in t.covers)]
                nobody = int(status["group_id"].isin(left).mul(status["state"] == "undecided").sum())
                # a later sample's urn holds what this stop left: "left 9" under "random sample 88 of 113" did not add
                # up, and beside the later stop's "left 37" read as 46 records left in all
                then = len(left) if t.left_at_next is None else t.left_at_next
                if then != len(left):
                    lines.append(f"  {t.reviewer} left {then} records unscreened after the stop; {then - len(left)} of "
                                 f"them were screened since (a later sample drew them, or by hand), {len(left)} are "
                                 f"still left ({nobody} screened by no one), counted under the later stop")
                elif left:
                    lines.append(f"  {t.reviewer} left {len(left)} records unscreened after the stop ({nobody} screened "
                                 f"by no one)")
            if t.covers is not None and not later:
                new = [k for k in keys if k not in t.covers and k not in decided]
                if new:
                    lines.append(f"  {len(new)} records came in after {t.reviewer}'s sample was drawn (a new search "
                                 f"round?): the test does not speak for them; {t.reviewer} screens them, then draws a "
                                 f"new random sample")
        if stage == "title_abstract":
            stopped = left_after_stops(reading, units, settings) if stopped is None else stopped
            if stopped:
                lines.append(f"  {len(stopped)} records not screened (in full) after the stopping tests are counted as "
                             f"marked ineligible by automation tools (records removed before screening"
                             f"{_in_latest_round(units, stopped)}); a record someone found relevant, or in conflict, "
                             f"still waits for a person")
        open_conflicts = int((status["state"] == "conflict").sum())
        resolved = int((status["state"] == "resolved").sum())
        if open_conflicts or resolved:
            lines.append(f"screening conflicts at {STAGE_LABELS.get(stage, stage)}: {open_conflicts} open, "
                         f"{resolved} resolved"
                         + ("; the open ones are not counted in the PRISMA numbers yet" if open_conflicts else ""))
    return lines


def _in_latest_round(units, keys) -> str:
    """How many of ``keys`` the diagram counts, when there are several search rounds: the diagram counts the latest
    round's records, these lines every round's (37 here beside 28 in the diagram's box read as a wrong count)."""
    from pathlib import Path

    from ..project import round_order

    if "search_round" not in units:
        return ""
    rounds = dict(zip(units["group_id"].astype(str), units["search_round"].fillna("").astype(str)))
    names = sorted({r for r in rounds.values() if r and r != "nan"}, key=lambda n: round_order(Path(n)))
    if len(names) < 2:
        return ""
    n = sum(1 for k in keys if rounds.get(str(k)) == names[-1])
    return (f"; {n} of them in the latest search round, {names[-1]}, which the diagram counts, the other "
            f"{len(keys) - n} in earlier rounds")


STOP_COLUMNS = ["stop_reviewer", "stop_target_recall", "stop_confidence", "stop_p_value", "stop_may_stop",
                "stop_screened", "stop_tests", "left_by_stop"]


def add_stop_columns(status, reading, units, stopped: set | None = None, settings=None):
    """``screening_status.csv``'s stopping columns: on every row of a stage with a logged stopping test, that
    test's reviewer, settings, p-value, verdict and records screened (a test that says stop is preferred,
    then the smallest p-value), and ``stop_tests``, every reviewer's test in a few words (with two reviewers,
    the others showed one stop and said nothing of whether the other reviewer may stop); empty at stages without
    one. ``left_by_stop`` is true on the title/abstract rows of the records the tests leave unscreened
    (:func:`left_after_stops`, computed here with ``settings`` when ``stopped`` is not given): the records PRISMA counts as marked
    ineligible by automation tools, which the ``state`` column still shows as undecided or awaiting."""
    import pandas as pd

    out = status.copy()
    for col in STOP_COLUMNS:
        out[col] = pd.Series([None] * len(out), index=out.index, dtype=object)
    keys = units["group_id"].astype(str).tolist()
    for stage in out["stage"].unique() if "stage" in out else []:
        tests = logged_stopping_tests(reading, keys, stage) if reading is not None else []
        if not tests:
            continue
        t = min(tests, key=lambda x: (not x.may_stop, x.p_value))
        rows = out["stage"] == stage
        every = "; ".join(f"{x.reviewer}: {'may stop' if x.may_stop else 'keep screening'} after {x.screened} "
                          f"({x.p_phrase(4)})" for x in tests)
        for col, value in zip(STOP_COLUMNS, [t.reviewer, t.target_recall, t.confidence, round(t.p_value, 6),
                                             t.may_stop, t.screened, every]):
            out.loc[rows, col] = value
    if stopped is None:
        stopped = left_after_stops(reading, units, settings) if reading is not None else set()
    stage = out["stage"] if "stage" in out else pd.Series("title_abstract", index=out.index)
    out["left_by_stop"] = (stage == "title_abstract") & out["group_id"].astype(str).isin(stopped)
    return out
