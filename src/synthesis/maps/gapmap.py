"""The evidence gap map (bubbles) and the heatmap: constructs grouped by stage x any dimension.

Examples
--------
>>> fig = draw_gap_map(coding, columns="stakeholder", path="output/maps/gap_map")   # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle
from matplotlib.ticker import FormatStrFormatter, MaxNLocator

from synthesis.coding.studies import Coding
from synthesis.maps.data import EvidenceMatrix, evidence_matrix
from synthesis.display import subplots
from synthesis.maps.figure import FORMATS, STAGE_COLOURS, plt, save_figure, wrap

__all__ = ["draw_gap_map", "draw_heatmap", "layout_rows"]

#: Above this many cells the counts are not written in (bubble size / colour and the legend carry them).
MAX_LABELLED = 400


def layout_rows(matrix: EvidenceMatrix) -> list:
    """Display rows: ``("group", label, None)`` headers then ``("row", label, i)``, top to bottom."""
    out, last = [], object()
    for i, (label, group) in enumerate(zip(matrix.row_labels, matrix.row_groups)):
        if group and group != last:
            out.append(("group", group, None))
            last = group
        out.append(("row", label, i))
    return out


def _unplaced(m: EvidenceMatrix) -> str:
    """What the title says of the studies in no row (coded in other dimensions only), as the networks do, and of
    the included records not coded yet, as the charts do."""
    n = len(m.unplaced)
    said = f"\n({n} stud{'y' if n == 1 else 'ies'} coded under no {m.rows.label.lower()}, not shown)" if n else ""
    k = getattr(m, "waiting", 0)
    if k:
        # half-way through coding a hatched cell may be a study nobody has coded yet, not a gap in the evidence
        said += (f"\nNot on the map yet: {k} included record{'s wait' if k != 1 else ' waits'} to be coded or agreed;"
                 " a gap may still fill")
    return said


def _matrix(coding_or_matrix, columns, rows, filters):
    if isinstance(coding_or_matrix, EvidenceMatrix):
        return coding_or_matrix
    if not isinstance(coding_or_matrix, Coding):
        raise TypeError("pass a Coding (synthesis.coding.load_study_codes) or an EvidenceMatrix")
    return evidence_matrix(coding_or_matrix, columns=columns, rows=rows, filters=filters)


def _column_label(text, width: int = 22, lines: int = 2) -> str:
    """A column's label on at most two lines, longer lines when it needs them.

    Slanted at 40 degrees, columns 0.62 inch apart leave room for two lines of 8-point text between one label
    and the next; a label of 60-90 characters wrapped at 22 took four or five lines and ran across its
    neighbours' labels.

    >>> _column_label("Recruitment of under-served communities through trusted intermediaries")
    'Recruitment of under-served communities\\nthrough trusted intermediaries'
    """
    text = str(text)
    while True:
        out = wrap(text, width)
        if out.count("\n") < lines:
            return out
        width += 2


def _frame(matrix, title, cell_w=0.62, row_h=0.34):
    disp = layout_rows(matrix)
    ncol = len(matrix.column_labels)
    label_w = 0.075 * max([len(s) for s in matrix.row_labels] + [10]) ** 0.9
    label_w = min(max(label_w, 2.2), 4.2)
    col_h = 0.07 * max(len(str(c)) for c in matrix.column_labels) if matrix.column_labels else 0.5
    labels = [wrap(lbl, 48) if kind == "row" else lbl for kind, lbl, _ in disp]
    # a row holds two lines of its label; a longer label (a code label of 90 characters is three) makes every
    # row taller, or its last line ran into the next row's label
    row_h += 0.135 * max([lbl.count("\n") - 1 for lbl in labels] + [0])
    width = label_w + cell_w * max(ncol, 2) + 0.6
    top, bottom = 0.6 + min(col_h, 2.0), 0.3
    height = top + row_h * len(disp) + bottom
    fig, ax = subplots(figsize=(width, height))
    fig.subplots_adjust(top=1 - top / height, bottom=bottom / height)  # the rows get the height asked for
    ax.set_xlim(-0.5, ncol - 0.5)
    ax.set_ylim(len(disp) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.set_xticks(range(ncol))
    rot = 0 if max((len(str(c)) for c in matrix.column_labels), default=0) <= 9 else 40
    ax.set_xticklabels([_column_label(c) for c in matrix.column_labels], rotation=rot,
                       ha="left" if rot else "center", fontsize=8)
    ax.set_yticks(range(len(disp)))
    ax.set_yticklabels(labels, fontsize=8)
    for tick, (kind, _, _) in zip(ax.get_yticklabels(), disp):
        if kind == "group":
            tick.set_fontweight("bold")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    if title:
        ax.set_title(title, fontsize=10, loc="left", pad=8)
    return fig, ax, disp


def draw_gap_map(coding, columns: str | None = None, rows: str | None = None, filters: dict | None = None,
                 path=None, formats=FORMATS, title: str | None = None, labels: bool | None = None):
    """Draw the evidence gap map: one bubble per cell, its area the number of studies; empty cells hatched.

    Parameters
    ----------
    coding : Coding or EvidenceMatrix
    columns : str, optional
        Dimension for the columns (any of :func:`synthesis.maps.data.map_dimensions`); default the scheme's
        first dimension besides the framework (:func:`synthesis.maps.data.default_columns`).
    rows : str, optional
        Framework level for the rows (default: constructs), grouped by the level above.
    filters : dict, optional
        Dimension -> value(s), as in :func:`synthesis.maps.data.evidence_matrix`.
    path : str or Path, optional
        Save as ``path.svg/.pdf/.png`` (``formats``).
    title : str, optional
    labels : bool, optional
        Write the count in each cell (default: when at most 400 cells hold studies).

    Returns
    -------
    matplotlib.figure.Figure
        With ``fig.saved_paths`` listing the files written.
    """
    m = _matrix(coding, columns, rows, filters)
    if title is None:
        title = f"Evidence gap map: {m.rows.label.lower()}s by {m.columns.label.lower()}" + _unplaced(m)
    fig, ax, disp = _frame(m, title)
    groups = list(dict.fromkeys(g for g in m.row_groups))
    colour = {g: STAGE_COLOURS[k % len(STAGE_COLOURS)] for k, g in enumerate(groups)}
    ncol = len(m.column_labels)
    top = max(int(m.counts.max()) if m.counts.size else 0, 1)
    xs, ys, ns, sizes, cols = [], [], [], [], []
    bands, filled = [], []
    for y, (kind, label, i) in enumerate(disp):
        if kind == "group":
            bands.append(Rectangle((-0.5, y - 0.5), ncol, 1))
            continue
        for j in range(ncol):
            n = int(m.counts[i, j])
            if n == 0:
                continue
            filled.append(Rectangle((j - 0.5, y - 0.5), 1.0, 1.0))
            xs.append(j)
            ys.append(y)
            ns.append(n)
            sizes.append(30 + 330 * n / top)  # area in pt^2 grows with the number of studies
            cols.append(colour.get(m.row_groups[i], STAGE_COLOURS[0]))
    if labels is None:
        labels = len(xs) <= MAX_LABELLED
    if labels:  # written counts: readable up to a few hundred cells, and each text costs a draw
        for x, y, n in zip(xs, ys, ns):
            ax.text(x, y, str(n), ha="center", va="center", fontsize=7, color="black", zorder=4)
    # one collection per kind of box: thousands of separate patches are slow to add and to draw
    # Gaps: one hatched rectangle under the whole matrix shows through every cell without studies; the
    # filled cells, the stage bands and a white grid are drawn over it (one hatch instead of thousands).
    nrow = len(disp)
    ax.add_patch(Rectangle((-0.5, -0.5), ncol, nrow, facecolor="white", edgecolor="#d0d0d0", hatch="////",
                           linewidth=0, zorder=0))
    ax.add_collection(PatchCollection(filled, facecolor="#eef5fc", edgecolor="none", zorder=0.5))
    ax.add_collection(PatchCollection(bands, facecolor="#f0f0f0", edgecolor="none", zorder=0.6))
    ax.vlines(np.arange(ncol + 1) - 0.5, -0.5, nrow - 0.5, colors="white", linewidth=3, zorder=0.8)
    ax.hlines(np.arange(nrow + 1) - 0.5, -0.5, ncol - 0.5, colors="white", linewidth=3, zorder=0.8)
    ax.scatter(xs, ys, s=sizes, c=cols, alpha=0.55, edgecolors="none", zorder=3)
    # size legend: three reference bubbles
    refs = sorted({1, max(1, top // 2), top})
    handles = [ax.scatter([], [], s=30 + 330 * r / top, c="#888888", alpha=0.55, edgecolors="none") for r in refs]
    gap = Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#d0d0d0", hatch="////")
    ax.legend(handles + [gap], [f"{r} stud{'y' if r == 1 else 'ies'}" for r in refs] + ["no studies (gap)"],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False, labelspacing=1.3,
              borderpad=1.0)
    fig.saved_paths = save_figure(fig, path, formats) if path else []
    return fig


def draw_heatmap(coding, columns: str | None = None, rows: str | None = None, filters: dict | None = None,
                 path=None, formats=FORMATS, title: str | None = None, cmap: str = "Blues",
                 labels: bool | None = None):
    """Draw the same matrix as a heatmap (colour = number of studies, counts written in the cells).

    Parameters and return value as :func:`draw_gap_map`.
    """
    m = _matrix(coding, columns, rows, filters)
    if title is None:
        title = f"Studies per {m.rows.label.lower()} and {m.columns.label.lower()}" + _unplaced(m)
    fig, ax, disp = _frame(m, title)
    ncol = len(m.column_labels)
    grid = np.full((len(disp), ncol), np.nan)
    for y, (kind, _, i) in enumerate(disp):
        if kind == "row":
            grid[y] = m.counts[i]
    top = max(int(m.counts.max()) if m.counts.size else 0, 1)
    mesh = ax.pcolormesh(np.arange(ncol + 1) - 0.5, np.arange(len(disp) + 1) - 0.5, np.ma.masked_invalid(grid),
                         cmap=cmap, vmin=0, vmax=top, edgecolors="white", linewidth=0.8)
    bands = [Rectangle((-0.5, y - 0.5), ncol, 1) for y, (kind, _, _) in enumerate(disp) if kind == "group"]
    ax.add_collection(PatchCollection(bands, facecolor="#f0f0f0", edgecolor="white"))
    if labels is None:
        labels = m.counts.size <= MAX_LABELLED
    for y, (kind, _, i) in enumerate(disp):
        if kind == "group" or not labels:
            continue
        for j in range(ncol):
            n = int(m.counts[i, j])
            ax.text(j, y, str(n) if n else "·", ha="center", va="center", fontsize=7,
                    color="white" if n > 0.6 * top else ("black" if n else "#999999"))
    bar = fig.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)
    # a number of studies is whole: no 0.2 or 1.5 on the scale when few studies fill a cell
    bar.locator = MaxNLocator(integer=True)
    bar.formatter = FormatStrFormatter("%d")
    bar.update_ticks()
    bar.set_label("studies", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    fig.saved_paths = save_figure(fig, path, formats) if path else []
    return fig
