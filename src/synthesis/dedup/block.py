"""Stage 2 of deduplication: propose candidate pairs without ever comparing all pairs.

Two records are only scored if some *blocking key* brings them close together:

* **exact keys** - the same DOI, the same PMID, the same trial registration, the same normalised title and
  year. Every pair within a block is proposed, but a block larger than ``cap`` (ten thousand copies of one
  record) only pairs each record with its ``cap`` neighbours, so the work grows linearly;
* **sorted neighbourhoods** - records sorted by a key (title, title read backwards, first author and
  year, journal/volume/page) and each paired with the next ``window`` records, so a typo at the start of
  a title is caught by the backwards order and a different title by the bibliographic ones;
* **title word blocks** - records sharing one of their two rarest title words, sorted by title within the
  block and paired with their neighbours. A title in Chinese or Japanese, written without spaces, has its
  words read as overlapping pairs of characters (:func:`synthesis.normalise.text_words`).

An empty key never forms a block: records without a DOI are not "the same" because both lack one.

Examples
--------
>>> import pandas as pd
>>> keys = pd.Series(["b", "a", "", "a", "b"])
>>> sorted(map(tuple, neighbour_pairs(keys, window=1, same_block=True).tolist()))
[(0, 4), (1, 3)]
"""
from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

from ..normalise import UNSPACED_CHAR as _UNSPACED_CHAR, in_unspaced_script, text_words
from .parallel import Background

__all__ = ["candidate_pairs", "neighbour_pairs", "rare_words", "BlockingOptions"]


class BlockingOptions:
    """How wide the candidate search is.

    Parameters
    ----------
    window : int
        Neighbours each record is paired with in every sorted order.
    cap : int
        Largest exact-key block whose pairs are all proposed; bigger blocks use a window of this size.
    """

    def __init__(self, window: int = 3, cap: int = 12):
        self.window = int(window)
        self.cap = int(cap)


def neighbour_pairs(block_key, sort_key=None, window: int = 5, same_block: bool = False) -> np.ndarray:
    """Pairs of row positions that are at most ``window`` apart when sorted by ``(block_key, sort_key)``.

    Parameters
    ----------
    block_key : sequence of str
        Records with an empty key take no part.
    sort_key : sequence of str, optional
        Order inside a block (input order when omitted).
    window : int
        How many following records each record is paired with.
    same_block : bool
        Only pair records whose ``block_key`` is equal (exact-key blocking with a cap).

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 2)``, each row ``(i, j)`` with ``i < j``.
    """
    block = _texts(block_key)
    present = np.flatnonzero(block != "")
    if len(present) < 2:
        return np.empty((0, 2), dtype=np.int64)
    # exact blocks only need equal keys together, not in alphabetical order: no string sort
    codes = _key_codes(block[present], sort=not same_block)
    if sort_key is None:
        sort_codes = None
    elif isinstance(sort_key, np.ndarray) and sort_key.dtype.kind in "iu":
        sort_codes = sort_key[present]  # ranks of the sort key, computed once for several blocks
    else:
        sort_codes = _key_codes(_texts(sort_key)[present], sort=True)
    return _neighbours(present, codes, sort_codes, window, same_block)


def _neighbours(present: np.ndarray, codes: np.ndarray, sort_codes, window: int, same_block: bool) -> np.ndarray:
    """:func:`neighbour_pairs` once the records taking part and their key codes are known."""
    if sort_codes is not None:
        order = np.lexsort((present, sort_codes, codes))
    else:
        order = np.lexsort((present, codes))
    rows = present[order]
    codes = codes[order]
    out = []
    for k in range(1, min(window, len(rows) - 1) + 1):
        a, b = rows[:-k], rows[k:]
        if same_block:
            keep = codes[:-k] == codes[k:]
            a, b = a[keep], b[keep]
        out.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    return np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)


def _key_codes(keys: np.ndarray, sort: bool) -> np.ndarray:
    """Integer codes of string keys (in sorted order when ``sort``), as ``pandas.factorize`` gives them.

    A handful of keys is coded in plain Python: pandas' set-up costs more than the work there.
    """
    if len(keys) > 64:
        return pd.factorize(keys, sort=sort)[0]
    values = keys.tolist()
    if sort:
        code = {k: c for c, k in enumerate(sorted(set(values)))}
    else:
        code = {}
        for k in values:
            code.setdefault(k, len(code))
    return np.array([code[k] for k in values], dtype=np.int64)


def _texts(values) -> np.ndarray:
    """Keys as an object array of str, missing values as ``""``."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values  # prepared columns: already str, never missing
    if isinstance(values, list):
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out
    return pd.Series(values, dtype=object).fillna("").to_numpy()


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct integers (a plain sort: faster here than numpy's hashing ``unique``)."""
    values = np.sort(values, kind="stable")
    if len(values) == 0:
        return values
    return values[np.r_[True, values[1:] != values[:-1]]]


def rare_word_keys(titles, how_many: int = 2) -> list[np.ndarray]:
    """For k = 0 .. how_many-1, each title's k-th rarest word (three letters or more, not a number; ``""`` if none).

    Rarity is counted over the whole collection; ties go to the word seen first. Done with numpy on integer
    word codes, so a million titles take seconds. The words are :func:`~synthesis.normalise.text_words`: in a
    Chinese or Japanese title, pairs of characters, and only those that another title shares. A character typed as
    another changes two pairs, which no other title has; they would be the rarest of the copy and block it with
    nothing.

    >>> rare_words(["基于深度学习的肺部ct图像分割", "基于深度学习的肺部ct图像分隔", "深度学习的脑部图像配准"], 1)
    [['基于'], ['基于'], ['深度']]
    """
    titles = list(titles)
    n = len(titles)
    empty = [np.full(n, "", dtype=object) for _ in range(how_many)]
    lists = [t.split() if t.isascii() else text_words(t) for t in titles]  # (no call for the common case)
    lengths = np.fromiter((len(w) for w in lists), dtype=np.int64, count=n)
    if n == 0 or lengths.sum() == 0:
        return empty
    flat = np.fromiter(chain.from_iterable(lists), dtype=object, count=int(lengths.sum()))
    row = np.repeat(np.arange(n, dtype=np.int64), lengths)
    codes, uniques = pd.factorize(flat)  # codes in order of first appearance: a deterministic tie-break
    usable = np.fromiter((len(u) >= 3 and not u.isdigit() for u in uniques), dtype=bool, count=len(uniques))
    if all(map(str.isascii, titles)):  # English and the like: no pairs of characters among the words
        unspaced = np.zeros(len(uniques), dtype=bool)
    else:
        unspaced = np.fromiter((not u.isascii() and _UNSPACED_CHAR.match(u) is not None for u in uniques),
                               dtype=bool, count=len(uniques))
        usable |= unspaced
    keep = usable[codes]
    u = np.int64(len(uniques))
    both = _unique(row[keep] * u + codes[keep])  # each word once per title
    row, codes = both // u, both % u
    frequency = np.bincount(codes, minlength=len(uniques))
    if unspaced.any():
        shared = ~unspaced[codes] | (frequency[codes] >= 2)
        row, codes = row[shared], codes[shared]
    order = np.lexsort((codes, frequency[codes], row))
    row, codes = row[order], codes[order]
    starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
    rank = np.arange(len(row)) - np.repeat(starts, np.diff(np.r_[starts, len(row)]))
    for k in range(how_many):
        sel = rank == k
        empty[k][row[sel]] = uniques[codes[sel]]
    return empty


def rare_words(titles, how_many: int = 2) -> list[list[str]]:
    """The ``how_many`` rarest words of each title (see :func:`rare_word_keys`).

    >>> rare_words(["insulin and sleep", "insulin and mood", "insulin and sleep in rats"], 1)
    [['sleep'], ['mood'], ['rats']]
    >>> rare_words(["sleep in mice and rats"], 2)
    [['sleep', 'mice']]
    """
    keys = rare_word_keys(titles, how_many)
    return [[k[r] for k in keys if k[r]] for r in range(len(keys[0]))]


def _columns(prepared) -> dict:
    """The prepared fields as numpy arrays, from :func:`~synthesis.dedup.prep.prepare` or ``prepare_columns``."""
    if isinstance(prepared, pd.DataFrame):
        return {c: prepared[c].to_numpy() for c in prepared.columns}
    return prepared


def candidate_pairs(prepared, options: BlockingOptions | None = None,
                    only_with=None, parallel: bool = False) -> np.ndarray:
    """Every candidate pair of records, each once, as row positions ``(i, j)`` with ``i < j``.

    Parameters
    ----------
    prepared : pandas.DataFrame
        The output of :func:`synthesis.dedup.prep.prepare`.
    options : BlockingOptions, optional
    only_with : array of bool, optional
        Keep only pairs that involve at least one of these records (the new records of an incremental run).
    parallel : bool
        Propose the title-word blocks in a second process (see :mod:`synthesis.dedup.parallel`).

    Examples
    --------
    >>> from synthesis.records import make_record_table
    >>> from synthesis.dedup.prep import prepare
    >>> t = make_record_table([{"title": "Insulin and sleep", "year": 2001}, {"title": "Insulin & sleep."},
    ...                        {"title": "Something else entirely", "year": 2001}])
    >>> candidate_pairs(prepare(t)).tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    opt = options or BlockingOptions()
    p = _columns(prepared)
    n = len(p["title_key"])
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    new = np.asarray(only_with, dtype=bool) if only_with is not None else None
    # The title-word blocks are about half the work: on a large export a second process proposes them
    # meanwhile (the union of pair codes is sorted, so the result does not depend on who did what).
    words = Background(_word_block_codes, p, opt, new) if parallel else None
    try:
        codes = _key_block_codes(p, opt, new)
    except BaseException:
        if words is not None:
            words.cancel()
        raise
    other = words.result() if words is not None else _word_block_codes(p, opt, new)
    codes = _unique(np.concatenate([codes, other]))
    return np.stack([codes // n, codes % n], axis=1)


def _codes_of(parts: list, n: int, new) -> np.ndarray:
    """The distinct pairs of some blocking parts, as sorted codes ``i * n + j``."""
    pairs = np.concatenate(parts).astype(np.int64) if parts else np.empty((0, 2), dtype=np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if new is not None:
        pairs = pairs[new[pairs[:, 0]] | new[pairs[:, 1]]]
    return _unique(pairs[:, 0] * np.int64(n) + pairs[:, 1])


def _key_block_codes(p: dict, opt: BlockingOptions, new) -> np.ndarray:
    """Pairs from the exact keys and the sorted neighbourhoods."""
    n = len(p["title_key"])
    # keys built as plain lists: pandas' string methods cost more than the work on a small export
    year = [str(y) if y >= 0 else "" for y in p["year"].tolist()]
    title_key = p["title_key"].tolist()
    first = p["first_author"].tolist()
    # the titles' alphabetical ranks, sorted once: the title neighbourhood and the journal blocks' order
    title_rank = _key_codes(_texts(p["title_key"]), sort=True)
    titled = np.flatnonzero(p["title_key"] != "")
    parts = [
        # exact keys: every pair within a block, giant blocks windowed
        neighbour_pairs(p["doi"], None, opt.cap, same_block=True),
        neighbour_pairs(p["pmid"], None, opt.cap, same_block=True),
        *([neighbour_pairs(p["registration"], None, opt.cap, same_block=True)]
          if "registration" in p and (p["registration"] != "").any() else []),
        neighbour_pairs([t + "|" + y if t else "" for t, y in zip(title_key, year)], None, opt.cap, same_block=True),
        # sorted neighbourhoods
        _neighbours(titled, title_rank[titled], None, opt.window, False) if len(titled) >= 2
        else np.empty((0, 2), dtype=np.int64),
        neighbour_pairs([t[::-1] for t in title_key], window=opt.window),
        neighbour_pairs([f + "|" + y + "|" + t[:6] if f else "" for f, y, t in zip(first, year, title_key)],
                        window=opt.window),
        neighbour_pairs([ji + "|" + v + "|" + pg if pg and v else "" for ji, v, pg in
                         zip(p["journal_initials"].tolist(), p["volume"].tolist(), p["page"].tolist())],
                        title_rank, window=opt.window),
    ]
    return _codes_of(parts, n, new)


def _word_block_codes(p: dict, opt: BlockingOptions, new) -> np.ndarray:
    """Pairs from the title-word blocks: the two rarest words of each title."""
    n = len(p["title_key"])
    title_keys = p["title_key"].tolist()
    unspaced = np.fromiter(map(in_unspaced_script, title_keys), dtype=bool, count=n)
    # Inside a block, by first author and title; a title in Chinese or Japanese by its title alone: one copy of
    # such a paper often names its authors in characters and the other in pinyin or romaji, or not at all
    sort_key = _key_codes(_texts([t if u else f + t for f, t, u in zip(p["first_author"].tolist(), title_keys,
                                                                       unspaced.tolist())]),
                          sort=True)  # ranked once for both words
    keys = rare_word_keys(p["title"].tolist(), 3 if unspaced.any() else 2)
    parts = [neighbour_pairs(key, sort_key, opt.window, same_block=True) for key in keys[:2]]
    if unspaced.any():
        # A pair of characters is a less telling key than a word: one topic's titles share many (hundreds open
        # with "基于..." and close with "...方法研究"). Such a block is also read by its titles backwards, so a
        # character typed as another before the shared pair leaves the copies side by side too.
        # And one copy's rarest pair may be the other's second or third rarest (a typed character made rarer
        # ones in it): three pairs of each title, whatever their rank, make one set of blocks.
        backwards = _key_codes(_texts([t[::-1] if u else "" for t, u in zip(title_keys, unspaced.tolist())]),
                               sort=True)
        rows = np.concatenate([np.flatnonzero(unspaced & (key != "")) for key in keys])
        if len(rows) >= 2:
            codes = _key_codes(np.concatenate([key[unspaced & (key != "")] for key in keys]), sort=False)
            parts += [_neighbours(rows, codes, order[rows], opt.window, True) for order in (sort_key, backwards)]
    return _codes_of(parts, n, new)
