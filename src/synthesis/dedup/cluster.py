"""Stage 5 of deduplication: join duplicate pairs into duplicate groups, and keep the groups honest.

Pairs are joined with a union-find, strongest first. Before two groups are joined, the joined group is
checked against the never-merge rules of :mod:`synthesis.dedup.decide`: a chain A-B, B-C must not put
into one group two records that the rules keep apart (two different DOIs or PubMed ids, years more than one apart,
different numbers in the titles, a notice and its article, a conference paper and a journal article, two
issues or first pages of one journal volume).
Such a join is refused and the pair is handed to a person as a ``maybe`` instead. So are the pairs of a record
that gives no issue or page and matches two records in different issues of one volume: it may be a copy of
either, and the order of the pairs would pick one. Every group therefore
holds at most one DOI, one kind of record, one set of title numbers and a span of at most two years.

People's verdicts come first: a "duplicate" verdict joins its two records whatever the rules say, and a
"not duplicate" verdict keeps their groups apart for good. A group a person joined across two DOIs (a preprint
and its article) takes in the other copies of either DOI by itself, not a third DOI. In an incremental run each
earlier group is rebuilt first and two earlier groups are never joined automatically, so their ids stay put.

Examples
--------
>>> import numpy as np, pandas as pd
>>> prep = pd.DataFrame({"doi": ["10.1/a", "", "10.1/b"], "year": [2001, 2001, 2001], "kind": ["article"] * 3,
...                      "conference": [False] * 3, "title": ["x"] * 3, "title_numbers": [""] * 3,
...                      "journal": ["mis q"] * 3, "volume": ["30"] * 3, "issue": [""] * 3, "page": [""] * 3})
>>> labels, refused = group_pairs(prep, np.array([[0, 1], [1, 2]]))
>>> labels.tolist(), refused.tolist()
([0, 0, 2], [[1, 2]])
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .prep import numbers_written_apart

__all__ = ["group_pairs"]

_MANY = "\x00many"  # a group that a person joined across a rule: it matches nothing further


_KINDS = "\x01"  # the kinds of record of a group a person joined across kinds: "\x01article\x01preprint"


def _kinds(kind: str) -> set:
    return set(kind.split(_KINDS)[1:]) if kind.startswith(_KINDS) else {kind}


def _kinds_within(a: str, b: str) -> bool:
    """Whether one group's kinds of record are among the other's: once a person said a preprint and an article
    are one report, another copy of either may join them."""
    ka, kb = _kinds(a), _kinds(b)
    return ka <= kb or kb <= ka


class _Groups:
    """Union-find whose roots carry the one DOI (and PMID, trial registration), year span, kind, numbers and
    earlier group of a group."""

    def __init__(self, prepared: pd.DataFrame, allow_conference: bool, previous=None):
        n = len(prepared["doi"])
        self.parent = list(range(n))
        self.doi = prepared["doi"].tolist()
        # a PMID names one item as a DOI does: the rules that yield to one DOI yield to one PMID (as decide's do)
        self.pmid = prepared["pmid"].tolist() if "pmid" in prepared else [""] * n
        # each group's authors as its first record gives them (two PMIDs at one place by them are one article)
        self.authors = prepared["authors"].tolist() if "authors" in prepared else [""] * n
        # a trial registration's number names the registration, whatever its copies' titles and years say
        self.registration = prepared["registration"].tolist() if "registration" in prepared else [""] * n
        years = prepared["year"].tolist()
        self.ymin = [y if y >= 0 else 10 ** 6 for y in years]
        self.ymax = [y if y >= 0 else -1 for y in years]
        self.kind = prepared["kind"].tolist()
        self.conf = ["" for _ in range(n)] if allow_conference else [
            "True" if c else "False" for c in np.asarray(prepared["conference"], dtype=bool).tolist()]
        has_title = (np.asarray(prepared["title"]) != "").tolist()
        self.numbers = [num if t else "" for num, t in zip(prepared["title_numbers"].tolist(), has_title)]
        self.has_title = has_title
        # the title whose numbers a group carries (for a superscript one database lost: "Ca2+" and "Ca")
        self.numbered = list(prepared["title"])
        self.previous = list(previous) if previous is not None else [""] * n
        # where each group sits: {journal|volume: (issue, first page)}; None when the record has no volume
        issue, page = prepared["issue"].tolist(), prepared["page"].tolist()
        self.place = [{f"{j}|{v}": (i, p)} if j and v and (i or p) else None
                      for j, v, i, p in zip(prepared["journal"].tolist(), prepared["volume"].tolist(), issue, page)]
        # Each record's own conference flag, identifiers and place, for the conference rule, which is checked
        # record by record (see _one_item_across): a group's records may disagree about being a conference paper.
        lasts = prepared["last_page"].tolist() if "last_page" in prepared else [""] * n
        self.members = [[k] for k in range(n)]
        self.said_one: dict[int, set] = {}  # the records a person joined, each to the other ("duplicate" verdicts)
        self.own = list(zip(self.conf, self.doi, self.pmid, prepared["volume"].tolist(), issue,
                            [f"{p}|{last}" if p and last else "" for p, last in zip(page, lasts)]))
        self.cannot: dict[int, list[int]] = {}
        # {root: {kind: DOI}} of the groups a person joined across kinds: a preprint's DOI beside its article's
        # is no clash, so another copy of the article (with the article's DOI, or none) may still join
        self.kind_doi: dict[int, dict] = {}
        # {root: DOIs} of the groups a person joined across two DOIs of one kind (a preprint no database calls
        # one, and its article): a copy with one of them is that item, and joins; a third DOI still clashes
        self.doi_set: dict[int, frozenset] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    @staticmethod
    def _clash(a: str, b: str) -> bool:
        return bool(a) and bool(b) and (a != b or a == _MANY)

    def refusal(self, ra: int, rb: int) -> str:
        """Why two groups may not be joined automatically (the rule, in a few words), or ``""``."""
        if self._doi_clash(ra, rb):
            return "different DOIs"
        if self.pmid[ra] and self.pmid[rb] and self.pmid[ra] != self.pmid[rb] and _MANY not in (
                self.pmid[ra], self.pmid[rb]) and not self._one_citation(ra, rb):
            # (a group a person joined across PMIDs takes either's copies; one article MEDLINE holds twice joins)
            return "different PubMed ids"
        if self._clash(self.previous[ra], self.previous[rb]):
            return "two groups of an earlier run"
        if self._clash(self.registration[ra], self.registration[rb]):
            return "different trial registrations"
        if self._one(self.registration, ra, rb):
            return "a verdict 'not duplicate'" if self.forbidden(ra, rb) else ""
        if self.kind[ra] != self.kind[rb] and not _kinds_within(self.kind[ra], self.kind[rb]):
            return "different kinds of record"
        # one DOI (or PMID) is one item, whichever database calls it a conference paper or mistypes a number of
        # its title
        one_id = self._one_id(ra, rb)
        if self._clash(self.conf[ra], self.conf[rb]) and not self._one_item_across(ra, rb):
            return "conference paper and article"
        if self.has_title[ra] and self.has_title[rb] and self.numbers[ra] != self.numbers[rb] and not one_id and (
                _MANY in (self.numbers[ra], self.numbers[rb])
                or not numbers_written_apart(self.numbered[ra], self.numbered[rb])):
            return "different numbers in the titles"
        # (a span a person already joined, an online-first copy of 2019 and its issue of 2021, is no reason to
        # keep out a third copy of 2021: only a join that widens it is refused)
        if max(self.ymax[ra], self.ymax[rb]) - min(self.ymin[ra], self.ymin[rb]) > max(
                1, self.ymax[ra] - self.ymin[ra], self.ymax[rb] - self.ymin[rb]) and \
                self.ymax[ra] >= 0 and self.ymax[rb] >= 0 and not (
                    one_id and self.place[ra] and self.place[rb] and self._same_place(self.place[ra], self.place[rb])):
            return "years more than one apart"  # (one DOI at one place of a volume: one database's slip)
        if self.place[ra] and self.place[rb] and not one_id \
                and self._elsewhere(self.place[ra], self.place[rb]):
            return "different issues or pages of one volume"
        return "a verdict 'not duplicate'" if self.forbidden(ra, rb) else ""

    def _one_citation(self, ra: int, rb: int) -> bool:
        """Whether two groups' records stand at one first page of one volume by the same authors (as decide's)."""
        from rapidfuzz import fuzz

        return bool(self.place[ra] and self.place[rb] and self._same_place(self.place[ra], self.place[rb])
                    and self.authors[ra] and self.authors[rb]
                    and fuzz.token_set_ratio(self.authors[ra], self.authors[rb]) >= 90)

    def _one_id(self, ra: int, rb: int) -> bool:
        """Whether two groups share their one DOI, or their one PMID."""
        return self._one(self.doi, ra, rb) or self._one(self.pmid, ra, rb)

    @staticmethod
    def _one(ids: list, ra: int, rb: int) -> bool:
        return bool(ids[ra]) and ids[ra] == ids[rb] and ids[ra] != _MANY

    def _dois(self, r: int) -> dict:
        return self.kind_doi.get(r) or {self.kind[r]: self.doi[r]}

    def _doi_set(self, r: int) -> frozenset:
        return self.doi_set.get(r) or (frozenset([self.doi[r]]) if self.doi[r] else frozenset())

    def _doi_clash(self, ra: int, rb: int) -> bool:
        if not self.kind_doi or (ra not in self.kind_doi and rb not in self.kind_doi):
            if ra in self.doi_set or rb in self.doi_set:
                a, b = self._doi_set(ra), self._doi_set(rb)
                return bool(a) and bool(b) and not (a <= b or b <= a)
            return self._clash(self.doi[ra], self.doi[rb])
        a, b = self._dois(ra), self._dois(rb)  # DOIs compared kind by kind
        return any(self._clash(a[k], b[k]) for k in a.keys() & b.keys())

    def _one_item_across(self, ra: int, rb: int) -> bool:
        """Whether each record of one group that a database calls a conference paper, beside each record of the
        other that it calls an article (or the reverse), is known to be one item with it: one DOI or PubMed id, or
        one range of several pages, their volumes and issues not differing (one may give none), or a person's word,
        directly or through other records of the two groups so tied (one DOI with a record a person joined to it).

        One DOI makes one item of a meeting abstract one database types as an article; but a third record joined
        to the copy typed as an article, by its title alone, may be the article itself: beside the abstract it is
        kept apart, and a chain through the copy must not put it in the abstract's group. A paper of a proceedings
        series at one range of pages is one printed item however its copies are filed (Acta Horticulturae 1021,
        367-372: under the series by one database, the symposium by another), and so is a copy of it that gives the
        pages but no volume. Checked record by record, so the order the pairs come in does not matter.
        """
        xs, ys = self.members[ra], self.members[rb]
        own = self.own
        apart = [(x, y) for x in xs for y in ys if self._clash(own[x][0], own[y][0])]
        if all(self._one_item(x, y) for x, y in apart):
            return True
        # ties through a third record: the two groups' records joined where one item is known (few records: the
        # groups of a conference paper typed two ways)
        nodes = xs + ys
        root = {k: k for k in nodes}

        def find(k):
            while root[k] != k:
                root[k] = root[root[k]]
                k = root[k]
            return k

        for i, x in enumerate(nodes):
            said = self.said_one.get(x, ())
            for y in nodes[i + 1:]:
                if y in said or self._one_item(x, y):
                    root[find(x)] = find(y)
        return all(find(x) == find(y) for x, y in apart)

    def _one_item(self, x: int, y: int) -> bool:
        """Whether two records are one item by their own details: one DOI or PubMed id, or one range of several
        pages with no volume or issue that differs."""
        _, doi_x, pmid_x, volume_x, issue_x, span_x = self.own[x]
        _, doi_y, pmid_y, volume_y, issue_y, span_y = self.own[y]
        return bool((doi_x and doi_x == doi_y) or (pmid_x and pmid_x == pmid_y)
                    or (span_x and span_x == span_y and not self._clash(volume_x, volume_y)
                        and not self._clash(issue_x, issue_y)))

    def _same_place(self, a: dict, b: dict) -> bool:
        """Whether two groups hold an item at the same first page of one journal volume (issues not clashing)."""
        for key, (issue, page) in a.items():
            other = b.get(key)
            if other and page and page == other[1] and not self._clash(issue, other[0]):
                return True
        return False

    def _elsewhere(self, a: dict, b: dict) -> bool:
        """Whether two groups hold items of one journal volume with different issues or first pages."""
        for key, (issue, page) in (a.items() if len(a) <= len(b) else b.items()):
            other = (b if len(a) <= len(b) else a).get(key)
            if other and (self._clash(issue, other[0]) or self._clash(page, other[1])):
                return True
        return False

    def forbidden(self, ra: int, rb: int) -> bool:
        if not self.cannot:  # no "not duplicate" verdicts (the usual first run)
            return False
        small, other = (ra, rb) if len(self.cannot.get(ra, ())) <= len(self.cannot.get(rb, ())) else (rb, ra)
        return any(self.find(p) == other for p in self.cannot.get(small, ()))

    @staticmethod
    def _join(a: str, b: str) -> str:
        if not a:
            return b
        if not b or a == b:
            return a
        return _MANY

    def union(self, ra: int, rb: int) -> None:
        if ra > rb:
            ra, rb = rb, ra  # the root is the earliest record: cheap and deterministic
        self.parent[rb] = ra
        if self.kind[ra] != self.kind[rb] or ra in self.kind_doi or rb in self.kind_doi:
            # a person joined two kinds (a preprint and its article), or a copy joins such a group
            a, b = self._dois(ra), self._dois(rb)
            self.kind_doi[ra] = {k: self._join(a.get(k, ""), b.get(k, "")) for k in a.keys() | b.keys()}
            self.kind_doi.pop(rb, None)
            self.kind[ra] = _KINDS + _KINDS.join(sorted(_kinds(self.kind[ra]) | _kinds(self.kind[rb])))
        one_id = self._one_id(ra, rb)
        if self._clash(self.doi[ra], self.doi[rb]) or ra in self.doi_set or rb in self.doi_set:
            dois = self._doi_set(ra) | self._doi_set(rb)
            if _MANY not in dois:
                self.doi_set[ra] = dois
            self.doi_set.pop(rb, None)
        self.doi[ra] = self._join(self.doi[ra], self.doi[rb])
        self.pmid[ra] = self._join(self.pmid[ra], self.pmid[rb])
        self.registration[ra] = self._join(self.registration[ra], self.registration[rb])
        self.previous[ra] = self._join(self.previous[ra], self.previous[rb])
        self.ymin[ra] = min(self.ymin[ra], self.ymin[rb])
        self.ymax[ra] = max(self.ymax[ra], self.ymax[rb])
        # (a group typed two ways keeps both: a further record is checked against each of its records)
        self.conf[ra] = self._join(self.conf[ra], self.conf[rb])
        self.members[ra].extend(self.members[rb])
        self.members[rb] = []
        if self.has_title[rb]:
            if self.has_title[ra] and self.numbers[ra] != self.numbers[rb]:
                if _MANY in (self.numbers[ra], self.numbers[rb]) or not (one_id or numbers_written_apart(
                        self.numbered[ra], self.numbered[rb])):
                    self.numbers[ra] = _MANY  # joined by a person across the rule
                elif len(self.numbers[rb]) > len(self.numbers[ra]):  # the title that kept its superscripts
                    self.numbers[ra], self.numbered[ra] = self.numbers[rb], self.numbered[rb]
            elif not self.has_title[ra]:
                self.numbers[ra], self.numbered[ra] = self.numbers[rb], self.numbered[rb]
            self.has_title[ra] = True
        if self.place[rb]:
            if not self.place[ra]:
                self.place[ra] = self.place[rb]
            else:
                for key, (issue, page) in self.place[rb].items():
                    mine = self.place[ra].get(key, ("", ""))
                    self.place[ra][key] = (self._join(mine[0], issue), self._join(mine[1], page))
        if rb in self.cannot:
            self.cannot.setdefault(ra, []).extend(self.cannot.pop(rb))


#: Why a record was joined to neither of two items it matches (see :func:`_unplaced_between`).
UNPLACED_REASON = "it matches two issues of one volume, and gives no issue or page to tell which"


def _other_issues(a: dict, b: dict) -> bool:
    """Whether two records stand in different issues of one journal volume (first pages alone differ as often
    by one database's slip, "S78" and "S3" of one supplement, as by being two items)."""
    return any(key in b and issue and b[key][0] and issue != b[key][0] for key, (issue, _) in a.items())


def _unplaced_between(g: _Groups, pairs: list) -> set:
    """The pairs of a record that says nowhere where it stands (no issue or page, nor a DOI or PMID a partner
    shares) and matches two records that stand in different issues of one journal volume.

    A column printed in two issues of a volume under one title (a conference's "Clinical trials update" by the
    same authors), and a third record of it without issue and pages: it is a copy of one of them, or of a third,
    and which is not known. Joined to the stronger match first, it was merged by a guess; it is joined to none.
    """
    partners: dict = {}
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if not g.place[x]:
                partners.setdefault(x, []).append(y)
    out = set()
    for x, ys in partners.items():
        placed = [y for y in ys if g.place[y] and not (g._one(g.doi, x, y) or g._one(g.pmid, x, y))]
        if len(placed) < 2:
            continue
        if any(_other_issues(g.place[y], g.place[z]) and not (g._one(g.doi, y, z) or g._one(g.pmid, y, z))
               for k, y in enumerate(placed) for z in placed[k + 1:]):
            out.update((min(x, y), max(x, y)) for y in placed)
    return {(a, b) for a, b in pairs if (min(a, b), max(a, b)) in out}


def group_pairs(prepared: pd.DataFrame, pairs, must=None, cannot=None, allow_conference: bool = False,
                previous=None, stats: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Duplicate groups from duplicate pairs, refusing joins that break the never-merge rules.

    Parameters
    ----------
    prepared : pandas.DataFrame
        Output of :func:`synthesis.dedup.prep.prepare`.
    pairs : array of shape (n, 2)
        Automatic duplicate pairs, strongest first.
    must : array of shape (m, 2), optional
        Pairs joined whatever the rules say (people's "duplicate" verdicts, earlier groups).
    cannot : array of shape (k, 2), optional
        Pairs whose groups are never joined (people's "not duplicate" verdicts).
    allow_conference : bool
        Whether a conference paper may join a journal article.
    previous : sequence of str, optional
        Each record's group id in an earlier run (``""`` for new records): its records are grouped as they
        were, first, and two earlier groups are never joined automatically.
    stats : dict, optional
        Filled with ``joined_by_must``: how many joins the ``must`` pairs made (the duplicates removed by
        people's verdicts), so the groups are built once; ``refused_because``: for each refused pair, the
        rule that refused it ("different DOIs"); and ``refused_by_verdict``: for each, whether one of the two groups
        holds a join a person made (a ``must`` pair), so that the pair is refused because of that verdict.

    Returns
    -------
    (labels, refused)
        ``labels[k]`` is the position of the first record of record ``k``'s group; ``refused`` holds the
        automatic pairs whose join was refused.
    """
    g = _Groups(prepared, allow_conference, previous)
    for a, b in (np.asarray(cannot, dtype=np.int64).reshape(-1, 2) if cannot is not None else []):
        g.cannot.setdefault(int(a), []).append(int(b))
        g.cannot.setdefault(int(b), []).append(int(a))
    if previous is not None:  # the earlier run's groups, rebuilt as they were
        first_of: dict = {}
        for k, gid in enumerate(previous):
            if gid:
                ra, rb = g.find(first_of.setdefault(gid, k)), g.find(k)
                if ra != rb and not g.forbidden(ra, rb):
                    g.union(ra, rb)
    joined_by_must = 0
    # the roots of groups holding a join a person made: a pair refused against one of them is refused because of
    # that verdict (a record the person joined to another group, leaving its automatic copy out), and says so
    by_person: set = set()
    for a, b in (np.asarray(must, dtype=np.int64).reshape(-1, 2) if must is not None else []):
        g.said_one.setdefault(int(a), set()).add(int(b))
        g.said_one.setdefault(int(b), set()).add(int(a))
        ra, rb = g.find(int(a)), g.find(int(b))
        if ra != rb and not g.forbidden(ra, rb):
            g.union(ra, rb)
            by_person.add(g.find(ra))
            joined_by_must += 1
    if stats is not None:
        stats["joined_by_must"] = joined_by_must
    refused, reasons, by_verdict = [], [], []
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2).tolist()
    unplaced = _unplaced_between(g, pairs)
    for a, b in pairs:
        if (a, b) in unplaced:
            refused.append((a, b))
            reasons.append(UNPLACED_REASON)
            by_verdict.append(False)
            continue
        ra, rb = g.find(a), g.find(b)
        if ra == rb:
            continue
        why = g.refusal(ra, rb)
        if not why:
            g.union(ra, rb)
            if ra in by_person or rb in by_person:
                by_person.add(g.find(ra))
        else:
            refused.append((a, b))
            reasons.append(why)
            by_verdict.append(ra in by_person or rb in by_person)
    if stats is not None:
        stats["refused_because"] = reasons
        stats["refused_by_verdict"] = by_verdict
    labels = np.array([g.find(k) for k in range(len(g.parent))], dtype=np.int64)
    return labels, np.array(refused, dtype=np.int64).reshape(-1, 2)
