"""What each database contributed: the numbers PRISMA and PRISMA-S ask for.

From the groups table of :func:`synthesis.dedup.deduplicate` (one row per record, with ``source_database``
and ``group_id``), :func:`source_overlap` counts per database the records identified, the duplicates
within that database, the distinct papers (groups) it found, those found *only* there, and how many
papers each pair of databases share. :func:`overlap_figure` draws the shared-papers heatmap beside an
UpSet-style chart of the commonest combinations of databases.

Examples
--------
>>> import pandas as pd
>>> groups = pd.DataFrame({"source_database": ["PubMed", "PubMed", "Scopus", "Scopus"],
...                        "group_id": ["g1", "g2", "g1", "g3"]})
>>> o = source_overlap(groups)
>>> o.per_database[["records", "papers", "only_here"]].values.tolist()
[[2, 2, 1], [2, 2, 1]]
>>> int(o.matrix.loc["PubMed", "Scopus"])
1
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["source_overlap", "overlap_figure", "SourceOverlap"]


@dataclass
class SourceOverlap:
    """Per-database counts, the database-by-database matrix of shared papers, and combinations.

    Attributes
    ----------
    per_database : pandas.DataFrame
        Columns ``database``, ``records`` (identified), ``duplicates_within`` (records beyond the first
        of a paper within that database), ``papers`` (distinct groups), ``only_here`` (papers no other
        database found) and ``shared`` (papers also found elsewhere).
    matrix : pandas.DataFrame
        Papers found by both the row and the column database (the diagonal: papers found by the database).
    combinations : pandas.DataFrame
        ``databases`` (tuple) and ``papers``: how many papers were found by exactly that set of databases.
    """

    per_database: pd.DataFrame
    matrix: pd.DataFrame
    combinations: pd.DataFrame


def source_overlap(groups: pd.DataFrame, database_column: str = "source_database",
                   search_log=None) -> SourceOverlap:
    """Count what each database contributed (see :class:`SourceOverlap`).

    Records with no database are counted under ``"Unknown database"``, the name the PRISMA diagram gives them.
    With ``search_log`` (the review's ``evidence/searches.toml``: its path, a read
    :class:`synthesis.prisma.searchlog.SearchLog` or its ``file_names()``; a path to no file is no log), the
    records of an export that a search of the log names take that search's name, as the PRISMA diagram and the
    PRISMA-S report give it (``groups`` then needs its ``source_file`` column).

    >>> groups = pd.DataFrame({"source_database": ["", "LILACS (BVS)", ""], "group_id": ["g1", "g2", "g3"],
    ...                        "source_file": ["data/s/pop.csv", "data/s/lilacs.ris", "data/s/refs.ris"]})
    >>> source_overlap(groups).per_database["database"].tolist()
    ['LILACS (BVS)', 'Unknown database']
    >>> names = {"data/s/pop.csv": "Crossref", "data/s/lilacs.ris": "LILACS"}
    >>> source_overlap(groups, search_log=names).per_database["database"].tolist()
    ['Crossref', 'LILACS', 'Unknown database']
    """
    from ..prisma.counts import UNKNOWN_DATABASE

    # the same name as the diagram's: a reviewer meets these records in both and should know them for one
    db = groups[database_column].fillna("").astype(str).str.strip().replace("", UNKNOWN_DATABASE)
    names = _search_log_names(search_log)
    if names:
        named = groups["source_file"].astype(str).map(names)
        db = named.where(named.notna(), db)
    # Counted in numpy over (group, database) codes: a crosstab of 60,000 groups took seconds.
    db_code, names = pd.factorize(db, sort=True)
    group_code, group_ids = pd.factorize(groups["group_id"])
    names = list(names)
    incidence = np.zeros((len(group_ids), len(names)), dtype=np.int64)
    incidence[group_code, db_code] = 1  # whether the group has a record from the database
    records = np.bincount(db_code, minlength=len(names))
    papers = incidence.sum(axis=0)
    n_db = incidence.sum(axis=1)
    only = incidence[n_db == 1].sum(axis=0)
    index = pd.Index(names, name="database")
    per = pd.DataFrame({"records": records, "duplicates_within": records - papers, "papers": papers,
                        "only_here": only}, index=index)
    per["shared"] = per["papers"] - per["only_here"]
    per = per.reset_index()
    matrix = pd.DataFrame(incidence.T @ incidence, index=index, columns=pd.Index(names, name="database"))
    rows, counts = np.unique(incidence, axis=0, return_counts=True) if len(incidence) else (incidence, [])
    combos = pd.DataFrame({"databases": [tuple(n for n, v in zip(names, row) if v) for row in rows],
                           "papers": np.asarray(counts, dtype=np.int64)})
    # equal counts in the order of the databases' names, not of the groups' ids (which are hashes)
    order = sorted(range(len(combos)), key=lambda k: (-int(combos["papers"].iat[k]), combos["databases"].iat[k]))
    combos = combos.iloc[order].reset_index(drop=True)
    return SourceOverlap(per_database=per, matrix=matrix, combinations=combos)


def _search_log_names(search_log) -> dict[str, str]:
    """Export file -> its search's name, from a search log, its path or its names (no path, or a path to no file:
    nothing)."""
    if search_log is None or isinstance(search_log, dict):
        return search_log or {}
    if not hasattr(search_log, "file_names"):
        from pathlib import Path

        from ..prisma.searchlog import read_search_log

        if not Path(search_log).is_file():
            return {}
        search_log = read_search_log(search_log)
    return search_log.file_names()


def overlap_figure(overlap: SourceOverlap, top: int = 15):
    """A matplotlib figure: the shared-papers heatmap (left) and an UpSet-style chart of the commonest
    combinations of databases (right: a bar per combination, the databases in it marked below the bar).

    Returns
    -------
    synthesis.display.ShownFigure
        Shows itself as the last expression of a notebook cell.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.ticker import MaxNLocator

    from ..display import ShownFigure, wrap

    m = overlap.matrix
    dbs = list(m.index)
    if len(dbs) < 2:
        # one database (a search of one, or exports whose database is unknown): a 1 x 1 matrix and one bar say
        # nothing about overlap; the sentence says what there is
        fig = ShownFigure(figsize=(8.0, 1.2))
        FigureCanvasAgg(fig)
        papers = int(m.iat[0, 0]) if m.size else 0
        where = f"one database ({dbs[0]})" if dbs else "no database"
        fig.text(0.02, 0.5, wrap(f"{'The one paper comes' if papers == 1 else f'All {papers:,} papers come'} from "
                                 f"{where}: there is no overlap between databases "
                                 f"to show. Once a second database's export is in, this shows what each one added.",
                                 110), va="center", fontsize=10)
        return fig
    combos = overlap.combinations.head(top)
    n_db, n_combo = max(len(dbs), 1), max(len(combos), 1)
    # A database's name as a platform gives it runs to 90 characters ("MEDLINE (Ovid MEDLINE(R) ALL and Epub
    # Ahead of Print ...)"): on lines of at most 28, in 8 points. Sized by their longest name, twelve such
    # names left the heatmap a sliver with its numbers on top of each other, and the chart cut off at the top.
    names = [wrap(d, 28, break_on_hyphens=False) for d in dbs]
    lines = max([n.count("\n") + 1 for n in names] + [1])
    label = 0.07 * max([len(line) for n in names for line in n.split("\n")] + [8])  # inches of the longest line
    cell = max(0.42, 0.14 * lines + 0.06)  # a row holds its name's lines; a column the name's lines upright
    digits = len(str(int(m.to_numpy().max()))) if m.size else 1
    cell = max(cell, 0.075 * digits + 0.1)  # and its count, up to six digits, in 8 points
    heat_w = label + cell * n_db
    right_w = label + 0.42 * n_combo
    fig = ShownFigure(figsize=(max(heat_w + right_w + 1.0, 8.0), max(cell * n_db + label, 2.0 + cell * n_db) + 1.0),
                      layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 2, width_ratios=[heat_w, right_w], height_ratios=[2.0, cell * n_db + 0.3])
    ax_heat = fig.add_subplot(grid[:, 0])
    ax_bars = fig.add_subplot(grid[0, 1])
    ax_dots = fig.add_subplot(grid[1, 1], sharex=ax_bars)

    ax_heat.imshow(m.to_numpy(), cmap="Blues")
    ax_heat.set_xticks(range(len(dbs)), names, rotation=90, fontsize=8)
    ax_heat.set_yticks(range(len(dbs)), names, fontsize=8)
    low, peak = (int(m.to_numpy().min()), int(m.to_numpy().max())) if m.size else (0, 0)
    for r in range(len(dbs)):
        for c in range(len(dbs)):
            v = int(m.iat[r, c])
            dark = peak > low and (v - low) / (peak - low) > 0.5  # white on the darker half of the colours
            ax_heat.text(c, r, str(v), ha="center", va="center", color="white" if dark else "black",
                         fontsize=8 if digits <= 4 else 7)
    # a database against itself: the papers it found
    ax_heat.set_title("papers found by both databases\n(on the diagonal: by the database)", fontsize=10)

    counts = [int(c) for c in combos["papers"]]
    ax_bars.bar(range(len(counts)), counts, color="#333333", width=0.6)
    for k, count in enumerate(counts):
        ax_bars.text(k, count, str(count), ha="center", va="bottom", fontsize=8)
    ax_bars.set_ylabel("papers", fontsize=9)
    ax_bars.yaxis.set_major_locator(MaxNLocator(integer=True))  # papers are counted, not measured
    ax_bars.set_ylim(0, max(counts + [1]) * 1.18)
    ax_bars.spines[["top", "right"]].set_visible(False)
    ax_bars.tick_params(axis="x", bottom=False, labelbottom=False)
    ax_bars.set_title(f"papers found by exactly these databases"
                      f"{f' (the {len(combos)} commonest combinations)' if len(overlap.combinations) > top else ''}",
                      fontsize=10)
    for k, members in enumerate(combos["databases"]):
        ys = [dbs.index(d) for d in members]
        ax_dots.scatter([k] * len(dbs), range(len(dbs)), color="#dddddd", s=30, zorder=1)
        ax_dots.scatter([k] * len(ys), ys, color="black", s=30, zorder=2)
        if len(ys) > 1:
            ax_dots.plot([k, k], [min(ys), max(ys)], color="black", zorder=2)
    ax_dots.set_yticks(range(len(dbs)), names, fontsize=8)
    ax_dots.set_ylim(len(dbs) - 0.5, -0.5)
    ax_dots.set_xlim(-0.6, n_combo - 0.4)
    ax_dots.tick_params(bottom=False, labelbottom=False, left=False)
    for side in ("top", "right", "bottom", "left"):
        ax_dots.spines[side].set_visible(False)
    return fig
