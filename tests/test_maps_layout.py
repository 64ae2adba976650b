"""The maps drawn from awkward but real inputs, read back from the figure: long labels (60-90 characters)
that neither overlap nor cover what they name, a scheme dimension nobody coded, one study and one code."""
from __future__ import annotations

from itertools import combinations

import pandas as pd
import pytest

from synthesis.coding import make_coding, parse_scheme
from synthesis.maps.build import build_maps
from synthesis.maps.charts import draw_study_counts

#: Code labels as long as real ones get (60-90 characters), with accents and markup-like characters.
LONG = ["Overcoming structural barriers to participation for people with limited digital access at home",
        "Recruitment of under-served communities through trusted intermediaries & community leaders",
        "Évaluation de l'accessibilité « numérique » pour les aînés québécois vivant seuls",
        'Co-design sessions held online <script>alert("x")</script> & "quoted" \'labels\' too']


def scheme_text(n: int, labels=LONG) -> str:
    """A scheme with ``n`` stakeholder groups, ``n`` values of a dimension nobody codes, and a framework of
    stages of five constructs each (``n`` constructs), every label long."""
    lines = ["dimension stakeholder: Stakeholder group"]
    lines += [f"  value s{k}: {labels[k % len(labels)]} {k}" for k in range(n)]
    lines += ["dimension unused: A dimension nobody coded"]
    lines += [f"  value u{k}: Unused value {k}" for k in range(n)]
    lines += ["dimension fw: Framework", "  levels: stage > construct"]
    for k in range(n):
        if k % 5 == 0:
            lines.append(f"  stage st{k}: {labels[(k // 5) % len(labels)]}")
        lines += [f"    construct c{k}: {labels[(k + 1) % len(labels)]} {k}", f"      stakeholder: s{k}"]
    return "\n".join(lines) + "\n"


def awkward_coding(n_codes: int, n_studies: int):
    """Studies coded under up to three constructs each; the first two cite the same ("Smith et al. 2023")."""
    scheme = parse_scheme(scheme_text(n_codes), source="scheme.txt")
    constructs = [n.path for n in scheme.nodes("fw", "construct")]
    studies, codes = [], []
    for i in range(n_studies):
        sid = f"g{i:04x}"
        studies.append({"study_id": sid, "record_id": sid, "author": "Smith et al." if i < 2 else f"Author{i}",
                        "year": "2023", "title": LONG[i % len(LONG)], "country": "UK"})
        mine = dict.fromkeys(constructs[(k * i + k - 1) % len(constructs)] for k in (1, 3, 7))
        codes += [(sid, "fw", c) for c in mine]
    return make_coding(scheme, pd.DataFrame(studies), pd.DataFrame(codes, columns=["study_id", "dimension", "code"]))


def extents(fig, texts):
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts if t.get_text()]


def overlapping(boxes, slack=0.5):
    """Pairs of boxes (display units) that overlap by more than ``slack`` pixels both ways."""
    return [(a, b) for (a, ba), (b, bb) in combinations(enumerate(boxes), 2)
            if min(ba.x1, bb.x1) - max(ba.x0, bb.x0) > slack and min(ba.y1, bb.y1) - max(ba.y0, bb.y0) > slack]


@pytest.fixture(scope="module")
def awkward():
    return awkward_coding(25, 150)


def test_long_bar_labels_do_not_run_into_each_other(awkward):
    """Bars of a chart were 0.3 inch apart whatever their labels: a label wrapped onto two lines ran into the
    label of the next bar."""
    fig = draw_study_counts(awkward, "stakeholder")
    ax = fig.axes[0]
    labels = [t for t in ax.get_yticklabels()]
    assert any("\n" in t.get_text() for t in labels)
    assert overlapping(extents(fig, labels)) == []


def test_a_dimension_nobody_coded_draws_no_chart(awkward, tmp_path):
    """A scheme dimension with no code used drew 25 bars of 0 and one bar of every study 'Not coded'."""
    assert draw_study_counts(awkward, "unused").nothing_coded
    assert not getattr(draw_study_counts(awkward, "stakeholder"), "nothing_coded", False)
    written = build_maps(awkward_coding(3, 2), tmp_path, formats=("svg",))
    assert "studies_by_unused" not in written and "studies_by_stakeholder" in written
    assert not list(tmp_path.glob("studies_by_unused*"))


def slanted_overlaps(fig, texts, slack=0.5):
    """Pairs of slanted labels whose text blocks (rotated rectangles, not their upright extents) overlap.

    A block of length L and height H turned by ``a`` fills an upright extent of L cos a + H sin a by
    L sin a + H cos a; solving for L and H gives its corners, and two blocks overlap when their spans both
    along the text and across it do."""
    import math

    renderer = fig.canvas.get_renderer()
    spans = []
    for t in texts:
        if not t.get_text():
            continue
        a = math.radians(t.get_rotation())
        c, s = math.cos(a), math.sin(a)
        box = t.get_window_extent(renderer)
        det = c * c - s * s
        length = (c * box.width - s * box.height) / det
        height = (c * box.height - s * box.width) / det
        x, y = box.x0 + height * s, box.y0  # the block's lower left corner
        along, across = c * x + s * y, -s * x + c * y
        spans.append(((along, along + length), (across, across + height)))
    bad = []
    for (i, (u1, v1)), (j, (u2, v2)) in combinations(enumerate(spans), 2):
        if min(u1[1], u2[1]) - max(u1[0], u2[0]) > slack and min(v1[1], v2[1]) - max(v1[0], v2[0]) > slack:
            bad.append((texts[i].get_text(), texts[j].get_text()))
    return bad


@pytest.mark.parametrize("kind", ["gap_map", "heatmap"])
def test_long_column_labels_do_not_run_across_each_other(awkward, kind):
    """Column labels of 60-90 characters were wrapped at 22 characters onto four or five lines and, slanted
    0.62 inch apart, each ran across its neighbours'."""
    from synthesis.maps.gapmap import draw_gap_map, draw_heatmap

    fig = (draw_gap_map if kind == "gap_map" else draw_heatmap)(awkward, columns="stakeholder")
    ax = fig.axes[0]
    labels = ax.get_xticklabels()
    assert len(labels) == 25 and labels[0].get_rotation() == 40
    assert all(t.get_text().count("\n") <= 1 for t in labels)
    assert slanted_overlaps(fig, labels) == []
    # the whole label is there, only wrapped
    assert [" ".join(t.get_text().split()) for t in labels[:2]] == [f"{LONG[0]} 0", f"{LONG[1]} 1"]


@pytest.mark.parametrize("kind", ["gap_map", "heatmap"])
def test_long_row_labels_stay_in_their_rows(awkward, kind):
    """A construct label of 90 characters wraps onto three lines; rows were 0.34 inch (two lines) whatever the
    labels, so the third line ran into the next row's label."""
    from synthesis.maps.gapmap import draw_gap_map, draw_heatmap

    fig = (draw_gap_map if kind == "gap_map" else draw_heatmap)(awkward, columns="stakeholder")
    labels = fig.axes[0].get_yticklabels()
    assert max(t.get_text().count("\n") for t in labels) == 2
    assert overlapping(extents(fig, labels)) == []


def node_circles(fig, ax):
    """The drawn nodes as (x, y, radius) in display pixels: a node's size is its area in points squared."""
    from matplotlib.collections import PathCollection

    px = fig.dpi / 72
    return [(*ax.transData.transform(xy), size ** 0.5 / 2 * px)
            for coll in ax.collections if isinstance(coll, PathCollection)
            for xy, size in zip(coll.get_offsets(), coll.get_sizes())]


def covers(box, circle, slack=0.5):
    x, y, r = circle
    dx, dy = max(box.x0 - x, 0, x - box.x1), max(box.y0 - y, 0, y - box.y1)
    return (dx * dx + dy * dy) ** 0.5 < r - slack


@pytest.mark.parametrize("n_codes", [1, 6])
def test_construct_labels_stay_off_the_nodes(n_codes):
    """Each construct's label was centred at 1.16 times its node's place: the labels of the nodes at the top
    and bottom of the circle ran into their nodes, and the one node of a one-construct network (at the
    centre) had its label written across it."""
    from matplotlib.text import Annotation

    from synthesis.maps.network import construct_network, draw_network

    fig = draw_network(construct_network(awkward_coding(n_codes, 2 * n_codes)))
    ax = fig.axes[0]
    fig.canvas.draw()
    circles = node_circles(fig, ax)
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    assert len(circles) == len(labels) == n_codes
    renderer = fig.canvas.get_renderer()
    assert [(t.get_text(), c) for t in labels for c in circles if covers(t.get_window_extent(renderer), c)] == []


def test_edge_labels_that_cannot_be_placed_clear_are_left_out_and_counted(awkward):
    """With 25 constructs the edge labels that found no clear spot were drawn at the least crowded one, on top
    of each other; they are left out, and the title says how many and where every edge's studies are."""
    from synthesis.maps.network import construct_network, draw_network

    graph = construct_network(awkward)
    fig = draw_network(graph)
    ax = fig.axes[0]
    edge_labels = [t for t in ax.texts if t.get_bbox_patch() is not None]
    assert 0 < len(edge_labels) < graph.number_of_edges()
    assert overlapping(extents(fig, edge_labels)) == []
    left_out = graph.number_of_edges() - len(edge_labels)
    assert f"{left_out} of {graph.number_of_edges()} edge labels left out" in ax.get_title(loc="left").replace("\n", " ")


def test_study_labels_that_would_cover_another_are_left_out_and_counted(awkward):
    """150 studies' labels on their boxes lay over each other and over the construct labels; a study label that
    would cover another is left out, the title says how many, and the construct labels all stay."""
    from synthesis.maps.network import draw_network, study_construct_graph

    fig = draw_network(study_construct_graph(awkward))
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    constructs = [t for t in ax.texts if t.get_fontsize() == 7]
    studies = [t for t in ax.texts if t.get_fontsize() == 5]
    assert len(constructs) == 25 and 0 < len(studies) < 150
    boxes = [(t.get_bbox_patch() or t).get_window_extent(renderer) for t in constructs + studies]
    study_overlaps = [(a, b) for a, b in overlapping(boxes) if b >= len(constructs)]
    assert study_overlaps == []
    assert f"150 studies; {150 - len(studies)} not labelled" in ax.get_title(loc="left").replace("\n", " ")


def test_fonts_for_chinese_follow_the_figures_own_font(monkeypatch):
    """matplotlib draws a character only from the fonts of the family list: DejaVu Sans has no Chinese, so a
    code label in Chinese was empty boxes even where a Chinese font was installed. The installed fonts that
    have it now follow the figure's own font (which still draws every character it has)."""
    from types import SimpleNamespace

    from matplotlib import font_manager

    from synthesis.display import with_fallback_fonts

    fake = [SimpleNamespace(name=n) for n in ("DejaVu Sans", "Liberation Sans", "WenQuanYi Zen Hei",
                                              "Noto Sans CJK SC")]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", fake)
    assert with_fallback_fonts("DejaVu Sans") == ["DejaVu Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
    assert with_fallback_fonts(["Liberation Sans", "DejaVu Sans"]) == [
        "Liberation Sans", "DejaVu Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", fake[:2])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])  # and no Chinese font file either
    assert with_fallback_fonts("DejaVu Sans") == ["DejaVu Sans"]


def test_a_chinese_label_is_drawn_with_a_font_that_has_it():
    """With a Chinese font installed, a gap map and a PRISMA diagram naming CNKI in Chinese miss no glyph."""
    import warnings

    from matplotlib import font_manager

    from synthesis.display import FALLBACK_FONTS
    from synthesis.maps.gapmap import draw_gap_map
    from synthesis.prisma import PrismaCounts, draw

    if not {f.name for f in font_manager.fontManager.ttflist} & set(FALLBACK_FONTS):
        pytest.skip("no font with Chinese characters known to matplotlib (e.g. Debian's fonts-noto-cjk or "
                    "fonts-wqy-zenhei; matplotlib keeps a list of fonts: remove its fontlist-*.json after installing)")
    coding = awkward_coding(3, 3)
    coding.scheme.dimensions["stakeholder"].values[0].label = "数字包容性共同设计中的患者招募"
    counts = PrismaCounts(database_results=30, database_specific_results=[("中国知网 CNKI", 30)], duplicates=0,
                          records_screened=30, records_excluded=30)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing from font")
        fig = draw_gap_map(coding, columns="stakeholder")
        fig.canvas.draw()
        draw(counts, "new_dbr", allow_failing=True).to_svg()


@pytest.mark.parametrize("n_codes", [28, 30])
def test_construct_labels_of_a_large_study_construct_network_stay_clear(n_codes):
    """28 constructs (a wildfire review's scheme) on the study-construct network's inner circle, each labelled
    below its node: 27 pairs of construct labels lay over each other and over the next construct's node. From
    13 constructs on they sit on a ring labelled outwards, the studies inside it."""
    from synthesis.maps.network import draw_network, study_construct_graph

    fig = draw_network(study_construct_graph(awkward_coding(n_codes, 150)))
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    constructs = [t for t in ax.texts if t.get_fontsize() == 7]
    assert len(constructs) == n_codes
    boxes = [(t.get_bbox_patch() or t).get_window_extent(renderer) for t in constructs]
    assert overlapping(boxes) == []
    # nor does one cover a node, a construct's or a study's
    circles = node_circles(fig, ax)
    assert len(circles) > n_codes
    assert [(t.get_text(), c) for t, box in zip(constructs, boxes) for c in circles if covers(box, c)] == []


def test_a_small_study_construct_network_keeps_its_page():
    """Twelve constructs or fewer (the worked example's ten) keep the inner circle and the page-sized drawing."""
    from synthesis.maps.network import draw_network, study_construct_graph

    assert list(draw_network(study_construct_graph(awkward_coding(12, 24))).get_size_inches()) == [11, 9]


def test_a_network_of_too_many_edges_to_label_says_so():
    """Above 150 edges the co-occurrence network labels none, yet its title said "edge label: the studies both
    share" (a wildfire review: 28 constructs, 184 edges, not one label)."""
    import networkx as nx

    from synthesis.maps.network import draw_network

    graph = nx.complete_graph(20)  # 190 edges
    nx.set_node_attributes(graph, {n: {"label": f"Construct {n}", "group": "g", "studies": 2} for n in graph})
    nx.set_edge_attributes(graph, {e: {"weight": 1, "studies": "1", "cited": "Smith 2020"} for e in graph.edges})
    fig = draw_network(graph)
    ax = fig.axes[0]
    title = ax.get_title(loc="left").replace("\n", " ")
    assert not [t for t in ax.texts if t.get_text() == "Smith 2020"]
    assert "edge label:" not in title and "190 edges are too many to label" in title
    assert "GraphML and GEXF" in title


@pytest.mark.parametrize("n_codes", [20, 30])
def test_construct_labels_of_a_large_network_do_not_run_into_each_other(n_codes):
    """A network of 20 constructs with labels of 60-90 characters on a circle of 10 by 8.5 inches: eight pairs
    of labels ran into each other. The circle grows with the number of constructs; with 30, two pairs near the
    top and the bottom of the circle (tall labels of four or five lines) still did: a label moves out."""
    from matplotlib.text import Annotation

    from synthesis.maps.network import construct_network, draw_network

    fig = draw_network(construct_network(awkward_coding(n_codes, 6 * n_codes)))
    ax = fig.axes[0]
    fig.canvas.draw()
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    assert len(labels) == n_codes
    assert overlapping(extents(fig, labels)) == []
    # twelve or fewer keep the page-sized drawing
    assert list(draw_network(construct_network(awkward_coding(12, 24))).get_size_inches()) == [10, 8.5]


def test_the_maps_leave_the_reviewers_own_matplotlib_settings_alone():
    """The fallback fonts for Chinese labels are set on the map's own texts when it is drawn: importing and
    drawing a map used to append them to matplotlib's rcParams, which changed every figure of the notebook
    kernel. Run in a fresh interpreter, with a Chinese font made known to matplotlib."""
    import subprocess
    import sys

    code = """
import matplotlib
import dataclasses
from matplotlib import font_manager
dejavu = next(f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans")
font_manager.fontManager.ttflist.append(dataclasses.replace(dejavu, name="WenQuanYi Zen Hei"))
before = list(matplotlib.rcParams["font.family"])
import synthesis.maps, synthesis.maps.figure
from synthesis.display import subplots
fig, ax = subplots()
t = ax.text(0.5, 0.5, "label")
fig.canvas.draw()
assert list(matplotlib.rcParams["font.family"]) == before, (before, matplotlib.rcParams["font.family"])
assert t.get_fontfamily()[-1] == "WenQuanYi Zen Hei", t.get_fontfamily()
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_no_font_weight_notice_for_a_fallback_font_under_every_figure(caplog, monkeypatch):
    """On a computer with WenQuanYi Zen Hei (Debian's fonts-wqy-zenhei: one weight, 500), every figure of c2's
    notebook 3 printed "findfont: Failed to find font weight normal for WenQuanYi Zen Hei, now using 500." under
    it, in red: the fallback font follows every text, and matplotlib says each time that it has no weight 400.
    Nothing a reviewer can act on; other notices of matplotlib's font manager still show, and the notice is left
    out only while the project's figures are drawn (the reviewer's own figures keep it)."""
    import logging

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from synthesis.display import subplots

    log = logging.getLogger("matplotlib.font_manager")

    def notices(self, renderer):  # what matplotlib logs while it looks fonts up for a drawing
        log.warning("findfont: Failed to find font weight %s for %s, now using %s.", "normal", "WenQuanYi Zen Hei", 500)
        log.warning("findfont: Failed to find font weight %s for %s, now using %s.", "bold", "Noto Sans CJK SC", 400)
        log.warning("findfont: Failed to find font weight %s for %s, now using %s.", "bold", "Some Other Font", 400)
        log.warning("findfont: Font family %s not found. Falling back to %s.", ["Nope"], "DejaVu Sans")

    monkeypatch.setattr(Figure, "draw", notices)
    fig, _ = subplots()
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        fig.draw(fig.canvas.get_renderer())
    assert [r.getMessage() for r in caplog.records] == [
        "findfont: Failed to find font weight bold for Some Other Font, now using 400.",
        "findfont: Font family ['Nope'] not found. Falling back to DejaVu Sans."]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        own = Figure()
        FigureCanvasAgg(own)
        own.draw(own.canvas.get_renderer())  # a figure of the reviewer's own: every notice
    assert len(caplog.records) == 4 and not log.filters


def test_year_chart_greys_the_not_coded_bar_and_no_year_between(tmp_path):
    """w7's map had an undated study and years with no study between 2014 and 2022: the year chart drew the 2020
    bar grey (the colours were worked out before the missing years were filled in, so "Not coded"'s grey landed
    on the 7th bar) and the "Not coded" label ran into "2022" under it. Now only the "Not coded" bar is grey and
    its label is on two lines."""
    from matplotlib.colors import to_hex

    from synthesis.maps.figure import NOT_CODED_COLOUR

    scheme = parse_scheme("dimension f: F\n  levels: stage\n  stage a: A\n")
    years = ["2014", "2016", "2018", "2020", "2021", "2022", ""]
    studies = pd.DataFrame({"study_id": [str(k) for k in range(len(years))], "year": years})
    coding = make_coding(scheme, studies, pd.DataFrame({"study_id": studies["study_id"], "code": "a"}))
    fig = draw_study_counts(coding, "year", path=tmp_path / "years", formats=("svg",))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [str(y) for y in range(2014, 2023)] + ["Not\ncoded"]
    colours = [to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert [k for k, c in enumerate(colours) if c == NOT_CODED_COLOUR] == [len(labels) - 1], colours


def test_a_chart_whose_bars_add_up_to_more_than_n_says_why():
    """A study coded under several values counts under each: a wildfire review's chart of regions had bars adding
    up to 186 under "n = 126" with nothing to say why. A chart of one value per study says nothing more."""
    coding = awkward_coding(6, 12)  # up to three constructs per study, one year each
    title = draw_study_counts(coding, "construct").axes[0].get_title(loc="left")
    total = sum(int(t.get_text()) for t in draw_study_counts(coding, "construct").axes[0].texts)
    assert title.startswith("Included studies by construct (n = 12)\n") and total > 12
    assert f"the bars add up to {total}" in title
    assert draw_study_counts(coding, "year").axes[0].get_title(loc="left") == "Included studies by year (n = 12)"
    # a title given by the caller is left as given
    assert draw_study_counts(coding, "construct", title="Mine").axes[0].get_title(loc="left") == "Mine"
