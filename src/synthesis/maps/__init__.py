"""Maps of the coded evidence: gap map, heatmap, charts, networks and the interactive HTML gap map.

>>> from synthesis.maps import draw_gap_map, write_html_map          # doctest: +SKIP
>>> fig = draw_gap_map(coding, columns="country", path="output/maps/gap_map")   # doctest: +SKIP
"""
from .._lazy import lazy_exports

#: Public name -> the module that defines it (imported on first use: matplotlib and networkx load only then).
_EXPORTS = {
    "build_maps": ".build",
    **dict.fromkeys(["draw_all_charts", "draw_study_counts", "study_counts"], ".charts"),
    **dict.fromkeys(["EvidenceMatrix", "evidence_matrix", "map_dimensions"], ".data"),
    **dict.fromkeys(["draw_gap_map", "draw_heatmap"], ".gapmap"),
    **dict.fromkeys(["html_map", "write_html_map"], ".html"),
    **dict.fromkeys(["construct_network", "draw_network", "study_construct_graph", "write_graph"], ".network"),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "build_maps", "draw_all_charts", "draw_study_counts", "study_counts", "EvidenceMatrix", "evidence_matrix",
    "map_dimensions", "draw_gap_map", "draw_heatmap", "html_map", "write_html_map", "construct_network",
    "draw_network", "study_construct_graph", "write_graph",
]
