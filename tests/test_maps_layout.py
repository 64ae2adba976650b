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
    """Studies coded under one or two constructs each; the first two cite the same ("Smith et al. 2023")."""
    scheme = parse_scheme(scheme_text(n_codes), source="scheme.txt")
    constructs = [n.path for n in scheme.nodes("fw", "construct")]
    studies, codes = [], []
    for i in range(n_studies):
        sid = f"g{i:04x}"
        studies.append({"study_id": sid, "record_id": sid, "author": "Smith et al." if i < 2 else f"Author{i}",
                        "year": "2023", "title": LONG[i % len(LONG)], "country": "UK"})
        mine = dict.fromkeys([constructs[i % len(constructs)], constructs[(3 * i + 1) % len(constructs)]])
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
    assert draw_study_counts(awkward, "unused") is None
    assert draw_study_counts(awkward, "stakeholder") is not None
    written = build_maps(awkward_coding(3, 2), tmp_path, formats=("svg",))
    assert "studies_by_unused" not in written and "studies_by_stakeholder" in written
    assert not list(tmp_path.glob("studies_by_unused*"))
