"""Bar charts of the included studies: per stage, per construct, and by country, year and evidence type.

A study counts once per bar (a study coded under two constructs of one stage counts once for that stage).

Examples
--------
>>> fig = draw_study_counts(coding, by="construct", path="output/maps/studies_by_construct")   # doctest: +SKIP
"""
from __future__ import annotations

from synthesis.coding.studies import Coding
from synthesis.maps.data import NOT_CODED, code_facts, map_dimensions
from synthesis.display import subplots
from synthesis.maps.figure import FORMATS, STAGE_COLOURS, plt, save_figure, wrap

__all__ = ["study_counts", "draw_study_counts", "draw_all_charts", "CHARTS"]

#: The charts the build draws (dimension ids); fields nobody coded are skipped.
CHARTS = ("stage", "construct", "country", "year", "evidence_type")


def study_counts(coding: Coding, by: str):
    """Distinct included studies per value of dimension ``by``, in display order.

    Returns
    -------
    pandas.DataFrame
        Columns ``value``, ``group`` (the stage, for framework levels), ``studies``; studies without a value
        are counted in a last row ``Not coded`` (only when there are some).

    >>> study_counts(coding, "stage")["studies"].tolist()     # doctest: +SKIP
    [12, 14, 8, 11, 5]
    """
    import pandas as pd

    dims = map_dimensions(coding)
    if by not in dims:
        raise ValueError(f"no dimension {by!r}; choose one of {', '.join(dims)}")
    dim = dims[by]
    facts = code_facts(coding, dims)
    index = {k: i for i, k in enumerate(dim.keys)}
    found = [set() for _ in dim.keys]
    missing = set()
    for s, sid in enumerate(facts.study_ids):
        vals = set(facts.values[s].get(by, []))
        for code in facts.codes[s]:
            vals.update(code.get(by, []))
        for v in vals:
            found[index[v]].add(sid)
        if not vals:
            missing.add(sid)
    groups = dim.groups or [""] * len(dim.keys)
    rows = [{"value": lbl, "group": g, "studies": len(ids)} for lbl, g, ids in zip(dim.labels, groups, found)]
    if missing:
        rows.append({"value": NOT_CODED, "group": "", "studies": len(missing)})
    return pd.DataFrame(rows, columns=["value", "group", "studies"])


def draw_study_counts(coding: Coding, by: str, path=None, formats=FORMATS, title: str | None = None):
    """Draw the number of included studies per value of ``by`` (horizontal bars; years as columns over time).

    Returns the figure (``fig.saved_paths`` lists the files), or ``None`` when no study has a value for
    ``by`` -- a field nobody coded draws nothing rather than a chart of one "Not coded" bar.
    """
    return draw_count_table(study_counts(coding, by), by, label=map_dimensions(coding)[by].label,
                            studies=len(coding.included), top_level=coding.scheme.framework.levels[0],
                            path=path, formats=formats, title=title)


def draw_count_table(counts, by: str, *, label: str, studies: int, top_level: str, path=None, formats=FORMATS,
                     title: str | None = None):
    """:func:`draw_study_counts` from its table (:func:`study_counts`) rather than the coding.

    ``label`` names the dimension, ``studies`` is the number of included studies and ``top_level`` the
    scheme's first level (its bars take the stage colours). The build sends these to its figure worker
    instead of the whole coding.
    """
    if counts.empty or (counts["value"] == NOT_CODED).all():
        return None
    counts = counts.copy()
    title = title or f"Included studies by {label.lower()} (n = {studies})"
    if not any(counts["group"]) and by == top_level:
        counts["group"] = counts["value"]  # the top level (stages): each bar in its own stage colour
    groups = list(dict.fromkeys(g for g in counts["group"] if g and g != NOT_CODED))
    colour = {g: STAGE_COLOURS[k % len(STAGE_COLOURS)] for k, g in enumerate(groups)}
    colours = [colour.get(g, "#0072B2") if v != NOT_CODED else "#bbbbbb" for v, g in zip(counts["value"], counts["group"])]
    if by == "year":
        fig, ax = subplots(figsize=(max(4.0, 0.32 * len(counts) + 1.5), 3.2))
        ax.bar(range(len(counts)), counts["studies"], color=colours)
        ax.set_xticks(range(len(counts)))
        ax.set_xticklabels(counts["value"], rotation=90 if len(counts) > 12 else 0, fontsize=8)
        ax.set_ylabel("studies")
    else:
        fig, ax = subplots(figsize=(7.0, 0.9 + 0.3 * len(counts)))
        y = range(len(counts))
        ax.barh(y, counts["studies"], color=colours)
        ax.set_yticks(list(y))
        ax.set_yticklabels([wrap(v, 48) for v in counts["value"]], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("studies")
        for k, n in enumerate(counts["studies"]):
            ax.text(n, k, f" {n}", va="center", fontsize=7)
        if groups and by != "stage":
            handles = [plt.Rectangle((0, 0), 1, 1, color=colour[g]) for g in groups]
            ax.legend(handles, groups, fontsize=7, frameon=False, loc="lower right")
    ax.xaxis.get_major_locator().set_params(integer=True) if by != "year" else None
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=10, loc="left")
    fig.saved_paths = save_figure(fig, path, formats) if path else []
    return fig


def draw_all_charts(coding: Coding, outdir, formats=FORMATS, charts=CHARTS) -> dict:
    """Draw every chart of ``charts`` into ``outdir`` as ``studies_by_<dimension>``; skip uncoded fields.

    Returns dimension -> list of paths (empty for a skipped chart).
    """
    from pathlib import Path

    out = {}
    dims = map_dimensions(coding)
    for by in charts:
        if by not in dims:
            out[by] = []
            continue
        fig = draw_study_counts(coding, by, path=Path(outdir) / f"studies_by_{by}", formats=formats)
        out[by] = fig.saved_paths if fig is not None else []
        if fig is not None:
            plt.close(fig)
    return out
