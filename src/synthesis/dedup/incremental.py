"""Reuse an earlier deduplication's work, so that a new search round costs little more than its own records.

A living review deduplicates every round's records together with all earlier rounds'. Most of that work
was done by the last run: each record's prepared fields, and the scores of every candidate pair of earlier
records. :class:`Reuse` hands that work to :func:`~synthesis.dedup.deduplicate` and collects this run's for
the next one. The result is *exactly* the result of a run from scratch: only work whose inputs are unchanged
is taken over, and everything global over the library is done again over all records.

What is taken over, and why it is safe:

* **prepared fields**, per *segment* (one export, keyed by its content: the build uses the import cache's
  key, which covers the file's checksum, its path and the program). A record's prepared fields depend on
  that record alone, except ``generic`` (which titles recur is learnt from all records), which is computed
  again over the whole library on every run.
* **pair scores**. A pair's field scores depend only on the two records' prepared fields (``generic``
  included). Blocking is done again over all records (which pairs are candidates is global: sorted
  neighbourhoods, rare title words), then a candidate pair of two earlier records takes the earlier run's
  answer when both records are unchanged (same segment, same ``generic``), it was a candidate then too,
  and the two records are in the same order; every other pair is scored. A pair that was a candidate and
  was dropped as distinct while scoring stays dropped.
* decisions, people's verdicts, grouping, likelihoods and the maybe list are computed again from the scores:
  they are cheap, and a verdict added since the last run or a new round's record that joins or splits a
  group is then handled as a run from scratch would.

Examples
--------
>>> from synthesis.records import make_record_table
>>> from synthesis.dedup import deduplicate
>>> old = make_record_table([{"source_file": "a.ris", "source_index": 1, "title": "Insulin and sleep in rats",
...                           "authors": ["Smith, J."], "year": 2001, "journal": "J Sleep", "volume": "3"}])
>>> new = make_record_table([{"source_file": "b.ris", "source_index": 1, "title": "Insulin and sleep in rats.",
...                           "authors": ["Smith J"], "year": 2001, "journal": "J Sleep", "volume": "3"}])
>>> first = Reuse([("a", 1)])
>>> _ = deduplicate(old, cache=first)
>>> second = Reuse([("a", 1), ("b", 1)], prepared=first.prepared, earlier=first.state)
>>> result = deduplicate(pd.concat([old, new], ignore_index=True), cache=second)
>>> result.groups["status"].tolist(), second.reused_pairs, sorted(second.prepared_now)
(['kept', 'duplicate'], 0, ['b'])
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .prep import ignore_record_numbers, ignore_shared_dois, prepare_rows, recurring_titles
from .score import score_columns

__all__ = ["Reuse"]

#: Bumped when the kept state changes shape (an older state is then ignored, never misread).
STATE_VERSION = 4


class Reuse:
    """An earlier run's work for :func:`~synthesis.dedup.deduplicate` (``cache=``), and this run's afterwards.

    Parameters
    ----------
    segments : list of (str, int)
        This input's records as consecutive segments, in order: a key that changes whenever the segment's
        records change (the build: the import cache key of each export), and its number of records.
    prepared : dict, optional
        ``{segment key: prepared columns}`` from earlier runs (without ``generic``).
    earlier : dict, optional
        :attr:`state` of the last run. It is only used when ``signature`` is the same.
    signature : str
        What else the scores depend on: the program and the decision rules and blocking options. An earlier
        state with another signature is not used.

    Attributes
    ----------
    prepared : dict
        Every segment's prepared columns after the run.
    prepared_now : list of str
        The segments prepared in this run (the others were taken over).
    state : dict
        What the next run can take over (keep it with the segments' prepared columns).
    reused_pairs, scored_pairs : int
        Candidate pairs whose answer was taken over, and pairs scored in this run.
    """

    def __init__(self, segments, prepared: dict | None = None, earlier: dict | None = None, signature: str = ""):
        self.segments = [(str(k), int(n)) for k, n in segments]
        if len({k for k, _ in self.segments}) < len(self.segments):
            raise ValueError("segment keys must be unique")
        self.prepared = dict(prepared or {})
        self.signature = signature
        usable = (isinstance(earlier, dict) and earlier.get("version") == STATE_VERSION
                  and earlier.get("signature") == signature)
        self.earlier = earlier if usable else None
        self.prepared_now: list = []
        self.state: dict | None = None
        self.reused_pairs = self.scored_pairs = 0

    # ------------------------------------------------------------------------------------------ prepare

    def prepare(self, records: pd.DataFrame, parallel: bool = False, numbered: pd.DataFrame | None = None) -> dict:
        """The prepared columns of ``records`` (segments taken over where known), ``generic`` over all.

        With ``parallel``, the segments to prepare are shared with a second process as in a run from scratch.
        """
        n = len(records)
        if sum(size for _, size in self.segments) != n:
            raise ValueError(f"the segments hold {sum(s for _, s in self.segments)} records, the input {n}")
        todo = [(k, start, size) for (k, size), start in zip(self.segments, self._starts())
                if not _fits(self.prepared.get(k), size)]
        if todo:
            rows = np.concatenate([np.arange(start, start + size) for _, start, size in todo])
            fresh = prepare_rows(records.iloc[rows], parallel)
            at = 0
            for key, _, size in todo:
                self.prepared[key] = {c: v[at:at + size] for c, v in fresh.items()}
                at += size
        self.prepared_now = [k for k, _, _ in todo]
        parts = [self.prepared[k] for k, _ in self.segments]
        names = [c for c in parts[0] if c != "generic"] if parts else []
        columns = {c: np.concatenate([p[c] for p in parts]) for c in names}
        ignore_record_numbers(columns, records, numbered)  # learnt from each export's records (one segment)
        columns["generic"] = recurring_titles(columns)  # learnt from all records together, every run
        ignore_shared_dois(columns)  # so is which DOIs several papers share
        return columns

    def _starts(self) -> list:
        return np.cumsum([0] + [size for _, size in self.segments])[:-1].tolist()

    # ------------------------------------------------------------------------------------------ score

    def score(self, prepared: dict, pairs: np.ndarray, rules, workers: int = -1) -> dict:
        """:func:`~synthesis.dedup.score.score_columns` of ``pairs``, taking over the earlier run's answers."""
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        n = len(prepared["title"])
        old_pos = self._earlier_positions(prepared, n)
        reuse = np.zeros(len(pairs), dtype=bool)
        known = None
        if old_pos is not None and len(pairs):
            oi, oj = old_pos[pairs[:, 0]], old_pos[pairs[:, 1]]
            m = int(self.earlier["n"])
            candidate = (oi >= 0) & (oj >= 0) & (oi < oj)
            codes = oi * np.int64(m) + oj
            reuse = candidate & _member(codes, self.earlier["candidates"])
            # the earlier answers of the pairs taken over: rows of the earlier scores (absent: dropped)
            scored = self.earlier["scores"]
            s_codes = scored["i"] * np.int64(m) + scored["j"]  # sorted: the scores follow the candidates
            at = np.searchsorted(s_codes, codes[reuse])
            at_ok = at < len(s_codes)
            hit = np.zeros(len(at), dtype=bool)
            hit[at_ok] = s_codes[at[at_ok]] == codes[reuse][at_ok]
            known = (np.flatnonzero(reuse)[hit], at[hit])
        new = score_columns(prepared, pairs[~reuse], workers=workers, rules=rules)
        self.scored_pairs, self.reused_pairs = int((~reuse).sum()), int(reuse.sum())
        if known is not None and len(known[0]):
            new = _merged(new, self.earlier["scores"], known[1], pairs[known[0]], n)
        self.state = {"version": STATE_VERSION, "signature": self.signature, "segments": list(self.segments),
                      "n": n, "generic": np.asarray(prepared["generic"], dtype=bool).copy(),
                      "shared_doi": np.asarray(prepared["shared_doi"], dtype=object).copy(),
                      "candidates": _unique_codes(pairs, n),
                      "scores": {c: (v.copy() if isinstance(v, np.ndarray) else v) for c, v in new.items()}}
        return new

    def _earlier_positions(self, prepared: dict, n: int):
        """Each record's position in the earlier run, or -1 (a new or changed segment, a changed ``generic``)."""
        if self.earlier is None:
            return None
        where = {}
        for (key, size), start in zip(self.earlier["segments"],
                                      np.cumsum([0] + [s for _, s in self.earlier["segments"]])[:-1].tolist()):
            where[key] = (start, size)
        out = np.full(n, -1, dtype=np.int64)
        for (key, size), start in zip(self.segments, self._starts()):
            if key in where and where[key][1] == size:
                out[start:start + size] = np.arange(where[key][0], where[key][0] + size)
        was = out >= 0
        changed = np.zeros(n, dtype=bool)
        changed[was] = np.asarray(self.earlier["generic"], dtype=bool)[out[was]] != np.asarray(prepared["generic"],
                                                                                            dtype=bool)[was]
        # a DOI that became shared by several papers (or stopped being): its records' pairs are scored again
        changed[was] |= np.asarray(self.earlier["shared_doi"], dtype=object)[out[was]] != np.asarray(
            prepared["shared_doi"], dtype=object)[was]
        out[changed] = -1
        return out


def _fits(columns, size: int) -> bool:
    return isinstance(columns, dict) and "title" in columns and len(columns["title"]) == size


def _unique_codes(pairs: np.ndarray, n: int) -> np.ndarray:
    """The pairs as sorted distinct codes ``i * n + j`` (candidate pairs already come so: then no sort)."""
    codes = pairs[:, 0] * np.int64(n) + pairs[:, 1]
    if len(codes) > 1 and not (codes[1:] > codes[:-1]).all():
        codes = np.sort(codes)  # a plain sort: numpy's hashing unique is much slower on a million codes
        codes = codes[np.r_[True, codes[1:] != codes[:-1]]]
    return codes


def _member(codes: np.ndarray, sorted_codes: np.ndarray) -> np.ndarray:
    """Whether each code is in a sorted array of codes."""
    if not len(sorted_codes):
        return np.zeros(len(codes), dtype=bool)
    at = np.searchsorted(sorted_codes, codes)
    at[at == len(sorted_codes)] = 0
    return sorted_codes[at] == codes


def _merged(new: dict, earlier: dict, rows: np.ndarray, pairs: np.ndarray, n: int) -> dict:
    """The newly scored pairs and the earlier answers taken over, in the order of a run from scratch."""
    out = {}
    for c, v in new.items():
        if c == "_scored":
            continue
        old = earlier[c][rows]
        if c == "i":
            old = pairs[:, 0]
        elif c == "j":
            old = pairs[:, 1]
        out[c] = np.concatenate([v, old.astype(v.dtype, copy=False)])
    order = np.argsort(out["i"] * np.int64(n) + out["j"], kind="stable")
    out = {c: v[order] for c, v in out.items()}
    if "_scored" in new:
        # how many pairs passed the title-or-identifier test: only whether it is 0 is used (column types)
        out["_scored"] = new["_scored"] + len(rows)
    return out
