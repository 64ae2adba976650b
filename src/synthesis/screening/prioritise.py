"""Prioritised screening: put the records most likely to be included first.

A :class:`Prioritiser` learns from the screening decisions made so far (TF-IDF features of title and abstract,
with the title's words weighted extra; a class-weighted linear model from scikit-learn; records without an
abstract ranked by a second such model of titles alone) and orders the units still to screen so that likely
includes come first. It is retrained as decisions arrive; until at least one include and one exclude exist
it falls back to a fixed, seeded order. :meth:`Prioritiser.stopping_aid` gives the numbers a reviewer needs to
decide when to stop screening in this order, and :func:`replay` replays a finished screening to measure the
gain (:func:`recall_at`, :func:`wss_at`).

A *unit* is what one screens once: a duplicate group (``group_id``) with its title and abstract. Decisions
map a unit's key to ``"include"``, ``"exclude"`` or ``"maybe"``.

Examples
--------
>>> import pandas as pd
>>> units = pd.DataFrame({"group_id": ["a", "b", "c", "d"],
...     "title": ["Exercise for knee pain", "Bridge corrosion", "Knee pain and walking", "Steel fatigue"],
...     "abstract": ["A trial of exercise.", "", "Exercise therapy trial.", "Cracks in steel."]})
>>> p = Prioritiser(units, seed=1)
>>> p.fit({"a": "include", "b": "exclude"}).rank()
['c', 'd']
>>> p.stopping_aid().since_last_include
1
"""
from __future__ import annotations

import math
import time
import warnings
from dataclasses import asdict, dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import rankdata
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, PoissonRegressor
from sklearn.naive_bayes import ComplementNB
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from ..normalise import spaced_text
from .settings import ScreeningError

__all__ = [
    "Prioritiser",
    "StoppingAid",
    "replay",
    "recall_at",
    "wss_at",
    "DECISION_VALUES",
]

INCLUDE, EXCLUDE, MAYBE = "include", "exclude", "maybe"
#: Decision values the prioritiser understands (booleans and 1/0 are accepted too).
DECISION_VALUES = (INCLUDE, EXCLUDE, MAYBE)
#: Models one can choose with ``Prioritiser(model=...)``.
MODELS = ("logistic", "svm", "nb", "logistic+svm")

_DECISION_ALIASES = {
    "include": INCLUDE, "included": INCLUDE, "yes": INCLUDE, "1": INCLUDE, "true": INCLUDE,
    "exclude": EXCLUDE, "excluded": EXCLUDE, "no": EXCLUDE, "0": EXCLUDE, "false": EXCLUDE,
    "maybe": MAYBE, "unsure": MAYBE,
}


@dataclass(frozen=True)
class StoppingAid:
    """Numbers that help decide when to stop screening in prioritised order.

    Attributes
    ----------
    screened : int
        Units with a decision (include, exclude or maybe).
    included : int
        Units decided ``include``.
    unscreened : int
        Units still without a decision.
    since_last_include : int
        Decisions made since the most recent include (all decisions when there is none yet), counted in
        the order the decisions were given.
    recent_include_rate : float
        Share of includes among the last ``window`` decisions (``nan`` before any decision).
    estimated_includes_left : float
        Includes expected among the unscreened units if screening went on in this order, from the decline
        of the include rate: a Poisson regression of "was it an include" on the position, over the
        decisions made in prioritised order, fits ``rate(n) = a * exp(-b * n)``, and the estimate is its
        integral from the units screened so far to the last unit. ``nan`` until 20 decisions were made in
        prioritised order with at least one include, or while the rate is not falling. A rough guide, not a
        guarantee: in the replays it was off by up to a factor of two either way, so do not stop on it alone.
        ``benchmarks/bench_screening_simulation.py`` reports how close it comes on real reviews.
    estimated_recall : float
        ``included / (included + estimated_includes_left)`` (``nan`` when not estimable).
    model_ready : bool
        Whether the order comes from the model (``False``: the fall-back order is in use).
    """

    screened: int
    included: int
    unscreened: int
    since_last_include: int
    recent_include_rate: float
    estimated_includes_left: float
    estimated_recall: float
    model_ready: bool

    def as_dict(self) -> dict:
        """The numbers as a plain dict (for a table or a widget label)."""
        return asdict(self)


def normalise_decision(key, value) -> str:
    """Return ``"include"``, ``"exclude"`` or ``"maybe"`` for a decision value, or raise a clear error.

    >>> normalise_decision("g1", True), normalise_decision("g2", "Excluded")
    ('include', 'exclude')
    """
    if isinstance(value, (bool, np.bool_)):
        return INCLUDE if value else EXCLUDE
    if isinstance(value, (int, np.integer)) and value in (0, 1):
        return INCLUDE if value == 1 else EXCLUDE
    text = str(value).strip().lower()
    if text in _DECISION_ALIASES:
        return _DECISION_ALIASES[text]
    raise ScreeningError(f"unit {key!r}: decision {value!r} is not one of include, exclude, maybe")


#: With ``adaptive``: how many of each ranking's latest choices its record counts (includes thin out as
#: screening goes on, so old hits would flatter a ranking that is no longer finding any).
_ARM_WINDOW = 50

_DEFAULT_C = {"logistic": 0.03, "svm": 0.11, "nb": 0.1, "logistic+svm": 0.03}


def _make_model(name: str, seed: int, C: float | None, weights: dict | None = None):
    """The linear model behind the ranking; every one is deterministic given ``seed``."""
    if name == "logistic":
        # The dual solver is 10-20 times faster here: far fewer decided units than TF-IDF features.
        return LogisticRegression(C=C or _DEFAULT_C["logistic"], class_weight=weights, solver="liblinear",
                                  dual=True, max_iter=1000, random_state=seed)
    if name == "svm":
        return LinearSVC(C=C or _DEFAULT_C["svm"], class_weight=weights, random_state=seed)
    if name == "nb":
        return ComplementNB(alpha=C or _DEFAULT_C["nb"])
    if name == "logistic+svm":
        # the SVM's C moves with the logistic model's (its own default at the logistic default)
        scale = (C or _DEFAULT_C["logistic"]) / _DEFAULT_C["logistic"]
        return _RankAverage([_make_model("logistic", seed, C, weights),
                             _make_model("svm", seed, _DEFAULT_C["svm"] * scale, weights)])
    raise ScreeningError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")


def _include_scores(model, X) -> np.ndarray:
    """Include scores of the rows of ``X`` from a fitted model (higher: more likely an include)."""
    if isinstance(model, ComplementNB):
        # log-odds of the include class: a score on the same footing as the linear models' margins
        proba = model.predict_proba(X)[:, 1]
        return np.log(np.clip(proba, 1e-300, None)) - np.log(np.clip(1 - proba, 1e-300, None))
    if isinstance(model, _RankAverage):
        return model.scores(X)
    return np.asarray(model.decision_function(X), dtype=np.float64)


class _RankAverage:
    """Several models fitted on the same features; a unit's score is the mean of its ranks under each.

    Ranks, not raw scores, are averaged because the models' scores live on different scales (a logistic
    margin, naive Bayes log-odds that grow with the length of the text); a rank is the same kind of number
    for every model, and one model that is badly calibrated early on cannot swamp the other.
    """

    def __init__(self, models: list):
        self.models = models

    def fit(self, X, y) -> "_RankAverage":
        for m in self.models:
            m.fit(X, y)
        return self

    def scores(self, X) -> np.ndarray:
        """Mean of the rows' ranks (as a share: 0 the lowest score, 1 the highest; ties share their rank)."""
        return _rank_share([_include_scores(m, X) for m in self.models])


def _rank_share(scores: list, weights: list | None = None) -> np.ndarray:
    """Each row's (weighted) mean rank under several score arrays, as a share: 0 the lowest, 1 the highest;
    ties share their rank. The weights add up to 1 (default: equal)."""
    weights = weights or [1 / len(scores)] * len(scores)
    mean = sum(w * rankdata(s) for w, s in zip(weights, scores))
    return (mean - 1) / max(len(scores[0]) - 1, 1)


class Prioritiser:
    """Order undecided units so that likely includes come first, learning from decisions as they arrive.

    The TF-IDF matrix of title and abstract is computed once, when the prioritiser is made; each
    retraining only fits the linear model on the decided units and scores all units, which takes
    milliseconds even with 20,000 units (see ``benchmarks/bench_screening_simulation.py``).

    Parameters
    ----------
    units : pandas.DataFrame
        One row per unit, with the key column (``group_id`` by default), ``title`` and ``abstract``.
        Missing text is treated as empty.
    key : str
        Column holding each unit's key (unique).
    seed : int
        Seed of the fall-back order and of the model.
    model : {"logistic", "svm", "nb", "logistic+svm"}
        Class-balanced logistic regression (default), linear SVM, complement naive Bayes, or the logistic
        model and the SVM fitted on the same features, each unit ranked by the mean of its two ranks
        (ranks, because the two models' scores are on different scales).
    C : float, optional
        Regularisation of the model (smoothing ``alpha`` for naive Bayes; for ``"logistic+svm"`` the
        logistic model's, the SVM's moving in proportion from its own default); the model's default when
        omitted.
    retrain_every : int
        Retrain after this many new training decisions (1: after every one). The model is always retrained
        the first time both classes are present.
    retrain_share : float
        Also wait until the new decisions reach this share of those the model was trained on (0.02: with
        2,000 decisions, retrain every 40), so a long screening stays quick; 0 retrains per ``retrain_every``
        (after every decision with the default 1, as ASReview does: in the replays that was no better).
    include_weight : float
        Total weight of the includes relative to all excludes when training (1: balanced classes; more
        pushes harder towards finding includes). Not used by naive Bayes. The defaults (10, with strong
        regularisation ``C=0.03``) measured best in the replays of ``benchmarks/``.
    C_growth : float
        Weaken the regularisation as includes accumulate: the model is trained with
        ``C * max(1, includes / 10) ** C_growth`` (0: a fixed ``C``). Not used by naive Bayes. With the
        default 0.3, a review with 400 includes ends with about three times ``C``: reviews with hundreds of
        includes need the weaker regularisation, those with a few dozen do better with the strong one.
    title_weight : float
        Weight of a second TF-IDF block built from the title alone, placed beside the title-and-abstract
        block (each unit's row is then scaled to length 1): words of the title count more than the same
        words in the abstract. 0 leaves the title only in the joint block. The default 0.25 is the weight
        the replays of ``benchmarks/`` chose (their figures are in ``benchmarks/README.md``).
    maybe_as : {"include", "exclude", None}
        How a ``maybe`` decision is used for training (``None``: not used). It always counts as screened.
    fallback : {"random", "original"}
        Order used before the model can be trained: a seeded random order, or the table's row order.
    window : int
        Number of latest decisions over which :attr:`StoppingAid.recent_include_rate` is computed.
    ngram_range, min_df, max_df, sublinear_tf, stop_words
        Passed to :class:`sklearn.feature_extraction.text.TfidfVectorizer`.
    char_ngrams : (int, int), optional
        Also use character n-grams within words (``analyzer="char_wb"``) of this length range, e.g.
        ``(3, 5)``, from the title and abstract (``char_on="text"``) or the title alone (``"title"``);
        n-grams found in only one unit are dropped. With ``char_mode="stack"`` they form a block weighted
        ``char_weight`` beside the word blocks; with ``"rank"`` a second logistic model is fitted on them
        (regularisation ``embedding_C``) and blended with the main one as for ``embeddings``. Off by
        default: the replays of ``benchmarks/`` (``screening_sim_loso.py``) found them helping some
        reviews and costing others more than the goal allows.
    char_weight : float
        Weight of the character n-gram block when stacked.
    char_on : {"text", "title"}
        Text the character n-grams are taken from.
    char_mode : {"stack", "rank"}
        How the character n-grams are used (see ``char_ngrams``).
    keywords_weight : float
        Weight of a TF-IDF block built from the units' ``keywords`` column (author keywords, MeSH terms:
        a list or a ``"; "``-joined string per unit), beside the title-and-abstract block; 0 (default), or
        no such column, leaves keywords out. Exports differ in whether they carry keywords at all, so the
        mere presence of keywords can track the database a record came from rather than its relevance.
    embeddings : array of shape (units, dimensions), optional
        A vector per unit (rows in the units table's order), e.g. sentence embeddings computed by the
        caller. A second logistic model (regularisation ``embedding_C``, growing with ``C_growth`` like the
        main model's) is fitted on the vectors, each scaled to length 1, and each unit ranked by the
        weighted mean of its ranks under the two models (the *blend*). Not used by default.
    embedding_C : float
        Regularisation of the second model (``embeddings``, or character n-grams with ``char_mode="rank"``).
    embedding_weight : float
        Share of the second model's rank in the blend (0.5: both models count equally).
    adaptive : bool
        With a second model: instead of always using the blend, let each unit handed out by
        :meth:`next_key` be chosen by either the main model's ranking or the blend, by Thompson sampling
        on how many of each ranking's latest choices (up to 50) were includes, so the ranking that finds
        more includes on *this* review chooses more of the units. Deterministic given ``seed``.
        :meth:`rank` and :meth:`scores` follow the ranking with the better record.
    no_abstract_by_title : bool
        Rank the units that have no abstract by a model of titles alone (the same kind of model, fitted on
        the titles of the decided units), placed among the others by rank: each unit's score is then the
        share of all units it outranks, under the title model for a unit without an abstract and under the
        main model for the rest. A model fitted on titles with abstracts weighs a title-only record by
        evidence that record cannot have, which pushes such includes towards the end of the order (see
        ``benchmarks/README.md``). Only used when some units have an abstract and some have none.

    In the screening widget, pass ``order=prioritiser.next_key``: it is called with the reviewer's
    decisions so far and returns the key to show next.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"group_id": [1, 2, 3], "title": ["a b", "c d", "a e"], "abstract": ""})
    >>> p = Prioritiser(units, fallback="original")
    >>> p.next_key()
    1
    >>> p.fit({1: "include", 2: "exclude"}).next_key()
    3
    """

    def __init__(
        self,
        units: pd.DataFrame,
        *,
        key: str = "group_id",
        seed: int = 42,
        model: str = "logistic",
        C: float | None = None,
        retrain_every: int = 1,
        retrain_share: float = 0.02,
        include_weight: float = 10.0,
        C_growth: float = 0.3,
        title_weight: float = 0.25,
        maybe_as: str | None = "include",
        fallback: str = "random",
        window: int = 100,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 1,
        max_df: int | float = 0.95,
        sublinear_tf: bool = True,
        stop_words: str | None = None,
        char_ngrams: tuple[int, int] | None = None,
        char_weight: float = 1.0,
        char_on: str = "text",
        char_mode: str = "stack",
        keywords_weight: float = 0.0,
        embeddings=None,
        embedding_C: float = 1.0,
        embedding_weight: float = 0.5,
        adaptive: bool = False,
        no_abstract_by_title: bool = True,
    ):
        missing = [c for c in (key, "title", "abstract") if c not in units.columns]
        if missing:
            raise ScreeningError(f"the units table has no column(s) {', '.join(missing)} "
                                 f"(needs {key}, title, abstract)")
        keys = units[key].tolist()
        dupes = units[key][units[key].duplicated()].unique().tolist()
        if dupes:
            raise ScreeningError(f"unit keys must be unique; repeated in column {key!r}: {dupes[:5]}")
        if model not in MODELS:
            raise ScreeningError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
        if maybe_as not in (INCLUDE, EXCLUDE, None):
            raise ScreeningError(f"maybe_as must be 'include', 'exclude' or None, not {maybe_as!r}")
        if fallback not in ("random", "original"):
            raise ScreeningError(f"fallback must be 'random' or 'original', not {fallback!r}")
        if int(retrain_every) < 1:
            raise ScreeningError(f"retrain_every must be at least 1, not {retrain_every!r}")
        self.key = key
        self.keys = keys
        self.seed = int(seed)
        self.model_name = model
        self.C = C
        self.retrain_every = int(retrain_every)
        if not 0 <= float(retrain_share) < 1:
            raise ScreeningError(f"retrain_share must be in [0, 1), not {retrain_share!r}")
        self.retrain_share = float(retrain_share)
        if not float(title_weight) >= 0:
            raise ScreeningError(f"title_weight must be 0 or more, not {title_weight!r}")
        self.title_weight = float(title_weight)
        if not float(include_weight) > 0:
            raise ScreeningError(f"include_weight must be positive, not {include_weight!r}")
        self.include_weight = float(include_weight)
        if not float(C_growth) >= 0:
            raise ScreeningError(f"C_growth must be 0 or more, not {C_growth!r}")
        self.C_growth = float(C_growth)
        self.maybe_as = maybe_as
        if char_ngrams is not None:
            lo, hi = (int(v) for v in char_ngrams)
            if not 1 <= lo <= hi:
                raise ScreeningError(f"char_ngrams must be (low, high) with 1 <= low <= high, not {char_ngrams!r}")
            char_ngrams = (lo, hi)
        if not float(char_weight) >= 0:
            raise ScreeningError(f"char_weight must be 0 or more, not {char_weight!r}")
        if char_on not in ("text", "title"):
            raise ScreeningError(f"char_on must be 'text' or 'title', not {char_on!r}")
        self.char_ngrams = char_ngrams
        self.char_weight = float(char_weight)
        if char_mode not in ("stack", "rank"):
            raise ScreeningError(f"char_mode must be 'stack' or 'rank', not {char_mode!r}")
        self.char_on = char_on
        self.char_mode = char_mode
        if embeddings is not None:
            embeddings = np.asarray(embeddings, dtype=np.float64)
            if embeddings.ndim != 2 or embeddings.shape[0] != len(keys):
                raise ScreeningError(f"embeddings must have one row per unit ({len(keys)}), "
                                     f"not shape {embeddings.shape}")
            if not np.isfinite(embeddings).all():
                bad = int(np.flatnonzero(~np.isfinite(embeddings).all(axis=1))[0])
                raise ScreeningError(f"embeddings: unit {keys[bad]!r} has a value that is not a finite number")
            embeddings = normalize(embeddings)
        self.embeddings = embeddings
        if not float(keywords_weight) >= 0:
            raise ScreeningError(f"keywords_weight must be 0 or more, not {keywords_weight!r}")
        self.keywords_weight = float(keywords_weight)
        self.embedding_C = float(embedding_C)
        if not 0 <= float(embedding_weight) <= 1:
            raise ScreeningError(f"embedding_weight must be in [0, 1], not {embedding_weight!r}")
        self.embedding_weight = float(embedding_weight)
        self.adaptive = bool(adaptive)
        # units with no abstract at all (the readers turn "[No abstract available]" and the like into "")
        no_abstract = (units["abstract"].fillna("").astype(str).str.strip() == "").to_numpy()
        mixed = bool(no_abstract.any() and not no_abstract.all())
        self._no_abstract = no_abstract if (no_abstract_by_title and mixed) else None
        self._title_features = None
        char_second = char_ngrams is not None and char_mode == "rank"
        if char_second and embeddings is not None:
            raise ScreeningError("embeddings and char_mode='rank' both ask for the second model; give one of them")
        if self.adaptive and not (char_second or embeddings is not None):
            raise ScreeningError("adaptive=True chooses between two rankings: give embeddings, or "
                                 "char_ngrams with char_mode='rank'")
        # adaptive: the two rankings (main model alone, blend), which one chose each unit, and each one's
        # record of hits (includes) and misses
        self._arm_scores = self._arm_orders = None
        self._picked_by = np.full(len(keys), -1, dtype=np.int8)
        self._credited = np.zeros(len(keys), dtype=bool)
        self._arm_log: tuple[list, list] = ([], [])
        self._arm_rng = np.random.RandomState(self.seed)
        self.window = int(window)
        self._pos = {k: i for i, k in enumerate(keys)}
        n = len(keys)
        # The fall-back order doubles as the tie-break of the model's order, so equal scores never depend
        # on the sort algorithm.
        if fallback == "random":
            self._fallback_rank = np.random.RandomState(self.seed).permutation(n)
        else:
            self._fallback_rank = np.arange(n)
        self._fallback_order = np.argsort(self._fallback_rank, kind="stable")
        titles = units["title"].fillna("").astype(str)
        # spaced_text: a Chinese or Japanese title is words, not one word
        text = [spaced_text(t) for t in (titles + " " + units["abstract"].fillna("").astype(str)).tolist()]
        started = time.perf_counter()
        tfidf = dict(ngram_range=tuple(ngram_range), min_df=min_df, max_df=max_df if n > 1 else 1.0,
                     sublinear_tf=sublinear_tf, stop_words=stop_words, dtype=np.float32)
        self.features = _tfidf(text, n, tfidf)
        blocks = [self.features]
        if (self.title_weight or self._no_abstract is not None) and self.features.shape[1]:
            title_block = _tfidf([spaced_text(t) for t in titles.tolist()], n, tfidf)
            if title_block.shape[1]:
                if self._no_abstract is not None:
                    self._title_features = title_block  # the weighted block below is a new matrix
                    self._title_features.sort_indices()
                if self.title_weight:
                    blocks.append(self.title_weight * title_block)
        if self.keywords_weight and self.features.shape[1] and "keywords" in units.columns:
            kw = units["keywords"].map(_keyword_text).tolist()
            kw_block = _tfidf(kw, n, tfidf)
            if kw_block.shape[1]:
                blocks.append(self.keywords_weight * kw_block)
        if self.char_ngrams is not None and self.char_weight and self.features.shape[1]:
            source = titles.tolist() if self.char_on == "title" else text
            chars = dict(tfidf, analyzer="char_wb", ngram_range=self.char_ngrams, min_df=max(2, min_df)
                         if isinstance(min_df, int) else min_df)
            char_block = _tfidf(source, n, chars)
            if char_block.shape[1]:
                if self.char_mode == "rank":
                    self.embeddings = char_block
                else:
                    blocks.append(self.char_weight * char_block)
        if len(blocks) > 1:
            self.features = normalize(sparse.hstack(blocks, format="csr"))
        # Sorted once here: scikit-learn sorts the rows it trains on, and a slice of an unsorted matrix
        # costs that sort again at every retraining (a quarter of it with 5,000 decisions).
        self.features.sort_indices()
        if sparse.issparse(self.embeddings):
            self.embeddings.sort_indices()
        #: Seconds spent computing the TF-IDF matrix.
        self.feature_seconds = time.perf_counter() - started
        #: Seconds the latest retraining took (fit plus scoring all units).
        self.last_fit_seconds = float("nan")
        self.fits = 0
        self.unknown_keys: list = []
        self._decisions: dict = {}
        # Per unit: decided at all, and its training label (1, 0, or -1: not used for training). Kept in step
        # with _decisions one key at a time, so a key press costs no pass over all decisions.
        self._decided = np.zeros(n, dtype=bool)
        self._label = np.full(n, -1, dtype=np.int8)
        self._scores: np.ndarray | None = None
        self._ranked: np.ndarray | None = None  # every unit in the current model's order (best first)
        self._ready_at: int | None = None  # decisions made before the model first ordered the units
        self._offered = np.zeros(n, dtype=bool)  # units next_key has handed out
        self._trained_on = 0

    # -- decisions ---------------------------------------------------------------------------------------
    def _read_decisions(self, decisions) -> dict:
        items = decisions.items() if isinstance(decisions, Mapping) or hasattr(decisions, "items") else decisions
        known, unknown = {}, []
        for k, v in items:
            if v is None or (isinstance(v, float) and math.isnan(v)):
                continue
            d = normalise_decision(k, v)
            if k in self._pos:
                known.pop(k, None)  # a later decision supersedes: keep it at its new place in the order
                known[k] = d
            else:
                unknown.append(k)
        self.unknown_keys = unknown
        if unknown:
            warnings.warn(f"{len(unknown)} decision(s) name units that are not in the units table and were "
                          f"ignored (e.g. {unknown[:3]})", stacklevel=3)
        return known

    def _train_value(self, d: str) -> int:
        if d == MAYBE:
            if self.maybe_as is None:
                return -1
            d = self.maybe_as
        return 1 if d == INCLUDE else 0

    def _set_decisions(self, decisions: dict) -> None:
        """Replace every decision (already normalised, keys known)."""
        self._decisions = decisions
        self._decided[:] = False
        self._label[:] = -1
        if decisions:
            pos = np.fromiter((self._pos[k] for k in decisions), dtype=np.int64, count=len(decisions))
            self._decided[pos] = True
            self._label[pos] = np.fromiter((self._train_value(d) for d in decisions.values()), dtype=np.int8,
                                           count=len(decisions))
            self._credit(pos[(self._picked_by[pos] >= 0) & ~self._credited[pos]])

    def _set_decision(self, key, decision: str | None) -> None:
        """Add, change (it moves to the end of the order of decisions) or, with ``None``, remove one decision."""
        i = self._pos[key]
        self._decisions.pop(key, None)
        if decision is None:
            self._decided[i] = False
            self._label[i] = -1
        else:
            self._decisions[key] = decision
            self._decided[i] = True
            self._label[i] = self._train_value(decision)
            if self._picked_by[i] >= 0:
                self._credit((i,))

    def _training_labels(self) -> tuple[np.ndarray, np.ndarray]:
        """(unit positions, 0/1 labels) of the decisions used for training, in the units table's order."""
        idx = np.flatnonzero(self._label >= 0)
        return idx, self._label[idx]

    # -- learning ----------------------------------------------------------------------------------------
    def fit(self, decisions: Mapping | Iterable[tuple], *, force: bool = False) -> "Prioritiser":
        """Take the decisions so far and retrain when due.

        Parameters
        ----------
        decisions : mapping or iterable of (key, decision) pairs
            Every decision so far, oldest first (a dict keeps insertion order). Keys not in the units
            table are ignored with a warning (listed in :attr:`unknown_keys`); values other than include,
            exclude, maybe raise :class:`~synthesis.screening.settings.ScreeningError` naming the unit.
        force : bool
            Retrain even when fewer than ``retrain_every`` new decisions arrived.

        Returns
        -------
        Prioritiser
            ``self``, so ``p.fit(decisions).rank()`` works.
        """
        self._set_decisions(self._read_decisions(decisions))
        return self._update(force)

    def _both_classes(self) -> bool:
        return bool(self.features.shape[1] > 0 and (self._label == 1).any() and (self._label == 0).any())

    def _update(self, force: bool = False) -> "Prioritiser":
        if not self._both_classes():
            self._scores = self._ranked = None
            self._trained_on = 0
            return self
        idx, y = self._training_labels()
        new = abs(len(idx) - self._trained_on)
        due = (self._scores is None or force
               or new >= max(self.retrain_every, math.floor(self.retrain_share * self._trained_on)))
        if due:
            self._train(idx, y)
            if self._ready_at is None:
                self._ready_at = len(self._decisions)
        return self

    def _train(self, idx: np.ndarray, y: np.ndarray) -> None:
        started = time.perf_counter()
        n1 = int(y.sum())
        # includes weigh include_weight times as much as all excludes together (1: balanced classes)
        weights = {0: 1.0, 1: self.include_weight * (len(y) - n1) / n1}
        C = self.C
        if self.C_growth and self.model_name != "nb":
            # more includes, more evidence: weaken the regularisation (reviews with hundreds of includes
            # need it; with a few dozen the strong default is what works)
            C = (C or _DEFAULT_C[self.model_name]) * max(1.0, n1 / 10) ** self.C_growth
        model = _make_model(self.model_name, self.seed, C, weights)
        X = self.features[idx]
        model.fit(X, y)
        scores = np.asarray(_include_scores(model, self.features), dtype=np.float64)
        if self._title_features is not None:
            titles_model = _make_model(self.model_name, self.seed, C, weights).fit(self._title_features[idx], y)
            by_title = np.asarray(_include_scores(titles_model, self._title_features), dtype=np.float64)
            scores = np.where(self._no_abstract, _rank_share([by_title]), _rank_share([scores]))
        if self.embeddings is not None:
            # a second logistic model on the unit vectors; each unit ranked by the mean of its two ranks
            # (the two models' scores are on different scales; ranks are comparable)
            second = LogisticRegression(C=self.embedding_C * max(1.0, n1 / 10) ** self.C_growth,
                                        class_weight=weights, solver="liblinear", max_iter=1000,
                                        dual=sparse.issparse(self.embeddings),
                                        random_state=self.seed)
            second.fit(self.embeddings[idx], y)
            other = second.decision_function(self.embeddings)
            w = self.embedding_weight
            blend = _rank_share([scores, other], [1 - w, w])
            if self.adaptive:
                self._arm_scores = (_rank_share([scores]), blend)
                self._arm_orders = tuple(np.lexsort((self._fallback_rank, -a)) for a in self._arm_scores)
                scores = self._arm_scores[self._preferred_arm()]
            else:
                scores = blend
        # the whole order, sorted once per model (off the key press when retrained in the background);
        # lexsort: last key is primary; ties broken by the seeded fall-back order
        self._ranked = np.lexsort((self._fallback_rank, -scores))
        self._scores = scores
        self._trained_on = len(idx)
        self.fits += 1
        self.last_fit_seconds = time.perf_counter() - started

    def _arm_record(self, arm: int) -> tuple[int, int]:
        """(includes, other decisions) among the latest units that ``arm`` chose (at most _ARM_WINDOW)."""
        recent = self._arm_log[arm][-_ARM_WINDOW:]
        hits = sum(recent)
        return hits, len(recent) - hits

    def _preferred_arm(self) -> int:
        """The ranking whose recent choices were includes more often (the main model's when level)."""
        (h0, m0), (h1, m1) = self._arm_record(0), self._arm_record(1)
        return int((h1 + 1) / (h1 + m1 + 2) > (h0 + 1) / (h0 + m0 + 2))

    def _credit(self, positions) -> None:
        """Count each newly decided unit as a hit or a miss for the ranking that chose it."""
        for i in positions:
            arm = self._picked_by[i]
            if arm >= 0 and not self._credited[i] and self._label[i] >= 0:
                self._arm_log[arm].append(int(self._label[i] == 1))
                self._credited[i] = True

    @property
    def model_ready(self) -> bool:
        """Whether the order currently comes from a trained model."""
        return self._scores is not None

    # -- ordering ----------------------------------------------------------------------------------------
    def scores(self) -> pd.Series:
        """The model's include score of every unit (higher: more likely an include); ``nan`` before training."""
        values = self._scores if self._scores is not None else np.full(len(self.keys), np.nan)
        return pd.Series(values, index=pd.Index(self.keys, name=self.key), name="score")

    def _order(self, exclude_idx: np.ndarray) -> np.ndarray:
        ranked = self._ranked
        order = self._fallback_order if ranked is None or self._scores is None else ranked
        if len(exclude_idx):
            mask = np.ones(len(self.keys), dtype=bool)
            mask[exclude_idx] = False
            order = order[mask[order]]
        return order

    def rank(self, unlabelled: Iterable | None = None) -> list:
        """Keys of the units to screen, likely includes first.

        Parameters
        ----------
        unlabelled : iterable of keys, optional
            Rank only these; by default every unit without a decision in the last :meth:`fit`.

        Returns
        -------
        list
            Unit keys, best first.
        """
        if unlabelled is None:
            return [self.keys[i] for i in self._order(np.flatnonzero(self._decided))]
        wanted = set(unlabelled)
        unknown = [k for k in wanted if k not in self._pos]
        if unknown:
            raise KeyError(f"not in the units table: {unknown[:5]}")
        return [self.keys[i] for i in self._order(np.empty(0, dtype=np.int64)) if self.keys[i] in wanted]

    def next_key(self, decisions: Mapping | None = None):
        """The key of the unit to screen next: the best one without a decision that was not handed out before.

        A unit handed out and then skipped (the reviewer moved on without deciding) is not offered again;
        the widget keeps it in its own list. ``None`` when nothing is left to offer. ``decisions``, when
        given, are passed to :meth:`fit` first. :meth:`rank` gives the whole order.
        """
        if decisions is not None:
            self.fit(decisions)
        ranked = self._ranked
        order = self._fallback_order if ranked is None or self._scores is None else ranked
        arm = -1
        if self._arm_orders is not None and self._scores is not None:
            # Thompson sampling between the two rankings: draw each one's include rate from its recent
            # record (Beta posterior) and let the higher draw choose the unit
            draws = [self._arm_rng.beta(1 + h, 1 + m) for h, m in (self._arm_record(0), self._arm_record(1))]
            arm = int(draws[1] > draws[0])
            order = self._arm_orders[arm]
        open_ = ~(self._decided | self._offered)[order]
        first = int(np.argmax(open_))
        if not open_[first]:
            return None
        i = order[first]
        self._offered[i] = True
        self._picked_by[i] = arm
        return self.keys[i]

    # -- stopping ----------------------------------------------------------------------------------------
    def stopping_aid(self, decisions: Mapping | None = None) -> StoppingAid:
        """Numbers for deciding when to stop: see :class:`StoppingAid`.

        ``decisions``, when given, are passed to :meth:`fit` first.
        """
        if decisions is not None:
            self.fit(decisions)
        values = list(self._decisions.values())
        included = sum(1 for d in values if d == INCLUDE)
        since = 0
        for d in reversed(values):
            if d == INCLUDE:
                break
            since += 1
        recent = values[-self.window:] if self.window > 0 else []
        rate = (sum(1 for d in recent if d == INCLUDE) / len(recent)) if recent else float("nan")
        unscreened = len(self.keys) - len(values)
        left = self._estimate_left()
        est_recall = included / (included + left) if (included + left) > 0 else float("nan")
        return StoppingAid(screened=len(values), included=included, unscreened=unscreened,
                           since_last_include=since, recent_include_rate=rate,
                           estimated_includes_left=left, estimated_recall=est_recall,
                           model_ready=self.model_ready)


    def _estimate_left(self) -> float:
        if self._ready_at is None:
            return float("nan")
        values = list(self._decisions.values())
        total = len(self.keys)
        y = np.array([d == INCLUDE for d in values[self._ready_at:]], dtype=float)
        if len(y) < 20 or y.sum() == 0:
            return float("nan")
        if len(values) >= total:
            return 0.0
        # positions as a share of all units keep the regression well scaled for any review size
        position = (np.arange(self._ready_at, len(values), dtype=float) / total).reshape(-1, 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter on tiny inputs; the checks below decide
            fitted = PoissonRegressor(alpha=0.0, max_iter=1000).fit(position, y)
        a, b = math.exp(fitted.intercept_), -float(fitted.coef_[0]) / total
        if not b > 0 or not math.isfinite(a):
            return float("nan")
        n = len(values)
        return float(a / b * (math.exp(-b * n) - math.exp(-b * total)))


def _keyword_text(value) -> str:
    """A unit's keywords as one text (a list, or the library's ``"; "``-joined string; missing: empty)."""
    if isinstance(value, (list, tuple)):
        return " ; ".join(str(v) for v in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _tfidf(texts: list, n: int, options: dict) -> sparse.csr_matrix:
    """TF-IDF rows of ``texts``; no columns when there is no text or every word is filtered out."""
    if not n or not any(t.strip() for t in texts):
        return sparse.csr_matrix((n, 0), dtype=np.float32)
    try:
        return TfidfVectorizer(**options).fit_transform(texts).tocsr()
    except ValueError as e:
        if "empty vocabulary" not in str(e) and "no terms remain" not in str(e):
            raise
        # every word filtered out (only stop words; or every word in nearly every unit, which max_df prunes, as
        # in a handful of near-identical records): nothing to learn from, keep the fall-back
        return sparse.csr_matrix((n, 0), dtype=np.float32)


# -- replaying a finished screening -------------------------------------------------------------------------
def replay(units: pd.DataFrame, labels: Sequence, priors: Sequence, *, key: str = "group_id",
           stop_when_all_found: bool = True, stop_at_recall: float = 1.0, screen_at_least: float = 0.0,
           on_step=None, **options) -> list:
    """Replay a finished screening in prioritised order and return the order in which units were screened.

    The reviewer's decisions ``labels`` (1 include, 0 exclude, aligned with ``units`` rows) are revealed one
    at a time in the order the :class:`Prioritiser` proposes, starting from the ``priors`` (row positions,
    screened first, in the given order). Once every include is found the rest follow in the model's last
    order (unless ``stop_when_all_found=False``), which does not change recall or WSS.

    Parameters
    ----------
    units : pandas.DataFrame
        Units table as for :class:`Prioritiser`.
    labels : sequence of 0/1
        The real decision of every unit.
    priors : sequence of int
        Row positions screened before the model starts (e.g. one include and one exclude).
    stop_at_recall, screen_at_least : float
        With ``stop_when_all_found``, stop revealing decisions once this share of the includes was found
        and at least this share of the units screened (defaults: every include, no minimum). A shortcut
        for long replays: recall at up to ``screen_at_least`` and WSS at up to ``stop_at_recall`` are
        the same as in the full replay.
    on_step : callable, optional
        Called as ``on_step(prioritiser, n_screened)`` after each retraining check, before the next unit
        is chosen (e.g. to record :meth:`Prioritiser.stopping_aid` on the way).
    **options
        Passed to :class:`Prioritiser`.

    Returns
    -------
    list of int
        Row positions in screening order (a permutation of ``range(len(units))``).

    Examples
    --------
    >>> import pandas as pd
    >>> u = pd.DataFrame({"group_id": range(4), "title": ["knee pain", "steel", "knee ache", "iron"],
    ...                   "abstract": ""})
    >>> replay(u, [1, 0, 1, 0], priors=[0, 1])[:3]
    [0, 1, 2]
    """
    labels = np.asarray(labels, dtype=int)
    if len(labels) != len(units):
        raise ValueError(f"{len(labels)} labels for {len(units)} units")
    p = Prioritiser(units, key=key, **options)
    keys = p.keys
    total = int(labels.sum())
    enough = math.ceil(stop_at_recall * total - 1e-9)
    at_least = math.ceil(screen_at_least * len(labels) - 1e-9)
    decisions: dict = {}
    order: list[int] = []
    found = 0
    for i in priors:
        i = int(i)
        if keys[i] in decisions:
            continue
        decisions[keys[i]] = INCLUDE if labels[i] else EXCLUDE
        order.append(i)
        found += int(labels[i])
    p._set_decisions(decisions)  # replay owns the decisions: one at a time from here, never re-read
    while len(order) < len(keys):
        p._update()
        if on_step is not None:
            on_step(p, len(order))
        if stop_when_all_found and found >= enough and len(order) >= at_least and p.model_ready:
            order.extend(p._pos[k] for k in p.rank())
            break
        k = p.next_key()
        i = p._pos[k]
        p._set_decision(k, INCLUDE if labels[i] else EXCLUDE)
        order.append(i)
        found += int(labels[i])
    return order


def recall_at(labels_in_order: Sequence, fraction: float) -> float:
    """Share of all includes found after screening ``fraction`` of the records in the given order.

    The number screened is ``fraction * N`` rounded half up.

    >>> recall_at([1, 0, 1, 0, 0, 0, 0, 0, 0, 1], 0.3)
    0.6666666666666666
    """
    lab = np.asarray(labels_in_order, dtype=int)
    total = lab.sum()
    if total == 0:
        raise ValueError("no includes in the order: recall is undefined")
    n = math.floor(fraction * len(lab) + 0.5)
    return float(lab[:n].sum() / total)


def wss_at(labels_in_order: Sequence, recall: float = 0.95) -> float:
    """Work saved over sampling at a recall level (Cohen et al. 2006), for a screening order.

    ``WSS@r = (N - n_r) / N - (1 - r)``, where ``n_r`` is the number of records screened until
    ``ceil(r * includes)`` includes have been found. Random order scores about 0; the maximum is
    ``1 - includes/N - (1 - r)`` roughly.

    >>> round(wss_at([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], 0.95), 2)   # both found after 2 of 10
    0.75
    """
    lab = np.asarray(labels_in_order, dtype=int)
    total = lab.sum()
    if total == 0:
        raise ValueError("no includes in the order: WSS is undefined")
    need = math.ceil(recall * total - 1e-9)
    n_r = int(np.searchsorted(np.cumsum(lab), need) + 1)
    return float((len(lab) - n_r) / len(lab) - (1 - recall))
