"""Match a folder of PDFs to the review's duplicate groups.

Each PDF is tried against the groups in this order, and the first way that finds it wins:

1. ``doi in file name`` / ``pmid in file name``: ``10.1000_xyz.pdf``, ``PMID 12345678.pdf``;
2. ``doi in metadata``: the PDF's document information or XMP (``prism:doi``);
3. ``doi on first page`` / ``pmid on first page``: in the text of the first two pages, and the group's
   title is there too (a first page can cite another paper's DOI);
4. ``file name``: the names Zotero, Mendeley and EndNote give attachments, ``Smith et al. - 2021 - Title.pdf``,
   ``Smith and Lee - 2021 - Title.pdf``, ``Smith 2021 Title.pdf``, ``Smith_2021_Title.pdf``: the first
   author's family name, the year and the (possibly shortened) title must all agree;
5. ``title on first page``: the group's title, normalised like deduplication does
   (:func:`synthesis.dedup.prep.normalise_title`), is found in the first pages' text by rapidfuzz's
   alignment, filling the lines it stands on, with the first author's name or the year on the page too.

Every match has a ``confidence`` from 0 to 1 and a ``status``: ``matched`` (sure enough to use),
``unsure`` (a candidate that a person must confirm; never used until then), ``unmatched``, ``broken``
(reported with its problem, skipped), ``copy`` (the same bytes as another PDF of the folder, named in its
note: one report, counted once), or ``confirmed`` / ``rejected`` (a person's word, kept in
``evidence/fulltext.tsv``; see :mod:`synthesis.fulltext.store`). A confirmed PDF that is no longer in the
folder (renamed, moved, deleted) is reported with its line of ``evidence/fulltext.tsv``.

Examples
--------
>>> parse_file_name("Smith et al. - 2021 - Co-design of a diabetes app.pdf")
('smith', 2021, 'co design of a diabetes app')
>>> parse_file_name("van der Berg 2019 Patient partners in research.pdf")
('vanderberg', 2019, 'patient partners in research')
>>> parse_file_name("scan0042.pdf") is None
True
"""
from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from ..cores import usable_cores
from ..dedup.prep import first_author, normalise_title
from ..normalise import UNSPACED_CHAR, normalise_doi, text_words
from .pdftext import PdfInfo, find_dois, find_pmids, inspect_pdf, normalise_text

MATCH_COLUMNS = ["group_id", "file", "method", "confidence", "status", "title", "note"]
STATUSES = ("confirmed", "matched", "unsure", "unmatched", "rejected", "broken", "copy")
#: Words too common in titles to pick candidates by.
_STOP = set("a an and are as at by for from in into is of on or the to with within without via vs versus "
            "study trial review analysis effect effects using based among between".split())
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# Zotero/Mendeley: "First et al. - 2021 - Title", "First and Second - 2021 - Title", "First - 2021 - Title"
_ZOTERO = re.compile(r"^(?P<author>.+?)\s+-\s+(?P<year>\d{4})[a-z]?\s+-\s+(?P<title>.+)$")
# EndNote and others: "Smith 2021 Title", "Smith-2021-Title", "Smith_2021_Title", "Smith et al 2021 Title"
_ENDNOTE = re.compile(r"^(?P<author>[^\d]+?)[\s_\-,.]+(?P<year>(?:19|20)\d\d)[a-z]?[\s_\-,.]+(?P<title>.+)$")
# A reference list starts on a line of its own.
_REFERENCES = re.compile(r"^\s*(?:\d+\.?\s*)?(?:references|bibliography|literature cited|works cited)\s*:?\s*$",
                         re.IGNORECASE | re.MULTILINE)
# Notices about a paper print its title and DOI: they are not the paper.
_NOTICE = re.compile(r"\b(?:erratum|corrigendum|correction to|correction:|retraction(?: note)?:|retraction of|"
                     r"notice of retraction|expression of concern|comment on|commentary on|reply to|in reply|"
                     r"response to|author'?s? reply)\b", re.IGNORECASE)
_MIN_TITLE = 20  # characters of normalised title below which a title alone never identifies a paper


def title_length(title: str) -> int:
    """A title's length as :data:`_MIN_TITLE` counts it: a Chinese or Japanese character counts two, as it says
    what about two letters of an English word do (a 16-character CNKI title, some eight words, is no short title).

    >>> title_length("insulin and sleep"), title_length("保乳手术治疗早期乳腺癌的效果观察")
    (17, 32)
    """
    return len(title) + len(UNSPACED_CHAR.findall(title))
# Alignment score of the record's title on the first pages below which a file name's match is doubted: a page
# of the paper scores 85-100 even with a subtitle missing or broken accents; another paper's page 40-60.
_NAME_PAGE_AGREE = 70


def parse_file_name(name: str):
    """``(first author's family name, year, normalised title)`` from a reference manager's file name, or None.

    The family name is returned without spaces (``"van der Berg"`` -> ``"vanderberg"``); compare it with
    :func:`same_author`.
    """
    stem = re.sub(r"\.pdf$", "", Path(str(name)).name, flags=re.IGNORECASE).strip()
    m = _ZOTERO.match(stem) or _ENDNOTE.match(stem)
    if not m:
        return None
    author = m.group("author").replace("_", " ").strip()
    author = re.split(r"\s+(?:et al\.?|and|&|und|y|et)(?:\s+|$)|,|;", author)[0]
    family = normalise_title(author).replace(" ", "")
    title = normalise_title(m.group("title").replace("_", " "))
    if len(family) < 2 or not title:
        return None
    return family, int(m.group("year")), title


def same_author(family: str, known: str) -> bool:
    """Whether a family name from a file name is the record's first author (as :func:`first_author` gives it).

    >>> same_author("vanderberg", "berg"), same_author("fernandezcerdeno", "fernandezcerdeno"), same_author("li", "lee")
    (True, True, False)
    """
    if not family or not known:
        return False
    known = known.replace(" ", "")
    if family == known:
        return True
    if min(len(family), len(known)) >= 4 and (family.endswith(known) or known.startswith(family)
                                               or family.startswith(known)):
        return True
    return min(len(family), len(known)) >= 5 and fuzz.ratio(family, known) >= 85


@dataclass
class Match:
    """One PDF and what it was matched to."""

    file: str
    group_id: str = ""
    method: str = ""
    confidence: float = 0.0
    status: str = "unmatched"
    note: str = ""
    has_text: bool = True
    pages: int = 0

    def row(self, titles: dict) -> dict:
        return {"group_id": self.group_id, "file": self.file, "method": self.method,
                "confidence": round(float(self.confidence), 3), "status": self.status,
                "title": titles.get(self.group_id, ""), "note": self.note}


@dataclass
class MatchResult:
    """The matches of a folder: ``table`` (one row per PDF, :data:`MATCH_COLUMNS`) and helpers."""

    table: pd.DataFrame
    folder: Path
    problems: list = field(default_factory=list)  # "path: what is wrong" for each broken file

    def pdfs_of(self, group_id: str, usable_only: bool = True) -> list:
        """Paths of the PDFs matched (or confirmed) to a group, confirmed first."""
        t = self.table
        ok = ("confirmed", "matched") if usable_only else ("confirmed", "matched", "unsure")
        rows = t[(t["group_id"] == str(group_id)) & t["status"].isin(ok)]
        rows = rows.sort_values("status", key=lambda s: s.map({"confirmed": 0, "matched": 1, "unsure": 2}),
                                kind="stable")
        return [self.folder / f for f in rows["file"]]

    def attached(self) -> dict:
        """``{group_id: [path, ...]}`` of every group with a usable PDF."""
        t = self.table[self.table["status"].isin(("confirmed", "matched"))]
        out: dict = defaultdict(list)
        for g, f in zip(t["group_id"], t["file"]):
            out[g].append(self.folder / f)
        return dict(out)

    def summary(self) -> Counter:
        return Counter(self.table["status"])

    @classmethod
    def read_csv(cls, path, folder) -> "MatchResult":
        """A table written by ``synthesis fulltext match`` or the build (``output/fulltext_matches.csv``)."""
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = [c for c in ("group_id", "file", "status") if c not in table.columns]
        if missing:
            raise ValueError(f"{path}: not a table of full-text matches (no {', '.join(missing)} column)")
        table["confidence"] = pd.to_numeric(table.get("confidence", 0), errors="coerce").fillna(0.0)
        for c in MATCH_COLUMNS:
            if c not in table.columns:
                table[c] = ""
        return cls(table=table[MATCH_COLUMNS], folder=Path(folder))


class _Library:
    """The groups, indexed for matching."""

    def __init__(self, units: pd.DataFrame):
        self.keys = units["group_id"].astype(str).tolist()
        col = lambda c: units[c].tolist() if c in units.columns else [""] * len(units)  # noqa: E731
        self.titles = [normalise_title(t) for t in col("title")]
        self.raw_titles = dict(zip(self.keys, [str(t or "") for t in col("title")]))
        self.authors = [first_author(a if isinstance(a, (list, tuple)) else ([a] if a else [])) for a in col("authors")]
        years = pd.to_numeric(pd.Series(col("year"), dtype=object), errors="coerce")
        self.years = [int(y) if y == y else None for y in years]
        self.by_doi: dict = defaultdict(set)
        for k, d in zip(self.keys, col("doi")):
            d = normalise_doi(str(d or "")) if d and str(d) not in ("nan", "<NA>") else ""
            if d:
                self.by_doi[d].add(k)
        self.by_pmid: dict = defaultdict(set)
        for k, p in zip(self.keys, col("pmid")):
            p = re.sub(r"\D", "", str(p or "")) if str(p or "") not in ("nan", "<NA>") else ""
            if p:
                self.by_pmid[p.lstrip("0")].add(k)
        self.index = {k: i for i, k in enumerate(self.keys)}
        # a Chinese or Japanese title, without spaces, is read as pairs of characters (normalise.text_words): split
        # at spaces it was one "word", found on a page only when the whole title stood on one line
        words = [set(text_words(t)) for t in self.titles]
        df = Counter(w for ws in words for w in ws)
        common = max(20, len(self.keys) // 20)
        self.words = [[w for w in ws if w not in _STOP and (len(w) > 2 or UNSPACED_CHAR.match(w)) and df[w] <= common]
                      or [w for w in ws if w not in _STOP] for ws in words]
        self.by_word: dict = defaultdict(list)
        for i, ws in enumerate(self.words):
            for w in ws:
                self.by_word[w].append(i)

    def doi_groups(self, dois) -> list:
        out = []
        for d in dois:
            for k in sorted(self.by_doi.get(normalise_doi(d), ())):
                if k not in out:
                    out.append(k)
        return out

    def pmid_groups(self, pmids) -> list:
        out = []
        for p in pmids:
            for k in sorted(self.by_pmid.get(str(p).lstrip("0"), ())):
                if k not in out:
                    out.append(k)
        return out

    def candidates_for(self, query: str, limit: int = 10) -> list:
        """Indices of groups whose titles hold most of the rare words of ``query`` (a title, maybe shortened)."""
        words = [w for w in set(text_words(query)) if w in self.by_word]
        if not words:
            return []
        hits: Counter = Counter()
        for w in words:
            for i in self.by_word[w]:
                hits[i] += 1
        need = max(1, int(0.6 * len(words) + 0.5))
        scored = sorted(((-n, i) for i, n in hits.items() if n >= need))
        return [i for _, i in scored[:limit]]

    def candidates(self, page_words: set, limit: int = 6) -> list:
        """Indices of groups whose rare title words are mostly in ``page_words``, best first."""
        hits: Counter = Counter()
        for w in page_words:
            for i in self.by_word.get(w, ()):
                hits[i] += 1
        scored = [(n / len(self.words[i]), i) for i, n in hits.items() if self.words[i] and n / len(self.words[i]) >= 0.6]
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [i for _, i in scored[:limit]]


def _lines_norm(text: str) -> tuple:
    """The head text normalised like titles (lines joined by spaces), where each line starts, and the raw lines."""
    raw = [ln for ln in text.splitlines()]
    lines, kept = [], []
    for ln in raw:
        n = normalise_title(normalise_text(ln))
        if n:
            lines.append(n)
            kept.append(ln.strip())
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return " ".join(lines), (starts, kept)


# A title's line followed by one that starts like this goes on: "... older people" / "and its evaluation".
_GOES_ON = re.compile(r"^(?:[:\-\u2013\u2014(]|(?:and|or|of|in|for|with|the|a|an|to|on|among|from|versus|vs|using|"
                      r"during|after|before|at|by|into|within|without|via|as)\b)")


def title_on_page(title: str, page: str, where) -> tuple:
    """(score of the title's best alignment in the page, characters of other text on the lines it fills).

    A longer title that merely starts with the record's (a decoy "X and its evaluation" for "X") leaves
    text on the title's lines, or goes on into the next line with a connecting word.
    """
    import bisect

    if not title or not page:
        return 0.0, 999
    starts, kept = where
    al = fuzz.partial_ratio_alignment(title, page)
    if al is None:
        return 0.0, 999
    i = max(0, bisect.bisect_right(starts, al.dest_start) - 1)
    j = max(i, bisect.bisect_right(starts, max(al.dest_start, al.dest_end - 1)) - 1)
    line_end = starts[j + 1] - 1 if j + 1 < len(starts) else len(page)
    extra = max(len(page[starts[i]:al.dest_start].strip()), len(page[al.dest_end:line_end].strip()))
    if j + 1 < len(kept) and _GOES_ON.match(kept[j + 1]):
        extra = max(extra, len(kept[j + 1]))
    return float(al.score), extra


def _check_text(info: PdfInfo, m: Match) -> None:
    m.has_text = info.has_text
    m.pages = info.pages


def match_one(info: PdfInfo, rel: str, lib: _Library) -> Match:
    """Match one inspected PDF (see the module docstring for the order)."""
    m = Match(file=rel)
    if not info.ok:
        m.status, m.note = "broken", info.problem
        return m
    _check_text(info, m)
    name = Path(rel).name
    # What a reference list cites (a title and its DOI) is not this paper: read the pages up to it.
    head = _REFERENCES.split(info.head_text, maxsplit=1)[0]
    page, starts = _lines_norm(head) if info.has_text else ("", ([], []))
    notice = bool(_NOTICE.search(head[:800]))

    def title_score(key):
        return title_on_page(lib.titles[lib.index[key]], page, starts)[0]

    def sure(key, method, conf, note=""):
        m.group_id, m.method, m.confidence, m.status, m.note = key, method, conf, "matched", note
        return m

    def unsure(key, method, conf, note):
        m.group_id, m.method, m.confidence, m.status, m.note = key, method, conf, "unsure", note
        return m

    # 1. An identifier in the file name: whoever named the file said which paper it is.
    for method, groups in (("doi in file name", lib.doi_groups(find_dois(name, file_name=True))),
                           ("pmid in file name", lib.pmid_groups(find_pmids(name) or
                                                                (re.findall(r"^(\d{6,8})\.pdf$", name, re.I))))):
        if len(groups) == 1:
            return sure(groups[0], method, 1.0)
        if len(groups) > 1:
            return unsure(groups[0], method, 0.6, f"the identifier is shared by groups {', '.join(groups)}")
    # 2.-3. A DOI in the metadata, or a DOI or PMID on the first pages, confirmed by the title on the page.
    for method, groups in (("doi in metadata", lib.doi_groups(info.metadata_dois)),
                           ("doi on first page", lib.doi_groups(find_dois(head))),
                           ("pmid on first page", lib.pmid_groups(find_pmids(head)))):
        if not groups:
            continue
        if not page:  # no text to check against (a scan with a DOI in its metadata)
            if len(groups) == 1 and method == "doi in metadata":
                return sure(groups[0], method, 0.95, "no text layer: matched by its metadata alone")
            return unsure(groups[0], method, 0.6, "no text layer to confirm the title")
        scored = sorted(((title_score(g), g) for g in groups), reverse=True)
        best, g = scored[0]
        others = [s for s, _ in scored[1:] if s >= 80]
        if notice and not _NOTICE.search(lib.raw_titles.get(g, "")) and method != "doi in metadata":
            return unsure(g, method, 0.6, "the page looks like a notice about the paper (erratum, comment, "
                                          "reply, retraction), not the paper")
        if best >= 80 and not others:
            return sure(g, method, 0.99 if method == "doi in metadata" else 0.98)
        if len(groups) == 1 and method == "doi in metadata" and best >= 60:
            return sure(g, method, 0.9, "the title on the page differs from the record's")
        return unsure(g, method, 0.6, "the DOI is on the page but the record's title is not"
                      if best < 80 else "the page has DOIs of several records")
    def page_title():
        """("sure" | "unsure" | None, key, confidence, note) from the record titles on the first pages."""
        if not page:
            return None, "", 0.0, ""
        scored = []
        for i in lib.candidates(set(text_words(page))):
            partial, extra = title_on_page(lib.titles[i], page, starts)
            if partial >= 85:
                scored.append((partial, -extra, i))
        scored.sort(reverse=True)
        if not scored:
            return None, "", 0.0, ""
        partial, extra, i = scored[0]
        extra = -extra
        key, t = lib.keys[i], lib.titles[i]
        author_ok = bool(lib.authors[i]) and re.search(rf"\b{re.escape(lib.authors[i])}\b", page) is not None
        year_ok = lib.years[i] is not None and str(lib.years[i]) in head
        rivals = [x for x, _, j in scored[1:] if x >= partial - 5 and not _contains(lib.titles[j], t)]
        fills = extra <= max(3, len(t) // 20)
        if notice and not _NOTICE.search(lib.raw_titles.get(key, "")):
            return "unsure", key, 0.6, ("the page looks like a notice about the paper (erratum, comment, reply, "
                                        "retraction), not the paper")
        if partial >= 95 and fills and title_length(t) >= _MIN_TITLE and (author_ok or year_ok) and not rivals:
            return "sure", key, round(0.80 + 0.15 * (partial - 95) / 5, 3), ""
        why = ("the title on the page is not exactly the record's" if partial < 95 else
               "more text stands on the title's lines (a longer title?)" if not fills else
               "the title is short" if title_length(t) < _MIN_TITLE else
               "neither the first author nor the year is on the page" if not (author_ok or year_ok) else
               "several records' titles fit")
        return "unsure", key, round(min(0.79, partial / 125), 3), why

    # 4. A reference manager's file name: first author, year and title must all agree, and the first page
    # must not show another record's title (a PDF attached to the wrong item gets that item's name).
    fallback = None
    parsed = parse_file_name(name)
    if parsed:
        family, year, ftitle = parsed
        best = []
        for i in lib.candidates_for(ftitle):
            t = lib.titles[i]
            # Zotero shortens titles (and drops the part after a colon in some styles): compare prefixes.
            s = max(fuzz.ratio(ftitle, t), fuzz.ratio(ftitle, t[:len(ftitle)]) if len(ftitle) >= 25 else 0)
            if s >= 85:
                best.append((s, i))
        best.sort(reverse=True)
        if best:
            s, i = best[0]
            key = lib.keys[i]
            author_ok = same_author(family, lib.authors[i])
            year_ok = lib.years[i] is not None and abs(lib.years[i] - year) <= 0
            close = [x for x, j in best[1:] if x >= s - 5 and lib.keys[j] != key]
            if s >= 92 and author_ok and year_ok and not close:
                kind, other, _, _ = page_title()
                if kind == "sure" and other != key:
                    return unsure(other, "title on first page", 0.6,
                                  f"the file name says {key}, but the first page shows this record's title")
                if kind != "sure" and page and title_score(key) < _NAME_PAGE_AGREE:
                    # another paper saved under this record's name (the wrong file attached to the item): the name
                    # alone put it beside the record as its paper. A scan has no text to disagree; it still matches.
                    return unsure(key, "file name", 0.6, "the file name is this record's, but its first page does "
                                                         "not show the record's title (another paper?)")
                return sure(key, "file name", 0.97 if kind == "sure" else 0.95)
            if s >= 90 and author_ok and (lib.years[i] is None or abs(lib.years[i] - year) <= 1) and not close:
                fallback = (key, 0.75, "the year in the file name differs from the record's")
            else:
                fallback = (key, 0.5 if not close else 0.4,
                            "author, year or title in the file name differ from the record's" if not close
                            else "the file name fits several records")
    # 5. The title on the first pages.
    kind, key, conf, why = page_title()
    if kind == "sure":
        return sure(key, "title on first page", conf)
    if kind == "unsure" and not (fallback and fallback[1] > conf):
        return unsure(key, "title on first page", conf, why)
    if fallback:
        return unsure(fallback[0], "file name", fallback[1], fallback[2])
    m.note = "no text layer (a scan?): match it by hand" if not info.has_text else ""
    return m


def _contains(a: str, b: str) -> bool:
    """Whether title ``a`` is a part of title ``b`` (the longer one wins when both fit the page)."""
    return bool(a) and a in b


def list_pdfs(folder) -> list:
    """The ``.pdf`` files under ``folder`` (any case, in sub-folders too), sorted, as relative POSIX paths."""
    folder = Path(folder)
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in files:
            if f.lower().endswith(".pdf") and not f.startswith("."):
                out.append((Path(root) / f).relative_to(folder).as_posix())
    return sorted(out)


def _inspect_many(paths: list, workers: int) -> list:
    if workers <= 1 or len(paths) < 40:
        return [inspect_pdf(p) for p in paths]
    chunk = max(8, len(paths) // (workers * 8))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(inspect_pdf, paths, chunksize=chunk))
    except (BrokenProcessPool, OSError):
        # Where workers are spawned (Windows, macOS), a script without an ``if __name__ == "__main__":`` guard
        # makes them fail at start-up; reading the PDFs here is slower but gives the same result.
        return [inspect_pdf(p) for p in paths]


def match_pdfs(folder, units: pd.DataFrame, evidence=None, workers: int | None = None) -> MatchResult:
    """Match every PDF under ``folder`` to the groups of ``units``.

    Parameters
    ----------
    folder : path-like
        The PDFs (sub-folders included).
    units : DataFrame
        One row per duplicate group: ``group_id``, ``title``, ``authors``, ``year``, ``doi`` (``pmid`` if known).
    evidence : path-like or FulltextEvidence, optional
        ``evidence/fulltext.tsv``: what people confirmed or rejected; it overrides the automatic matches.
    workers : int, optional
        Processes that read PDFs (default: the cores available, at most 4).

    Returns
    -------
    MatchResult
    """
    from .store import FulltextEvidence

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of PDFs; put the team's PDFs there, or name their folder "
                                f"in [fulltext] folder of evidence/review.toml")
    lib = _Library(units)
    files = list_pdfs(folder)
    if workers is None:
        workers = min(4, usable_cores())
    infos = _inspect_many([folder / f for f in files], workers)
    copies = _copies(folder, files)
    matches = [_copy_of(info, rel, copies[rel]) if rel in copies else match_one(info, rel, lib)
               for info, rel in zip(infos, files)]
    ev = evidence if isinstance(evidence, FulltextEvidence) else FulltextEvidence.load(evidence) if evidence else None
    rows = []
    known = set(lib.keys)
    for m in matches:
        if ev is not None:
            rows += ev.apply(m, known)
        else:
            rows.append(m)
    table = pd.DataFrame([r.row(lib.raw_titles) for r in rows], columns=MATCH_COLUMNS)
    problems = [f"{folder / m.file}: {m.note}" for m in matches if m.status == "broken"]
    problems += _confirmed_but_gone(ev, folder, files)
    return MatchResult(table=table, folder=folder, problems=problems)


def _copies(folder: Path, files: list) -> dict:
    """``{copy: first}`` for the files whose bytes equal an earlier file's (in the sorted order of ``files``).

    The same download saved twice (as the reference manager named it and as the publisher did) was matched
    twice to its record: two reports, so PRISMA counted the report twice at every box. Only files of equal size
    are read to compare."""
    import hashlib

    by_size: dict = defaultdict(list)
    for rel in files:
        try:
            by_size[(folder / rel).stat().st_size].append(rel)
        except OSError:
            continue
    out: dict = {}
    for size, same in by_size.items():
        if len(same) < 2 or size == 0:  # an empty file is broken, not a copy
            continue
        first_of: dict = {}
        for rel in same:
            try:
                digest = hashlib.sha256((folder / rel).read_bytes()).hexdigest()
            except OSError:
                continue
            if digest in first_of:
                out[rel] = first_of[digest]
            else:
                first_of[digest] = rel
    return out


def _copy_of(info: PdfInfo, rel: str, first: str) -> Match:
    m = Match(file=rel, status="copy", note=f"the same file as {first}: one report, counted once")
    if not info.ok:
        m.status, m.note = "broken", info.problem
    else:
        _check_text(info, m)
    return m


def _confirmed_but_gone(ev, folder: Path, files: list) -> list:
    """A line for each PDF a person confirmed that is not in the folder any more: renamed, moved or deleted, it
    left its record without a PDF and without a word (PRISMA then counted the report as assessed without one)."""
    if ev is None:
        return []
    present = set(files)
    by_name: dict = defaultdict(list)
    for rel in files:
        by_name[Path(rel).name].append(rel)
    out = []
    where = ev.path if ev.path is not None else "evidence/fulltext.tsv"
    for r in ev.confirmed():
        if r.file in present:
            continue
        moved = [f for f in by_name.get(Path(r.file).name, []) if f != r.file]
        now = (f"a file of that name is at {moved[0]}: if it is the same paper, confirm it there" if moved else
               "renamed, moved or deleted? Confirm the PDF under its new name")
        out.append(f"{where}, line {r.line}: {r.file}, confirmed for {r.group_id} by {r.confirmed_by or 'someone'}, "
                   f"is not in {folder} any more; {now} (synthesis fulltext confirm {r.group_id} FILE --reviewer "
                   f"NAME); until then {r.group_id} has no PDF from it")
    return out
