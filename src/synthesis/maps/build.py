"""Draw every map of a coding at once (what the project build runs)."""
from __future__ import annotations

from pathlib import Path

from synthesis.coding.studies import Coding, write_study_codes
from synthesis.coding.table2 import write_table2
from synthesis.maps.charts import draw_count_table, not_on_map
from synthesis.maps.figure import FORMATS, plt
from synthesis.maps.gapmap import draw_gap_map, draw_heatmap
from synthesis.maps.html import write_html_map
from synthesis.maps.network import construct_network, draw_network, study_construct_graph, write_graph

__all__ = ["build_maps", "write_scheme_table"]


def write_scheme_table(scheme, path) -> Path:
    """Every value of every dimension: code, level, label, retired, former IDs (``was``). The changelog
    compares this table between versions to say what moved in the scheme."""
    import pandas as pd

    rows = [{"dimension": d.id, "code": n.path, "level": n.level, "label": n.label,
             "retired": "yes" if n.retired else "", "was": "; ".join(n.notes.get("was", []))}
            for d in scheme.dimensions.values() for n in d.walk()]
    path = Path(path)
    pd.DataFrame(rows, columns=["dimension", "code", "level", "label", "retired", "was"]).to_csv(
        path, index=False, lineterminator="\n")
    return path


def build_maps(coding: Coding, outdir, columns: str | None = None, formats=FORMATS, cache=None,
               notes: list | None = None, worker=None) -> dict:
    """Write Table 2, study_codes.csv, the gap map, heatmap, charts, networks (+ GraphML/GEXF) and the HTML map.

    Parameters
    ----------
    coding : Coding
        From :func:`synthesis.coding.load_study_codes`.
    outdir : str or Path
        Folder for everything (created).
    columns : str, optional
        Dimension for the columns of the gap map and heatmap (default
        :func:`synthesis.maps.data.default_columns`).
    formats : sequence of str
        Figure formats (``svg``, ``pdf``, ``png``).
    cache : FigureCache or path-like, optional
        Figures whose table (the counts they show) did not change since they were cached are copied from
        there instead of drawn again (see :mod:`synthesis.maps.cache`); the build passes
        ``.synthesis-cache/maps``.
    notes : list, optional
        Receives what the reader should know (a network too large to draw).
    worker : FigureWorker or bool, optional
        A second process that draws some of the figures (:mod:`synthesis.maps.workers`); ``True`` starts one
        for this call. The files are the same with or without it.

    Returns
    -------
    dict
        Name -> list of paths written (charts of fields nobody coded are absent; so is the drawing of a
        study-construct network of more than :data:`~synthesis.maps.network.READABLE_STUDIES` studies,
        whose GraphML and GEXF files are written all the same).

    Examples
    --------
    >>> build_maps(coding, "output/maps")["gap_map"]          # doctest: +SKIP
    [PosixPath('output/maps/gap_map.svg'), PosixPath('output/maps/gap_map.pdf'), PosixPath('output/maps/gap_map.png')]
    """
    from synthesis.maps.cache import FigureCache
    from synthesis.maps.charts import chart_dimensions, study_counts
    from synthesis.maps.data import evidence_matrix, map_dimensions
    from synthesis.maps.network import READABLE_STUDIES
    from synthesis.maps.workers import FigureWorker, run_jobs

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    if cache is not None and not isinstance(cache, FigureCache):
        cache = FigureCache(cache)
    formats = list(formats)

    # Every figure first: its name, the table it is drawn from, and how to draw it. Those whose table is in
    # the cache are copied; the rest are drawn below, shared with the worker.
    figures = []  # (name, table, job)

    def figure(name, table, draw, *args, **kw):
        figures.append((name, table, (draw_figure, (draw, *args), {**kw, "path": out / name, "formats": formats})))

    m = evidence_matrix(coding, columns=columns)
    matrix = {"rows": m.row_labels, "groups": m.row_groups, "columns": m.column_labels, "counts": m.counts,
              "labels": [m.rows.label, m.columns.label], "unplaced": len(m.unplaced),
              "waiting": m.waiting}
    figure("gap_map", matrix, draw_gap_map, m)
    figure("heatmap", matrix, draw_heatmap, m)
    graphs = {"construct_network": construct_network(coding), "study_construct_network": study_construct_graph(coding)}
    figure("construct_network", graphs["construct_network"], draw_network, graphs["construct_network"])
    dims = map_dimensions(coding)
    charts = chart_dimensions(coding)
    for by in charts:
        bars = {"bars": study_counts(coding, by), "n": len(coding.included), "label": dims[by].label,
                "top level": coding.scheme.framework.levels[0], "waiting": not_on_map(coding)}
        figure(f"studies_by_{by}", bars, draw_count_table, bars["bars"], by, label=bars["label"],
               studies=bars["n"], top_level=bars["top level"], waiting=bars["waiting"])
    name = "study_construct_network"
    studies = sum(1 for _, d in graphs[name].nodes(data="bipartite") if d == 0)
    if studies <= READABLE_STUDIES:
        figure(name, graphs[name], draw_network, graphs[name])
    elif notes is not None:
        notes.append(f"{name} not drawn: {studies:,} studies are too many to read in one picture (it "
                     f"is drawn up to {READABLE_STUDIES}); open {name}.gexf or .graphml in Gephi, "
                     f"or draw it with `synthesis map bipartite`")

    done: dict = {}
    to_draw = []
    for name, table, job in figures:
        key = cache.key(name, table, formats) if cache is not None else None
        paths = cache.restore(name, key, out) if cache is not None else None
        if paths is None:
            to_draw.append((name, key, job))
        else:
            done[name] = paths

    def own_work():
        """What this process does before it takes any figure. Table 2 and the HTML map need the whole coding:
        sending it to the worker costs more than drawing there saves, so the worker starts on the figures
        (whose arguments are small count tables) instead."""
        done["study_codes"] = [write_study_codes(coding, out / "study_codes.csv")]
        done["coding_scheme"] = [write_scheme_table(coding.scheme, out / "coding_scheme.csv")]
        # Not cached: writing a network's files takes about as long as the key and the entry would.
        for name, graph in graphs.items():
            done[f"{name} files"] = [write_graph(graph, out / f"{name}.graphml"),
                                     write_graph(graph, out / f"{name}.gexf")]
        done["table2"] = list(write_table2(coding, out).values())
        done["html"] = [write_html_map(coding, out / "gap_map.html", columns=columns)]

    own = None
    if worker is True:
        worker = own = FigureWorker() if to_draw else None
    try:
        drawn = run_jobs([job for _, _, job in to_draw], worker, first=own_work)
    finally:
        if own is not None:
            own.close()
    for (name, key, _), paths in zip(to_draw, drawn):
        if cache is not None:
            cache.store(name, key, paths)
        done[name] = paths
    result = {}
    for name in ("table2", "study_codes", "coding_scheme", "gap_map", "heatmap",
                 *(f"studies_by_{by}" for by in charts), "construct_network", "study_construct_network"):
        if name in done and (done[name] or name.endswith("network")):
            result[name] = list(done[name])
    for name in ("construct_network", "study_construct_network"):
        result[name] = result.get(name, []) + done[f"{name} files"]
    result["html"] = done["html"]
    return result


def draw_figure(draw, *args, **kw) -> list:
    """Draw one figure with ``draw(*args, **kw)`` and return the paths it saved (none for an empty chart)."""
    fig = draw(*args, **kw)
    if fig is None:
        return []
    plt.close(fig)
    return fig.saved_paths
