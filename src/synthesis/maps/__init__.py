"""Maps of the coded evidence: gap map, heatmap, charts, networks and the interactive HTML gap map."""
