"""How likely a pair that is not merged automatically is a duplicate, and why it was not merged.

Every ``maybe`` pair gets a *likelihood*: the probability that the two records are the same paper, from
the field agreements :mod:`synthesis.dedup.score` computes, through a logistic model. Its coefficients
(:data:`COEFFICIENTS`) were fitted with scikit-learn on the maybe pairs of the labelled sets in
``../shared/data/dedup`` and checked on sets they were not fitted on (leave one set out); the script
``benchmarks/fit_maybe_likelihood.py`` refits them, prints the calibration and rewrites the block below. The
model is plain numbers in this file, not a pickle, so it can be read and reviewed.

Four rules come before the model:

* a *generic* title (see :func:`synthesis.dedup.prep.recurring_titles`) says nothing about which item a
  record is, so the title similarity is left out of its features;
* a generic title with two different DOIs, or a different issue or first page and no agreeing one, is two
  items, and one where both records give an issue or a first page but none agrees has nothing to tie it to
  one item: likelihood 0;
* a pair whose records give one text (the same title, authors and abstract: :func:`one_text`) is at least
  :data:`ONE_TEXT` likely, whatever else the records lack (one database exported no year or source);
* a pair whose records give one DOI or PubMed id and one title (:func:`one_id`) is at least :data:`ONE_ID`
  likely, whatever one database garbled of its journal, volume or pages.

The maybe list gives first the pairs only a never-merge rule kept apart, then the rest most likely first;
pairs under :attr:`~synthesis.dedup.decide.DecisionRules.maybe_floor` are not shown (``distinct``) unless a
rule kept them apart. :func:`why_not_automatic` gives each pair a one-line reason.

Examples
--------
>>> import numpy as np
>>> pair = {"title": np.array([100.0, 82.0]), "title_words": np.array([100.0, 85.0]),
...         "authors": np.array([100.0, 30.0]), "first_author": np.array([1, 0]), "journal": np.array([100.0, 100.0]),
...         "abstract": np.array([-1.0, -1.0]), "year_gap": np.array([0, 0]), "doi": np.array([0, -1]),
...         "pmid": np.array([-1, -1]), "volume": np.array([1, 1]), "issue": np.array([1, -1]), "page": np.array([1, -1]),
...         "numbers_differ": np.array([False, False]), "kind_differs": np.array([False, False]),
...         "conference_differs": np.array([False, False]), "generic": np.array([False, False])}
>>> p = duplicate_likelihood(pair)
>>> bool(p[0] > 0.5 > p[1])
True
>>> why_not_automatic(pair, np.array(["different DOIs", ""], dtype=object)).tolist()
['different DOIs', 'titles 82 % alike, no shared author']
"""
from __future__ import annotations

import numpy as np

__all__ = ["FEATURES", "COEFFICIENTS", "INTERCEPT", "ONE_PLACE", "ONE_TEXT", "ONE_ID", "pair_features",
           "duplicate_likelihood", "two_items", "one_place", "one_text", "one_id", "why_not_automatic"]

#: The model's inputs, in order (see :func:`pair_features`).
FEATURES = ["title", "title_95", "title_low", "title_far", "title_missing", "words", "authors", "authors_missing", "authors_low", "first_same",
            "journal", "journal_same", "journal_diff", "abstract", "abstract_missing", "year_same", "year_far",
            "doi_same", "doi_diff", "pmid_same", "pmid_diff", "volume_same", "volume_diff", "issue_same",
            "issue_diff", "page_same", "page_diff", "numbers_differ", "kind_differs", "conference_differs",
            "generic"]

# --- fitted by benchmarks/fit_maybe_likelihood.py (do not edit by hand) ---
COEFFICIENTS = {
    'title': 0.6623,
    'title_95': 2.5492,
    'title_low': -0.1359,
    'title_far': -1.7232,
    'title_missing': -0.8465,
    'words': 0.6937,
    'authors': 1.3161,
    'authors_missing': 0.65,
    'authors_low': -0.4665,
    'first_same': 1.8345,
    'journal': 0.5438,
    'journal_same': 1.4383,
    'journal_diff': -1.0069,
    'abstract': -0.5469,
    'abstract_missing': 0.5181,
    'year_same': 2.3199,
    'year_far': -0.4144,
    'doi_same': -0.3675,
    'doi_diff': -0.8137,
    'pmid_same': 0.0,
    'pmid_diff': 0.0,
    'volume_same': 0.8475,
    'volume_diff': -2.2602,
    'issue_same': -0.0864,
    'issue_diff': -0.4895,
    'page_same': 0.1809,
    'page_diff': -1.3833,
    'numbers_differ': -0.5783,
    'kind_differs': 0.887,
    'conference_differs': -0.3009,
    'generic': 1.1805,
}
INTERCEPT = -8.563
ONE_PLACE = 0.875
# --- end of fitted block ---
#: The least likelihood of a pair whose records give one text (see :func:`one_text`). Counted, not fitted: of
#: the labelled sets' open maybe pairs, 18 of 18 such pairs were duplicates (all in asysd_diabetes, with their
#: years), and so were 17 of 17 in a telomere review's two exports, where one export gave no year or source and
#: the model (which never saw such a pair without a year) called each 14 % likely. Laplace's rule on the 18.
ONE_TEXT = 0.95
#: The least likelihood of a pair whose records give one identifier and one title (see :func:`one_id`). A rule,
#: not a fit: a DOI or PubMed id names one item, and the model cannot learn it, because ``../shared``'s maybe
#: lists hold no pair with one DOI (its weight for "same DOI" is a small negative number fitted on nothing). In
#: bib-dedupe's four sets 5 pairs are such (shown or under the floor), 3 of them one paper (one with a second
#: journal, volume and page that a database garbled, called 8 % likely); the 2 others are an article and a meeting
#: abstract that a database gave the article's DOI, which those sets count as two records. Laplace's rule on 3 of 5.
ONE_ID = 0.57


def _a(scores, name, dtype=float) -> np.ndarray:
    return np.asarray(scores[name], dtype=dtype)


def pair_features(scores) -> np.ndarray:
    """The model's inputs for scored pairs: an array of shape ``(pairs, len(FEATURES))``.

    Similarities are scaled to 0-1 (0 when a side is empty, with a "missing" flag beside them); agreements
    become "same" and "different" flags, so an empty field counts as neither.
    """
    title, words, authors, journal, abstract = (_a(scores, c) for c in ("title", "title_words", "authors",
                                                                        "journal", "abstract"))
    gap = _a(scores, "year_gap")
    n = len(title)
    generic = _a(scores, "generic", bool) if "generic" in scores else np.zeros(n, dtype=bool)

    def flag(name, value):
        return (np.asarray(scores[name]) == value).astype(float)

    columns = {
        # a generic title ("Editorial") agreeing says nothing: its similarity is left out
        "title": np.where(generic, 0.0, np.maximum(title, 0) / 100),
        "title_95": np.where(generic, 0.0, (title >= 95).astype(float)),
        "title_low": np.where(generic, 0.0, ((title >= 0) & (title < 80)).astype(float)),
        # under 60 % alike the titles name two papers, unless other details say otherwise
        "title_far": np.where(generic, 0.0, ((title >= 0) & (title < 60)).astype(float)),
        "title_missing": (title < 0).astype(float),
        "words": np.where(generic, 0.0, np.maximum(words, 0) / 100),
        "authors": np.maximum(authors, 0) / 100,
        "authors_missing": (authors < 0).astype(float),
        "authors_low": ((authors >= 0) & (authors < 50)).astype(float),
        "first_same": flag("first_author", 1),
        "journal": np.where(journal >= 0, journal, 50.0) / 100,
        "journal_same": (journal >= 90).astype(float),
        "journal_diff": ((journal >= 0) & (journal < 50)).astype(float),
        "abstract": np.maximum(abstract, 0) / 100,
        "abstract_missing": (abstract < 0).astype(float),
        "year_same": (gap == 0).astype(float),
        "year_far": (gap > 1).astype(float),
        "doi_same": flag("doi", 1), "doi_diff": flag("doi", 0),
        "pmid_same": flag("pmid", 1), "pmid_diff": flag("pmid", 0),
        "volume_same": flag("volume", 1), "volume_diff": flag("volume", 0),
        "issue_same": flag("issue", 1), "issue_diff": flag("issue", 0),
        "page_same": flag("page", 1), "page_diff": flag("page", 0),
        "numbers_differ": _a(scores, "numbers_differ", bool).astype(float),
        "kind_differs": _a(scores, "kind_differs", bool).astype(float),
        "conference_differs": _a(scores, "conference_differs", bool).astype(float),
        "generic": generic.astype(float),
    }
    if n == 0:
        return np.empty((0, len(FEATURES)))
    return np.column_stack([columns[f] for f in FEATURES])


def duplicate_likelihood(scores, coefficients: dict | None = None, intercept: float | None = None) -> np.ndarray:
    """The probability (0-1) that each scored pair is a duplicate.

    Parameters
    ----------
    scores : dict of arrays or pandas.DataFrame
        From :func:`synthesis.dedup.score.score_columns` (or ``score_pairs``).
    coefficients, intercept : optional
        Another fitted model (default: :data:`COEFFICIENTS`, :data:`INTERCEPT`).
    """
    coefficients = COEFFICIENTS if coefficients is None else coefficients
    intercept = INTERCEPT if intercept is None else intercept
    x = pair_features(scores)
    if not len(x):
        return np.empty(0)
    z = x @ np.array([coefficients.get(f, 0.0) for f in FEATURES]) + intercept
    p = 1.0 / (1.0 + np.exp(-z))
    placed = one_place(scores)
    p[placed] = np.maximum(p[placed], ONE_PLACE)
    alike = one_text(scores)
    p[alike] = np.maximum(p[alike], ONE_TEXT)
    named = one_id(scores)
    p[named] = np.maximum(p[named], ONE_ID)
    p[two_items(scores)] = 0.0  # two issues' "Editorial"
    return p


def two_items(scores) -> np.ndarray:
    """Pairs with a generic title that their details place apart: two items, whatever else agrees.

    A different DOI, or a different issue or first page with no agreeing one (when one agrees and the other
    not, one database slipped: a person decides), or both records giving an issue or a first page and none
    agreeing.
    """
    n = len(np.asarray(scores["doi"]))
    generic = _a(scores, "generic", bool) if "generic" in scores else np.zeros(n, dtype=bool)
    doi, issue, page = (np.asarray(scores[c]) for c in ("doi", "issue", "page"))
    apart = (doi == 0) | (((issue == 0) | (page == 0)) & (issue != 1) & (page != 1))
    if "locators_disjoint" in scores:
        apart |= np.asarray(scores["locators_disjoint"], dtype=bool) & (doi != 1) & (np.asarray(scores["pmid"]) != 1)
    return generic & apart


def one_place(scores) -> np.ndarray:
    """Pairs whose records stand at the same place: the same range of several pages, either in the same volume
    (no issue that differs) or under the same title (at least 95 % alike, not a generic one); no DOI that
    differs, years at most one apart, authors alike (at least 50 %, below which no author is shared).

    Two articles of one volume do not share their first and last page, and one title at one range of pages is
    one paper, whatever a database did to the volume. Two abstracts can share a page of a supplement, hence a
    range of several pages. Where pages start again in each issue, the issues tell two articles apart, so a
    different issue rules a pair of other titles out; years further apart are two volumes under one number (an
    export that puts the issue number in the volume field). Where one record gives no authors (or gives them in
    another script), the same journal or one DOI or PubMed id stands for them.
    """
    if "same_pages" not in scores:
        return np.zeros(len(np.asarray(scores["doi"])), dtype=bool)
    title = _a(scores, "title")
    generic = _a(scores, "generic", bool) if "generic" in scores else np.zeros(len(title), dtype=bool)
    same_volume = (np.asarray(scores["volume"]) == 1) & (np.asarray(scores["issue"]) != 0) & (title >= 0)
    same_title = (title >= 95) & ~generic  # "Editorial" names no paper
    # authors not given by one record (or in another script, "陈凤侠" and "Chen, F."): its journal's name, or one DOI
    # or PubMed id, stands for them (a translated journal name differs, its DOI does not)
    authors = _a(scores, "authors")
    named = (authors >= 50) | ((authors < 0) & ((_a(scores, "journal") >= 90) | (np.asarray(scores["doi"]) == 1)
                                               | (np.asarray(scores["pmid"]) == 1)))
    return (_a(scores, "same_pages", bool) & (same_volume | same_title) & (np.asarray(scores["doi"]) != 0)
            & (_a(scores, "year_gap") <= 1) & named)


def one_text(scores) -> np.ndarray:
    """Pairs whose records give one text: the same title (at least 95 % alike, not a generic one), the same
    authors (at least 90 %) and the same abstract (at least 95 %), no DOI that differs, years at most one apart
    where both give one; not two kinds of record or two versions (a preprint and its article share their text
    and are still two reports: the rule that kept them apart says so), not at two places (a volume, issue or
    first page that differs, or two journals). Whatever else the records lack (a year, a journal), that is one
    paper."""
    title = _a(scores, "title")
    if "abstract" not in scores:
        return np.zeros(len(title), dtype=bool)
    no = np.zeros(len(title), dtype=bool)
    generic, versioned, kinds = (_a(scores, c, bool) if c in scores else no for c in ("generic", "versioned",
                                                                                       "kind_differs"))
    # one text at two places (volumes, issues, first pages that differ, or two journals) is two publications of
    # it: a conference abstract printed in two supplements, which the labelled sets count as two records
    journal = _a(scores, "journal")
    placed_apart = ((np.asarray(scores["volume"]) == 0) | (np.asarray(scores["issue"]) == 0)
                    | (np.asarray(scores["page"]) == 0) | ((journal >= 0) & (journal < 50)))
    return ((title >= 95) & ~generic & ~versioned & ~kinds & (_a(scores, "authors") >= 90)
            & (_a(scores, "abstract") >= 95) & (np.asarray(scores["doi"]) != 0) & (_a(scores, "year_gap") <= 1)
            & ~placed_apart)


def one_id(scores) -> np.ndarray:
    """Pairs whose records give one DOI or one PubMed id (and no identifier that differs) and one title (at least
    95 % alike, not a generic one): one paper, whatever else a database garbled (a second journal, volume and
    first page). Not two kinds of record or two versions (a preprint and its article, an erratum that repeats
    its article's title: the rule that kept them apart says so).

    >>> import numpy as np
    >>> one_id({"title": np.array([100.0, 100.0, 70.0]), "doi": np.array([1, 0, 1]), "pmid": np.array([-1, 1, -1]),
    ...         "generic": np.array([False, False, False])}).tolist()
    [True, False, False]
    """
    title = _a(scores, "title")
    no = np.zeros(len(title), dtype=bool)
    generic, versioned, kinds = (_a(scores, c, bool) if c in scores else no for c in ("generic", "versioned",
                                                                                       "kind_differs"))
    doi = np.asarray(scores["doi"])
    pmid = np.asarray(scores["pmid"]) if "pmid" in scores else np.full(len(title), -1)
    return (((doi == 1) | (pmid == 1)) & (doi != 0) & (pmid != 0) & (title >= 95) & ~generic & ~versioned
            & ~kinds)


def why_not_automatic(scores, rule_reasons, two_scripts=None) -> np.ndarray:
    """One line per pair saying why it was not merged automatically.

    ``rule_reasons`` are the never-merge reasons (``""`` when no rule applied); otherwise the reason is what
    fell short: "titles 91 % alike, no shared author", "same title, different volumes", "authors not given"; a DOI or
    PubMed id both records give alike is named too ("titles 79 % alike, same DOI"). ``two_scripts`` names, per
    pair, the fields one record writes in Chinese, Japanese or Korean script and the other does not (``"titles"``,
    ``"authors"``, ``"journals"``): those could not be compared, and the line says so rather than "0 % alike".
    """
    rule_reasons = np.asarray(rule_reasons, dtype=object)
    if two_scripts is None:
        two_scripts = [()] * len(rule_reasons)
    title, authors, journal = _a(scores, "title"), _a(scores, "authors"), _a(scores, "journal")
    gap = _a(scores, "year_gap")
    abstract = _a(scores, "abstract") if "abstract" in scores else np.full(len(title), -1.0)
    placed = one_place(scores)
    out = np.empty(len(title), dtype=object)
    for k in range(len(title)):
        if rule_reasons[k]:
            out[k] = rule_reasons[k]
            continue
        t, scripts = title[k], two_scripts[k]
        parts = ([] if "titles" in scripts else
                 ["no title" if t < 0 else "same title" if t >= 99.5 else f"titles {int(t)} % alike"])
        if scripts:
            parts.append(" and ".join(", ".join(scripts).rsplit(", ", 1)) + " in two scripts")
        a = authors[k]
        if "authors" in scripts:
            pass
        elif a < 0:
            parts.append("authors not given")
        elif a < 50:
            parts.append("no shared author")
        elif a < 90:
            parts.append(f"authors {int(a)} % alike")
        lacks = [name for name, column in (("volumes", "volume"), ("first pages", "page"), ("issues", "issue"))
                 if scores[column][k] == 0]
        if 0 <= journal[k] < 50:
            lacks.insert(0, "journals")
        if lacks:
            parts.append("different " + " and ".join(lacks[:2]))
        if gap[k] == 1:
            parts.append("years one apart")
        if placed[k]:
            parts.append("same volume and pages" if scores["volume"][k] == 1 else "same pages")
        # an identifier both records give alike is the strongest sign they are one paper: a person weighing the
        # pair is told, rather than read "too few details to compare" about records whose DOIs agree
        agree = [name for name, column in (("DOI", "doi"), ("PubMed id", "pmid"))
                 if column in scores and scores[column][k] == 1]
        if agree:
            parts.append("same " + " and ".join(agree))
        if len(parts) == 1:
            known = sum(scores[c][k] == 1 for c in ("volume", "issue", "page")) + (journal[k] >= 90)
            # a record exported without its source (Web of Science's author, title and abstract only) agrees with
            # the full record in everything it gives: the person is told what agrees and what is missing, not
            # that nothing but the title was compared
            alike = [name for name, ok in (("authors", a >= 90), ("abstract", abstract[k] >= 95)) if ok]
            if alike and known < 2:
                parts.append("same " + " and ".join(alike))
                parts.append("no year or source to compare" if gap[k] < 0 else "too few details to compare")
            else:
                parts.append("too few details to compare" if known < 2 else "details not decisive")
        out[k] = ", ".join(parts)
    return out
