"""Decide the ``maybe`` pairs in a notebook: two records side by side, only the differences that matter marked.

The pairs come in the list's order: first those that match but a never-merge rule kept apart (two DOIs,
a notice and its article), then the rest most likely first (see :mod:`synthesis.dedup.likelihood`), each
with the reason it was not merged automatically. Keys: **d** duplicate, **n** not a duplicate, **s** skip (the pair comes back after the
others), **u** undo, **←**/**→** back and forward. A counter says where you are ("pair 14 of 57, 3
duplicates so far"); *Mark the rest as not duplicates* ends a list whose tail turned out distinct.

Every verdict is appended to the verdict file (see :mod:`synthesis.dedup.verdicts`) and flushed to disk
before the next pair appears, so closing the notebook loses nothing; undo appends an ``undone`` line. The
next run of :func:`synthesis.dedup.deduplicate` with that file applies the verdicts.

While the widget has the keyboard, its keys do not reach JupyterLab (``data-lm-suppress-shortcuts`` and
``stopPropagation``): **d** would otherwise start deleting cells and **n** nothing good either.

Examples
--------
>>> from synthesis.dedup import deduplicate                                  # doctest: +SKIP
>>> result = deduplicate(records, verdicts="evidence/duplicate_verdicts.tsv")  # doctest: +SKIP
>>> MaybeReviewer(result, records, "evidence/duplicate_verdicts.tsv", reviewer="AB")  # doctest: +SKIP
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import anywidget
import pandas as pd
import traitlets as t

from ..normalise import UNSPACED_CHAR, UNSPACED_SCRIPT
from ..widgets import widget_module
from .verdicts import UNDONE, append_verdict, read_verdicts

__all__ = ["MaybeReviewer", "pair_html", "COMPARED_FIELDS", "field_differs", "marked_words"]

HERE = Path(__file__).parent

#: Fields shown side by side, in this order.
COMPARED_FIELDS = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "type",
                   "abstract", "source_database", "source_file", "source_id"]
# Where a record came from: shown, never a difference (the database's own id: an accession number, a trial
# registration's number).
_ORIGIN = {"source_database", "source_file", "source_id"}

# Record types as databases write them, by what they are.
_TYPES = {
    "journal article": {"jour", "journal article", "article", "journal", "ja", "research article", "jnl", "j",
                        "original article", "journal-article", "inpr", "in press", "mgzn", "magazine article"},
    "conference paper": {"conf", "cpaper", "inproceedings", "conference paper", "conference proceeding",
                         "proceedings paper", "conference abstract", "abst", "meeting abstract", "conference",
                         "conference review"},
    "book": {"book", "whole book", "bk", "b", "s", "edbook"},
    "book chapter": {"chap", "chapter", "book chapter", "incollection", "book section", "inbook"},
    "thesis": {"thes", "thesis", "phdthesis", "mastersthesis", "dissertation"},
    "report": {"rprt", "report", "techreport"},
}
# The kinds of journal item that databases name besides "article" (PubMed's publication types, Web of Science's
# and Scopus's document types): a record that names one is a journal article of that kind.
_JOURNAL_KINDS = {"review", "review article", "systematic review", "meta-analysis", "letter", "editorial",
                  "editorial material", "comment", "commentary", "note", "news", "news item", "short survey",
                  "book review", "case reports", "case report", "erratum", "published erratum", "correction",
                  "retraction", "retracted publication", "retraction of publication", "randomized controlled trial",
                  "clinical trial", "controlled clinical trial", "observational study", "comparative study",
                  "multicenter study", "practice guideline", "guideline"}
_NOTICES = {"erratum", "published erratum", "correction", "retraction", "retracted publication",
            "retraction of publication"}
# Types that name no kind of record: RIS's "GEN" (generic), EndNote's "Generic", BibTeX's "misc". Beside
# "JOUR" they say less, not something else (Lens.org exports preprints, reports and datasets as GEN).
_NO_KIND = {"gen", "generic", "misc"}
_TYPE_OF = {name: (kind, "") for kind, names in _TYPES.items() for name in names}
_TYPE_OF.update({name: ("journal article", name) for name in _JOURNAL_KINDS})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _type_kinds(text: str) -> set:
    """A record type as ``(kind, journal item)`` pairs, one per type it names ("Journal Article; Review")."""
    out = set()
    for part in text.split(";"):
        low = " ".join(_CAMEL.sub(" ", part).lower().replace("_", " ").split())  # Zotero's "journalArticle"
        if low and low not in _NO_KIND:
            out.add(_TYPE_OF.get(low, (low, "")))
    return out


def _types_differ(left: str, right: str) -> bool:
    """Two record types differ when they name different kinds (a book and an article), two journal items of
    different kinds (a letter and a review), or a notice and anything else (``Published Erratum`` beside
    ``Journal Article``); ``J`` or ``JOUR`` beside ``Letter`` says less, not otherwise."""
    a, b = _type_kinds(left), _type_kinds(right)
    if not a or not b:  # "GEN": no kind named, as if not given
        return False
    if {k for k, _ in a} != {k for k, _ in b}:
        return True
    items_a, items_b = {i for _, i in a if i}, {i for _, i in b if i}
    if bool(items_a & _NOTICES) != bool(items_b & _NOTICES):  # a notice is never the article it is about
        return True
    return bool(items_a and items_b and not items_a & items_b)


def _show(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _compared(field: str, value) -> str:
    """A field's value as compared: the forms one thing takes in different databases made equal."""
    from ..normalise import normalise_doi
    from .prep import _page, author_key, journal_keys, normalise_number, normalise_title

    text = _show(value)
    if not text.strip():
        return ""
    if field == "title":  # "cardio protection" and "cardioprotection", "K(ATP)" and "KATP": one title
        return normalise_title(text).replace(" ", "")
    if field == "authors":
        return author_key(value if isinstance(value, (list, tuple)) else text)
    if field == "journal":
        initials, prefixes = journal_keys(text)
        return initials if len(initials) >= 2 else prefixes
    if field in ("volume", "issue"):
        return normalise_number(text, leading=True)
    if field == "pages":
        return _page(text)
    if field == "doi":
        return normalise_doi(text)
    if field == "pmid":
        return "".join(c for c in text if c.isdigit()).lstrip("0")
    if field == "type":  # compared by _types_differ
        return text.strip()
    if field == "year":
        digits = "".join(c for c in text if c.isdigit())[:4]
        return digits
    if field == "abstract":
        return "".join(c for c in text.lower()[:300] if c.isalnum())
    return " ".join(text.lower().split())


def _authors_differ(left, right) -> bool:
    """Authors differ when their number or a family name differs, or when two authors in one place share no
    initial: databases write a name with all its initials, the first, or only the one in use
    (``"Hasnain, M. G."`` and ``"Hasnain, G."``)."""
    from .prep import author_names

    a = author_names(left if isinstance(left, (list, tuple)) else _show(left))
    b = author_names(right if isinstance(right, (list, tuple)) else _show(right))
    if len(a) != len(b) or not all(_one_family(fa, ia, fb, ib) for (fa, ia), (fb, ib) in zip(a, b)):
        return True
    return any(ia and ib and not ia & ib for (_, ia), (_, ib) in zip(a, b))


def _one_family(fa: str, ia, fb: str, ib) -> bool:
    """One family name, or one written with a part that the other database moved to the given names:
    ``"Vander Heide, R. S."`` and ``"Heide, R. S. V."``, ``"Lupi Herrera, E."`` and ``"Herrera, E. L."`` (the
    part's initial is among the other's initials); ``"Goldsmith, J."`` and ``"Smith, J."`` are two people."""
    if fa == fb:
        return True
    (long, _), (short, initials) = sorted([(fa, ia), (fb, ib)], key=lambda x: -len(x[0]))
    return len(short) >= 3 and long.endswith(short) and long[0] in initials


def field_differs(field: str, left, right) -> bool:
    """Whether two values of a field differ in a way that matters.

    An empty value beside a filled one is no difference (it is shown as "not given"); neither are the forms
    databases write one thing in: ``JOUR`` and ``Journal Article``, ``10.1000/X`` and
    ``https://doi.org/10.1000/x``, ``Smith, J.`` and ``Smith J``.

    >>> field_differs("type", "JOUR", "Journal Article"), field_differs("doi", "10.1000/X", "https://doi.org/10.1000/x")
    (False, False)
    >>> field_differs("pages", "", "1-9"), field_differs("pages", "12-19", "112-119")
    (False, True)
    >>> field_differs("type", "J", "Letter"), field_differs("type", "Journal Article; Review", "Letter")
    (False, True)
    >>> field_differs("authors", "Hasnain, M. G.", "Hasnain, G."), field_differs("authors", "Smith, J.", "Smith, A.")
    (False, True)
    >>> field_differs("title", "Role of K(ATP) channels", "Role of KATP channels"), field_differs("title", "Part I", "Part II")
    (False, True)
    """
    if field in _ORIGIN:
        return False
    a, b = _compared(field, left), _compared(field, right)
    if not a or not b:
        return False
    if field == "type":
        return _types_differ(a, b)
    if field == "authors":
        return _authors_differ(left, right)
    if field == "abstract":
        from rapidfuzz import fuzz

        return fuzz.ratio(a, b) < 90
    return a != b


#: Fields whose differing words are marked in a pair that differs there: a typo in a 20-word title is found at a
#: glance. Not authors (initials written in other ways are no difference, see :func:`field_differs`).
_WORDS_MARKED = {"title", "journal", "abstract"}


def marked_words(left: str, right: str) -> tuple[str, str]:
    """Both texts as HTML (escaped), with the words that the other text does not have in ``<mark>``.

    Words are compared without case and punctuation, and words written apart in one text and together in the
    other are no difference. Chinese and Japanese text (written without spaces) is compared character by
    character, its words in Latin letters as words and its punctuation not at all (CNKI's "。" is Wanfang's
    "."); a text without those scripts with fewer than three words on both sides too (two one-word titles), when
    the two are alike: "medRxiv" and "BMJ Open" are marked whole, not "me[dRxiv]" and "[B]M[J Op]e[n]".
    The text outside the marks is shown as written.

    >>> marked_words("Desigining together: a tool", "Designing together: a tool")
    ('<mark>Desigining</mark> together: a tool', '<mark>Designing</mark> together: a tool')
    >>> marked_words("<b>x</b> y z", "<b>x</b> y w")[1]
    '&lt;b&gt;x&lt;/b&gt; y <mark>w</mark>'
    >>> marked_words("基于深度学习的图像分割", "基于深度学习的图象分割")[0]
    '基于深度学习的图<mark>像</mark>分割'
    >>> marked_words("目的 比较MRI与钼靶的价值", "目的比较MRA与钼靶的价值。")[1]
    '目的比较<mark>MRA</mark>与钼靶的价值。'
    """
    from difflib import SequenceMatcher

    # A Wanfang abstract has a space after each heading ("目的 研究...", "方法 选取..."): read by its spaces it
    # was five long "words", none of them in CNKI's copy of the same abstract, and the whole of both was marked.
    if UNSPACED_CHAR.search(left) or UNSPACED_CHAR.search(right):
        token = _CJK_TOKEN
    elif len(left.split()) < 3 and len(right.split()) < 3 and _alike_letters(left, right):
        token = _CHAR_TOKEN
    else:
        token = _WORD_TOKEN
    spans_a = [m.span() for m in token.finditer(left)]
    spans_b = [m.span() for m in token.finditer(right)]

    cjk = token is _CJK_TOKEN

    def key(word: str) -> str:
        # punctuation alone is compared as it is, except in Chinese or Japanese text ("" leaves it out)
        return "".join(c for c in word.casefold() if c.isalnum()) or ("" if cjk else word)

    keys_a = [key(left[s:e]) for s, e in spans_a]
    keys_b = [key(right[s:e]) for s, e in spans_b]
    # punctuation in Chinese text ("。" beside ".") is never a difference: it is left out of the comparison
    compared_a = [k for k, w in enumerate(keys_a) if w]
    compared_b = [k for k, w in enumerate(keys_b) if w]
    keep_a = [not w for w in keys_a]
    keep_b = [not w for w in keys_b]
    seq_a, seq_b = [keys_a[k] for k in compared_a], [keys_b[k] for k in compared_b]
    for op, a0, a1, b0, b1 in SequenceMatcher(None, seq_a, seq_b, autojunk=False).get_opcodes():
        # equal, or the same letters in other words ("cardio protection", "cardioprotection"): no difference
        if op == "equal" or "".join(seq_a[a0:a1]) == "".join(seq_b[b0:b1]):
            for k in compared_a[a0:a1]:
                keep_a[k] = True
            for k in compared_b[b0:b1]:
                keep_b[k] = True

    def shown(text, spans, keys, keep):
        out, pos, run_start, run_end = [], 0, None, 0
        for (start, end), word, kept in zip(spans, keys, keep):
            if not word and run_start is not None:
                continue  # punctuation inside a run of changed words is marked with them
            if kept:
                if run_start is not None:  # a run of changed words, and what is between them, in one mark
                    out.append("<mark>" + html.escape(text[run_start:run_end]) + "</mark>")
                    pos, run_start = run_end, None
                out.append(html.escape(text[pos:end]))
                pos = end
            else:
                if run_start is None:
                    out.append(html.escape(text[pos:start]))
                    run_start = start
                run_end = end
        if run_start is not None:
            out.append("<mark>" + html.escape(text[run_start:run_end]) + "</mark>")
            pos = run_end
        out.append(html.escape(text[pos:]))
        return "".join(out)

    return shown(left, spans_a, keys_a, keep_a), shown(right, spans_b, keys_b, keep_b)


def _alike_letters(left: str, right: str) -> bool:
    """Two short texts whose letters mostly agree (a typo, "bioRxiv" and "medRxiv"): worth marking letter by
    letter. Between unlike names the letters they happen to share would be left unmarked, as if they agreed."""
    from difflib import SequenceMatcher

    a, b = ("".join(c for c in text.casefold() if c.isalnum()) for text in (left, right))
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5


#: What :func:`marked_words` compares: spaced words; every character (two short titles); in Chinese or Japanese
#: text each character of those scripts and each run of other letters and digits.
_WORD_TOKEN = re.compile(r"\S+")
_CHAR_TOKEN = re.compile(r"\S")
_CJK_TOKEN = re.compile(f"[{UNSPACED_SCRIPT}]|[^\\s{UNSPACED_SCRIPT}]+")


def pair_html(left: dict, right: dict, reason: str = "", fields=COMPARED_FIELDS, likelihood=None,
              rule_kept: bool = False, not_compared: dict | None = None) -> str:
    """An HTML table of two records; only differences that matter are marked. Every value is escaped.

    ``rule_kept`` says that the records match and only a never-merge rule (the ``reason``) kept them apart:
    why such a pair heads the list whatever its likelihood. ``not_compared`` maps a field that deduplication
    did not compare for these records to why ({"issue": "record numbers"}): it is shown, never marked.

    >>> "<b>" in pair_html({"title": "<b>x</b>"}, {"title": "x"})
    False
    >>> "not given" in pair_html({"doi": "10.1/x"}, {"doi": ""})
    True
    >>> "alike enough to merge, but a rule keeps them apart: different DOIs" in pair_html(
    ...     {}, {}, "different DOIs", rule_kept=True)
    True
    >>> "&#8800;" in pair_html({"issue": "1112"}, {"issue": "1113"}, not_compared={"issue": "record numbers"})
    False
    """
    not_compared = not_compared or {}
    rows = []
    for f in fields:
        a, b = _show(left.get(f, "")), _show(right.get(f, ""))
        if not a.strip() and not b.strip():
            continue
        if f == "abstract":
            a, b = a[:600] + ("..." if len(a) > 600 else ""), b[:600] + ("..." if len(b) > 600 else "")
        differ = f not in not_compared and field_differs(f, left.get(f, ""), right.get(f, ""))
        cls = "syn-differ" if differ else ("syn-origin" if f in _ORIGIN or f in not_compared else "")
        mark = " &#8800;" if differ else ""
        shown = marked_words(a, b) if differ and f in _WORDS_MARKED else (html.escape(a), html.escape(b))
        cells = "".join(f"<td>{h}</td>" if v.strip() else "<td class='syn-missing'>not given</td>"
                        for v, h in zip((a, b), shown))
        label = html.escape(f.replace("_", " "))
        if f in not_compared:
            label += f"<span class='syn-why-not'>({html.escape(not_compared[f])}, not compared)</span>"
        rows.append(f"<tr class='{cls}'><th>{label}{mark}</th>{cells}</tr>")
    head = []
    if likelihood is not None and likelihood == likelihood:
        head.append(f"<span class='syn-likely'>{round(100 * float(likelihood))} % likely a duplicate</span>")
    if reason and rule_kept:
        # "alike", not "they match": the rule is often about a field marked as different below (a word of the title)
        head.append(f"<span class='syn-reason'>alike enough to merge, but a rule keeps them apart: "
                    f"{html.escape(reason)}</span>")
    elif reason:
        head.append(f"<span class='syn-reason'>not merged automatically: {html.escape(reason)}</span>")
    note = f"<p class='syn-why'>{' &middot; '.join(head)}</p>" if head else ""
    return (note + "<table class='syn-pair'><tr><th></th><th>record 1</th><th>record 2</th></tr>"
            + "".join(rows) + "</table>")


class MaybeReviewer(anywidget.AnyWidget):
    """Walk through the maybe pairs with the keyboard; each verdict is on disk before the next pair shows.

    Parameters
    ----------
    result : DedupResult
        From :func:`synthesis.dedup.deduplicate`.
    records : pandas.DataFrame
        The record table that was deduplicated.
    verdict_file : str or Path
        Where verdicts are appended (``evidence/duplicate_verdicts.tsv``).
    reviewer : str
        Written with each verdict: a name of the team in the ``review.toml`` beside ``verdict_file`` (the team's
        spelling is kept); a name outside it raises :class:`~synthesis.screening.settings.ReviewerError`.

    Attributes
    ----------
    pairs : pandas.DataFrame
        The pairs still undecided when the widget opened, most likely first.
    widget : MaybeReviewer
        The widget itself (displays as the last expression of a cell).
    """

    _esm = widget_module(HERE / "pair_widget.js")
    _css = (HERE / "pair_widget.css").read_text(encoding="utf-8")

    card = t.Unicode("").tag(sync=True)
    counter = t.Unicode("").tag(sync=True)
    info = t.Unicode("").tag(sync=True)
    info_kind = t.Unicode("ok").tag(sync=True)
    pair_key = t.Unicode("").tag(sync=True)
    verdict = t.Unicode("").tag(sync=True)
    open_pairs = t.Int(0).tag(sync=True)
    #: the pairs it opened with: none, and it shows one sentence, no buttons, and takes no key
    pairs_total = t.Int(0).tag(sync=True)
    finished = t.Bool(False).tag(sync=True)
    seq = t.Int(0).tag(sync=True)

    def __init__(self, result, records: pd.DataFrame, verdict_file, reviewer: str = "", **kwargs):
        from ..screening.settings import team_member

        # the review's team, as screening checks it: a name outside it (the example's "alice" left in REVIEWER)
        # would sign every verdict; the verdicts sit in evidence/, beside review.toml
        reviewer = team_member(Path(verdict_file).resolve().parent, reviewer)  # (named as notebook 1 names it)
        super().__init__(**kwargs)
        self.verdict_file = verdict_file
        self.reviewer = reviewer
        decided = read_verdicts(verdict_file)
        done = set(zip(decided["record_id_1"], decided["record_id_2"]))
        pairs = result.maybe_pairs
        keep = pd.Series([tuple(sorted(ab)) not in done for ab in zip(pairs["record_id_1"], pairs["record_id_2"])],
                         index=pairs.index, dtype=bool)  # (a plain empty list would select no columns)
        self.pairs = pairs[keep].reset_index(drop=True)
        self.records = records.drop_duplicates("record_id").set_index("record_id", drop=False)
        # exports whose issue field holds record numbers (a reference manager's): deduplication does not compare
        # it, and marking it on every pair of theirs would hide the differences that matter
        from .prep import record_number_sources

        self._record_numbers = set(record_number_sources(records)["source_file"].astype(str))
        self.state: list = [None] * len(self.pairs)  # None, "skipped", "duplicate" or "not_duplicate"
        self.pairs_total = len(self.pairs)
        name = Path(verdict_file).name
        if len(pairs):
            self._nothing_to_decide = ("No maybe pairs left to decide: "
                                       + (f"the one there was has a verdict in {name}." if len(pairs) == 1 else
                                          f"all {len(pairs)} there were have verdicts in {name}."))
        elif len(decided):
            self._nothing_to_decide = (f"No maybe pairs to decide ({len(decided)} verdict{'s' * (len(decided) != 1)} "
                                       f"given earlier {'is' if len(decided) == 1 else 'are'} in {name}).")
        else:
            self._nothing_to_decide = "No maybe pairs to decide: deduplication was sure of every pair."
        # what undo takes back, latest last: the pairs of a verdict (a batch for "the rest"), each with the state
        # it had before, or a skip
        self._history: list = []
        self.position = 0
        self.widget = self
        self.on_msg(self._on_msg)
        self._show(self._next_open(0), "")

    # ------------------------------------------------------------------ state
    def current(self):
        """The pair on screen (a row of :attr:`pairs`), or ``None`` when every pair is decided."""
        return self.pairs.iloc[self.position] if self.position < len(self.pairs) else None

    def _next_open(self, start: int):
        """The first pair from ``start`` on (then from the top) with no verdict: skipped ones come back."""
        n = len(self.pairs)
        for k in list(range(start, n)) + list(range(0, min(start, n))):
            if self.state[k] in (None, "skipped"):
                return k
        return None

    def _counts(self) -> tuple[int, int, int]:
        dup = sum(s == "duplicate" for s in self.state)
        decided = sum(s in ("duplicate", "not_duplicate") for s in self.state)
        skipped = sum(s == "skipped" for s in self.state)
        return dup, decided, skipped

    def _show(self, k, info: str, kind: str = "ok") -> None:
        total = len(self.pairs)
        dup, decided, skipped = self._counts()
        with self.hold_sync():
            if k is None:
                self.position = total
                self.pair_key = ""
                self.verdict = ""
                self.finished = True
                decided_all = "The pair is decided" if total == 1 else f"All {total} pairs decided"
                self.card = (f"<p class='syn-done'>{decided_all} ({dup} duplicate{'s' * (dup != 1)}). Run "
                             "deduplication again to apply the verdicts.</p>" if total else
                             f"<p class='syn-done'>{html.escape(self._nothing_to_decide)}</p>")
                self.counter = f"{total} of {total} pair{'s' * (total != 1)} decided, {dup} duplicate{'s' * (dup != 1)}"
            else:
                self.position = k
                pair = self.pairs.iloc[k]
                left = self.records.loc[pair["record_id_1"]].to_dict()
                right = self.records.loc[pair["record_id_2"]].to_dict()
                numbered = {str(left.get("source_file", "")), str(right.get("source_file", ""))} & self._record_numbers
                self.card = pair_html(left, right, reason=str(pair.get("reason", "") or ""),
                                      likelihood=pair.get("likelihood"), rule_kept=bool(pair.get("rule_kept", False)),
                                      not_compared={"issue": "record numbers"} if numbered else None)
                self.pair_key = f"{pair['record_id_1']}|{pair['record_id_2']}"
                self.verdict = self.state[k] or ""
                self.finished = False
                self.counter = (f"pair {k + 1} of {total}, {dup} duplicate{'s' * (dup != 1)} so far"
                                + (f" ({decided} decided, {skipped} skipped)" if decided or skipped else ""))
            self.open_pairs = sum(s in (None, "skipped") for s in self.state)
            self.info = info
            self.info_kind = kind
            self.seq += 1

    # ------------------------------------------------------------------ actions
    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and "action" in content:
            self.handle(content["action"])

    def handle(self, action: str) -> None:
        """Carry out one action: ``duplicate``, ``not_duplicate``, ``skip``, ``undo``, ``back``, ``forward``
        or ``rest_not_duplicate``."""
        try:
            if action in ("duplicate", "not_duplicate", "skip"):
                self.decide(None if action == "skip" else action)
            elif action == "undo":
                self.undo()
            elif action == "back":
                if self.position == 0:
                    self._show(0 if len(self.pairs) else None, "this is the first pair")
                else:
                    self._show(self.position - 1, "")
            elif action == "forward":
                if self.position + 1 < len(self.pairs):
                    self._show(self.position + 1, "")
                else:
                    self._show(self._next_open(0), "" if self._next_open(0) is not None else "every pair is decided")
            elif action == "rest_not_duplicate":
                self.rest_not_duplicate()
            else:
                raise ValueError(f"unknown action {action!r}")
        except (OSError, ValueError) as exc:  # a verdict that could not be written must not look saved
            self.info, self.info_kind = f"not saved: {exc}", "error"

    def _write(self, k: int, verdict: str) -> None:
        pair = self.pairs.iloc[k]
        append_verdict(self.verdict_file, pair["record_id_1"], pair["record_id_2"], verdict,
                       reviewer=self.reviewer, note=str(pair.get("reason", "") or "") if verdict != UNDONE else "")

    def decide(self, verdict: str | None) -> None:
        """Record a verdict (``"duplicate"``, ``"not_duplicate"``, or ``None`` to skip) and show the next pair."""
        k = self.position
        if k >= len(self.pairs):
            return
        if verdict is None:
            self._history.append({"skipped": k, "was": self.state[k]})  # undo after a skip takes the skip back
            if self.state[k] is None:
                self.state[k] = "skipped"
            self._show(self._next_open(k + 1), "skipped: it comes back after the others")
            return
        self._write(k, verdict)  # on disk before the next pair appears
        self._history.append([(k, self.state[k])])
        self.state[k] = verdict
        self._show(self._next_open(k + 1), f"saved: {verdict.replace('_', ' ')}")

    def undo(self) -> None:
        """Take the latest verdict, "mark the rest" or skip back and show that pair again (a skip wrote nothing:
        its pair is simply shown again, as it was)."""
        if not self._history:
            self._show(self.position if self.position < len(self.pairs) else self._next_open(0),
                       "nothing to undo", "error")
            return
        batch = self._history.pop()
        if isinstance(batch, dict):
            self.state[batch["skipped"]] = batch["was"]
            self._show(batch["skipped"], "undone: the skip (this pair is shown again)")
            return
        for k, was in batch:
            # a changed verdict goes back to the one before it ("undone" would take every verdict of the pair back)
            earlier = was if was in ("duplicate", "not_duplicate") else None
            self._write(k, earlier or UNDONE)
            self.state[k] = earlier
        k, was = batch[0]
        said = {"duplicate": "a duplicate", "not_duplicate": "not a duplicate"}
        self._show(k, f"undone: the pair is {said[was]} again" if self.state[k] else
                   f"undone: {len(batch)} verdict{'s' * (len(batch) != 1)} taken back")

    def rest_not_duplicate(self) -> None:
        """Every pair still without a verdict (skipped ones too) is not a duplicate."""
        rest = [k for k, s in enumerate(self.state) if s in (None, "skipped")]
        for k in rest:
            self._write(k, "not_duplicate")
            self.state[k] = "not_duplicate"
        if rest:
            self._history.append([(k, None) for k in rest])
        self._show(None, "saved: the other pair is not a duplicate" if len(rest) == 1 else
                   f"saved: the other {len(rest)} pairs are not duplicates")
