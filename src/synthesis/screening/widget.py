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
======================  ===============================================================

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

import html
import re
import warnings
from collections import Counter
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

import anywidget
import traitlets as t

from .log import DecisionLog, ScreeningWarning, current_decisions, read_logs
from .settings import DECISIONS, STAGES, ReviewSettings, ScreeningError, SETTINGS_FILE
from .status import full_text_units

HERE = Path(__file__).resolve().parent
MAX_AUTHORS = 12


def keyword_regex(words) -> str:
    """A regex alternation for keywords; a trailing ``*`` matches any word ending (``co-produc*``)."""
    parts = []
    for w in sorted({str(w).strip() for w in words if str(w).strip()}, key=len, reverse=True):
        star = w.endswith("*")
        core = re.escape(w.rstrip("*"))
        parts.append(rf"(?<!\w){core}" + (r"\w*" if star else r"(?!\w)"))
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
        Where the logs are (``evidence/screening``); ``settings.json`` is read from there when
        ``settings`` is not given.
    settings : ReviewSettings, optional
    order : list of keys, or callable, optional
        The order to show records in. A list is used as given (units missing from it follow in unit
        order). A callable is asked for the next record whenever the reviewer moves past the last one
        seen: it gets a read-only ``{key: decision}`` of this reviewer's standing decisions at this stage
        and returns a key, or ``None`` when it has nothing more (prioritised screening plugs in here).
    resolve : bool
        Log decisions as resolutions of conflicts (starts on the ``conflicts`` filter).
    scope : iterable of keys, optional
        The units to screen. Default: every unit at title/abstract; at full text, the units included at
        title/abstract (or already given a full-text decision).
    """

    _esm = (HERE / "widget.js").read_text(encoding="utf-8")
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
    progress = t.Dict().tag(sync=True)
    seq = t.Int(0).tag(sync=True)

    def __init__(self, units, reviewer: str, stage: str = "title_abstract", folder="evidence/screening",
                 settings: ReviewSettings | None = None, order=None, resolve: bool = False, scope=None, **kwargs):
        if stage not in STAGES:
            raise ScreeningError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
        folder = Path(folder)
        if settings is None:
            settings = ReviewSettings.load(folder) if (folder / SETTINGS_FILE).exists() else ReviewSettings()
        self.settings = settings
        self.resolve = bool(resolve)
        self.blind = settings.blind and not self.resolve
        self.folder = folder
        keys = units["group_id"].astype(str).tolist()
        self._rows = dict(zip(keys, units.to_dict("records")))
        self.decision_log = DecisionLog(folder, reviewer, settings, keys=keys)
        try:
            self._setup(units, keys, stage, order, scope, **kwargs)
        except Exception:
            self.decision_log.close()
            raise

    def _setup(self, units, keys, stage, order, scope, **kwargs) -> None:
        folder, settings = self.folder, self.settings
        self._highlight = Highlighter(settings.include_keywords, settings.exclude_keywords)
        reading = read_logs(folder, settings, warn=False)
        if scope is None:
            scope = keys if stage == "title_abstract" else full_text_units(units, reading.entries, settings)["group_id"]
        self._scope = [str(k) for k in scope]
        scope_set = set(self._scope)
        unknown = [k for k in scope_set if k not in self._rows]
        if unknown:
            raise ScreeningError(f"{len(unknown)} key(s) to screen are not in the unit table, e.g. {unknown[0]!r}")
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
        self._pos = -1
        self._undo_stack: list = []
        super().__init__(reviewer=self.decision_log.reviewer, stage=stage, reasons=settings.all_reasons
                         if stage == "full_text" else [], **kwargs)
        problems = reading.problems + [p for p in self.decision_log.problems if p not in reading.problems]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScreeningWarning)  # warned once below, with the others
            current_decisions(reading.entries, keys=keys, problems=problems)  # decisions for vanished records
        self._load_others(reading)
        self._mine = {k: d for k, d in self.decision_log.standing(stage, self.resolve).items() if k in scope_set}
        self._counts = Counter(d.decision for d in self._mine.values())
        if problems:
            for p in problems:
                warnings.warn(str(p), ScreeningWarning, stacklevel=2)
            shown = "\n".join(str(p) for p in problems[:5])
            more = f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
            self.problems = f"Problems in the decision logs (skipped, nothing else affected):\n{shown}{more}"
        self.filter_options = self._filter_options()
        self.filter = "conflicts" if self.resolve else "undecided"
        self.on_msg(self._on_msg)
        self.observe(self._on_filter, names="filter")
        self._show(self._find(0, +1), "")

    # ------------------------------------------------------------------ state
    def _load_others(self, reading=None) -> None:
        """Other reviewers' standing decisions (not loaded at all in blind mode)."""
        self._others: dict = {}
        self._other_labels: dict = {}
        self._resolved: set = set()
        self._labels: set = set()
        if self.blind:
            return
        reading = reading or read_logs(self.folder, self.settings, warn=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScreeningWarning)  # reported when the widget opened
            cur = current_decisions(reading.entries, keys=self._rows.keys())
        cur = cur[cur["stage"] == self.stage]
        for row in cur.itertuples(index=False):
            self._labels.update(row.labels)
            if row.labels and row.reviewer != self.decision_log.reviewer:
                self._other_labels.setdefault(row.key, set()).update(row.labels)
            if row.resolution:
                self._resolved.add(row.key)
            elif row.reviewer != self.decision_log.reviewer or self.resolve:
                shown = f"{row.decision}: {row.reason}" if row.reason else row.decision
                self._others.setdefault(row.key, {})[row.reviewer] = shown

    def refresh(self) -> None:
        """Re-read the other reviewers' logs (they may have screened since the widget opened)."""
        self._load_others()
        self.filter_options = self._filter_options()
        self._show(self._pos, "refreshed the other reviewers' decisions")

    def _filter_options(self) -> list:
        opts = ["undecided", "all", "decided", "include", "exclude", "maybe"]
        if not self.blind:
            opts.append("conflicts")
        labels = set(self._labels) | {lab for d in self.decision_log.standing(self.stage, self.resolve).values()
                                      for lab in d.labels}
        return opts + [f"label: {lab}" for lab in sorted(labels)]

    def _outcome(self, d) -> str:
        return f"{d.decision}: {d.reason}" if d.reason else d.decision

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
            votes = dict(self._others.get(key, {}))
            if mine is not None and not self.resolve:
                votes[self.decision_log.reviewer] = self._outcome(mine)
            if self.resolve:
                return len(set(votes.values())) > 1 and (key not in self._resolved or mine is not None)
            return len(set(votes.values())) > 1
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
            key = self._order_fn(MappingProxyType({k: d.decision for k, d in self._mine.items()}))
            if key is None:
                return False
            key = str(key)
            if key not in self._scope_set:
                raise ScreeningError(f"the screening order returned {key!r}, which is not a record in scope")
            if key not in self._in_seq:
                self._seq.append(key)
                self._in_seq.add(key)
                return True
        return False

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
        abstract = row.get("abstract") or ""
        parts = [f'<div class="syn-rec" data-key="{html.escape(key, quote=True)}">',
                 f"<h3>{h.html(row.get('title') or '(no title)')}</h3>",
                 f'<div class="syn-meta">{" · ".join(meta)}</div>',
                 f'<div class="syn-abstract">{h.html(abstract) if abstract else "<i>no abstract</i>"}</div>']
        mine = self._mine.get(key)
        tags = []
        if mine is not None:
            tags.append(f'<span class="syn-tag">you: {html.escape(self._outcome(mine))}</span>')
            tags += [f'<span class="syn-tag">#{html.escape(lab)}</span>' for lab in mine.labels]
        if not self.blind:
            tags += [f'<span class="syn-tag">{html.escape(r)}: {html.escape(d)}</span>'
                     for r, d in sorted(self._others.get(key, {}).items())]
            if key in self._resolved:
                tags.append('<span class="syn-tag">resolved</span>')
        if tags:
            parts.append(f'<div class="syn-others">{" ".join(tags)}</div>')
        parts.append("</div>")
        return "".join(parts)

    def _show(self, pos, info: str, kind: str = "ok") -> None:
        """Show the record at ``pos`` of the sequence (None: nothing left for this filter)."""
        with self.hold_sync():
            if pos is None:
                self._pos = len(self._seq)
                self.current_key = ""
                self.current_decision = ""
                self.note = self.labels_text = self.reason = ""
                self.card = (f'<div class="syn-done">No more records for “{html.escape(self.filter)}”. '
                             "Choose another filter, or go back with k / ←.</div>")
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
            done = len(self._mine)
            self.progress = {"done": done, "total": len(self._scope), "include": self._counts["include"],
                             "exclude": self._counts["exclude"], "maybe": self._counts["maybe"],
                             "position": (self._pos + 1) if pos is not None else 0, "shown": len(self._seq)}
            self.info = info
            self.info_kind = kind
            self.seq += 1

    # ------------------------------------------------------------------ actions
    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and "action" in content:
            self.handle(content)

    def _on_filter(self, change) -> None:
        if change["new"] == "conflicts" and not self.blind:
            self._load_others()
        self._show(self._find(0, +1), f"showing {change['new']}")

    def handle(self, content: dict) -> None:
        """Carry out one action from the front end: ``{"action": ..., "note", "labels", "reason"}``."""
        action = content.get("action")
        try:
            if action in DECISIONS:
                self._decide(action, content)
            elif action == "next":
                self._show(self._find(self._pos + 1, +1) if self._pos < len(self._seq) else None, "")
            elif action == "previous":
                found = self._find(min(self._pos, len(self._seq)) - 1, -1)
                self._show(found if found is not None else self._pos if self.current_key else None,
                           "" if found is not None else "this is the first record of this filter")
            elif action == "undo":
                self._undo()
            elif action == "note":
                self._save_note(content)
            else:
                raise ScreeningError(f"unknown action {action!r}")
        except ScreeningError as e:
            self.info, self.info_kind = str(e), "error"

    def _decide(self, decision: str, content: dict) -> None:
        key = self.current_key
        if not key:
            raise ScreeningError("no record shown: change the filter or go back (k)")
        labels = [x.strip() for x in str(content.get("labels", self.labels_text) or "").split(",") if x.strip()]
        reason = content.get("reason", self.reason) if decision == "exclude" else ""
        if self.stage == "full_text" and decision == "exclude" and not reason:
            raise ScreeningError("pick the exclusion reason first (keys 1-9 or the list), then press e again; "
                                 "nothing was logged")
        # Appended and fsync-ed here, before anything moves on.
        entry = self.decision_log.record(key, decision, stage=self.stage, reason=reason, note=content.get("note", ""),
                                labels=labels, resolution=self.resolve)
        old = self._mine.get(key)
        if old is not None:
            self._counts[old.decision] -= 1
        self._mine[key] = entry
        self._counts[decision] += 1
        self._undo_stack.append(key)
        new_labels = set(labels) - self._labels
        if new_labels:
            self._labels |= new_labels
            self.filter_options = self._filter_options()
        self._show(self._find(self._pos + 1, +1), f"saved: {decision} {key}")

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
        # Show the record again even if the filter would hide it: the reviewer wants to redo it.
        self._show(self._seq.index(key), f"undone: {old.decision} {key}" + (f" (back to {back.decision})" if back else ""))

    def _save_note(self, content: dict) -> None:
        key = self.current_key
        mine = self._mine.get(key)
        if not key:
            return
        if mine is None:
            self.note = content.get("note", "")
            self.info, self.info_kind = "the note will be saved with your decision on this record", "ok"
            return
        labels = [x.strip() for x in str(content.get("labels", "") or "").split(",") if x.strip()]
        entry = self.decision_log.record(key, mine.decision, stage=self.stage, reason=mine.reason,
                                note=content.get("note", ""), labels=labels or list(mine.labels),
                                resolution=self.resolve)
        self._mine[key] = entry
        self.info, self.info_kind = f"note saved with your {mine.decision} of {key}", "ok"

    def close(self) -> None:
        log = self.__dict__.get("decision_log")
        if log is not None:
            log.close()
        super().close()
