"""Networks of the coded evidence (networkx): construct co-occurrence and the study-construct graph.

Two constructs are linked when at least one study is cited under both; the link's ``weight`` is the
number of such studies and ``studies`` lists them. The bipartite graph links each study to every construct
it is coded under. Both draw with matplotlib and export to GraphML or GEXF for Gephi.

Examples
--------
>>> g = construct_network(coding)                          # doctest: +SKIP
>>> sorted(g.edges(data="studies"))[0]                     # doctest: +SKIP
('definition.feasibility', 'delivery.collaboration', '68')
"""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

import networkx as nx

from synthesis.coding.studies import Coding, _study_sort_key
from synthesis.maps.data import _cached, code_facts, map_dimensions
from synthesis.display import subplots
from synthesis.maps.figure import FORMATS, STAGE_COLOURS, plt, save_figure, wrap
from synthesis.maps.graphfile import write_graph_file

__all__ = ["construct_network", "study_construct_graph", "draw_network", "write_graph", "READABLE_STUDIES"]

#: Up to this many studies the study-construct network is laid out by force, with its studies labelled up to
#: 300; more are a cloud per set of constructs that no one can read, which the build does not draw.
READABLE_STUDIES = 500


#: Up to this many constructs the study-construct network keeps them on an inner circle labelled below each node;
#: more go on an outer ring labelled outwards, the studies inside it.
RING_CONSTRUCTS = 12
#: On the ring, the studies stay within this radius (the ring's is 1): clear of the construct labels outside it.
STUDY_RADIUS = 0.8


def _clockwise(nodes) -> dict:
    """Nodes on the unit circle in their order, starting at the top and going clockwise (a scheme reads so)."""
    import math

    return {n: (math.sin(2 * math.pi * k / len(nodes)), math.cos(2 * math.pi * k / len(nodes)))
            for k, n in enumerate(nodes)}


def _outward_label(ax, text, xy, size, fontsize, **kw):
    """Label the node at ``xy`` (on a circle round the origin; ``size`` its area in points squared) outside
    it, on the side away from the centre, a few points clear of the node.

    Placed at 1.16 times the node's position and centred on that point, the labels of the nodes at the top and
    bottom of the circle ran into their nodes, and a network of one node had its label across it.
    """
    x, y = xy
    norm = (x * x + y * y) ** 0.5
    ux, uy = (x / norm, y / norm) if norm > 1e-9 else (0.0, -1.0)
    clear = size ** 0.5 / 2 + 4  # the node's radius in points (its size is its area), and a gap
    # near the top and the bottom of the circle neighbours sit side by side: narrower lines there
    width = 26 if abs(ux) > 0.5 else 18
    label = ax.annotate(wrap(text, width), (x, y), xytext=(ux * clear, uy * clear), textcoords="offset points",
                        ha="left" if ux > 0.15 else ("right" if ux < -0.15 else "center"),
                        va="bottom" if uy > 0.15 else ("top" if uy < -0.15 else "center"), fontsize=fontsize, **kw)
    label.outward = (ux, uy, clear)  # for _clear_of_each_other
    return label


def _label_box(label, renderer):
    """Where a label is drawn, its box included (an annotation offset from its node is placed at draw time)."""
    if hasattr(label, "update_positions"):
        label.update_positions(renderer)
    patch = label.get_bbox_patch()
    if patch is not None:
        label.update_bbox_position_size(renderer)
        return patch.get_window_extent(renderer)
    return label.get_window_extent(renderer)


def _clear_of_each_other(fig, labels, step: float = 4.0, tries: int = 40) -> None:
    """Move each label of :func:`_outward_label` further out, ``step`` points at a time, until it covers none of
    the labels before it.

    Near the top and the bottom of a circle of 30 constructs with labels of 60-90 characters (four or five
    lines each), a label ran into its neighbour's, in both networks: the circle grows with the number of
    constructs, but a tall label still reaches the next one along the circle.
    """
    renderer = fig.canvas.get_renderer()
    placed = []
    for label in labels:
        ux, uy, clear = label.outward
        box = _label_box(label, renderer)
        for _ in range(tries):
            if not any(box.overlaps(other) for other in placed):
                break
            clear += step
            label.xyann = (ux * clear, uy * clear)
            box = _label_box(label, renderer)
        placed.append(box)


def _level(coding: Coding, level: str | None) -> str:
    fw = coding.scheme.framework
    level = level or (fw.levels[1] if len(fw.levels) > 1 else fw.levels[0])
    if level not in fw.levels:
        raise ValueError(f"level must be one of {', '.join(fw.levels)}, not {level!r}")
    return level


def _memberships(coding: Coding, level: str):
    """The dimension of ``level`` and, per study, the values it is coded under (in the dimension's order)."""
    return _cached(coding, f"members {level}", lambda: _find_memberships(coding, level))


def _find_memberships(coding: Coding, level: str):
    dims = map_dimensions(coding)
    dim = dims[level]
    facts = code_facts(coding, dims)
    order = {k: i for i, k in enumerate(dim.keys)}
    members = {}
    for s, sid in enumerate(facts.study_ids):
        members[sid] = sorted({k for code in facts.codes[s] for k in code[level]}, key=order.__getitem__)
    return dim, members


def _names(coding: Coding, level: str) -> dict:
    """The graph's own attributes: the level its value nodes are (``construct``) and the level above that colours
    them (``stage``), so that a drawing speaks of the review's scheme (harms by domain) and not the example's."""
    fw = coding.scheme.framework
    k = fw.levels.index(level)
    return {"level": fw.level_label(level).lower(), "grouped_by": fw.level_label(fw.levels[k - 1]).lower() if k else ""}


def _value_nodes(dim, members, level: str) -> list:
    """The nodes of the framework's values at ``level``: ``(key, data)`` with label, group, studies, kind."""
    counts = {k: 0 for k in dim.keys}
    for keys in members.values():
        for k in keys:
            counts[k] += 1
    return [(k, {"label": label, "group": group, "studies": counts[k], "kind": level})
            for k, label, group in zip(dim.keys, dim.labels, dim.groups or [""] * len(dim.keys))]


def construct_network(coding: Coding, level: str | None = None) -> nx.Graph:
    """The co-occurrence graph of the framework's values at ``level`` (default: constructs).

    Nodes: every value (coded or not), keyed by its code path, with ``label``, ``group`` (the stage),
    ``studies`` (how many studies are coded under it). Edges: ``weight`` (studies cited under both),
    ``studies`` (their IDs, ``"; "``-separated, so the graph exports to GraphML/GEXF as it is) and ``cited``
    (the same studies as tables cite them: :meth:`~synthesis.coding.studies.Coding.study_labels`).
    """
    level = _level(coding, level)
    dim, members = _memberships(coding, level)
    g = nx.Graph(name=f"{level} co-occurrence", **_names(coding, level))
    g.add_nodes_from(_value_nodes(dim, members, level))
    shared = {}
    for sid, keys in members.items():
        for a, b in combinations(keys, 2):
            shared.setdefault((a, b), []).append(sid)
    labels = coding.study_labels()
    for (a, b), ids in shared.items():
        ids = sorted(ids, key=_study_sort_key)
        g.add_edge(a, b, weight=len(ids), studies="; ".join(ids),
                   cited="; ".join(sorted((labels.get(i, i) for i in ids), key=_study_sort_key)))
    return g


def study_construct_graph(coding: Coding, level: str | None = None) -> nx.Graph:
    """The bipartite study-construct graph: ``bipartite`` is 0 for studies (``study:<id>``), 1 for constructs.

    Study nodes carry ``label`` (the study as tables cite it: its ID, or first author and year for a study
    coded from the library), ``title``, ``author``, ``year``; construct nodes ``label``,
    ``group`` and ``studies``.
    """
    level = _level(coding, level)
    dim, members = _memberships(coding, level)
    b = nx.Graph(name=f"study-{level} graph", **_names(coding, level))
    b.add_nodes_from((k, {"bipartite": 1, **data}) for k, data in _value_nodes(dim, members, level))
    included = coding.included
    info = {c: dict(zip(included["study_id"].tolist(), included[c].tolist()))
            for c in ("title", "author", "year") if c in included}
    labels = coding.study_labels()
    for sid, keys in members.items():
        node = f"study:{sid}"
        b.add_node(node, bipartite=0, kind="study", label=labels.get(str(sid), str(sid)),
                   **{c: str(info[c][sid]) if c in info else "" for c in ("title", "author", "year")},
                   group="", studies=1)
        b.add_edges_from(((node, k) for k in keys), weight=1)
    return b


def write_graph(graph: nx.Graph, path) -> Path:
    """Write ``graph`` as GraphML (``.graphml``) or GEXF (``.gexf``), by the file's suffix.

    See :mod:`synthesis.maps.graphfile`: networkx reads the file back to the same graph.
    """
    return write_graph_file(graph, path)


def _colours(graph):
    groups = list(dict.fromkeys(d.get("group", "") for _, d in graph.nodes(data=True) if d.get("group")))
    return {g: STAGE_COLOURS[k % len(STAGE_COLOURS)] for k, g in enumerate(groups)}


#: The longest edge label that names its studies; longer, it says how many ("3 studies"). Four reference
#: numbers fit ("37; 38; 39; 68"); two "Gruson and Kemaloğlu Öz 2024" do not, and ran into every other label.
EDGE_LABEL_CHARS = 30
#: Above this many edges the co-occurrence network labels none of them.
MAX_EDGE_LABELS = 150


def _edge_label(d: dict) -> str:
    """The studies an edge stands for while their names fit on a short line, else how many."""
    names = d.get("cited", d.get("studies", ""))
    n = d.get("weight", 1)
    return names if len(names) <= EDGE_LABEL_CHARS or n == 1 else f"{n} studies"


def _edge_label_point(a, b, placed, width: float = 0.55, height: float = 0.09):
    """Where on the edge from ``a`` to ``b`` its label goes: the middle, unless another label is there.

    On a circle every edge between opposite nodes has its middle at the centre, so their labels were drawn on
    top of each other; a label slides along its edge to the first spot where it overlaps none of those placed
    (a label is about ``width`` wide and ``height`` high, in the drawing's units); ``None`` when there is no
    such spot (a network of 25 constructs has edges by the hundred: their labels, drawn at the clearest spot
    anyway, lay over one another in a grey mass nobody could read).
    """
    for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8):
        x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
        room = min([max(abs(x - px) / width, abs(y - py) / height) for px, py in placed] + [float("inf")])
        if room >= 1:
            return x, y
    return None


def _drop_covering(fig, ax, kept: list, optional: list) -> int:
    """Remove each of the ``optional`` labels (studies) that would cover one kept before it, the ``kept`` ones
    (constructs) first; return how many went.

    150 studies' labels on their boxes lay over each other and over the construct labels in a heap nobody could
    read; the graph files and the interactive map name every study.
    """
    if not optional:
        return 0
    ax.autoscale_view()
    renderer = fig.canvas.get_renderer()

    def extent(text):
        return _label_box(text, renderer)

    placed = [extent(t) for t in kept]
    dropped = 0
    for text in optional:
        box = extent(text)
        if any(box.overlaps(other) for other in placed):
            text.remove()
            dropped += 1
        else:
            placed.append(box)
    return dropped


def draw_network(graph: nx.Graph, path=None, formats=FORMATS, title: str | None = None, seed: int = 7,
                 min_studies: int = 1):
    """Draw a graph from :func:`construct_network` (circle in scheme order) or :func:`study_construct_graph`.

    Constructs are coloured by stage and sized by their number of studies; co-occurrence edges are as wide
    as their number of shared studies and labelled with the study IDs. Where links share more than three
    studies, a link is also as dark as its number of studies and the strongest are drawn last, on top: 274
    links of 24 constructs were one grey mass in which the strong links could not be told from the rest.

    Parameters
    ----------
    min_studies : int, default 1
        Draw only the co-occurrence links that at least this many studies share (``min_studies=5``). Nothing
        is hidden by default: a link of one study is evidence too. The title says how many links are not
        drawn; the graph itself (and its GraphML and GEXF files) keeps every one.

    Examples
    --------
    >>> fig = draw_network(construct_network(coding), min_studies=5)      # doctest: +SKIP
    """
    if int(min_studies) < 1:
        raise ValueError(f"min_studies must be 1 or more, not {min_studies!r}")
    hidden = 0
    all_edges = graph.number_of_edges()
    if min_studies > 1 and not any(d.get("bipartite") == 0 for _, d in graph.nodes(data=True)):
        weak = [(a, b) for a, b, w in graph.edges(data="weight", default=1) if w < min_studies]
        hidden = len(weak)
        graph = graph.copy()
        graph.remove_edges_from(weak)
    colour = _colours(graph)
    level = graph.graph.get("level", "construct")
    bipartite = any(d.get("bipartite") == 0 for _, d in graph.nodes(data=True))
    if bipartite:
        constructs = [n for n, d in graph.nodes(data=True) if d.get("bipartite") == 1]
        studies = [n for n, d in graph.nodes(data=True) if d.get("bipartite") == 0]
        # a study coded under none of them (only in another dimension) has no place among them: drawn, the
        # force layout flung it to a far corner and squeezed every other node into the opposite one
        unplaced = [n for n in studies if not graph.degree(n)]
        if unplaced:
            graph = graph.subgraph([n for n in graph if n not in set(unplaced)])
            studies = [n for n in studies if graph.degree(n)]
        # Up to twelve constructs sit on an inner circle, each labelled below its node, the studies around them.
        # More, and the labels below the nodes ran into the next construct's label and node (28 constructs: 27
        # pairs of labels over each other): then the constructs go on an outer circle in scheme order, labelled
        # outwards as in the co-occurrence network, the studies inside it, and the drawing grows with their
        # number while the fonts stay the same.
        ring = len(constructs) > RING_CONSTRUCTS
        grow = len(constructs) / RING_CONSTRUCTS if ring else 1.0
        fig, ax = subplots(figsize=(11 * grow, 9 * grow))
        # constructs on a circle, studies placed by a seeded spring layout among them
        inner = nx.circular_layout(constructs, scale=0.9) if not ring else _clockwise(constructs)
        if len(studies) <= READABLE_STUDIES:
            pos = nx.spring_layout(graph, pos={**inner}, fixed=constructs or None, seed=seed,
                                   k=1.6 / max(len(graph), 1) ** 0.5, iterations=200)
        else:  # a force layout of thousands of studies is slow and unreadable: a seeded cloud per construct set
            import numpy as np
            rng = np.random.default_rng(seed)
            pos = dict(inner)
            for n in studies:
                centre = np.mean([inner[c] for c in graph.neighbors(n)], axis=0)
                pos[n] = centre * (0.8 if ring else 1.25) + rng.normal(0, 0.07, 2)
        if ring:  # inside the ring, clear of its labels: a study of one construct sits just inside it
            for n in studies:
                norm = (pos[n][0] ** 2 + pos[n][1] ** 2) ** 0.5
                if norm > STUDY_RADIUS:
                    pos[n] = (pos[n][0] * STUDY_RADIUS / norm, pos[n][1] * STUDY_RADIUS / norm)
        big = len(studies) > READABLE_STUDIES
        nx.draw_networkx_edges(graph, pos, ax=ax, edge_color="#bbbbbb", width=0.1 if big else 0.6,
                               alpha=0.3 if big else 1.0)
        nx.draw_networkx_nodes(graph, pos, nodelist=studies, node_size=4 if big else 90, node_color="#ffffff",
                               edgecolors="#555555", linewidths=0.6, ax=ax)
        study_texts = []
        if len(studies) <= 300:
            for n in studies:
                # a reference number fits in its circle; "Haddad and Smith 2027" does not: on a small box
                label = graph.nodes[n]["label"]
                box = dict(facecolor="white", alpha=0.9, edgecolor="#555555", linewidth=0.4,
                           boxstyle="round,pad=0.15") if len(label) > 3 else None
                study_texts.append(ax.text(*pos[n], wrap(label, 12), ha="center", va="center", fontsize=5,
                                           zorder=4, bbox=box))
        top = max([graph.nodes[n].get("studies", 0) for n in constructs] + [1])
        size = {n: 200 + 900 * graph.nodes[n].get("studies", 0) / top for n in constructs}
        sizes = [size[n] for n in constructs]
        nx.draw_networkx_nodes(graph, pos, nodelist=constructs, node_size=sizes,
                               node_color=[colour.get(graph.nodes[n].get("group"), "#0072B2") for n in constructs],
                               alpha=0.9, ax=ax)
        construct_texts = []
        # above the edges, nodes and study labels, on a nearly opaque box: an edge crossing a label hid its
        # letters, and the study labels' boxes hid whole construct labels
        label_box = dict(facecolor="white", alpha=0.9, edgecolor="#cccccc", linewidth=0.5, boxstyle="round,pad=0.2")
        for n in constructs:
            x, y = pos[n]
            if ring:
                construct_texts.append(_outward_label(ax, graph.nodes[n]["label"], (x, y), size[n], fontsize=7,
                                                      zorder=5, bbox=label_box))
                continue
            below = 0.035 + size[n] ** 0.5 / 330  # clear of the node (its radius grows with the root of its area)
            construct_texts.append(ax.text(x, y - below, wrap(graph.nodes[n]["label"], 16), ha="center", va="top",
                                           fontsize=7, zorder=5, bbox=label_box))
        if ring:
            ax.set_xlim(-1.9, 1.9)
            ax.set_ylim(-1.45, 1.45)
            _clear_of_each_other(fig, construct_texts)
        unlabelled = _drop_covering(fig, ax, construct_texts, study_texts)
        shown = f"{len(studies)} stud{'y' if len(studies) == 1 else 'ies'}" + (f"; {len(unplaced)} coded under no {level}, not shown" if unplaced else "")
        if unlabelled:
            shown += f"; {unlabelled} not labelled where the label would cover another"
        title = title or f"Studies and the {level}s they are coded under ({shown})"
    else:
        nodes = list(graph.nodes)
        # a circle of 10 by 8.5 inches holds about twelve labels of two or three lines; with 20 constructs eight
        # labels ran into their neighbours': the circle grows with their number, the fonts stay the same (a
        # network of many constructs is read on a screen, zoomed, or not at all)
        grow = max(1.0, len(nodes) / 12)
        fig, ax = subplots(figsize=(10 * grow, 8.5 * grow))
        pos = nx.circular_layout(nodes) if len(nodes) <= 2 else _clockwise(nodes)
        wmax = max([d.get("weight", 1) for _, _, d in graph.edges(data=True)] + [1])
        # weakest first, so that the strong links lie on top of the many weak ones
        edges = sorted(graph.edges(data="weight", default=1), key=lambda e: e[2])
        widths = [1.0 + 2.0 * w if wmax <= 3 else 0.5 + 6.0 * w / wmax for _, _, w in edges]
        # as dark as their number of studies once there are links of more than three: a link of one study
        # is faint, not gone (the seed example's links of one or two studies keep one grey)
        alphas = 0.7 if wmax <= 3 else [0.12 + 0.83 * w / wmax for _, _, w in edges]
        nx.draw_networkx_edges(graph, pos, edgelist=[(a, b) for a, b, _ in edges], width=widths,
                               edge_color="#555555" if wmax > 3 else "#777777", alpha=alphas, ax=ax)
        top = max([graph.nodes[n].get("studies", 0) for n in nodes] + [1])
        sizes = [150 + 1300 * graph.nodes[n].get("studies", 0) / top for n in nodes]
        nx.draw_networkx_nodes(graph, pos, node_size=sizes, alpha=0.9,
                               node_color=[colour.get(graph.nodes[n].get("group"), "#0072B2") for n in nodes], ax=ax)
        labels = [_outward_label(ax, f"{graph.nodes[n]['label']} ({graph.nodes[n].get('studies', 0)})", pos[n], size,
                                 fontsize=8) for n, size in zip(nodes, sizes)]
        # above 150 edges no label is placed at all (they would be a grey mass): the title says so (it promised
        # "edge label: the studies both share" over 184 edges without one label)
        left_out = 0
        if graph.number_of_edges() <= MAX_EDGE_LABELS:
            placed = []
            for a, b, d in graph.edges(data=True):
                spot = _edge_label_point(pos[a], pos[b], placed)
                if spot is None:  # stacked on another label neither can be read: the graph files hold it
                    left_out += 1
                    continue
                placed.append(spot)
                ax.text(*spot, _edge_label(d), fontsize=7, ha="center", va="center", zorder=3,
                        bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=0.5))
        ax.set_xlim(-1.9, 1.9)
        ax.set_ylim(-1.35, 1.35)
        _clear_of_each_other(fig, labels)
        unlabelled = graph.number_of_edges() > MAX_EDGE_LABELS
        darker = " and as dark" if wmax > 3 else ""
        title = title or (f"{level.capitalize()} co-occurrence: {level}s linked by the studies cited under both "
                          + (f"(node: {level}, number of studies; edge: as wide{darker} as the number of studies both "
                             f"share; its {graph.number_of_edges()} edges are too many to label: every edge's studies "
                             "are in the network's GraphML and GEXF files; draw_network(graph, min_studies=...) "
                             "draws only the stronger links)" if unlabelled else
                             f"(node: {level}, number of studies; edge label: the studies both share, by ID "
                             "or first author and year, or how many when their names do not fit)"))
        if left_out:
            title += (f"; {left_out} of {graph.number_of_edges()} edge labels left out where they would cover "
                      f"another (every edge's studies are in the network's GraphML and GEXF files)")
        if min_studies > 1:
            # what the picture leaves out, in the picture: read alone, a thinned network claims the weak links
            # are not there
            title += (f". Only links shared by {min_studies} studies or more are drawn: {hidden} of {all_edges} "
                      f"links, of fewer studies, are not (they are in the graph and its GraphML and GEXF files)")
    handles = [plt.Line2D([], [], marker="o", ls="", color=c, markersize=8) for c in colour.values()]
    # beside the drawing: inside it, the key covered whatever the layout put in that corner
    ax.legend(handles, list(colour), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
              title=graph.graph.get("grouped_by", "stage"), title_fontsize=8)
    ax.set_title(wrap(title, 110), fontsize=10, loc="left")
    ax.axis("off")
    fig.saved_paths = save_figure(fig, path, formats) if path else []
    return fig
