"""Draw every map of a coding at once (what the project build runs)."""
from __future__ import annotations

from pathlib import Path

from synthesis.coding.studies import Coding, write_study_codes
from synthesis.coding.table2 import write_table2
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


def build_maps(coding: Coding, outdir, columns: str = "stakeholder", formats=FORMATS, cache=None,
               notes: list | None = None) -> dict:
    """Write Table 2, study_codes.csv, the gap map, heatmap, charts, networks (+ GraphML/GEXF) and the HTML map.

    Parameters
    ----------
    coding : Coding
        From :func:`synthesis.coding.load_study_codes`.
    outdir : str or Path
        Folder for everything (created).
    columns : str
        Dimension for the columns of the gap map and heatmap.
    formats : sequence of str
        Figure formats (``svg``, ``pdf``, ``png``).
    cache : FigureCache or path-like, optional
        Figures whose table (the counts they show) did not change since they were cached are copied from
        there instead of drawn again (see :mod:`synthesis.maps.cache`); the build passes
        ``.synthesis-cache/maps``.
    notes : list, optional
        Receives what the reader should know (a network too large to draw).

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
    from synthesis.maps.charts import CHARTS, draw_study_counts, study_counts
    from synthesis.maps.data import evidence_matrix, map_dimensions
    from synthesis.maps.network import READABLE_STUDIES

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    if cache is not None and not isinstance(cache, FigureCache):
        cache = FigureCache(cache)
    formats = list(formats)

    def cached(name, table, draw, kinds=formats):
        """The files of figure ``name``: copied from the cache when ``table`` is what they were drawn from."""
        if cache is None:
            return draw()
        key = cache.key(name, table, kinds)
        paths = cache.restore(name, key, out)
        if paths is None:
            paths = draw()
            cache.store(name, key, paths)
        return paths

    def drawn(fn, *args, **kw):
        fig = fn(*args, **kw)
        if fig is None:
            return []
        plt.close(fig)
        return fig.saved_paths

    done = {"table2": list(write_table2(coding, out).values()),
            "study_codes": [write_study_codes(coding, out / "study_codes.csv")],
            "coding_scheme": [write_scheme_table(coding.scheme, out / "coding_scheme.csv")]}
    m = evidence_matrix(coding, columns=columns)
    matrix = {"rows": m.row_labels, "groups": m.row_groups, "columns": m.column_labels, "counts": m.counts,
              "labels": [m.rows.label, m.columns.label]}
    for name, draw in (("gap_map", draw_gap_map), ("heatmap", draw_heatmap)):
        done[name] = cached(name, matrix, lambda: drawn(draw, m, path=out / name, formats=formats))
    dims = map_dimensions(coding)
    for by in CHARTS:
        if by not in dims:
            continue
        name = f"studies_by_{by}"
        bars = {"bars": study_counts(coding, by), "n": len(coding.included), "label": dims[by].label,
                "top level": coding.scheme.framework.levels[0]}
        paths = cached(name, bars, lambda: drawn(draw_study_counts, coding, by, path=out / name, formats=formats))
        if paths:
            done[name] = paths
    for name, graph in (("construct_network", construct_network(coding)),
                        ("study_construct_network", study_construct_graph(coding))):
        studies = sum(1 for _, d in graph.nodes(data="bipartite") if d == 0)
        if studies <= READABLE_STUDIES:
            done[name] = cached(name, graph, lambda: drawn(draw_network, graph, path=out / name, formats=formats))
        else:
            done[name] = []
            if notes is not None:
                notes.append(f"{name} not drawn: {studies:,} studies are too many to read in one picture (it "
                             f"is drawn up to {READABLE_STUDIES}); open {name}.gexf or .graphml in Gephi, "
                             f"or draw it with `synthesis map bipartite`")
        done[name] += cached(f"{name} files", graph, lambda: [write_graph(graph, out / f"{name}.graphml"),
                                                              write_graph(graph, out / f"{name}.gexf")],
                             kinds=["graphml", "gexf"])
    done["html"] = [write_html_map(coding, out / "gap_map.html", columns=columns)]
    return done
