"""Suggested codes for a study not coded yet, learnt from the studies coded so far.

A multi-label classifier: TF-IDF of the study's text (title, abstract and, when there is one, its PDF's
text) and one logistic regression per code (scikit-learn's ``OneVsRestClassifier``), trained on the agreed
codes. It only ranks; nothing it says is logged until a person chooses the code. Below
:data:`MIN_STUDIES` coded studies it does not suggest at all.

Examples
--------
>>> texts = ["patients app design"] * 12 + ["staff training funding"] * 12
>>> labels = [{"a"}] * 12 + [{"b"}] * 12
>>> s = CodeSuggester().fit(texts, labels)
>>> s.rank("an app designed with patients")[0][0]
'a'
"""
from __future__ import annotations

import warnings

from ..normalise import spaced_text

__all__ = ["CodeSuggester", "MIN_STUDIES", "majority_ranking", "study_text"]

#: Suggestions start once this many studies are coded.
MIN_STUDIES = 20


def study_text(row) -> str:
    """The text a study is known by: title, abstract, keywords and PDF text when present."""
    get = row.get if hasattr(row, "get") else (lambda k, d="": getattr(row, k, d))
    parts = [get("title", ""), get("abstract", ""), get("keywords", ""), get("pdf_text", "")]
    parts = ["; ".join(map(str, p)) if isinstance(p, (list, tuple)) else p for p in parts]  # keywords: a list
    return " ".join(str(p) for p in parts if p and str(p) != "nan")


class CodeSuggester:
    """Rank codes for a text. ``fit(texts, label_sets)``; ``rank(text) -> [(code, probability), ...]``."""

    def __init__(self, C: float = 4.0, max_features: int = 20000):
        self.C = C
        self.max_features = max_features
        self.codes: list = []
        self._model = None
        self._vec = None
        self._prior: dict = {}

    def fit(self, texts, label_sets):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.preprocessing import MultiLabelBinarizer

        texts = list(texts)
        label_sets = [set(x) for x in label_sets]
        if len(texts) != len(label_sets):
            raise ValueError("one set of codes per text")
        n = len(texts)
        self._prior = {}
        for s in label_sets:
            for c in s:
                self._prior[c] = self._prior.get(c, 0) + 1 / max(n, 1)
        mlb = MultiLabelBinarizer()
        y = mlb.fit_transform(label_sets)
        self.codes = list(mlb.classes_)
        self._vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, max_features=self.max_features,
                                    strip_accents="unicode")
        x = self._vec.fit_transform([spaced_text(t) for t in texts])  # a Chinese title is words, not one
        # liblinear: a review codes tens to hundreds of studies, where it is the quickest exact solver
        self._model = OneVsRestClassifier(LogisticRegression(C=self.C, solver="liblinear", max_iter=1000,
                                                             class_weight="balanced"))
        from threadpoolctl import threadpool_limits

        # one thread: small problems, and BLAS threads fighting over a shared machine cost 10-100x here
        with warnings.catch_warnings(), threadpool_limits(1):
            warnings.simplefilter("ignore")  # codes every study (or none) has: constant predictors, fine
            self._model.fit(x, y)
        return self

    def rank(self, text: str, top: int | None = None) -> list:
        """Codes by how likely they fit ``text``, most likely first: ``[(code, probability)]``."""
        if self._model is None:
            raise RuntimeError("fit the suggester first")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            proba = self._model.predict_proba(self._vec.transform([spaced_text(text)]))[0]
        ranked = sorted(zip(self.codes, proba), key=lambda cp: (-cp[1], -self._prior.get(cp[0], 0), cp[0]))
        return [(c, float(p)) for c, p in ranked[:top]]


def majority_ranking(label_sets) -> list:
    """The baseline: codes by how many studies have them (the same ranking for every study)."""
    counts: dict = {}
    for s in label_sets:
        for c in s:
            counts[c] = counts.get(c, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c))
