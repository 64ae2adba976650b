"""The screening widget: one record at a time, decided with a key press, logged before the next one shows.

Keyboard (click the widget first so it has the keyboard):

======================  ===============================================================
``i``                   include
``e`` or ``x``          exclude (at full text pick a reason first: ``1``-``9`` or the list)
``m``                   maybe
``j`` / ``→``           next record (of the chosen filter)
``k`` / ``←``           previous record (under ``undecided``: the one before, to check or change it)
``u``                   undo your last decision (logged as an ``undo`` line) and go back to it
``n``                   write a note (Enter saves it with the decision, Escape goes back)
``h``                   the history: search and filter past decisions, open one to change it
``Escape``              give the keyboard back to the notebook (its cell, in command mode)
======================  ===============================================================

While the widget has the keyboard no key reaches JupyterLab (``data-lm-suppress-shortcuts``, and every key
press stops there); it takes the keyboard when it appears and after each action, and says "click here to
screen" when it does not have it.

``order="prioritised"`` (title/abstract) shows likely includes first (:mod:`.prioritise`; a fixed random
order until there is one include and one exclude), ``"random"`` a fixed random order, ``"file"`` the unit
table's order. The side panel shows the eligibility criteria of the stage and the stopping panel: screened,
included, records since the last include, and the stopping test of :mod:`.stopping`, whose random sample
the widget draws and logs.

Every decision is appended to the reviewer's log and fsync-ed (see :mod:`synthesis.screening.log`) before
the widget moves on, so what the reviewer saw acknowledged is on disk. Title and abstract show the review's
inclusion keywords in green and exclusion keywords in red; every string from a record is HTML-escaped.

In blind mode (``settings.blind``) a reviewer sees only their own decisions; otherwise the others' decisions
are shown under the abstract and the ``conflicts`` filter lists disagreements. ``resolve=True`` logs the
decisions as resolutions (``resolution: true``) and starts on the conflicts.

Examples
--------
>>> import tempfile
>>> from synthesis.screening.units import make_unit_table
>>> units = make_unit_table([{"group_id": "g1", "title": "Co-design <b>apps</b>"}, {"group_id": "g2", "title": "Mice"}])
>>> w = ScreeningWidget(units, "Alice", folder=tempfile.mkdtemp())
>>> "Co-design &lt;b&gt;apps&lt;/b&gt;" in w.card
True
>>> w.handle({"action": "include"}); w.current_key
'g2'
>>> w.decision_log.current("g1").decision
'include'
>>> w.close()
"""
from __future__ import annotations

import dataclasses
import html
import re
import secrets
import warnings
from collections import Counter
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

import anywidget
import traitlets as t

from ..normalise import UNSPACED_CHAR
from ..project import round_order
from ..wording import counted
from ..widgets import widget_module
from .log import DecisionLog, ScreeningWarning, current_decisions, read_logs, rekey_joined
from .settings import (DECISIONS, NOT_RETRIEVED, STAGE_LABELS, STAGES, NoReviewerName, ScreeningSettings,
                       ScreeningError, load_screening_settings, team_member)
from .status import agreed_by_others, full_text_units, hidden_while_blind, vote_outcome, vote_text
from .units import apply_joined_groups
from .stopping import (RELEVANT, SAMPLE_EVENT, StoppingTest, latest_sample, logged_sample, sample_order,
                       sampled_prefix)

HERE = Path(__file__).resolve().parent
MAX_AUTHORS = 12


#: The hyphens a record's text may join a word with: Wiley's text (and the Cochrane Library's, Dimensions' and
#: EBSCOhost's copies of it) writes "co\u2010production" and "COVID\u201019" with the Unicode hyphen.
_ANY_HYPHEN = "[-\u2010\u2011]"


def keyword_regex(words) -> str:
    """A regex alternation for keywords; a trailing ``*`` matches any word ending (``co-produc*``), a hyphen any
    of the hyphens text is written with.

    >>> bool(re.search(keyword_regex(["co-production"]), "a co\u2010production model"))
    True
    >>> re.findall(keyword_regex(["糖尿病", "rat"]), "社区糖尿病患者 rats")
    ['糖尿病']
    """
    parts = []
    for w in sorted({str(w).strip() for w in words if str(w).strip()}, key=len, reverse=True):
        star = w.endswith("*")
        word = w.rstrip("*")
        core = re.escape(word).replace("\\-", _ANY_HYPHEN)
        # Chinese and Japanese have no spaces between words: a keyword in their script starts and ends anywhere
        before = "" if UNSPACED_CHAR.match(word[:1]) else r"(?<!\w)"
        after = r"\w*" if star else ("" if UNSPACED_CHAR.match(word[-1:]) else r"(?!\w)")
        parts.append(before + core + after)
    return "|".join(parts)


def doi_link(doi) -> str:
    """A DOI as a link to https://doi.org/ (percent-encoded in the address, escaped in the text).

    >>> doi_link("10.1002/(SICI)1097<x>")
    '<a class="syn-doi" href="https://doi.org/10.1002/(SICI)1097%3Cx%3E" target="_blank" rel="noopener noreferrer">doi:10.1002/(SICI)1097&lt;x&gt;</a>'
    """
    doi = str(doi).strip()
    href = "https://doi.org/" + quote(doi, safe="/:;()._-")
    return (f'<a class="syn-doi" href="{html.escape(href, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f"doi:{html.escape(doi)}</a>")


class Highlighter:
    """Escapes text and marks inclusion (``syn-kw-in``) and exclusion (``syn-kw-out``) keywords.

    >>> Highlighter(["trial"], ["mice"]).html("A <trial> in mice & men")
    'A &lt;<mark class="syn-kw-in">trial</mark>&gt; in <mark class="syn-kw-out">mice</mark> &amp; men'
    """

    def __init__(self, include=(), exclude=()):
        inc, exc = keyword_regex(include), keyword_regex(exclude)
        groups = ([f"(?P<inc>{inc})"] if inc else []) + ([f"(?P<exc>{exc})"] if exc else [])
        self.pattern = re.compile("|".join(groups), re.IGNORECASE) if groups else None

    def html(self, text) -> str:
        text = "" if text is None else str(text)
        if self.pattern is None:
            return html.escape(text)
        out, last = [], 0
        for m in self.pattern.finditer(text):
            if m.start() == m.end():
                continue
            out.append(html.escape(text[last:m.start()]))
            cls = "syn-kw-in" if m.lastgroup == "inc" else "syn-kw-out"
            out.append(f'<mark class="{cls}">{html.escape(m.group(0))}</mark>')
            last = m.end()
        out.append(html.escape(text[last:]))
        return "".join(out)


class _DecidedIn:
    """How many of a fixed set of records the reviewer has decided, kept up to date one decision at a time.

    The panel's counts (records a stop leaves, a new round's progress) were counted afresh on every key press, a
    scan of up to every record in scope: 1.6-2.2 ms a key press at 20,000 records once the stopping test said stop.
    """

    def __init__(self, keys, mine):
        self.keys = frozenset(keys)
        self.decided = sum(1 for k in self.keys if k in mine)

    @property
    def open(self) -> int:
        return len(self.keys) - self.decided

    def changed(self, key: str, was: bool, now: bool) -> None:
        if was != now and key in self.keys:
            self.decided += 1 if now else -1


class ScreeningWidget(anywidget.AnyWidget):
    """Screen the units of a review at one stage, as one reviewer.

    Parameters
    ----------
    units : DataFrame
        The unit table (see :mod:`synthesis.screening.units`).
    reviewer : str
        Who is screening; must be in the team list of ``settings``.
    stage : {"title_abstract", "full_text"}
    folder : path-like
        Where the logs are (``evidence/screening``); when ``settings`` is not given they are read from
        the ``[screening]`` table of the ``review.toml`` beside it (``evidence/review.toml``).
    settings : ScreeningSettings, optional
    order : list of keys, or callable, optional
        The order to show records in. A list is used as given (units missing from it follow in unit
        order). A callable is asked for the next record whenever the reviewer moves past the last one
        seen: it gets a read-only ``{key: decision}`` of this reviewer's standing decisions at this stage
        (in the order they were made; a live view, so copy it to keep it) and returns a key, or ``None``
        when it has nothing more (prioritised screening plugs in here).
    resolve : bool
        Log decisions as resolutions of conflicts (starts on the ``conflicts`` filter).
    scope : iterable of keys, optional
        The units to screen. Default: every unit at title/abstract; at full text, the units included at
        title/abstract (or already given a full-text decision).
    from_notebook : bool
        Opened from notebook 2's cell (as :func:`open_screening` opens it): the hints on opening the conflicts
        queue name the notebook's ``RESOLVE = True`` rather than this class's ``resolve=True``.
    """

    _esm = widget_module(HERE / "widget.js")
    _css = (HERE / "widget.css").read_text(encoding="utf-8")

    card = t.Unicode("").tag(sync=True)
    current_key = t.Unicode("").tag(sync=True)
    current_decision = t.Unicode("").tag(sync=True)
    reviewer = t.Unicode("").tag(sync=True)
    stage = t.Unicode("title_abstract").tag(sync=True)
    info = t.Unicode("").tag(sync=True)
    info_kind = t.Unicode("ok").tag(sync=True)
    problems = t.Unicode("").tag(sync=True)
    note = t.Unicode("").tag(sync=True)
    labels_text = t.Unicode("").tag(sync=True)
    reason = t.Unicode("").tag(sync=True)
    reasons = t.List(t.Unicode()).tag(sync=True)
    filter = t.Unicode("undecided").tag(sync=True)
    filter_options = t.List(t.Unicode()).tag(sync=True)
    #: what the history's search box says it searches (not authors, when blind_metadata hides them)
    history_hint = t.Unicode("search title, abstract, authors, notes").tag(sync=True)
    progress = t.Dict().tag(sync=True)
    seq = t.Int(0).tag(sync=True)
    panel = t.Dict().tag(sync=True)          # the stopping panel (see _panel)
    criteria = t.Unicode("").tag(sync=True)  # eligibility criteria of the stage, as escaped HTML
    banner = t.Unicode("").tag(sync=True)    # a standing warning (e.g. joining a stage others finished)
    history_html = t.Unicode("").tag(sync=True)
    history_count = t.Unicode("").tag(sync=True)
    history_reviewers = t.List(t.Unicode()).tag(sync=True)

    def __init__(self, units, reviewer: str, stage: str = "title_abstract", folder="evidence/screening",
                 settings: ScreeningSettings | None = None, order=None, resolve: bool = False, scope=None,
                 from_notebook: bool = False, **kwargs):
        if stage not in STAGES:
            raise ScreeningError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
        folder = Path(folder)
        if settings is None:
            settings = load_screening_settings(folder)
        self.settings = settings
        self.resolve = bool(resolve)
        # what the reviewer changes to open the conflicts queue: the card's hint and the blind banner said
        # ScreeningWidget(..., resolve=True) in a notebook whose first cell has RESOLVE = True (w46)
        self._resolve_how = (("RESOLVE = True", " in the first cell") if from_notebook
                             else ("ScreeningWidget(..., resolve=True)", ""))
        self.blind = settings.blind and not self.resolve
        self.folder = folder
        keys = units["group_id"].astype(str).tolist()
        self._units = units  # blind: the team's conflicts are counted once the team has screened (see _waiting_text)
        self._rows = dict(zip(keys, units.to_dict("records")))
        self._latest_round = None  # (name, keys in scope): see _round_progress; set once the scope is known
        self._round_tally = None   # _DecidedIn of the latest round's keys, made at the first count
        # decisions on a group that a "duplicate" verdict joined to another count for the joined group, as in
        # the build
        reading = read_logs(folder, settings, warn=False)
        self._joined = apply_joined_groups(reading, units)
        self.decision_log = DecisionLog(folder, reviewer, settings, keys=keys, joined=self._joined)
        if self.resolve and settings.blind:
            self._blind_queue_check(reading, units, stage)
        if self.blind and stage == "full_text" and scope is None:
            self._blind_full_text_check(reading, units)
        self.prioritiser = None
        self._background = kwargs.pop("background", True)
        self.order_name = order if isinstance(order, str) else ("custom" if order is not None else "file")
        self._order_why = ""  # why the order shown is not the one asked for (the panel says it)
        try:
            self._setup(units, keys, stage, order, scope, reading, **kwargs)
        except Exception:
            self.decision_log.close()
            raise

    def _blind_queue_check(self, reading, units, stage: str) -> None:
        """Screening blind, the conflicts queue shows the others' decisions side by side: a reviewer who screens
        this stage may open it only once the team has screened every record at it (someone who screens no record
        there, a third person resolving, may open it any time)."""
        from .status import hidden_while_blind

        me = self.decision_log.reviewer
        if any(e.reviewer == me and e.stage == stage and not e.resolution for e in reading.entries):
            hidden = hidden_while_blind(reading, units, stage, self.settings)
            if hidden:
                self.decision_log.close()
                raise ScreeningError(f"the conflicts queue shows the other reviewers' decisions, and you screen this "
                                     f"stage blind: it opens for you once the team has screened every record at "
                                     f"{STAGE_LABELS.get(stage, stage)} (until then a reviewer who does not screen "
                                     f"it can resolve conflicts)")

    def _blind_full_text_check(self, reading, units) -> None:
        """The full-text list is the team's title/abstract inclusions (PRISMA's reports sought): opened while the
        team is still screening titles blind, it showed a reviewer of that stage which of their includes the
        others had agreed on (and, by what was missing, where they differed). It opens for them once the team has
        screened every record at title/abstract; someone who screens no title there may start any time."""
        from .status import hidden_while_blind

        me = self.decision_log.reviewer
        if any(e.reviewer == me and e.stage == "title_abstract" and not e.resolution for e in reading.entries):
            if hidden_while_blind(reading, units, "title_abstract", self.settings):
                self.decision_log.close()
                # the sentence "Where the team stands" and `synthesis screening status` say below it, then what
                # it means for the list
                hidden = hidden_while_blind(reading, units, "full_text", self.settings)
                raise ScreeningError(f"{hidden} The full-text list opens for you then (someone who screened no "
                                     f"title may start now).")

    def _setup(self, units, keys, stage, order, scope, reading, **kwargs) -> None:
        settings = self.settings
        self._highlight = Highlighter(settings.include_keywords, settings.exclude_keywords)
        if scope is None:
            scope = keys if stage == "title_abstract" else full_text_units(units, reading.entries, settings)["group_id"]
        self._scope = [str(k) for k in scope]
        scope_set = set(self._scope)
        unknown = [k for k in scope_set if k not in self._rows]
        if unknown:
            raise ScreeningError(f"{len(unknown)} key(s) to screen are not in the unit table, e.g. {unknown[0]!r}")
        if isinstance(order, str):
            order = self._named_order(order, units, stage)
        self._order_fn = order if callable(order) else None
        if self._order_fn is not None:
            self._seq = []
        elif order is not None:
            given = list(dict.fromkeys(str(k) for k in order))  # a key listed twice is shown once
            missing = [k for k in given if k not in scope_set]
            if missing:
                raise ScreeningError(f"the order names {len(missing)} record(s) not in scope, e.g. {missing[0]!r}")
            seen = set(given)
            self._seq = given + [k for k in self._scope if k not in seen]
        else:
            self._seq = list(self._scope)
        self._in_seq = set(self._seq)
        self._scope_set = scope_set
        rounds = {k: str(self._rows[k].get("search_round") or "") for k in self._scope}
        # the project's order of round folders (numbers by value: "update10" after "update2"), as the build's
        names = sorted(set(rounds.values()) - {"", "nan"}, key=lambda name: round_order(Path(name)))
        if len(names) > 1:
            self._latest_round = (names[-1], frozenset(k for k, r in rounds.items() if r == names[-1]))
        self._pos = -1
        self._undo_stack: list = []
        super().__init__(reviewer=self.decision_log.reviewer, stage=stage, reasons=settings.all_reasons
                         if stage == "full_text" else [], **kwargs)
        problems = reading.problems + [p for p in self.decision_log.problems if p not in reading.problems]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScreeningWarning)  # warned once below, with the others
            current_decisions(reading.entries, keys=keys, problems=problems)  # decisions for vanished records
        self._load_others(reading)
        # in the order they were made (the stopping panel counts records since the last include)
        self._mine = dict(sorted(((k, d) for k, d in self.decision_log.standing(stage, self.resolve).items()
                                  if k in scope_set), key=lambda kv: kv[1].timestamp))
        self._counts = Counter(d.decision for d in self._mine.values())
        # {key: decision} in the order of _mine, for the order callable: kept with _mine (see _mine_changed), not
        # built afresh from every decision on each key press
        self._decided = {k: d.decision for k, d in self._mine.items()}
        # the panel's runs (records since the last include, excludes in a row), kept while decisions are only
        # appended: {decisions: (version, run)}, stale once _version moves on otherwise (see _decided_since)
        self._runs: dict = {}
        self._version = 0
        self._confirm = None
        self._blind_agreed_ack = False  # blind: the one question about records others agreed on was answered
        self._sample = None
        self._agreed_others = self._agreed_by_others(reading)
        # blind, on a stage the team has screened: its numbers show under "Where the team stands" below the widget
        # (and in `synthesis screening status`), so the banner must not say they are kept from the reviewer
        self._team_screened = bool(self.blind and self._agreed_others
                                   and not hidden_while_blind(reading, units, stage, self.settings))
        self._earlier_sample = None  # a sample that records come in after (a new round) no longer leads
        event = None if self.resolve else latest_sample(reading, self.decision_log.reviewer, stage)
        if event is not None:
            self._resume_sample(reading, event)
        lines = settings.criteria_for(stage)
        if lines:
            self.criteria = "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>"
        self.history_reviewers = ([self.decision_log.reviewer] if self.blind else
                                  sorted({e.reviewer for e in reading.entries if e.stage == stage}
                                         | {self.decision_log.reviewer}))
        self._reading_at_open = reading
        self._team_tally = None  # blind: the team's votes, once it has screened the stage (see _blind_banner)
        self._joining_banner()
        self._reading_at_open = None  # (not kept: the logs as read when the widget opened)
        if problems:
            for p in problems:
                warnings.warn(str(p), ScreeningWarning, stacklevel=2)
            shown = "\n".join(str(p) for p in problems[:5])
            more = f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
            self.problems = f"Problems in the decision logs (skipped, nothing else affected):\n{shown}{more}"
        self.filter_options = self._filter_options()
        if self._metadata_hidden():  # the search does not look at them either: a name must not find its papers
            self.history_hint = "search title, abstract, notes"
        self.filter = "conflicts" if self.resolve else "undecided"
        self.on_msg(self._on_msg)
        self.observe(self._on_filter, names="filter")
        self._show(self._next_open(0) if self.resolve else self._find(0, +1), "")

    # ------------------------------------------------------------------ order and stopping
    def _named_order(self, name: str, units, stage: str):
        """``"prioritised"``, ``"random"`` or ``"file"`` as an order the widget can use."""
        if name == "file":
            return None
        in_scope = units[units["group_id"].astype(str).isin(set(self._scope))]
        if name == "random":
            return [self._scope[i] for i in __import__("numpy").random.RandomState(42).permutation(len(self._scope))]
        if name in ("prioritised", "prioritized"):
            self.order_name = "prioritised"
            if stage != "title_abstract" or self.resolve:
                self.order_name = "file"
                # the panel said "order: file" under ORDER = "prioritised", and nothing said why
                self._order_why = "every report is read at full text"
                return None  # full text: few records, all of them read; conflicts: their own queue
            from .ordering import PrioritisedOrder

            # features built and the model retrained in background threads: no key press waits for them
            self.prioritiser = PrioritisedOrder(in_scope, seed=42, background=self._background,
                                                on_ready=lambda: setattr(self, "panel", self._panel()))
            return self.prioritiser
        raise ScreeningError(f"unknown order {name!r}: use 'prioritised', 'random' or 'file' (or a list of keys)")

    def _resume_sample(self, reading, event) -> None:
        """The reviewer's logged sample, as it was left. Records in scope that came in after it was drawn (a new
        search round) are not in its urn: while any of them is unscreened, the sample no longer leads; the
        prioritised order does, and the panel offers a new sample once includes are rare again."""
        sample = logged_sample(reading, event, self._scope)
        total = sample.total
        came_in = [k for k in self._scope if k not in sample.urn and k not in sample.decided_before]
        args = (int(event.data.get("seed", 0)), sample.order, total - sample.size,
                int(event.data.get("relevant_before", 0)), total)
        if sample.logged and any(k not in self._mine for k in came_in):
            n, k = sampled_prefix(sample.order, self._mine)
            test = StoppingTest(total, args[2], args[3], n, k, float(event.data.get("target_recall", 0.95)),
                                float(event.data.get("confidence", 0.95)))
            self._earlier_sample = {"came_in": frozenset(came_in), "before": frozenset(sample.order[:n]) |
                                    sample.decided_before, "may_stop": test.may_stop, "when": event.timestamp[:10],
                                    # what the panel counts on each key press, kept up to date (see _mine_changed)
                                    "open": _DecidedIn(came_in, self._mine),
                                    "rest": _DecidedIn(self._scope_set.difference(came_in), self._mine)}
            if self._order_fn is None:  # a list order: the new records first (the prioritised order ranks them)
                fresh = self._earlier_sample["came_in"]
                self._seq = [k for k in self._seq if k in fresh] + [k for k in self._seq if k not in fresh]
            return
        self._use_sample(*args)

    def _use_sample(self, seed: int, order: list, screened_before: int, relevant_before: int, total: int) -> None:
        """Show the stopping test's random sample next: ``order``, the urn in the order its seed fixes."""
        in_urn = set(order)
        before = [k for k in self._seq if k not in in_urn]
        # the order the sample interrupts, taken up again once the test says stop (see _after_stop)
        self._sample = {"seed": seed, "order": order, "screened_before": screened_before,
                        "relevant_before": relevant_before, "total": total, "stopped": False,
                        "interrupted": (list(self._seq), self._order_fn),
                        # kept up to date one decision at a time (see _mine_changed): the records of the sample
                        # still open, its decided prefix (n, k) (None: count it again) and the test of that prefix
                        "open": _DecidedIn(order, self._mine), "prefix": None, "test": None}
        self._seq = before + order
        self._in_seq = set(self._seq)
        self._order_fn = None
        self._after_stop()

    def _waiting_for_me(self) -> list:
        """Records other reviewers found relevant (include or maybe) that wait for this reviewer's decision: no
        stop leaves them (a person must decide them), so they come first once the test says stop."""
        need = self.settings.reviewers_per_record
        return [k for k in self._scope if k not in self._mine and k not in self._resolved and k in self._others
                and len(self._others[k]) < need
                and any(str(v).split(":")[0] in RELEVANT for v in self._others[k].values())]

    def _after_stop(self) -> None:
        """Once the test says stop, the random sample no longer leads (its order was kept to the end, while what is
        left of the urn is the stop's to leave): the records other reviewers found relevant that wait for this
        reviewer come first, then the order the sample interrupted (the prioritised order ranks what is left)."""
        sample = self._sample
        if sample is None:
            return
        stop = self.stopping_test().may_stop
        if stop == sample["stopped"]:
            return
        sample["stopped"] = stop
        shown = self._seq[:self._pos + 1]
        if stop:
            first = [k for k in self._waiting_for_me() if k not in set(shown)]
            seq, order_fn = sample["interrupted"]
            head = set(shown) | set(first)
            self._seq = shown + first + [k for k in seq if k not in head]
            self._order_fn = order_fn
        else:  # an undo or a changed decision took the stop back: the sample leads again, in its order
            head = [k for k in shown if k in self._mine]
            rest = [k for k in sample["order"] if k not in set(head)]
            self._seq = head + rest + [k for k in shown if k not in set(head) | set(rest)]
            self._order_fn = None
        self._in_seq = set(self._seq)
        if self.current_key in self._in_seq:  # "next" goes on from the record shown, wherever it now stands
            self._pos = self._seq.index(self.current_key)

    def _start_sample(self) -> None:
        if self.resolve:
            raise ScreeningError("the stopping test belongs to screening, not to resolving conflicts")
        if self.stage != "title_abstract":
            raise ScreeningError("the stopping test belongs to title/abstract screening; at full text every record "
                                 "that passed is read")
        if self._sample is not None:
            raise ScreeningError("the random sample is already drawn: screen its records (they come next)")
        urn = [k for k in self._scope if k not in self._mine]
        if not urn:
            raise ScreeningError("every record is screened: there is nothing left to sample")
        in_a_row, after = self._decided_since(RELEVANT), self.settings.sample_after
        if in_a_row < after:
            raise ScreeningError(f"the random sample is drawn once {after} records in a row were excluded (now "
                                 f"{in_a_row}): drawn earlier, the test stops short of the target more often. Keep "
                                 f"screening (or lower sample_after in the [screening] table of evidence/review.toml)")
        relevant = sum(d.decision in RELEVANT for d in self._mine.values())
        seed = secrets.randbelow(2 ** 31)
        # the urn itself is logged: a later search round adds records the test does not speak for
        self.decision_log.record_event(SAMPLE_EVENT, self.stage, seed=seed, total=len(self._scope),
                                       screened_before=len(self._mine), relevant_before=relevant,
                                       target_recall=self.settings.target_recall,
                                       confidence=self.settings.confidence, urn=sorted(urn))
        self._earlier_sample = None
        self._version += 1  # the runs no longer skip the earlier sample's records
        self._use_sample(seed, sample_order(urn, seed), len(self._mine), relevant, len(self._scope))
        with self.hold_sync():
            self.unobserve(self._on_filter, names="filter")
            self.filter = "undecided"
            self.observe(self._on_filter, names="filter")
            # the sample's first record (or, when the test says stop before any, what comes after a stop)
            start = self._pos + 1 if self._sample["stopped"] else len(self._seq) - len(urn)
            self._show(self._find(start, +1),
                       f"random sample drawn (seed {seed}, logged): screen its records until the test says stop")

    def _decided_since(self, decisions) -> int:
        """How many of this reviewer's latest decisions came since the last one of ``decisions``: since the last
        include (the panel's count), or the excludes in a row (``RELEVANT``: an include or a maybe ends them)."""
        # after a new round: the excludes in a row before the earlier sample, and its own, do not count again
        earlier = self._earlier_sample["before"] if self._earlier_sample and decisions == RELEVANT else ()
        version = self._version
        kept = self._runs.get(decisions)
        if kept is not None and kept[0] == version:
            return kept[1]  # walked back over every decision since the last include on each key press before
        run = 0
        for key, d in reversed(self._mine.items()):
            if key in earlier:
                continue
            if d.decision in decisions:
                break
            run += 1
        self._runs[decisions] = (version, run)  # (a stale version if a decision came meanwhile: counted again)
        return run

    def stopping_test(self) -> StoppingTest | None:
        """The stopping test as it stands (``None`` before the random sample is drawn)."""
        if self._sample is None:
            return None
        sample = self._sample
        order = sample["order"]
        if sample["prefix"] is None:
            n, k = sampled_prefix(order, self._mine)
        else:  # only new decisions since: the decided run at the sample's start can only have grown
            n, k = sample["prefix"]
            while n < len(order) and order[n] in self._mine:
                k += self._mine[order[n]].decision in RELEVANT
                n += 1
        sample["prefix"] = (n, k)
        cached = sample["test"]
        if cached is not None and (cached.sample_size, cached.relevant_in_sample) == (n, k):
            return cached  # asked three times a key press: its p-value is computed once
        sample["test"] = StoppingTest(total=sample["total"], screened_before=sample["screened_before"],
                                      relevant_before=sample["relevant_before"], sample_size=n, relevant_in_sample=k,
                                      target_recall=self.settings.target_recall, confidence=self.settings.confidence,
                                      reviewer=self.decision_log.reviewer, stage=self.stage, seed=sample["seed"])
        return sample["test"]

    def _mine_changed(self, key: str, was: bool, old=None) -> None:
        """Bring the counts kept for the panel up to date after my decision on ``key`` changed (``was``: decided
        before; ``old``: the decision it replaced)."""
        now = key in self._mine
        self._decided.pop(key, None)  # re-inserted at the end, as in _mine
        version, self._version = self._version, self._version + 1
        if now and not was:  # a new decision at the end: each run kept goes on or starts again
            earlier = self._earlier_sample["before"] if self._earlier_sample else ()
            decision = self._mine[key].decision
            for decisions, (v, run) in list(self._runs.items()):
                if v == version:
                    skip = decisions == RELEVANT and key in earlier
                    self._runs[decisions] = (self._version, run if skip else 0 if decision in decisions else run + 1)
        if now:
            self._decided[key] = self._mine[key].decision
        tallies = [self._round_tally]
        if self._sample is not None:
            tallies.append(self._sample["open"])
            new = self._mine.get(key)
            if was and key in self._sample["open"].keys and (
                    not now or (old.decision in RELEVANT) != (new.decision in RELEVANT)):
                self._sample["prefix"] = None  # undone or changed inside the urn: the run is counted again
        if self._earlier_sample is not None:
            tallies += [self._earlier_sample["open"], self._earlier_sample["rest"]]
        for tally in tallies:
            if tally is not None:
                tally.changed(key, was, now)

    def _panel(self) -> dict:
        if self.resolve:
            return {}  # resolving conflicts: no screening order, nothing to stop
        since = self._decided_since(("include",))
        out = {"order": self.order_name, "order_why": self._order_why, "screened": len(self._mine),
               "total": len(self._scope),
               "included": self._counts["include"], "maybe": self._counts["maybe"], "since_last_include": since,
               "model_ready": bool(self.prioritiser is not None and self.prioritiser.model_ready),
               # back at a screening that already has an include and an exclude: the model is trained at the
               # next decision, so the order is no longer random from there on
               "ranked_from_next": bool(self.prioritiser is not None and not self.prioritiser.model_ready
                                        and self._counts["include"] and self._counts["exclude"]),
               "features_ready": bool(self.prioritiser is None or getattr(self.prioritiser, "ready", True)),
               "target": self.settings.target_recall, "confidence": self.settings.confidence,
               # the stopping test is for title/abstract screening in a prioritised order; at full text every
               # record that passed is read, so there is nothing to stop early
               "stage": self.stage,
               "can_sample": False, "sample_later": False, "sample_after": self.settings.sample_after,
               "excluded_in_a_row": self._decided_since(RELEVANT), "sample": None, "earlier": None}
        if self._earlier_sample is not None:
            e = self._earlier_sample
            out["earlier"] = {"when": e["when"], "may_stop": e["may_stop"], "came_in": len(e["came_in"]),
                              "open": e["open"].open}
        settled = bool(out["earlier"] and out["earlier"]["may_stop"] and not out["earlier"]["open"])
        if not self.resolve and self.stage == "title_abstract" and self._sample is None \
                and len(self._mine) < len(self._scope) and not settled:
            # offered once includes have become rare (see ScreeningSettings.sample_after), said beforehand
            ready = out["excluded_in_a_row"] >= self.settings.sample_after
            out["can_sample"], out["sample_later"] = ready, not ready
            # a screening with fewer records left than the run still needed never reaches the sample: said so (a
            # reviewer of 43 records read "offered after 100 records in a row excluded (now 0)" to the end)
            left = max(len(self._scope) - len(self._mine), 0)  # as the progress line counts them
            out["left"] = left
            out["sample_never"] = not ready and out["excluded_in_a_row"] + left < self.settings.sample_after
        test = self.stopping_test()
        if test is not None:
            out["sample"] = {"n": test.sample_size, "k": test.relevant_in_sample, "urn": test.urn,
                             "p": test.p_value, "p_text": test.p_text(4), "p_phrase": test.p_phrase(4), "may_stop": test.may_stop, "k_tar": test.k_tar,
                             "sentence": test.methods_sentence() if test.may_stop else ""}
        return out

    # ------------------------------------------------------------------ joining a finished stage
    def _agreed_by_others(self, reading) -> dict:
        """``{key: (outcome, [reviewers])}``: records enough *other* reviewers agreed on, unresolved."""
        me = self.decision_log.reviewer
        need = self.settings.reviewers_per_record
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScreeningWarning)
            cur = current_decisions(reading.entries, keys=self._rows.keys())
        cur = cur[(cur["stage"] == self.stage)]
        resolved = set(cur.loc[cur["resolution"].astype(bool), "key"])
        votes: dict = {}
        for row in cur[~cur["resolution"].astype(bool) & (cur["reviewer"] != me)].itertuples(index=False):
            outcome = row.decision + (f": {row.reason}" if row.reason and self.stage == "full_text" else "")
            votes.setdefault(row.key, []).append((row.reviewer, outcome))
        out = {}
        for key, vs in votes.items():
            if key in resolved or key not in self._scope_set or len(vs) < need or len({o for _, o in vs}) > 1:
                continue
            out[key] = (vs[0][1], sorted(r for r, _ in vs))
        return out

    def _joining_banner(self) -> None:
        if self.resolve:
            self.banner = (f"Conflicts queue, resolving as {self.decision_log.reviewer}: the reviewers' decisions are "
                           "side by side; i / e / m logs your resolution under your name. The records you resolved "
                           "stay in the queue with your resolution, so that you can change it. The PRISMA counts use "
                           "resolved decisions.")
            return
        if self.blind:
            self._blind_banner(self._reading_at_open)
            return
        waiting = [k for k in self._agreed_others if k not in self._mine]
        if not waiting or self.resolve:
            return
        others = sorted({r for _, rs in self._agreed_others.values() for r in rs})
        self.banner = (f"{counted(len(waiting), 'record')} at this stage {'is' if len(waiting) == 1 else 'are'} "
                       "already "
                       f"{agreed_by_others(self.settings.reviewers_per_record)} ({', '.join(others)}). "
                       "If your decision on one of them differs, it becomes a conflict and leaves the PRISMA counts "
                       "until it is resolved: the widget asks before logging such a decision.")

    def _blind_banner(self, reading=None) -> None:
        """The blind reviewer's banner: the conflicts waiting once the team has screened the stage and this
        reviewer has nothing left to screen; else what it says while they screen (a count would tell a reviewer
        with records left how their decisions fall). Whether the team has screened is looked up (in ``reading``, or
        the logs read afresh) when the widget opens and when the reviewer decides their last record, not on every
        key press after (reading every log took 2 s a key press at 20,000 records); once it has, the count moves
        with my decisions (see :meth:`_after_my_change`)."""
        done = bool(self._scope) and len(self._mine) >= len(self._scope)
        if done and self._team_tally is None:
            if reading is None:
                reading = rekey_joined(read_logs(self.folder, self.settings, warn=False), self._joined)
            if not hidden_while_blind(reading, self._units, self.stage, self.settings):
                self._tally_team(reading)
        if done and self._team_tally is not None:
            self.banner = self._waiting_text()
        else:
            self.banner = (self._screened_blind_text() if self._team_screened else
                           self._blind_agreed_text() if self._agreed_others else "")

    def _tally_team(self, reading) -> dict:
        """The others' votes and the resolutions at this stage, kept (never shown) once the team has screened it,
        to count the conflicts: ``{"others": {key: {outcome}}, "resolved": {key}, "conflicts": {key}}``."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScreeningWarning)  # reported when the widget opened
            cur = current_decisions(reading.entries, keys=self._rows.keys())
        cur = cur[(cur["stage"] == self.stage) & cur["key"].isin(self._scope_set)]
        me = self.decision_log.reviewer
        tally = {"others": {}, "resolved": set(cur.loc[cur["resolution"].astype(bool), "key"]), "conflicts": set()}
        for row in cur[~cur["resolution"].astype(bool) & (cur["reviewer"] != me)].itertuples(index=False):
            tally["others"].setdefault(row.key, set()).add(vote_outcome(row, self.stage))
        self._team_tally = tally
        for key in set(tally["others"]) | set(self._mine):
            self._tally_conflict(key)
        return tally

    def _tally_conflict(self, key: str) -> None:
        """Whether ``key`` is an open conflict, with my decision as it stands now."""
        tally = self._team_tally
        outcomes = set(tally["others"].get(key, ()))
        if key in self._mine:
            outcomes.add(vote_outcome(self._mine[key], self.stage))
        if len(outcomes) > 1 and key not in tally["resolved"]:
            tally["conflicts"].add(key)
        else:
            tally["conflicts"].discard(key)

    def _waiting_text(self) -> str:
        """How many conflicts wait, for a blind reviewer done with a stage the team has screened (its numbers are
        out: "Where the team stands" shows them); Ana's widget said "every record decided by you" and nothing of
        the 9 conflicts (w42)."""
        open_, resolved = len(self._team_tally["conflicts"]), len(self._team_tally["resolved"])
        head = ("The team has screened every record at this stage (its numbers are under \u201cWhere the team "
                "stands\u201d below): ")
        if open_:
            return (head + f"{counted(open_, 'conflict')} between reviewers "
                    f"{'waits' if open_ == 1 else 'wait'} for resolution"
                    + (f" ({resolved} resolved)" if resolved else "")
                    + ". A reviewer not party to them usually resolves them: "
                    + "".join(self._resolve_how) + " opens the conflicts queue.")
        return head + ("no conflict between reviewers waits" + (f" ({resolved} resolved)." if resolved else "."))

    def _screened_blind_text(self) -> str:
        """What a blind reviewer joining a stage the team has screened is told: the team's numbers are out (the
        notebook shows them below), but the widget still shows no one else's decision on a record."""
        return ("The team has screened every record at this stage: its numbers are under \u201cWhere the team "
                "stands\u201d below. Screening is blind all the same: the widget shows no one else's decision on a "
                "record. Where yours differs from one the others agreed on, the record becomes a conflict and leaves "
                "the PRISMA counts until it is resolved.")

    def _blind_agreed_text(self) -> str:
        """What a blind reviewer is told of records others agreed on: that there are some, and what a different
        decision does; not how many, which, by whom or how (each would tell what the others decided)."""
        return ("Other reviewers have already agreed on some records at this stage. Screening is blind: you are not "
                "told which, how many, by whom or how. Where your decision on one of them differs, it becomes a "
                "conflict and leaves the PRISMA counts until it is resolved.")

    # ------------------------------------------------------------------ state
    def _load_others(self, reading=None) -> None:
        """Other reviewers' standing decisions (not loaded at all in blind mode)."""
        self._others: dict = {}
        self._other_entries: dict = {}  # key -> {reviewer: Decision} (votes of the others; resolutions too)
        self._other_labels: dict = {}
        self._resolved: set = set()
        self._labels: set = set()
        if self.blind:
            # only my own decisions; my resolutions of conflicts are mine too (the history shows them)
            me = self.decision_log.reviewer
            for key, d in self.decision_log.standing(self.stage, resolution=True).items():
                if key in self._rows:
                    self._resolved.add(key)
                    self._other_entries.setdefault(key, {})[f"resolved by {me}"] = d
            return
        reading = reading or rekey_joined(read_logs(self.folder, self.settings, warn=False), self._joined)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScreeningWarning)  # reported when the widget opened
            cur = current_decisions(reading.entries, keys=self._rows.keys())
        cur = cur[cur["stage"] == self.stage]
        for row in cur.itertuples(index=False):
            self._labels.update(row.labels)
            if row.labels and row.reviewer != self.decision_log.reviewer:
                self._other_labels.setdefault(row.key, set()).update(row.labels)
            if row.resolution:
                if not (self.resolve and row.reviewer == self.decision_log.reviewer):  # mine: _mine, kept current
                    self._resolved.add(row.key)
                    self._other_entries.setdefault(row.key, {})[f"resolved by {row.reviewer}"] = row
            elif row.reviewer != self.decision_log.reviewer or self.resolve:
                shown = f"{row.decision}: {row.reason}" if row.reason else row.decision
                self._others.setdefault(row.key, {})[row.reviewer] = shown
                self._other_entries.setdefault(row.key, {})[row.reviewer] = row

    def refresh(self) -> None:
        """Re-read the other reviewers' logs (they may have screened since the widget opened)."""
        self._load_others()
        if self.blind:  # the others may have finished the stage meanwhile: the banner's count is looked up again
            self._team_tally = None
            self._blind_banner()
        self.filter_options = self._filter_options()
        # with no record shown (every one decided) _pos is past the end: refresh() raised an IndexError there
        self._show(self._pos if self.current_key else None,
                   "refreshed your decisions from the logs (screening blind: the others' stay hidden)"
                   if self.blind else "refreshed the other reviewers' decisions")

    def _filter_options(self) -> list:
        opts = ["undecided", "all", "decided", "include", "exclude", "maybe"]
        if not self.blind:
            opts.append("conflicts")
        labels = set(self._labels) | {lab for d in self.decision_log.standing(self.stage, self.resolve).values()
                                      for lab in d.labels}
        return opts + [f"label: {lab}" for lab in sorted(labels)]

    def _outcome(self, d) -> str:
        # a report not retrieved says why ("exclude: not retrieved (paywall)"), as the status table does
        return vote_text(d, d.stage)

    def _matches(self, key: str) -> bool:
        f = self.filter
        mine = self._mine.get(key)
        if f == "undecided":
            return mine is None
        if f == "all":
            return True
        if f == "decided":
            return mine is not None
        if f in DECISIONS:
            return mine is not None and mine.decision == f
        if f == "conflicts":
            return self._is_conflict(key)
        if f.startswith("label: "):
            lab = f[len("label: "):]
            return (mine is not None and lab in mine.labels) or lab in self._labels_of(key)
        return True

    def _labels_of(self, key) -> set:
        """Labels other reviewers gave the record (none in blind mode); own labels are in ``_mine``."""
        return self._other_labels.get(key, set())

    def _extend(self) -> bool:
        """Ask the order callable for one more record; False when it has none."""
        if self._order_fn is None:
            return False
        for _ in range(3):
            key = self._order_fn(MappingProxyType(self._decided))
            if key is None:
                return False
            key = str(key)
            if key not in self._scope_set:
                raise ScreeningError(f"the screening order returned {key!r}, which is not a record in scope")
            if self._offer(key):
                return True
        return False

    def _offer_earlier_decisions(self) -> bool:
        """Put the records I decided before this session in front of it, in the order I decided them (the last
        just before the first record of this session); False when there were none. An order that offers
        undecided records only (prioritised) never put them in the sequence: reopened with every record
        decided, the card said "go back with k / ←" and k said "this is the first record of this filter" (w54)."""
        earlier = sorted((k for k in self._mine if k in self._scope_set and k not in self._in_seq),
                         key=lambda k: self._mine[k].timestamp)
        if not earlier:
            return False
        self._seq[:0] = earlier
        self._in_seq.update(earlier)
        self._pos += len(earlier)
        return True

    def _offer(self, key: str) -> bool:
        """Add a record to the end of this session's sequence; False when it is in it already."""
        if key in self._in_seq:
            return False
        self._seq.append(key)
        self._in_seq.add(key)
        return True

    def _find(self, start: int, step: int):
        i = max(start, 0) if step > 0 else start
        # Going back under "undecided" means "the record before", to check or change a decision just made.
        back_any = step < 0 and self.filter == "undecided"
        while i >= 0:
            if i >= len(self._seq) and not self._extend():
                return None
            if back_any or self._matches(self._seq[i]):
                return i
            i += step
        return None

    # ------------------------------------------------------------------ rendering
    def _card_html(self, key: str) -> str:
        row = self._rows[key]
        h = self._highlight
        authors = list(row.get("authors") or [])
        shown = "; ".join(html.escape(a) for a in authors[:MAX_AUTHORS])
        if len(authors) > MAX_AUTHORS:
            shown += f" … ({len(authors)} authors)"
        year = row.get("year")
        meta = [shown or "<i>no authors</i>", html.escape(str(year)) if year is not None and str(year) not in
                ("", "<NA>", "nan") else "n.d."]
        if row.get("journal"):
            meta.append(f"<i>{html.escape(row['journal'])}</i>")
        if row.get("doi"):
            meta.append(doi_link(row["doi"]))
        if self._metadata_hidden():
            meta = ["<i>authors, journal, year and DOI hidden (blinded screening)</i>"]
        abstract = row.get("abstract") or ""
        parts = [f'<div class="syn-rec" data-key="{html.escape(key, quote=True)}">',
                 f"<h3>{h.html(row.get('title') or '(no title)')}</h3>",
                 f'<div class="syn-meta">{" · ".join(meta)}</div>',
                 f'<div class="syn-abstract">{h.html(abstract) if abstract else "<i>no abstract</i>"}</div>']
        mine = self._mine.get(key)
        # a conflict's votes are in its side-by-side box; as tags too, each showed twice
        side_by_side = not self.blind and self._is_conflict(key)
        tags = []
        if mine is not None:
            if not side_by_side or self.resolve:  # resolving, "you" is the resolution: the box has the votes
                tags.append(f'<span class="syn-tag">you: {html.escape(self._outcome(mine))}</span>')
            tags += [f'<span class="syn-tag">#{html.escape(lab)}</span>' for lab in mine.labels]
        if not self.blind:
            if not side_by_side:
                tags += [f'<span class="syn-tag">{html.escape(r)}: {html.escape(d)}</span>'
                         for r, d in sorted(self._others.get(key, {}).items())]
            if self._is_resolved(key):
                tags.append('<span class="syn-tag">resolved</span>')
        if tags:
            parts.append(f'<div class="syn-others">{" ".join(tags)}</div>')
        if side_by_side:
            parts.append(self._side_by_side(key))
        parts.append("</div>")
        return "".join(parts)

    def _metadata_hidden(self) -> bool:
        """Whether authors, journal, year and DOI are hidden from the reviewer (``blind_metadata``, title/abstract)."""
        return bool(self.settings.blind_metadata) and self.stage == "title_abstract"

    def _is_resolved(self, key) -> bool:
        """Whether a resolution stands on ``key``: another resolver's, or (resolving) mine, made this session or
        earlier (the history's "resolved" filter said 0 after five resolutions made in the open queue)."""
        return key in self._resolved or (self.resolve and key in self._mine)

    def _votes(self, key) -> dict:
        """Every reviewer's standing vote on a record (mine included, unless resolving): {reviewer: Decision}."""
        votes = {r: d for r, d in self._other_entries.get(key, {}).items() if not r.startswith("resolved by ")}
        mine = self._mine.get(key)
        if mine is not None and not self.resolve:
            votes[self.decision_log.reviewer] = mine
        return votes

    def _is_conflict(self, key) -> bool:
        """Whether the reviewers disagree on ``key`` (at full text, an exclusion's reason too: as the status table
        and the PRISMA counts compare votes, :func:`~synthesis.screening.status.vote_outcome`); in the conflicts
        queue, whether the queue holds it: open, or resolved by me (it stays so that I can change my resolution),
        not one that another resolver settled."""
        if self.resolve and key in self._resolved and key not in self._mine:
            return False
        return len({vote_outcome(d, self.stage) for d in self._votes(key).values()}) > 1

    def _side_by_side(self, key) -> str:
        """The reviewers' decisions on a conflict, side by side, with reasons, notes and labels."""
        cells = []
        for who, d in sorted(self._other_entries.get(key, {}).items()) + (
                [(self.decision_log.reviewer, self._mine[key])] if key in self._mine and not self.resolve else []):
            extra = "".join(f"<div>{html.escape(x)}</div>" for x in (
                [f"reason: {d.reason}"] if d.reason else []) + ([f"note: {d.note}"] if d.note else []) + (
                [f"labels: {', '.join(d.labels)}"] if d.labels else []))
            cls = f"syn-vote syn-vote-{d.decision}"
            cells.append(f'<div class="{cls}"><b>{html.escape(who)}</b><div class="syn-vote-d">'
                         f'{html.escape(d.decision)}</div>{extra}</div>')
        state = "resolved" if self._is_resolved(key) else "conflict"
        code, where = self._resolve_how
        hint = "" if self.resolve else f" · resolve it in the conflicts queue: <code>{html.escape(code)}</code>{where}"
        # resolving a conflict one was party to is allowed (small teams do it) but said: the queue showed Ana's
        # own include beside Ben's maybe and nothing else (w42)
        own = self._other_entries.get(key, {}).get(self.decision_log.reviewer) if self.resolve else None
        party = (f'<div class="syn-party">you decided this record ({html.escape(self._outcome(own))}); a third '
                 f'reviewer usually resolves</div>' if own is not None else "")
        return (f'<div class="syn-conflict"><div class="syn-conflict-head">{state}: the reviewers\' decisions'
                f'{hint}</div>{party}<div class="syn-votes">{"".join(cells)}</div></div>')

    def _show(self, pos, info: str, kind: str = "ok") -> None:
        """Show the record at ``pos`` of the sequence (None: nothing left for this filter)."""
        with self.hold_sync():
            if pos is None:
                self._pos = len(self._seq)
                self.current_key = ""
                self.current_decision = ""
                self.note = self.labels_text = self.reason = ""
                self.card = f'<div class="syn-done">{html.escape(self._done_text())}</div>'
            else:
                self._pos = pos
                key = self._seq[pos]
                mine = self._mine.get(key)
                self.current_key = key
                self.current_decision = mine.decision if mine else ""
                self.note = mine.note if mine else ""
                self.labels_text = ", ".join(mine.labels) if mine else ""
                self.reason = mine.reason if mine and mine.reason in self.reasons else ""
                self.card = self._card_html(key)
            matching, position = self._filter_position(pos)
            done, total = len(self._mine), len(self._scope)
            if self.resolve:
                # the conflicts queue counts its own work: conflicts resolved of the conflicts (open or
                # resolved by me), not my decisions of the whole screening, which it does not show; under its
                # own filter, "conflicts", that is the count the filter just made
                total = matching if self.filter == "conflicts" else self._queue_size()
            # at full text "exclude 36" counted the reports not retrieved too, which PRISMA counts apart (27 of them)
            not_retrieved = sum(1 for d in self._mine.values() if d.decision == "exclude"
                                and d.reason.casefold() == NOT_RETRIEVED) if self.stage == "full_text" else 0
            self.progress = {"done": done, "total": total, "include": self._counts["include"],
                             "exclude": self._counts["exclude"], "maybe": self._counts["maybe"],
                             "not_retrieved": not_retrieved,
                             "filter": self.filter, "matching": matching, "position": position,
                             "resolving": bool(self.resolve), "round": self._round_progress(),
                             "left_by_stop": self._left_by_my_stop()}
            self.panel = self._panel()
            self.info = info
            self.info_kind = kind
            self.seq += 1

    def _left_by_my_stop(self) -> int:
        """How many records this reviewer has not decided that their stop leaves (a test that says stop, now or
        before a new round): "25 undecided left" beside "You may stop" read as work still to do."""
        if self.resolve or self.stage != "title_abstract":
            return 0
        if self._sample is not None:
            test = self.stopping_test()
            return self._sample["open"].open if test.may_stop else 0
        e = self._earlier_sample
        if e is not None and e["may_stop"]:
            return e["rest"].open
        return 0

    def _done_text(self) -> str:
        """What the card says when the filter has no record left to show."""
        if self.resolve:
            return (f"No conflict left to show: {len(self._mine)} resolved by you, {self._queue_size()} in the "
                    "queue. Go back with k / ← to see or change a resolution, or choose another filter.")
        if self.filter == "undecided" and len(self._mine) >= len(self._scope):
            return (f"Every record at this stage is decided by you ({len(self._scope)} of {len(self._scope)}). Go back "
                    "with k / ← or choose the filter “decided” to change a decision; h lists them all.")
        return f"No more records for “{self.filter}”. Choose another filter, or go back with k / ←."

    def _queue_size(self) -> int:
        """The records the conflicts queue holds (open conflicts, and those I resolved: see :meth:`_is_conflict`)."""
        return sum(1 for k in self._candidates() if self._is_conflict(k))

    def _round_progress(self):
        """``{"name", "done", "total"}`` of the latest search round when the records come from several (a living
        review's update: "33 of 40 decided" counts every round; this says how far the new one is), else None."""
        if self._latest_round is None or self.resolve:
            return None
        name, keys = self._latest_round
        if self._round_tally is None:
            self._round_tally = _DecidedIn(keys, self._mine)
        return {"name": name, "done": self._round_tally.decided, "total": len(keys)}

    def _filter_position(self, pos):
        """(records the filter shows, 1-based place of the shown one among them; 0 when none is shown)."""
        f = self.filter
        if f == "undecided":
            return len(self._scope) - len(self._mine), 0
        if f == "all":
            return len(self._scope), (pos + 1) if pos is not None else 0
        if f == "decided":
            matching = len(self._mine)
        elif f in DECISIONS:
            matching = self._counts[f]
        else:
            matching = sum(1 for k in self._candidates() if self._matches(k))
        place = sum(1 for k in self._seq[:pos] if self._matches(k)) + 1 if pos is not None else 0
        return matching, place

    def _candidates(self):
        """Keys any filter but "undecided"/"all" can show: decided by me, or by others."""
        return list(dict.fromkeys(list(self._mine) + [k for k in self._others if k in self._scope_set]
                                  + [k for k in self._other_labels if k in self._scope_set]))

    # ------------------------------------------------------------------ history
    def history(self, query: str = "", decision: str = "", reviewer: str = "", flag: str = "",
                limit: int = 200) -> list:
        """Records with decisions at this stage, filtered: ``[(key, title, {reviewer: Decision})]``.

        ``query`` searches title, abstract, authors (unless hidden by ``blind_metadata``) and notes (all words must
        occur); ``decision`` is one of include/exclude/maybe, matched against the decision that stands: the
        resolution where a conflict was resolved, else the reviewers' own (anyone's, or ``reviewer``'s);
        ``reviewer`` keeps the records that reviewer decided; ``flag`` one of ``conflict``, ``note``, ``keyword``
        (an inclusion or exclusion keyword in title or abstract), ``resolved``.
        """
        words = [w.casefold() for w in str(query or "").split()]
        out = []
        for key in self._candidates():
            votes = self._votes(key)
            if self.resolve and key in self._mine:
                votes = {**votes, f"resolved by {self.decision_log.reviewer}": self._mine[key]}
            votes.update({r: d for r, d in self._other_entries.get(key, {}).items() if r.startswith("resolved by ")})
            if not votes:
                continue
            if reviewer and reviewer not in votes:
                continue
            if decision:
                # a vote the team's resolution overruled no longer stands: "include" listed a reviewer's includes
                # resolved to exclude (w42)
                stands = self._resolution_of(votes)
                who = [stands] if stands is not None else [votes[reviewer]] if reviewer else list(votes.values())
                if not any(d.decision == decision for d in who):
                    continue
            if flag == "conflict" and not self._is_conflict(key):
                continue
            if flag == "resolved" and not self._is_resolved(key):
                continue
            if flag == "note" and not any(d.note for d in votes.values()):
                continue
            row = self._rows[key]
            if flag == "keyword" and self._highlight.pattern is not None and not self._highlight.pattern.search(
                    f"{row.get('title') or ''} {row.get('abstract') or ''}"):
                continue
            if words:
                # authors are searched only where the card shows them: under blind_metadata a search for a name
                # told a blind reviewer which records that author wrote
                authors = [] if self._metadata_hidden() else (row.get("authors") or [])
                text = " ".join([str(row.get("title") or ""), str(row.get("abstract") or ""),
                                 " ".join(authors)] + [d.note for d in votes.values()]).casefold()
                if not all(w in text for w in words):
                    continue
            out.append((key, row.get("title") or "(no title)", votes))
        return out

    @staticmethod
    def _resolution_of(votes: dict):
        """The resolution that stands among a record's ``{who: Decision}`` (the latest), or None."""
        resolutions = [d for r, d in votes.items() if r.startswith("resolved by ")]
        return max(resolutions, key=lambda d: d.timestamp) if resolutions else None

    def _history(self, content: dict) -> None:
        decision = content.get("decision", "")
        rows = self.history(content.get("query", ""), decision, content.get("reviewer", ""),
                            content.get("flag", ""))
        total = len([k for k in self._candidates() if self._votes(k) or self._is_resolved(k)])
        shown = rows[:200]
        items = []
        for key, title, votes in shown:
            stands = self._resolution_of(votes)
            tags = " ".join(self._history_tag(r, d, stands) for r, d in sorted(votes.items(),
                                                                               key=lambda rd: self._tag_order(*rd)))
            notes = "; ".join(d.note for d in votes.values() if d.note)
            items.append(f'<li class="syn-hrow" data-key="{html.escape(key, quote=True)}" tabindex="-1">'
                         f'<span class="syn-htitle">{self._highlight.html(title)}</span> {tags}'
                         + (f'<div class="syn-hnote">{html.escape(notes)}</div>' if notes else "") + "</li>")
        self.history_html = f'<ol class="syn-hlist">{"".join(items)}</ol>' if items else \
            '<div class="syn-hempty">no decided record matches</div>'
        more = f" (first {len(shown)} listed)" if len(rows) > len(shown) else ""
        which = (f" (decision {decision}: the decision that stands, a resolution over the reviewers' votes)"
                 if decision else "")
        self.history_count = f"{len(rows)} of {total} decided records match{which}{more}"

    @staticmethod
    def _tag_order(who: str, d) -> tuple:
        """The reviewers' votes by name, then the resolutions (the decision that stands last, as it came)."""
        return (who.startswith("resolved by "), d.timestamp if who.startswith("resolved by ") else "", who)

    def _history_tag(self, who: str, d, stands) -> str:
        """One decision in a history row; on a resolved record a vote the resolution overruled says so, and the
        resolution says it stands (the row showed "Ana: include" beside "resolved by Ana: exclude", w42)."""
        text = f"{who}: {self._outcome(d)}"
        if stands is not None:
            if d is stands:
                text += " (stands)"
            elif not who.startswith("resolved by ") and vote_outcome(d, self.stage) != vote_outcome(stands, self.stage):
                text += " (overruled)"
        cls = f"syn-tag syn-vote-{html.escape(d.decision)}" + (" syn-overruled" if text.endswith("(overruled)") else "")
        return f'<span class="{cls}">{html.escape(text)}</span>'

    def _open(self, key: str) -> None:
        """Show one record (from the history) so its decision can be changed."""
        key = str(key)
        if key not in self._scope_set:
            raise ScreeningError(f"no record {key!r} at this stage")
        self._offer(key)
        self._show(self._seq.index(key), f"opened {self._named(key)} from the history: press i, e or m to change "
                   f"the decision")

    # ------------------------------------------------------------------ actions
    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and "action" in content:
            self.handle(content)

    def _on_filter(self, change) -> None:
        if change["new"] == "conflicts" and not self.blind:
            self._load_others()
        if change["new"] not in ("undecided", "all"):
            # records decided in earlier sessions may never have been offered in this one
            for k in self._candidates():
                if k not in self._in_seq and self._matches(k):
                    self._offer(k)
        self._show(self._find(0, +1), f"showing {change['new']}")

    def handle(self, content: dict) -> None:
        """Carry out one action from the front end: ``{"action": ..., "note", "labels", "reason"}``."""
        action = content.get("action")
        # A decision waiting for its second press (it would make an agreed record a conflict) is dropped by any
        # other action; said, so that the reviewer does not think it was logged (and a later press on the same
        # record asks again: it logged at once, from a question asked records ago).
        pending, self._confirm = self._confirm, None
        if pending is not None and action == pending[1] and self.current_key == pending[0]:
            self._confirm = pending
            pending = None
        try:
            if action in DECISIONS:
                self._decide(action, content)
            elif action == "next":
                self._show(self._find(self._pos + 1, +1) if self._pos < len(self._seq) else None, "")
            elif action == "previous":
                found = self._find(min(self._pos, len(self._seq)) - 1, -1)
                if found is None and self._offer_earlier_decisions():
                    found = self._find(min(self._pos, len(self._seq)) - 1, -1)
                self._show(found if found is not None else self._pos if self.current_key else None,
                           "" if found is not None else "this is the first record of this filter")
            elif action == "undo":
                self._undo()
            elif action == "note":
                self._save_note(content)
            elif action == "start_sample":
                self._start_sample()
            elif action == "history":
                self._history(content)
            elif action == "open":
                self._open(content.get("key", ""))
            else:
                raise ScreeningError(f"unknown action {action!r}")
            if pending is not None:
                with self.hold_sync():
                    self.info = (f"not logged: {pending[1]} on {self._named(pending[0])} (it was not confirmed). "
                                 + self.info).strip()
        except ScreeningError as e:
            with self.hold_sync():
                self.info, self.info_kind = str(e), "error"
                self.seq += 1  # the front end knows the kernel answered

    def _decide(self, decision: str, content: dict) -> None:
        key = self.current_key
        if not key:
            raise ScreeningError(f"no record shown, so nothing was logged. {self._done_text()}")
        labels = [x.strip() for x in str(content.get("labels", self.labels_text) or "").split(",") if x.strip()]
        reason = content.get("reason", self.reason) if decision == "exclude" else ""
        if self.stage == "full_text" and decision == "exclude" and not reason:
            if not self.settings.reasons:  # the list holds "not retrieved" alone: nothing to pick
                raise ScreeningError("this review has no full-text exclusion reasons yet: add them in a cell, "
                                     "syn.add_exclusion_reasons(EVIDENCE, \"wrong population\", ...), then run the "
                                     "widget's cell again; nothing was logged")
            raise ScreeningError("pick the exclusion reason first (keys 1-9 or the list), then press e again; "
                                 "nothing was logged")
        agreed = self._agreed_others.get(key)
        mine = self._mine.get(key)
        if self.blind and self._agreed_others and not self._blind_agreed_ack and self._confirm != (key, decision):
            # Blind: asking on an agreed record would tell which records the others agreed on (and how many, or
            # whose they are); asked once, on the first decision of the session, whatever the record
            self._confirm = (key, decision)
            # (the banner above the record says what the others' agreement means: not said twice, w42; it stands
            # below this line, which said "see above", w54)
            raise ScreeningError(f"Press {decision[0]} again to log your decision on {self._named(key)}, knowing that "
                                 f"where it differs from the others' agreement it becomes a conflict (the note below); "
                                 f"you will not be asked again this session. Nothing was logged")
        if agreed is not None and not self.blind and not self.resolve and (mine is None or mine.decision != decision) \
                and self._confirm != (key, decision) and agreed[0].split(":")[0] != decision:
            self._confirm = (key, decision)
            raise ScreeningError(
                f"{self._named(key)} is already agreed by {', '.join(agreed[1])} ({agreed[0]}); a different "
                f"decision from you makes it a conflict (it leaves the PRISMA counts until resolved). Press "
                f"{decision[0]} again to log it; nothing was logged")
        if self._confirm == (key, decision) and self.blind:
            self._blind_agreed_ack = True
        self._confirm = None
        # Appended and fsync-ed here, before anything moves on.
        entry = self.decision_log.record(key, decision, stage=self.stage, reason=reason, note=content.get("note", ""),
                                labels=labels, resolution=self.resolve)
        old = self._mine.pop(key, None)  # re-inserted: _mine stays in the order decisions were made
        if old is not None:
            self._counts[old.decision] -= 1
        self._mine[key] = entry
        self._counts[decision] += 1
        self._mine_changed(key, old is not None, old)
        self._after_my_change(key, old is None)
        self._undo_stack.append(key)
        new_labels = set(labels) - self._labels
        if new_labels:
            self._labels |= new_labels
            self.filter_options = self._filter_options()
        # the reason too: "saved: exclude" alone read the same for a wrong design and a paper never obtained
        said = f"{decision} ({reason})" if reason else decision
        self._after_stop()
        nxt = self._next_open(self._pos + 1) if self.resolve else self._find(self._pos + 1, +1)
        self._show(nxt, f"saved: {said}: {self._named(key)}")

    def _after_my_change(self, key: str, count_changed: bool) -> None:
        """Blind: after my decision on ``key`` changed. ``count_changed``: the number of records I decided changed
        (my last record decided, or one undone): the banner is made again; otherwise, the team having screened
        the stage, the conflicts count moves with ``key`` alone."""
        if not self.blind:
            return
        if self._team_tally is not None:
            self._tally_conflict(key)
        if count_changed:
            self._blind_banner()
        elif self._team_tally is not None and len(self._mine) >= len(self._scope):
            self.banner = self._waiting_text()

    def _next_open(self, start: int):
        """In the conflicts queue: the next conflict nobody resolved yet, from ``start`` on, then from the first;
        None when every one is resolved. The queue keeps the resolved ones (to change one, with k or j), but
        after a resolution it moved on to them: a resolver coming back for one new conflict was walked through
        every earlier resolution, and the keys pressed there replaced them."""
        if self.filter != "conflicts":
            return self._find(start, +1)
        for begin in (start, 0):
            pos = self._find(begin, +1)
            while pos is not None:
                key = self._seq[pos]
                if key not in self._mine and key not in self._resolved:
                    return pos
                pos = self._find(pos + 1, +1)
        return None

    def _named(self, key: str) -> str:
        """A record as a reviewer knows it in a message: the start of its title, then its key."""
        title = " ".join(str(self._rows.get(key, {}).get("title") or "").split())
        if not title:
            return key
        short = title if len(title) <= 60 else title[:59].rstrip() + "\u2026"
        return f"\u201c{short}\u201d ({key})"

    def _undo(self) -> None:
        key = self._undo_stack.pop() if self._undo_stack else (self.current_key if self.current_key in self._mine
                                                               else "")
        if not key:
            raise ScreeningError("nothing to undo in this session")
        self.decision_log.undo(key, self.stage, self.resolve)
        old = self._mine.pop(key)
        self._counts[old.decision] -= 1
        back = self.decision_log.current(key, self.stage, self.resolve)
        if back is not None:
            self._mine[key] = back
            self._counts[back.decision] += 1
        self._mine_changed(key, True, old)
        self._after_my_change(key, back is None)
        self._after_stop()  # an undone decision may take a stop back
        # Show the record again even if the filter would hide it: the reviewer wants to redo it.
        self._show(self._seq.index(key), f"undone: {old.decision}: {self._named(key)}"
                   + (f" (back to {back.decision})" if back else ""))

    def _save_note(self, content: dict) -> None:
        key = self.current_key
        mine = self._mine.get(key)
        if not key:
            return
        if mine is None:
            self.note = content.get("note", "")
            self.labels_text = str(content.get("labels", "") or "")
            what = "the note and labels" if self.note and self.labels_text.strip() else (
                "the labels" if self.labels_text.strip() else "the note")
            self.info, self.info_kind = f"{what} will be saved with your decision on this record", "ok"
            return
        labels = [x.strip() for x in str(content.get("labels", "") or "").split(",") if x.strip()]
        entry = self.decision_log.record(key, mine.decision, stage=self.stage, reason=mine.reason,
                                note=content.get("note", ""), labels=labels or list(mine.labels),
                                resolution=self.resolve)
        self._mine[key] = entry
        what = "note and labels" if entry.note and entry.labels else "labels" if entry.labels else "note"
        self.info, self.info_kind = f"{what} saved with your {mine.decision} of {self._named(key)}", "ok"

    def close(self) -> None:
        log = self.__dict__.get("decision_log")
        if log is not None:
            log.close()
        super().close()


class Message:
    """One plain line shown in a notebook in place of the widget (what to type, or what went wrong)."""

    def __init__(self, text: str, kind: str = "note"):
        self.text, self.kind = text, kind

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        colour = "#8a1c1c" if self.kind == "error" else "#1f4f8a"
        return (f'<div class="syn-message" style="border-left:4px solid {colour};padding:6px 10px;'
                f'font-family:system-ui,sans-serif;font-size:14px">{html.escape(self.text)}</div>')


def open_screening(units, reviewer: str, stage: str = "title_abstract", folder="evidence/screening",
                   settings: ScreeningSettings | None = None, order="prioritised", resolve: bool = False, **kwargs):
    """The screening widget for a notebook cell, or one clear line saying what to do instead.

    An empty ``reviewer`` gives the sentence saying what to type; an unknown name, a locked log or another
    screening error gives its one-line message instead of a traceback. ``order`` as for
    :class:`ScreeningWidget` (``"prioritised"`` by default). An empty team list means the team is not set up
    yet: the name typed joins it (with the names that already sign decisions, verdicts or codes), and the widget
    says so in one line; from then on a name is checked against the team as always. The name is checked by
    :func:`~synthesis.screening.settings.team_member`, as notebooks 1 and 3 check theirs.

    >>> import tempfile
    >>> from synthesis.screening.units import make_unit_table
    >>> units = make_unit_table([{"group_id": "g1", "title": "A"}])
    >>> open_screening(units, "", folder=tempfile.mkdtemp(), settings=ScreeningSettings(team=["Ann"]))
    Type your name between the quotes of REVIEWER = "" in the first cell and run the cells again (the team: Ann; someone new joins with syn.add_reviewer(PROJECT, "Your Name")).
    >>> open_screening(units, "Zed", folder=tempfile.mkdtemp(), settings=ScreeningSettings(team=["Ann"])).kind
    'error'
    """
    folder = Path(folder)
    try:
        if settings is None:
            settings = load_screening_settings(folder)
        joined: list = []  # the line saying that the name joined an empty team
        reviewer = team_member(folder, reviewer, settings=settings, say=joined.append)
        if joined:
            settings = dataclasses.replace(settings, team=load_screening_settings(folder).team)
        if stage == "full_text":  # the paper beside the record: synthesis.fulltext (its PDFs, criteria, retrieval)
            from ..fulltext.widget import FullTextWidget

            widget = FullTextWidget.for_project(folder.parent.parent, reviewer, units=units, settings=settings,
                                                folder=folder, order=order, resolve=resolve, from_notebook=True,
                                                **kwargs)
        else:
            widget = ScreeningWidget(units, reviewer, stage=stage, folder=folder, settings=settings, order=order,
                                     resolve=resolve, from_notebook=True, **kwargs)
        if joined and not isinstance(widget, Message):
            widget.info = f"{joined[0]} {widget.info}".strip()
        return widget
    except NoReviewerName as e:  # the step before the first: a note, not an error
        return Message(str(e))
    except ScreeningError as e:
        return Message(f"Cannot open screening: {e}", "error")

