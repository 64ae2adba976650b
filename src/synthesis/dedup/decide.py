"""Stage 4 of deduplication: decide each scored pair: ``duplicate``, ``maybe`` or ``distinct``.

``duplicate`` pairs are merged without asking anyone, so the rules are tuned for *no false merges*;
``maybe`` pairs go to a person (see :mod:`synthesis.dedup.widget`); everything else is ``distinct``.

Some pairs are never merged automatically, however similar they look (:func:`never_merge_reasons`):

* both records have a DOI and the DOIs differ, or a PubMed id and the ids differ; both are trial registrations with
  different numbers;
* the numbers in the titles differ (Part I / Part II, phase 2 / phase 3); each title has a word the other lacks
  that is no spelling of the other's (the reports of a series, one topic each), and no DOI, PMID or one place
  in a volume says they are one item;
* one is an erratum, comment, reply or retraction notice and the other is not (or is another kind); the titles
  name different reports of one study (protocol, pilot, interim or final results, follow-up, secondary
  analysis); one is a preprint or a thesis and the other is not: see :func:`synthesis.dedup.prep.record_kind`
  and :func:`synthesis.dedup.prep.publication_kind`;
* the years are more than one apart;
* one is a conference paper or abstract and the other is not (unless ``allow_conference=True``, or both give
  one volume and one range of several pages: one printed item); where the other names no type and no journal
  (an export of titles, authors and years only) the reason says so rather than calling it a journal article;
* the same journal and volume, but two different issue numbers or first pages (and no shared DOI or PMID).

A *generic* title (a recurring column, "Editorial", "Erratum", a title of three words or fewer: see
:func:`synthesis.dedup.prep.recurring_titles`) says nothing about which item a record is: such a pair is
merged automatically only with the same DOI or PMID, or the same issue and first page.

Two copies of one trial registration (the same number: :func:`synthesis.dedup.prep.trial_registration`) are
merged whatever their titles and years say: registers give a brief or a scientific title, and a year of
registration, of first posting or of the copy.

Such a pair can still be a ``maybe`` when it looks like a duplicate otherwise.

Examples
--------
>>> import pandas as pd
>>> pair = pd.DataFrame({"title": [99.0], "title_words": [100.0], "authors": [100.0], "first_author": [1],
...     "journal": [100.0], "abstract": [-1.0], "year_gap": [0], "doi": [0], "pmid": [-1], "volume": [1],
...     "issue": [1], "page": [1], "numbers_differ": [False], "kind_differs": [False],
...     "conference_differs": [False]})
>>> decide(pair)["decision"].tolist(), decide(pair)["reason"].tolist()
(['maybe'], ['different DOIs'])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["DecisionRules", "decide", "never_merge_reasons", "may_not_be_distinct", "DUPLICATE", "MAYBE",
           "DISTINCT"]

DUPLICATE, MAYBE, DISTINCT = "duplicate", "maybe", "distinct"
# A pair with the same authors, journal and year whose titles are this alike (edit-based, or word sets) may be
# one paper retitled by a journal or a database: shown to a person when the likelihood says so.
_RETITLED_TITLE, _RETITLED_WORDS = 70.0, 80.0
#: Why a pair that would otherwise be merged is not: its title is generic and nothing locates the item.
GENERIC_REASON = "generic title, and no shared DOI or issue and first page"
#: ... or it is a Cochrane review, whose protocol, review and updates share one title and article number.
VERSIONED_REASON = "Cochrane review versions share one title: no shared DOI or issue"


@dataclass
class DecisionRules:
    """Thresholds of the decision (similarities are 0-100).

    Parameters
    ----------
    allow_conference : bool
        Let a conference paper merge automatically with its journal version.
    id_title : float
        Title similarity needed when the DOI or PMID agree.
    strong_title : float
        Title similarity that, with matching authors and bibliographic details, makes a duplicate.
    maybe_title : float
        Title similarity from which an undecided pair is shown to a person.
    maybe_floor : float
        Likelihood of being a duplicate (0-1, see :mod:`synthesis.dedup.likelihood`) under which a pair that
        is not merged automatically is not shown to a person either: it counts as ``distinct``. The
        default, 0.03, is the highest floor under which a model fitted without a labelled set hid at most one
        of the real duplicates of that set's open pairs (``benchmarks/fit_maybe_likelihood.py``; the figures are
        in ``benchmarks/README.md``); ``0`` shows every maybe pair.
    """

    allow_conference: bool = False
    id_title: float = 85.0
    strong_title: float = 95.0
    good_title: float = 90.0
    maybe_title: float = 80.0
    authors: float = 75.0
    maybe_floor: float = 0.03

    def __post_init__(self):
        floor = self.maybe_floor
        if isinstance(floor, bool) or not isinstance(floor, (int, float)) or not 0 <= floor <= 1:
            # above 1 every maybe pair would vanish from the list unseen
            raise ValueError(f"maybe_floor is a likelihood between 0 and 1 (default 0.03), not {floor!r}")


def never_merge_reasons(scores: pd.DataFrame, rules: DecisionRules | None = None) -> np.ndarray:
    """Why each pair may not be merged automatically (``""`` when nothing forbids it)."""
    rules = rules or DecisionRules()
    n = len(scores["doi"])
    reasons = np.full(n, "", dtype=object)
    # one DOI or PMID is one item, whichever database calls it a conference paper (or, with the same first page,
    # mistypes a number of its title)
    same_id = (np.asarray(scores["doi"]) == 1) | (np.asarray(scores["pmid"]) == 1)
    apart = np.asarray(scores["pages_apart"], dtype=bool) if "pages_apart" in scores else np.zeros(n, dtype=bool)
    registration = _registration(scores, n)
    swapped = np.asarray(scores["words_differ"], dtype=bool) if "words_differ" in scores else np.zeros(n, bool)
    checks = [
        # a notice has a DOI of its own: what the person must know first is that one record is the notice
        (np.asarray(scores["kind_differs"], dtype=bool), "notice (erratum, comment, reply, retraction) vs article"),
        (np.asarray(scores["doi"]) == 0, "different DOIs"),
        # a PubMed id names one citation: two are two items, though they share a DOI (a journal's letters and the
        # reply to them printed under one title on one page, one DOI for all); but MEDLINE holds some articles
        # twice, mostly old ones (one title, authors, year, volume and page under two PMIDs)
        ((np.asarray(scores["pmid"]) == 0) & ~_one_citation(scores), "different PubMed ids"),
        (registration == 0, "different trial registrations"),
        # one DOI given to several papers (a proceedings' or a book's), or an export that cut DOIs short; one
        # title (at least 98 % alike) under one DOI is one paper, paginated online first ("1-14") and in its
        # issue ("317-330")
        (same_id & apart & (np.asarray(scores["title"]) < 98), "one DOI, two ranges of pages"),
        (np.asarray(scores["numbers_differ"], dtype=bool) & ~(same_id & (np.asarray(scores["page"]) == 1)),
         "different numbers in the titles"),
        # a series' reports, one topic each ("... fire topic", "... restoration topic"): one word apart, by the
        # same authors in the same year; only an identifier or one place in a volume says it is one item (or in
        # one issue of one journal and year where a record gives no volume: CNKI gives none for most Chinese
        # journals, which number their issues within the year; a series' reports outside a journal, each its
        # own "issue 1" from page 1, stay apart)
        (swapped & ~same_id
         & ~((np.asarray(scores["volume"]) == 1) & (np.asarray(scores["page"]) == 1))
         & ~((np.asarray(scores["volume"]) < 0) & (np.asarray(scores["issue"]) == 1) & (np.asarray(scores["page"]) == 1)
             & (np.asarray(scores["year_gap"]) == 0) & (np.asarray(scores["journal"]) >= 90)),
         "a different word in the titles"),
        # years apart are two reports (a protocol and its results, an abstract and the paper), unless one DOI
        # or PMID stands at one place of one volume: then one database's year is a slip (2007 for 2014)
        ((np.asarray(scores["year_gap"]) > 1) & ~(same_id & (np.asarray(scores["volume"]) == 1)
                                                  & (np.asarray(scores["page"]) == 1)
                                                  & (np.asarray(scores["issue"]) != 0)),
         "years more than one apart"),
    ]
    if not rules.allow_conference:
        # A conference abstract and its later article are two reports; but one range of several pages, volumes and
        # issues not differing (one may give none), is one printed item, which one database files under the
        # proceedings series (Acta Horticulturae, Procedia) and another under the conference, or types a chapter
        # of a proceedings book as a journal's (as grouping does: cluster._one_item)
        same_pages = np.asarray(scores["same_pages"], dtype=bool) if "same_pages" in scores else np.zeros(n, bool)
        one_item = same_id | (same_pages & (np.asarray(scores["volume"]) != 0) & (np.asarray(scores["issue"]) != 0))
        conference = np.asarray(scores["conference_differs"], dtype=bool) & ~one_item
        # (still apart when the other record names no type or journal: it may be the article of that title; but
        # it is not said to be one)
        unsaid = (np.asarray(scores["conference_unsaid"], dtype=bool) if "conference_unsaid" in scores
                  else np.zeros(n, dtype=bool))
        checks.append((conference & ~unsaid, "conference paper vs journal article"))
        checks.append((conference & unsaid, "conference paper vs a record that names no type or journal"))
    # Two items of one journal volume are told apart by their issue and first page, whatever their titles say.
    # A shared DOI or PMID names the item itself (a database's article number in the issue field does not
    # make it two items).
    same_volume = ((np.asarray(scores["journal"]) >= 90) & (np.asarray(scores["volume"]) == 1)
                   & (np.asarray(scores["doi"]) != 1) & (np.asarray(scores["pmid"]) != 1))
    checks.append((same_volume & (np.asarray(scores["issue"]) == 0), "different issues of the same volume"))
    checks.append((same_volume & (np.asarray(scores["page"]) == 0), "different first pages in the same volume"))
    for mask, why in reversed(checks):  # the first reason listed wins
        reasons[mask] = why
    return reasons


def _one_citation(scores) -> np.ndarray:
    """Pairs at one place (volume and first page) of one year by the same authors: one article, whatever ids."""
    return ((np.asarray(scores["volume"]) == 1) & (np.asarray(scores["page"]) == 1)
            & (np.asarray(scores["year_gap"]) == 0) & (np.asarray(scores["authors"]) >= 90))


def _registration(scores, n: int) -> np.ndarray:
    """The pairs' trial registration agreement (-1 for all where the scores have none: an older pair table)."""
    return np.asarray(scores["registration"]) if "registration" in scores else np.full(n, -1, dtype=np.int8)


def may_not_be_distinct(title, words, doi, pmid, volume, page, rules: DecisionRules | None = None,
                        registration=None) -> np.ndarray:
    """Pairs whose decision can be other than ``distinct`` whatever their authors, journal and abstract.

    Every other pair is ``distinct`` unless its abstracts are 90% alike (then ``maybe``), so the costlier
    fields need not be scored for it (see :func:`decide`: each duplicate rule asks for a title of
    ``min(good_title, strong_title)`` or 80 and more, an identifier, or the same volume and page; a maybe for a
    retitled paper a title 70 % alike or word sets 80 % alike).
    """
    rules = rules or DecisionRules()
    title_floor = min(rules.maybe_title, rules.good_title, rules.strong_title, _RETITLED_TITLE)
    open_ = ((np.asarray(title) >= title_floor) | (np.asarray(words) >= _RETITLED_WORDS) | (np.asarray(doi) == 1)
             | (np.asarray(pmid) == 1) | ((np.asarray(volume) == 1) & (np.asarray(page) == 1)))
    return open_ if registration is None else open_ | (np.asarray(registration) == 1)


def decide(scores: pd.DataFrame, rules: DecisionRules | None = None) -> pd.DataFrame:
    """Add ``decision`` (duplicate / maybe / distinct), ``reason`` and ``rule_kept`` columns to a scored pair table.

    ``rule_kept`` marks the pairs that would be merged automatically but for a never-merge rule (see
    :func:`never_merge_reasons`; a generic title's agreement does not count as a match): the pairs where
    the rules and a tool that merges on field agreement alone disagree. They head the maybe list.

    Parameters
    ----------
    scores : pandas.DataFrame or dict of arrays
        Output of :func:`synthesis.dedup.score.score_pairs` (or ``score_columns``).
    rules : DecisionRules, optional

    Returns
    -------
    pandas.DataFrame or dict
        A copy of ``scores`` with the three columns added (a dict when given a dict).
    """
    rules = rules or DecisionRules()
    s = scores
    title, words, authors, journal, abstract, gap, doi, pmid, volume, issue, page, first = (
        np.asarray(s[c]) for c in ("title", "title_words", "authors", "journal", "abstract", "year_gap", "doi",
                                   "pmid", "volume", "issue", "page", "first_author"))

    forbidden = never_merge_reasons(s, rules)
    allowed = forbidden == ""
    id_match = (doi == 1) | (pmid == 1)
    agree = ((gap == 0).astype(int) + (journal >= 90) + (volume == 1) + (issue == 1) + (page == 1))
    disagree = ((volume == 0).astype(int) + (page == 0) + ((journal >= 0) & (journal < 50)))
    authors_ok = authors >= rules.authors
    authors_good = authors >= 90
    authors_unknown = authors < 0

    strong = id_match & (title >= rules.id_title) & (disagree <= 1) & ~((authors >= 0) & (authors < 50))
    # a record without a title: the same DOI or PMID, year and details, and no disagreeing authors
    strong |= id_match & (title < 0) & (gap == 0) & (disagree == 0) & ((authors >= 90) | (authors < 0))
    # same DOI or PMID, same title and bibliographic details: authors garbled by one database do not matter
    strong |= id_match & (title >= rules.strong_title) & (disagree == 0) & (agree >= 3)
    strong |= (title >= rules.strong_title) & authors_ok & (disagree == 0) & (agree >= 2)
    strong |= (title >= rules.good_title) & authors_good & (disagree == 0) & (agree >= 3)
    strong |= (title >= rules.strong_title) & authors_unknown & (disagree == 0) & (agree >= 4)
    strong |= (words >= 99) & (title >= 80) & authors_good & (disagree == 0) & (agree >= 4)
    # Same title, authors, journal, year and volume: a differing first page is a database's slip.
    strong |= ((title >= 98) & authors_good & (gap == 0) & (journal >= 90) & (volume == 1)
               & (issue != 0))

    # The same title, authors, year, volume, issue and first page are one article, whatever its journal is
    # called: a translated name ("Zhonghua Yi Xue Za Zhi", "National Medical Journal of China") disagrees.
    strong |= ((title >= rules.strong_title) & authors_good & (gap == 0) & (volume == 1) & (issue == 1)
               & (page == 1))

    # Venue names are written too many ways (AMCIS vs Americas Conference on Information Systems): the
    # same long title, the same authors and year, and nothing else disagreeing is enough.
    strong |= ((title >= 98) & (authors >= 95) & (first == 1) & (gap == 0) & (volume != 0) & (page != 0)
               & (issue != 0) & ((abstract >= 90) | (abstract < 0)))

    # The same (or a cut-short) title in the same journal, volume and first page is the same article,
    # whatever one database did to the author names (initials lost, given and family names swapped).
    # Authors that share almost nothing are other people: a letter and its reply print one title on one page.
    swapped = np.asarray(s["authors_swapped"], dtype=bool) if "authors_swapped" in s else np.zeros(len(title), bool)
    strong |= (((title >= rules.good_title) | ((words >= 99) & (title >= 60)) | ((title >= 80) & (authors >= 90)))
               & (journal >= 90) & (volume == 1) & (page == 1) & (gap >= 0) & (gap <= 1) & (issue != 0)
               & ((authors >= 40) | (authors < 0) | (swapped & (title >= 99) & (issue == 1))))

    # a generic title: the item is identified by its DOI or PMID, or by its issue and first page (in the same
    # volume, or the same year where a volume is not given)
    generic = np.asarray(s["generic"], dtype=bool) if "generic" in s else np.zeros(len(title), dtype=bool)
    located = ~generic | id_match | ((issue == 1) & (page == 1) & ((volume == 1) | ((volume < 0) & (gap == 0))))
    # a Cochrane review: its protocol, the review and its updates share the title and article number (the
    # "page"); the DOI's version or the issue (within the year) names one of them
    versioned = np.asarray(s["versioned"], dtype=bool) if "versioned" in s else np.zeros(len(title), dtype=bool)
    one_version = ~versioned | id_match | ((issue == 1) & (gap == 0))
    # one registration number: the same registration (unless two DOIs say otherwise)
    one_registration = (_registration(s, len(title)) == 1) & (doi != 0)
    dup = (strong & allowed & located & one_version) | one_registration
    unlocated = strong & allowed & ~located
    unversioned = strong & allowed & located & ~one_version
    # A pair that would be merged but for a never-merge rule (two DOIs, a notice and its article, a conference
    # abstract and its article, two issues of one volume): where the rules and a peer's merge disagree. A
    # generic title's agreement is no strong match, so those pairs are not among them.
    rule_kept = ((strong & ~allowed & ~generic) | unversioned) & ~dup

    looks_alike = ((title >= rules.maybe_title) | (words >= 90) | id_match | (abstract >= 90)
                   | ((volume == 1) & (page == 1) & (agree >= 3))
                   # a retitled version: the same authors, journal and year, the title mostly the same words
                   | (((title >= _RETITLED_TITLE) | (words >= _RETITLED_WORDS)) & authors_good & (journal >= 90)
                      & (gap == 0)))
    maybe = ~dup & looks_alike
    decision = np.where(dup, DUPLICATE, np.where(maybe, MAYBE, DISTINCT))
    reason = np.where(dup, "", np.where(unlocated, GENERIC_REASON, np.where(unversioned, VERSIONED_REASON,
                                                                            forbidden)))
    if isinstance(s, dict):  # score_columns' arrays: stay arrays
        return {**s, "decision": decision, "reason": reason, "rule_kept": rule_kept}
    out = s.copy()
    out["decision"] = decision
    out["reason"] = reason
    out["rule_kept"] = rule_kept
    return out
