"""The source overlap figure (the build's source_overlap.svg) from twelve databases named as their platforms name
them and counts of six digits, read back from the figure and from the saved file."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from synthesis.dedup.overlap import overlap_figure, source_overlap
from synthesis.maps.figure import save_figure

from test_maps_layout import extents, overlapping

#: Twelve databases as a search log names them: platform, coverage dates, segments.
DATABASES = ["MEDLINE (Ovid MEDLINE(R) ALL and Epub Ahead of Print, In-Process 1946 to November 2026)",
             "Embase Classic+Embase (Ovid) 1947 to 2026 Week 48", "CINAHL Complete (EBSCOhost)",
             "Web of Science Core Collection (Clarivate; SCI-EXPANDED, SSCI, A&HCI, ESCI)", "Scopus (Elsevier)",
             "APA PsycINFO (Ovid) 1806 to November Week 4 2026", "Cochrane Central Register of Controlled Trials",
             "LILACS (BVS/Biblioteca Virtual em Saúde)", "ERIC (ProQuest)", "Global Index Medicus (WHO)",
             "Africa-Wide Information (EBSCOhost)", "Index Medicus for the Eastern Mediterranean Region"]


@pytest.fixture(scope="module")
def overlap():
    """Three large databases that find most of 240,000 papers (six-digit counts), nine small ones."""
    rng = np.random.default_rng(1)
    n = 240_000
    found = {db: np.nonzero(rng.random(n) < (0.55 if k < 3 else 0.05))[0] for k, db in enumerate(DATABASES)}
    return source_overlap(pd.DataFrame({
        "source_database": np.concatenate([[db] * len(ids) for db, ids in found.items()]),
        "group_id": np.concatenate([ids for ids in found.values()]).astype(str)}))


def test_long_names_and_six_digit_counts_neither_overlap_nor_squeeze_the_heatmap(overlap):
    """Sized by the longest name (90 characters, on one line), twelve databases left the heatmap a sliver: its
    six-digit counts lay on top of each other and the names slanted across one another."""
    assert overlap.matrix.to_numpy().max() >= 100_000
    fig = overlap_figure(overlap)
    fig.draw_without_rendering()
    heat, bars, dots = fig.axes
    for texts in (heat.texts, heat.get_xticklabels(), heat.get_yticklabels(), dots.get_yticklabels()):
        assert overlapping(extents(fig, texts)) == []
    assert all(len(line) <= 28 for t in heat.get_yticklabels() for line in t.get_text().split("\n"))
    assert [" ".join(t.get_text().split()) for t in dots.get_yticklabels()] == sorted(DATABASES)
    # every count inside its own cell
    renderer = fig.canvas.get_renderer()
    cell = heat.transData.transform([(1, 0)])[0][0] - heat.transData.transform([(0, 0)])[0][0]
    assert max(t.get_window_extent(renderer).width for t in heat.texts) < cell


def test_the_saved_figure_holds_everything_the_layout_placed(overlap, tmp_path):
    """The tight box was measured before the layout engine placed the axes: the saved source overlap figure lost
    its top (the chart's title and tallest bars) and its left (the first letters of every name)."""
    fig = overlap_figure(overlap)
    svg = save_figure(fig, tmp_path / "source_overlap", ["svg"])[0].read_text()
    width, height = (float(v) for v in re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)  # measured after the layout has run
    assert width == pytest.approx(box.width * 72, abs=3) and height == pytest.approx(box.height * 72, abs=3)


def test_one_database_is_said_in_a_sentence_not_drawn_as_a_one_cell_matrix(tmp_path):
    """A new review with one export (Criminal Justice Abstracts) drew a 1 x 1 heatmap and a single bar under
    "papers found by both databases": a chart of overlap with nothing to overlap. It says so in a sentence."""
    overlap = source_overlap(pd.DataFrame({"source_database": ["Criminal Justice Abstracts"] * 3,
                                           "group_id": ["g1", "g2", "g3"]}))
    fig = overlap_figure(overlap)
    assert fig.axes == []  # no heatmap, no bars
    text = " ".join(" ".join(t.get_text().split()) for t in fig.texts)
    assert "All 3 papers come from one database (Criminal Justice Abstracts)" in text
    assert save_figure(fig, tmp_path / "source_overlap", ["svg"])[0].exists()


def test_the_heatmap_title_says_what_its_diagonal_counts(overlap):
    """The heatmap's title said "papers found by both databases", and its diagonal, a database against itself,
    holds the papers that database found (14 for Google Scholar in the example, the most in its row). Its
    title says both."""
    fig = overlap_figure(overlap)
    heat = fig.axes[0]
    first = sorted(DATABASES)[0]  # the heatmap lists them in order
    assert heat.get_title() == "papers found by both databases\n(on the diagonal: by the database)"
    assert int(heat.texts[0].get_text()) == int(overlap.matrix.loc[first, first])
