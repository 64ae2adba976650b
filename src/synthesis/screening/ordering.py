"""The screening widget's prioritised order, kept off the key-press path.

:class:`PrioritisedOrder` wraps a :class:`~synthesis.screening.prioritise.Prioritiser` for the widget: the
TF-IDF matrix is built in a background thread when the widget opens (the widget is usable at once, in the
prioritiser's own fixed random order), the model is trained the first time there is one include and one
exclude (on the key press, so the very next record already comes from it), and every later retraining runs
in a background thread while the reviewer reads the next record: a key press only ranks with the latest
model. With 20,000 records a retraining takes tens of milliseconds to a few tenths of a second; it no
longer adds to the time from a key press to the next record.

Examples
--------
>>> import pandas as pd
>>> units = pd.DataFrame({"group_id": ["a", "b", "c", "d"],
...     "title": ["Exercise for knee pain", "Bridge corrosion", "Knee pain and walking", "Steel fatigue"],
...     "abstract": ["A trial of exercise.", "", "Exercise therapy trial.", "Cracks in steel."]})
>>> order = PrioritisedOrder(units, seed=1, background=False)
>>> order({"a": "include", "b": "exclude"})
'c'
"""
from __future__ import annotations

import itertools
import math
import threading

import numpy as np

from .prioritise import Prioritiser, normalise_decision


class PrioritisedOrder:
    """A callable for ``ScreeningWidget(order=...)``: ``order(decisions) -> next key or None``.

    Parameters
    ----------
    units : DataFrame
        ``group_id``, ``title``, ``abstract`` of the records in scope.
    seed : int
        Seed of the model and of the fall-back order (the prioritiser's).
    background : bool
        Build the features and retrain in background threads (False: everything on the caller's thread,
        deterministic, e.g. for replays and tests).
    on_ready : callable, optional
        Called once the features are built (the widget refreshes its panel).
    **options
        Passed to :class:`~synthesis.screening.prioritise.Prioritiser`.
    """

    def __init__(self, units, seed: int = 42, background: bool = True, on_ready=None, **options):
        frame = units.assign(group_id=units["group_id"].astype(str))
        self.keys = frame["group_id"].tolist()
        # the prioritiser's own fall-back order (same seed, same permutation), usable before it exists
        rank = np.random.RandomState(int(seed)).permutation(len(self.keys))
        self._fallback = [self.keys[i] for i in np.argsort(rank, kind="stable")]
        self._next_fallback = 0
        self._offered: set = set()
        self._lock = threading.Lock()
        self._trainer: threading.Thread | None = None
        self.background = bool(background)
        self.prioritiser: Prioritiser | None = None
        self.error: Exception | None = None
        self.on_ready = on_ready  # called (from the builder thread) once the features are ready
        if self.background:
            self._builder = threading.Thread(target=self._build, args=(frame, seed, options), daemon=True,
                                             name="synthesis-prioritiser")
            self._builder.start()
        else:
            self._build(frame, seed, options)

    def _build(self, frame, seed, options) -> None:
        try:
            p = Prioritiser(frame, seed=seed, **options)
        except Exception as e:  # reported by the widget's panel; the fall-back order goes on
            self.error = e
            return
        with self._lock:
            for k in self._offered:  # handed out already: not again
                p._offered[p._pos[k]] = True
            self.prioritiser = p
        if self.on_ready is not None:
            try:
                self.on_ready()
            except Exception:  # a display update only; the order works regardless
                pass

    @property
    def ready(self) -> bool:
        """Whether the features are built (until then the fall-back order is used)."""
        return self.prioritiser is not None

    @property
    def model_ready(self) -> bool:
        """Whether the order comes from a trained model."""
        return self.prioritiser is not None and self.prioritiser.model_ready

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the features (and any retraining) to be ready; True when they are."""
        if self.background:
            self._builder.join(timeout)
            trainer = self._trainer
            if trainer is not None:
                trainer.join(timeout)
        return self.ready

    def __call__(self, decisions):
        p = self.prioritiser
        if p is None:
            return self._from_fallback(decisions)
        with self._lock:
            self._sync(p, decisions)
            both = p._both_classes()
            if not both and p._scores is not None:
                # an undo took away the only include or the only exclude: back to the fixed random order, as
                # Prioritiser.next_key does (the widget kept ranking by a model of a decision no longer made)
                p._scores = p._ranked = None
                p._trained_on = 0
            idx, y = p._training_labels() if both else (None, None)
            if both and p._scores is None:
                p._train(idx, y)  # the first model: trained now, so the next record already comes from it
                p._ready_at = len(p._decisions)
            elif both and not self.background:
                self._retrain_if_due(p, idx, y)  # as Prioritiser.next_key(decisions) does: retrain, then rank
            key = p.next_key()
        if both and self.background:
            self._retrain_if_due(p, idx, y)
        return key

    def _sync(self, p: Prioritiser, decisions) -> None:
        """Bring the prioritiser's decisions in line with ``decisions``, touching only what changed.

        The widget passes every decision on each key press; comparing the two mappings runs in C, and only
        the few new, changed or undone ones go through Python.
        """
        mine = p._decisions
        if len(decisions) == len(mine) and decisions == mine:
            return
        try:
            changed = decisions.items() - mine.items()
            removed = mine.keys() - decisions.keys()
        except TypeError:  # values that cannot be hashed: read them all
            p._set_decisions(p._read_decisions(decisions))
            return
        fresh = {k for k, _ in changed}
        try:  # new and changed decisions are the caller's latest (the widget re-inserts a changed one)
            latest = list(itertools.islice(reversed(decisions), len(fresh)))[::-1]
        except TypeError:  # a mapping without an order from the end
            latest = None
        if len(fresh) + len(removed) > 64 or latest is None or set(latest) != fresh:
            p._set_decisions(p._read_decisions(decisions))
            return
        for k in removed:
            p._set_decision(k, None)
        unknown = []
        for k in latest:
            v = decisions[k]
            if k not in p._pos:
                unknown.append(k)
            elif v is None or (isinstance(v, float) and math.isnan(v)):
                p._set_decision(k, None)
            else:
                p._set_decision(k, normalise_decision(k, v))
        p.unknown_keys = unknown
        if unknown:
            import warnings

            warnings.warn(f"{len(unknown)} decision(s) name units that are not in the units table and were "
                          f"ignored (e.g. {unknown[:3]})", stacklevel=3)

    def _from_fallback(self, decisions):
        while self._next_fallback < len(self._fallback):
            key = self._fallback[self._next_fallback]
            self._next_fallback += 1
            if key not in decisions and key not in self._offered:
                with self._lock:
                    self._offered.add(key)
                    if self.prioritiser is not None:  # became ready meanwhile
                        self.prioritiser._offered[self.prioritiser._pos[key]] = True
                return key
        return None

    def _retrain_if_due(self, p: Prioritiser, idx, y) -> None:
        new = abs(len(idx) - p._trained_on)
        if new < max(p.retrain_every, math.floor(p.retrain_share * p._trained_on)):
            return
        if not self.background:
            p._train(idx, y)  # the caller holds the lock
            return
        if self._trainer is not None and self._trainer.is_alive():
            return  # one retraining at a time; the next key press starts another when due

        def train():
            # _train swaps in the new scores in one assignment: ranking meanwhile uses the previous model
            p._train(idx, y)

        self._trainer = threading.Thread(target=train, daemon=True, name="synthesis-retrain")
        self._trainer.start()
