"""The deduplication pipeline: :func:`deduplicate` runs the stages in order and assembles a :class:`DedupResult`.

Each stage is its own module (see :mod:`synthesis.dedup`); this module only wires them together, applies
people's verdicts and an earlier run's groups, and names the groups.
"""
from __future__ import annotations

import time
import warnings as _warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .block import BlockingOptions, candidate_pairs
from .cluster import group_pairs
from .decide import DISTINCT, DUPLICATE, MAYBE, DecisionRules, decide
from .likelihood import duplicate_likelihood, why_not_automatic
from .parallel import can_fork, spare_core
from .merge import MergePolicy, choose_representatives, merge_groups
from .prep import _objects, prepare_columns, record_number_sources
from .score import SCORE_COLUMNS, in_east_asian_script, score_columns
from .verdicts import read_verdicts
from ..wording import counted

__all__ = ["deduplicate", "DedupResult", "DedupWarning", "GROUP_COLUMNS", "maybe_pairs_table"]

#: Columns of :attr:`DedupResult.groups`.
GROUP_COLUMNS = ["source_file", "source_index", "source_id", "source_database", "record_id", "group_id", "status",
                 "representative", "n_members", "maybe_with"]
_LONG_TITLE = 400
_PROGRESS_FROM = 20000
# From this many records, preparing and blocking share the work with a second process (Linux, an idle core).
_PARALLEL_FROM = 20000


class DedupWarning(UserWarning):
    """Something odd in the input that deduplication worked around (named in the message)."""


@dataclass
class DedupResult:
    """What :func:`deduplicate` found.

    Attributes
    ----------
    groups : pandas.DataFrame
        One row per input record, in input order (:data:`GROUP_COLUMNS`): ``status`` is ``unique``
        (alone in its group), ``kept`` (its group's representative), ``duplicate`` (another member of a
        group; not screened again) or ``maybe`` (unique or kept, but an undecided ``maybe`` pair involves
        it); ``maybe_with`` lists the group ids it may duplicate.
    library : pandas.DataFrame
        One merged row per group (record-table columns + ``group_id``, ``member_ids``, ``n_members``,
        ``source_files``, ``source_databases``).
    pairs : pandas.DataFrame
        Every ``duplicate`` and ``maybe`` pair with its field scores, ``likelihood`` (of being a duplicate,
        see :mod:`synthesis.dedup.likelihood`; 1 for automatic duplicates), ``rule_kept`` (see
        :func:`~synthesis.dedup.decide.decide`), ``decision`` and ``reason``
        (``record_id_1``, ``record_id_2`` name the records).
    maybe_pairs : pandas.DataFrame
        The ``maybe`` pairs left for a person, one per pair of groups, each with the one-line ``reason`` it was
        not merged automatically. First the pairs only a never-merge rule kept apart (``rule_kept``: they would
        be merged otherwise), then the rest most likely a duplicate first; pairs under ``rules.maybe_floor``
        are not listed unless rule-kept.
    summary : dict
        ``records``, ``groups``, ``duplicates_removed`` (automatically), ``duplicates_by_verdict``,
        ``maybe_pairs``, ``candidate_pairs``, ``seconds`` and ``warnings``.
    """

    groups: pd.DataFrame
    library: pd.DataFrame
    pairs: pd.DataFrame
    maybe_pairs: pd.DataFrame
    summary: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def summary_text(self) -> str:
        s = self.summary
        return (f"{counted(s['records'], 'record')} -> {counted(s['groups'], 'group')}: "
                f"{counted(s['duplicates_removed'], 'duplicate')} removed automatically, "
                f"{s['duplicates_by_verdict']} by people's verdicts, {counted(s['maybe_pairs'], 'maybe pair')} left "
                f"for a person")

    def maybe_table(self, records: pd.DataFrame) -> pd.DataFrame:
        """The maybe pairs as a person reads them: :func:`maybe_pairs_table` of :attr:`maybe_pairs`."""
        return maybe_pairs_table(self.maybe_pairs, records)


#: The fields of each record of a maybe pair that :func:`maybe_pairs_table` shows (``_1`` and ``_2``).
MAYBE_SHOWN = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "source_database",
               "source_file"]


def _two_scripts(prepared: dict, i: np.ndarray, j: np.ndarray) -> list[tuple[str, ...]]:
    """Per pair, the fields (``"titles"``, ``"authors"``, ``"journals"``) one record writes in Chinese, Japanese or
    Korean script and the other does not: a paper Wanfang exports under its Chinese title and Scopus under its
    English one."""
    fields = [(name, prepared[column]) for name, column in (("titles", "title"), ("authors", "authors"),
                                                           ("journals", "journal")) if column in prepared]
    out = []
    for a, b in zip(i.tolist(), j.tolist()):
        pair = [in_east_asian_script((texts[a], texts[b])) for _, texts in fields]
        out.append(tuple(name for (name, _), (x, y) in zip(fields, pair) if x != y))
    return out


def maybe_pairs_table(maybe_pairs: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The maybe pairs with both records' details side by side, in the order of the list: what
    ``output/maybe_pairs.csv`` holds, for a person deciding them in a spreadsheet or reading them in a notebook.

    Columns: ``rank`` (1 first), ``likelihood`` (of being a duplicate, 0-1, two decimals), ``rule_kept``, ``reason``,
    then :data:`MAYBE_SHOWN` of each record (``title_1``, ``title_2``, ...; authors ``"; "``-joined), the record
    and group ids, and last the field agreements the likelihood was computed from (``title_score``, ...;
    0-100, -1 where a field is missing; ``pair_score``, the scorer's sum).

    Examples
    --------
    >>> from synthesis.records import make_record_table
    >>> paper = {"title": "Insulin and sleep: a trial", "authors": ["Smith, J."], "year": 2001,
    ...          "journal": "J Sleep Res", "volume": "3", "pages": "1-9"}
    >>> t = make_record_table([dict(paper, doi="10.1000/a"), dict(paper, doi="10.1000/b")])
    >>> deduplicate(t).maybe_table(t)[["rank", "reason", "doi_1", "doi_2"]].to_dict("records")
    [{'rank': 1, 'reason': 'different DOIs', 'doi_1': '10.1000/a', 'doi_2': '10.1000/b'}]
    """
    by_id = records.drop_duplicates("record_id").set_index("record_id")
    out = pd.DataFrame({"rank": np.arange(1, len(maybe_pairs) + 1),
                        "likelihood": maybe_pairs["likelihood"].astype(float).round(2).to_numpy(),
                        "rule_kept": maybe_pairs["rule_kept"].to_numpy(),
                        "reason": maybe_pairs["reason"].to_numpy()})
    sides = {}
    for side in ("1", "2"):
        ids = maybe_pairs[f"record_id_{side}"]
        for name in MAYBE_SHOWN:
            column = by_id[name].reindex(ids) if name in by_id.columns else pd.Series([""] * len(ids))
            values = ["; ".join(map(str, v)) if isinstance(v, (list, tuple)) else
                      "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
                      for v in column.tolist()]
            sides[f"{name}_{side}"] = values
    shown = [f"{name}_{side}" for name in MAYBE_SHOWN for side in ("1", "2")]
    for name in shown:
        out[name] = sides[name]
    for name in ("record_id_1", "record_id_2", "group_id_1", "group_id_2"):
        out[name] = maybe_pairs[name].to_numpy()
    for name in SCORE_COLUMNS:
        if name in maybe_pairs.columns:
            out["pair_score" if name == "score" else f"{name}_score"] = maybe_pairs[name].to_numpy()
    return out


def _have(count: int, noun: str = "record") -> str:
    """``"1 record has"``, ``"3 records have"``: a warning about one record read "1 records have"."""
    return f"{counted(count, noun)} {'has' if count == 1 else 'have'}"


def _check_input(records: pd.DataFrame, prepared: pd.DataFrame, cap: int, numbered: pd.DataFrame) -> list[str]:
    """Warnings about records that deduplication can only partly judge."""
    out = []

    files = records["source_file"] if "source_file" in records.columns else None
    places = records["source_index"] if "source_index" in records.columns else None

    def name(k):  # (a cell at a time: a whole row as a Series costs more than the check it names)
        # a table made in a notebook has no place in a file (source_index 0): its row number then
        place = places.iat[k] if places is not None else 0
        where = f"{'' if files is None else files.iat[k]} record {place or k + 1}"
        return where.strip() or f"record {k + 1}"

    def listing(idx):
        shown = ", ".join(name(k) for k in idx[:5])
        return shown + (f" and {len(idx) - 5} more" if len(idx) > 5 else "")

    raw_titles = records["title"].tolist() if "title" in records else [""] * len(records)
    no_title = prepared["title"] == ""
    nothing = no_title & (prepared["authors"] == "") & (prepared["doi"] == "") & \
        (prepared["pmid"] == "") & (prepared["year"] < 0)
    if nothing.any():
        n = int(nothing.sum())
        out.append(f"{_have(n)} no title, authors, year, DOI or PMID and {'stays' if n == 1 else 'stay'} unique: "
                   f"{listing(np.flatnonzero(nothing))}")
    if no_title.any():
        raw = pd.Series(raw_titles, dtype=object).fillna("").astype(str)
        punct = no_title & (raw.str.strip() != "").to_numpy() & ~nothing
    else:
        punct = no_title
    if punct.any():
        out.append(f"{_have(int(punct.sum()))} a title with no letters or digits (treated as no title): "
                   f"{listing(np.flatnonzero(punct))}")
    untitled = no_title & ~nothing & ~punct
    if untitled.any():
        n = int(untitled.sum())
        out.append(f"{_have(n)} no title and {'is' if n == 1 else 'are'} matched only by DOI, PMID or "
                   f"journal, volume and page: {listing(np.flatnonzero(untitled))}")
    # (a trial registration has no authors, and its number merges its copies)
    no_authors = (prepared["authors"] == "") & ~no_title
    if "registration" in prepared:
        no_authors &= prepared["registration"] == ""
    if no_authors.any():
        n = int(no_authors.sum())
        out.append(f"{_have(n)} no authors; {'it needs' if n == 1 else 'they need'} a DOI or full bibliographic "
                   f"agreement to be merged automatically: {listing(np.flatnonzero(no_authors))}")
    try:  # a record table's titles are text: their lengths in one pass
        longest = max(map(len, raw_titles), default=0)
    except TypeError:  # and missing ones (NaN, None)
        longest = max((len(t) for t in raw_titles if isinstance(t, str)), default=0)
    if longest > _LONG_TITLE:
        raw = pd.Series(raw_titles, dtype=object)
        long = (raw.fillna("").astype(str).str.len() > _LONG_TITLE).to_numpy()
        one = long.sum() == 1
        out.append(f"{counted(int(long.sum()), 'title')} {'is' if one else 'are'} longer than {_LONG_TITLE} "
                   f"characters and {'is' if one else 'are'} compared on {'its' if one else 'their'} first "
                   f"{_LONG_TITLE}: "
                   f"{listing(np.flatnonzero(long))}")
    titled = np.flatnonzero(~no_title)
    codes, _ = pd.factorize(prepared["title_key"][titled])  # (no more copies of a title and year than of the title)
    if len(codes) and np.bincount(codes).max() > cap:  # rare: the exact counts and messages with pandas
        key = pd.Series(prepared["title_key"]) + "|" + pd.Series(prepared["year"]).astype(str)
        sizes = key[prepared["title_key"] != ""].value_counts()
        big = sizes[sizes > cap]
        for k, size in big.head(5).items():
            first = int(np.flatnonzero(key.to_numpy() == k)[0])
            out.append(f"{size} records share one title and year (first: {name(first)}); each is compared with "
                       f"its {cap} nearest copies only")
    generic = np.asarray(prepared["generic"], dtype=bool) if "generic" in prepared else np.zeros(len(records), bool)
    if generic.any():
        counts = Counter(prepared["title"][generic].tolist())  # most first; ties in the order they first occur
        shared = sorted(((t, c) for t, c in counts.items() if c >= 3), key=lambda tc: -tc[1])
        if len(shared):
            shown = ", ".join(f"'{t}' ({c})" for t, c in shared[:5])
            out.append(f"{sum(c for _, c in shared)} records carry {len(shared)} recurring or generic "
                       f"title{'s' * (len(shared) > 1)} ({shown}"
                       f"{' ...' if len(shared) > 5 else ''}); they are merged automatically only with the same DOI "
                       f"or PMID, or the same issue and first page")
    shared_doi = prepared["shared_doi"] if "shared_doi" in prepared else np.array([], dtype=object)
    left_out = shared_doi[shared_doi != ""]  # DOIs several papers share (prep.ignore_shared_dois)
    if len(left_out):
        counts = Counter(left_out.tolist()).most_common()
        shown = ", ".join(f"{d} ({c})" for d, c in counts[:3])
        out.append(f"{sum(c for _, c in counts)} records carry {len(counts)} DOI{'s' * (len(counts) > 1)} that "
                   f"several different papers share ({shown}{' ...' if len(counts) > 3 else ''}): such a DOI names "
                   f"a proceedings volume, a book or a journal, not one paper, so it is not used to match them")
    for source, given, distinct in (numbered.itertuples(index=False) if len(numbered) else ()):
        out.append(f"{source or 'the input'}: the issue field holds a different number for {distinct:,} of its "
                   f"{given:,} records that give one (record numbers, not issues?); issues are not compared for "
                   f"its records")
    if len(records) >= 20 and (prepared["doi"] == "").all() and not len(left_out):
        out.append(f"none of the {len(records)} records has a DOI: duplicates are found by title, authors, journal, "
                   f"volume and pages alone, and more pairs are left for a person")
    rid = records["record_id"]
    if len(set(rid.tolist())) < len(rid) and rid.duplicated().any():
        out.append(f"{int(rid.duplicated().sum())} record ids occur more than once (the same file read twice "
                   f"under the same name?); their groups get a numbered suffix")
    return out


def _key_records(records: pd.DataFrame, ids: list, first: np.ndarray) -> np.ndarray:
    """For each group root (a position), the position of the record whose id names the group.

    With search rounds (a ``search_round`` column, rounds in the order they first occur): of the group's
    earliest round, the record with the smallest id. Not the first by position, since positions within a
    round follow the files' names and a renamed file must keep its groups' ids; a later round's record joining
    a group leaves its id as it was. Without rounds the table's order is the only order of arrival known, so
    the group's first record names it.
    """
    n = len(ids)
    key = np.arange(n)
    if not n or "search_round" not in records.columns:
        return key
    first = np.asarray(first)
    multi = np.flatnonzero(np.bincount(first, minlength=n)[first] > 1)  # groups of one need no choice
    if not len(multi):
        return key
    rounds = pd.factorize(records["search_round"])[0][multi]
    text = np.array([ids[k] for k in multi.tolist()], dtype=str)  # fixed-width text sorts fast
    id_rank = np.empty(len(multi), dtype=np.int64)
    id_rank[np.argsort(text, kind="stable")] = np.arange(len(multi))
    order = np.lexsort((id_rank, rounds, first[multi]))  # by group, then round, then id
    roots = first[multi][order]
    heads = order[np.r_[True, roots[1:] != roots[:-1]]]
    key[first[multi][heads]] = multi[heads]
    return key


def _issue_as_volume(records: pd.DataFrame, prepared, decided: dict) -> list[str]:
    """A warning when one database seems to put the issue number in the volume field.

    Seen as alike pairs where one record's volume is the other's issue and its own issue is empty. The
    scorer counts such a volume as not given and the issues as agreeing (see
    :func:`~synthesis.dedup.score.score_pairs`), so the pairs are judged on title, authors, year and pages.
    """
    alike = np.flatnonzero(np.asarray(decided["issue_as_volume"], dtype=bool) & (decided["title"] >= 90)) \
        if "issue_as_volume" in decided else np.empty(0, dtype=np.int64)
    if not len(alike):
        return []
    i, j = decided["i"][alike], decided["j"][alike]
    vol, iss = prepared["volume"], prepared["issue"]
    hit = ((vol[i] == iss[j]) & (iss[i] == "")) | ((vol[j] == iss[i]) & (iss[j] == ""))
    if hit.sum() < 2:
        return []
    k = int(np.flatnonzero(hit)[0])
    m, o = (int(i[k]), int(j[k])) if vol[i[k]] == iss[j[k]] and iss[i[k]] == "" else (int(j[k]), int(i[k]))
    a, b = records.iloc[m], records.iloc[o]

    def field(rec, name):  # "volume 30", "no volume"
        value = rec.get(name, "")
        value = "" if value is None or value != value else str(value).strip()
        return f"{name} {value}" if value else f"no {name}"

    return [f"{int(hit.sum())} pairs of alike records look as if one database put the issue number in the volume "
            f"field (e.g. {a.get('source_file', '')} record {a.get('source_index', '')} gives {field(a, 'volume')} "
            f"and no issue, {b.get('source_file', '')} record {b.get('source_index', '')} {field(b, 'volume')} and "
            f"{field(b, 'issue')}); for them the volume is not compared and the number is taken as the issue"]


def _pair_frame(columns: dict, rows: np.ndarray, names: list) -> pd.DataFrame:
    """Some rows of a dict of pair arrays as a DataFrame (text columns typed as text even when empty)."""
    frame = pd.DataFrame({c: columns[c][rows] for c in names})
    if not len(rows):
        # the dtypes pandas gives when filtering a table of pairs: text columns are text, unless there
        # were no pairs at all (then only the decision is)
        for c in (names if columns.get("_scored", len(columns["i"])) else ["decision"]):
            if frame[c].dtype == object:
                frame[c] = frame[c].astype("str")
    return frame


def _verdict_pairs(verdicts, pos: dict) -> tuple[np.ndarray, np.ndarray, int, list[str]]:
    if verdicts is None:
        return np.empty((0, 2), np.int64), np.empty((0, 2), np.int64), 0, []
    table = verdicts if isinstance(verdicts, pd.DataFrame) else read_verdicts(verdicts)
    must, cannot, unknown = [], [], []
    when = table["when"] if "when" in table.columns else [""] * len(table)
    for a, b, v, w in zip(table["record_id_1"], table["record_id_2"], table["verdict"], when):
        if a not in pos or b not in pos:
            unknown.append(f"{v} {a} {b}" + (f" of {w}" if w else ""))  # what a person finds the line by
            continue
        (must if v == "duplicate" else cannot).append((pos[a], pos[b]))
    shown = "; ".join(unknown[:3]) + (f"; ... and {len(unknown) - 3} more" if len(unknown) > 3 else "")
    notes = [f"{len(unknown)} verdicts name records that are not in this input (kept in the file, not applied): "
             f"{shown}"] if unknown else []
    return (np.array(must, np.int64).reshape(-1, 2), np.array(cannot, np.int64).reshape(-1, 2), len(must), notes)


_NOTICE_REASON = "notice (erratum, comment, reply, retraction) vs article"
_NOTICE_NAMES = {"erratum": "erratum", "retraction": "retraction notice", "comment": "comment", "reply": "reply"}


def _kind_reasons(reasons: np.ndarray, kinds, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The notice reason said plainly: "erratum and its article", "comment and reply", "pilot study and
    another report"."""
    def named(kind: str) -> str:  # several report kinds are joined with "+"
        return _NOTICE_NAMES.get(kind, kind).replace("+", ", ")

    out = reasons.copy()
    for k in np.flatnonzero(reasons == _NOTICE_REASON):
        a, b = kinds[i[k]], kinds[j[k]]
        only_a, only_b = set(a.split("+")) - set(b.split("+")), set(b.split("+")) - set(a.split("+"))
        if a == "article" or b == "article":
            other = b if a == "article" else a
            # a notice is about an article; a report of a study, a preprint or a thesis is another report
            out[k] = f"{named(other)} and {'its article' if other in _NOTICE_NAMES else 'another report'}"
        elif bool(only_a) != bool(only_b):  # "pilot study+preprint" and "pilot study": what one adds
            out[k] = f"{named('+'.join(sorted(only_a or only_b)))} and another report"
        else:
            out[k] = f"{named(a)} and {named(b)}"
    return out


def deduplicate(records: pd.DataFrame, verdicts=None, previous: pd.DataFrame | None = None,
                rules: DecisionRules | None = None, policy: MergePolicy | None = None,
                blocking: BlockingOptions | None = None, progress: bool | None = None,
                workers: int = -1, cache=None) -> DedupResult:
    """Find duplicate records and group them.

    Parameters
    ----------
    records : pandas.DataFrame
        The record table (see :mod:`synthesis.records`), every search round included; never changed.
    verdicts : path or pandas.DataFrame, optional
        People's verdicts on pairs (:func:`read_verdicts` format), e.g. ``"evidence/duplicate_verdicts.tsv"``
        (a file naming records by the ids of earlier versions is read through the ``id_map.csv`` beside it or,
        before the build has written that map, through the old ids of these records: see :mod:`synthesis.ids`);
        a missing file means no verdicts yet.
    previous : pandas.DataFrame, optional
        The ``groups`` table of an earlier run (``record_id`` and ``group_id``). Its records keep their
        groups and group ids; only pairs involving a new record are compared.
    rules : DecisionRules, optional
        Decision thresholds and ``allow_conference``.
    policy : MergePolicy, optional
        How each group's representative is chosen.
    blocking : BlockingOptions, optional
    progress : bool, optional
        Show a tqdm bar over the stages (default: for more than 20,000 records).
    workers : int
        Threads for rapidfuzz (-1: all cores). With ``1`` everything runs in this process; otherwise,
        from 20,000 records on and when a core is idle, preparing and blocking give half their work to
        a second process (the result is the same either way).
    cache : synthesis.dedup.incremental.Reuse, optional
        An earlier run's prepared fields and pair scores to take over where their inputs are unchanged (a
        new search round then costs little more than its own records); filled with this run's for the
        next. The result is the same as without it. Not used together with ``previous``.

    Returns
    -------
    DedupResult
    """
    if verdicts is not None and not isinstance(verdicts, pd.DataFrame) and "record_id" in records.columns:
        from ..ids import IdMap, legacy_map

        ids = IdMap.load(Path(verdicts).parent)
        if not ids and {"source_file", "source_index", "title", "doi"} <= set(records.columns):
            ids = legacy_map(records)
        verdicts = read_verdicts(verdicts, ids=ids)
    return _deduplicate(records, verdicts, previous, rules, policy, blocking, progress, workers, cache)


def _deduplicate(records: pd.DataFrame, verdicts=None, previous: pd.DataFrame | None = None,
                rules: DecisionRules | None = None, policy: MergePolicy | None = None,
                blocking: BlockingOptions | None = None, progress: bool | None = None,
                workers: int = -1, cache=None) -> DedupResult:
    """:func:`deduplicate` itself."""
    start = time.perf_counter()
    rules = rules or DecisionRules()
    blocking = blocking or BlockingOptions()
    records = records.reset_index(drop=True)
    n = len(records)
    if "record_id" not in records.columns:
        raise ValueError("deduplicate needs a record table with a record_id column (see synthesis.records)")
    if n == 0:
        empty = pd.DataFrame(columns=["record_id_1", "record_id_2", "group_id_1", "group_id_2", "i", "j"]
                             + SCORE_COLUMNS + ["likelihood", "rule_kept", "decision", "reason"])
        library = pd.DataFrame(columns=["group_id"] + list(records.columns) + ["member_ids", "n_members",
                                                                                "source_files", "source_databases"])
        return DedupResult(groups=pd.DataFrame(columns=GROUP_COLUMNS), library=library, pairs=empty,
                           maybe_pairs=empty.copy(),
                           summary={"records": 0, "groups": 0, "duplicates_removed": 0, "duplicates_by_verdict": 0,
                                    "maybe_pairs": 0, "candidate_pairs": 0, "seconds": 0.0, "warnings": 0,
                                    "stage_seconds": {}})
    show = progress if progress is not None else n > _PROGRESS_FROM
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=8, desc="deduplicate", unit="stage")

    stage_seconds: dict = {}
    last = [start]

    def step(label):
        now = time.perf_counter()
        stage_seconds[label] = round(now - last[0], 3)
        last[0] = now
        if bar is not None:
            bar.set_postfix_str(label)
            bar.update(1)

    parallel = workers != 1 and n >= _PARALLEL_FROM and can_fork() and spare_core()
    if cache is not None and previous is not None and len(previous):
        raise ValueError("deduplicate takes previous= or cache=, not both (cache= gives the groups of a run "
                         "from scratch; previous= keeps earlier groups as they were)")
    numbered = record_number_sources(records)  # exports whose issue field holds record numbers
    prepared = cache.prepare(records, parallel, numbered) if cache is not None else \
        prepare_columns(records, parallel=parallel, numbered=numbered)
    step("prepared")
    notes = _check_input(records, prepared, blocking.cap, numbered)
    ids = records["record_id"].astype(str).tolist()
    pos = {rid: k for k, rid in enumerate(ids)}

    prev_gid = [""] * n
    new_mask = None
    if previous is not None and len(previous):
        prev_map = dict(zip(previous["record_id"].astype(str), previous["group_id"].astype(str)))
        prev_gid = [prev_map.get(r, "") for r in ids]
        new_mask = np.array([g == "" for g in prev_gid])
        missing = len(set(prev_map) - set(ids))
        if missing:
            notes.append(f"{missing} records of the previous run are not in this input; their groups are not "
                         f"carried over")

    pairs = candidate_pairs(prepared, blocking, only_with=new_mask, parallel=parallel)
    step("blocked")
    if cache is not None:  # the earlier run's answers taken over where both records are unchanged
        scores = cache.score(prepared, pairs, rules, workers=workers)
    else:
        scores = score_columns(prepared, pairs, workers=workers, rules=rules)  # distinct pairs dropped early
    step("scored")
    decided = decide(scores, rules)  # a dict of arrays, one entry per scored pair
    step("decided")
    notes += _issue_as_volume(records, prepared, decided)

    must_v, cannot_v, _, vnotes = _verdict_pairs(verdicts, pos)
    notes += vnotes
    pi, pj, pscore = decided["i"], decided["j"], decided["score"]
    decision = decided["decision"].astype(object)
    # duplicate pairs, strongest first (ties: by position; every (i, j) occurs once, so the order is total)
    dup_idx = np.flatnonzero(decision == DUPLICATE)
    dup_idx = dup_idx[np.lexsort((pj[dup_idx], pi[dup_idx], -pscore[dup_idx]))]
    dup_pairs = np.stack([pi[dup_idx], pj[dup_idx]], axis=1)
    grouping: dict = {}
    labels, refused = group_pairs(prepared, dup_pairs, must=must_v, cannot=cannot_v,
                                  allow_conference=rules.allow_conference,
                                  previous=prev_gid if new_mask is not None else None, stats=grouping)
    step("clustered")
    reason = decided["reason"].astype(object)
    rule_kept = np.asarray(decided["rule_kept"], dtype=bool).copy()
    if len(refused):
        codes, refused_codes = pi * np.int64(n) + pj, refused[:, 0] * np.int64(n) + refused[:, 1]
        hit = np.isin(codes, refused_codes)
        decision[hit] = MAYBE
        because = dict(zip(refused_codes.tolist(), zip(grouping["refused_because"], grouping["refused_by_verdict"])))
        # where a person's "duplicate" verdict took one record to another group, its automatic copy is refused
        # there: the person is told it is their verdict that parted the two, not left to wonder why two copies
        # that agree in everything are shown
        reason[hit] = [f"would join records that the rules keep apart ({because[code][0]})"
                       + (", through a 'duplicate' verdict given to one of them" if because[code][1] else "")
                       for code in codes[hit].tolist()]
        rule_kept[hit] = True
    # How likely each pair not merged automatically is a duplicate; under the floor it is not worth a
    # person's time (distinct), unless only a rule kept it from being merged: those a person always sees.
    # Each pair shown says in one line why it was not merged.
    likelihood = duplicate_likelihood(decided)
    likelihood[decision == DUPLICATE] = 1.0
    decision[(decision == MAYBE) & (likelihood < rules.maybe_floor) & ~rule_kept] = DISTINCT
    shown = np.flatnonzero(decision == MAYBE)
    reason[shown] = why_not_automatic({c: decided[c][shown] for c in SCORE_COLUMNS},
                                      _kind_reasons(reason[shown], prepared["kind"], pi[shown], pj[shown]),
                                      _two_scripts(prepared, pi[shown], pj[shown]))
    decided["decision"], decided["reason"], decided["likelihood"] = decision, reason, likelihood
    decided["rule_kept"] = rule_kept

    # group ids: the earlier run's id where there is one, else "g" + the hash of the group's key record
    first = labels  # position of the group's first record (the union-find root is the smallest position)
    key_record = _key_records(records, ids, first)
    gid_of_root: dict = {}
    if previous is not None and len(previous):
        for k in range(n):
            root = first[k]
            if prev_gid[k] and root not in gid_of_root:
                gid_of_root[root] = prev_gid[k]
    roots, root_inverse, root_counts = np.unique(first, return_inverse=True, return_counts=True)
    used: dict = {}
    root_gids = []
    for root in roots.tolist():
        gid = gid_of_root.get(root) or "g" + ids[key_record[root]][1:]
        if gid in used:  # only when record ids repeat
            used[gid] += 1
            gid = f"{gid}-{used[gid]}"
        else:
            used[gid] = 1
        root_gids.append(gid)
    group_ids = _objects(root_gids)[root_inverse.reshape(-1)]

    step("grouped")
    filled: dict = {}  # which fields each record has: asked by both the choice and the merge
    rep = choose_representatives(records, first, policy, filled=filled)
    library = merge_groups(records, group_ids, rep, filled=filled)
    step("merged")

    # maybe pairs still open: records in different groups, no verdict, one per pair of groups
    id_array = _objects(ids)
    decided["record_id_1"], decided["record_id_2"] = id_array[pi], id_array[pj]
    decided["group_id_1"], decided["group_id_2"] = group_ids[pi], group_ids[pj]
    root_i, root_j = first[pi], first[pj]  # integer group labels: cheap to compare and sort
    open_ = (decision == MAYBE) & (root_i != root_j)
    lo, hi = np.minimum(root_i, root_j), np.maximum(root_i, root_j)
    if len(cannot_v):
        ca, cb = first[cannot_v[:, 0]], first[cannot_v[:, 1]]
        ruled = np.minimum(ca, cb) * np.int64(n) + np.maximum(ca, cb)
        open_ &= ~np.isin(lo * np.int64(n) + hi, ruled)
    maybe_idx = np.flatnonzero(open_)
    # First the pairs that only a rule kept apart (the same paper with two DOIs, a notice that repeats its
    # article's title, a conference abstract and its article): where the rules overrule a match, a person
    # should look first. Then the rest, most likely first.
    maybe_idx = maybe_idx[np.lexsort((pj[maybe_idx], pi[maybe_idx], -pscore[maybe_idx], -likelihood[maybe_idx],
                                      ~rule_kept[maybe_idx]))]
    # one pair per pair of groups: the strongest (the first in this order)
    _, first_of_pair = np.unique((lo * np.int64(n) + hi)[maybe_idx], return_index=True)
    maybe_idx = maybe_idx[np.sort(first_of_pair)]

    sizes = root_counts[root_inverse.reshape(-1)]
    is_rep = rep == np.arange(n)
    status = np.where(sizes == 1, "unique", np.where(is_rep, "kept", "duplicate")).astype(object)
    maybe_with: dict = {}
    for a, b in zip(decided["group_id_1"][maybe_idx].tolist(), decided["group_id_2"][maybe_idx].tolist()):
        maybe_with.setdefault(a, set()).add(b)
        maybe_with.setdefault(b, set()).add(a)
    joined = {g: "; ".join(sorted(v)) for g, v in maybe_with.items()}
    mw = _objects([joined.get(g, "") for g in group_ids.tolist()]) if joined else np.full(n, "", dtype=object)
    status[(mw != "") & (status != "duplicate")] = "maybe"

    def col(name, default=""):
        return records[name].to_numpy() if name in records.columns else np.full(n, default, dtype=object)

    groups = pd.DataFrame({"source_file": col("source_file"), "source_index": col("source_index", 0),
                           "source_id": col("source_id"), "source_database": col("source_database"),
                           "record_id": ids, "group_id": group_ids, "status": status, "representative": is_rep,
                           "n_members": sizes.astype("int64"), "maybe_with": mw})
    pair_cols = ["record_id_1", "record_id_2", "group_id_1", "group_id_2", "i", "j"] + SCORE_COLUMNS + \
        ["likelihood", "rule_kept", "decision", "reason"]
    # distinct pairs are not kept: on a million records they would be most of the memory
    kept = np.flatnonzero(decision != DISTINCT)
    # what a person reads first: which records, how likely, why not automatic; the field scores after
    maybe = _pair_frame(decided, maybe_idx, pair_cols[:4] + ["likelihood", "reason", "rule_kept", "decision", "i",
                                                             "j"] + SCORE_COLUMNS)
    decided = _pair_frame(decided, kept, pair_cols)
    n_groups = len(library)
    removed_total = n - n_groups
    # duplicates a verdict was needed for: the joins people's "duplicate" verdicts made
    auto_removed = removed_total - grouping["joined_by_must"]
    for note in notes:
        _warnings.warn(note, DedupWarning, stacklevel=3)
    summary = {"records": n, "groups": n_groups, "duplicates_removed": int(auto_removed),
               "duplicates_by_verdict": int(removed_total - auto_removed), "maybe_pairs": int(len(maybe)),
               "candidate_pairs": int(len(pairs)), "seconds": round(time.perf_counter() - start, 3),
               "warnings": len(notes)}
    step("summarised")
    summary["stage_seconds"] = stage_seconds
    if bar is not None:
        bar.close()
    return DedupResult(groups=groups, library=library, pairs=decided, maybe_pairs=maybe,
                       summary=summary, warnings=notes)
