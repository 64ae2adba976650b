"""Maps of the coded evidence: gap map, heatmap, charts, networks and the interactive HTML gap map.

>>> from synthesis.maps import draw_gap_map, write_html_map          # doctest: +SKIP
>>> fig = draw_gap_map(coding, columns="country", path="output/maps/gap_map")   # doctest: +SKIP
"""
from synthesis.maps.build import build_maps
from synthesis.maps.charts import draw_all_charts, draw_study_counts, study_counts
from synthesis.maps.data import EvidenceMatrix, evidence_matrix, map_dimensions
from synthesis.maps.gapmap import draw_gap_map, draw_heatmap
from synthesis.maps.html import html_map, write_html_map
from synthesis.maps.network import construct_network, draw_network, study_construct_graph, write_graph

__all__ = [
    "build_maps", "draw_all_charts", "draw_study_counts", "study_counts", "EvidenceMatrix", "evidence_matrix",
    "map_dimensions", "draw_gap_map", "draw_heatmap", "html_map", "write_html_map", "construct_network",
    "draw_network", "study_construct_graph", "write_graph",
]
