"""Draw every map of a coding at once (what the project build runs)."""
from __future__ import annotations

from pathlib import Path

from synthesis.coding.studies import Coding, write_study_codes
from synthesis.coding.table2 import write_table2
from synthesis.maps.charts import draw_all_charts
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


def build_maps(coding: Coding, outdir, columns: str = "stakeholder", formats=FORMATS) -> dict:
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

    Returns
    -------
    dict
        Name -> list of paths written (charts of fields nobody coded are absent).

    Examples
    --------
    >>> build_maps(coding, "output/maps")["gap_map"]          # doctest: +SKIP
    [PosixPath('output/maps/gap_map.svg'), PosixPath('output/maps/gap_map.pdf'), PosixPath('output/maps/gap_map.png')]
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    done = {"table2": list(write_table2(coding, out).values()),
            "study_codes": [write_study_codes(coding, out / "study_codes.csv")],
            "coding_scheme": [write_scheme_table(coding.scheme, out / "coding_scheme.csv")]}
    for name, draw in (("gap_map", draw_gap_map), ("heatmap", draw_heatmap)):
        fig = draw(coding, columns=columns, path=out / name, formats=formats)
        done[name] = fig.saved_paths
        plt.close(fig)
    for by, paths in draw_all_charts(coding, out, formats=formats).items():
        if paths:
            done[f"studies_by_{by}"] = paths
    for name, graph in (("construct_network", construct_network(coding)),
                        ("study_construct_network", study_construct_graph(coding))):
        fig = draw_network(graph, path=out / name, formats=formats)
        done[name] = fig.saved_paths + [write_graph(graph, out / f"{name}.graphml"),
                                        write_graph(graph, out / f"{name}.gexf")]
        plt.close(fig)
    done["html"] = [write_html_map(coding, out / "gap_map.html", columns=columns)]
    return done
