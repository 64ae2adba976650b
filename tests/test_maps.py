"""Evidence matrix, gap map, heatmap, charts, networks, the HTML file and `synthesis map`."""
from __future__ import annotations

import json
from itertools import combinations
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from synthesis.coding import load_scheme, load_study_codes, make_coding, parse_scheme
from synthesis.maps.charts import draw_study_counts, study_counts
from synthesis.maps.data import NOT_CODED, evidence_matrix, map_dimensions
from synthesis.maps.gapmap import draw_gap_map, draw_heatmap
from synthesis.maps.html import html_map, html_map_data
from synthesis.maps.graphfile import plain_graph
from synthesis.maps.network import construct_network, draw_network, study_construct_graph, write_graph

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "evidence"
HOSTILE = "<img src=x onerror=alert(1)>"

SCHEME = """\
dimension stakeholder: Stakeholder group
  value patients: Patients
  value staff: Staff
dimension fw: Framework
  levels: stage > construct > challenge
  stage a: Set-up
    construct rec: Recruitment
      challenge p: Reach patients
        stakeholder: patients
      challenge s: Reach staff
        stakeholder: staff
    construct scope: Scope
      challenge x: Agree
  stage b: Delivery
    construct sus: Sustain
      challenge y: Keep going
"""


@pytest.fixture(scope="module")
def seed():
    scheme = load_scheme(EVIDENCE / "coding_scheme.txt")
    return load_study_codes(EVIDENCE / "study_codes.csv", scheme)


@pytest.fixture(scope="module")
def small():
    scheme = parse_scheme(SCHEME, source="scheme.txt")
    studies = pd.DataFrame({
        "study_id": ["1", "2", "3", "4"],
        "title": ["Apps for all", HOSTILE, "Staff time", "Keep going"],
        "author": ["Ng, A.", "Roe, B.", "Poe, C.", "</script><script>alert(2)</script>"],
        "year": ["2019", "2021", "2021", ""],
        "country": ["UK; Canada", "USA", "UK", ""],
        "evidence_type": ["Review", "Primary research", "Guidance", "Review"],
    })
    codes = pd.DataFrame([
        ("1", "fw", "a.rec.p"), ("1", "fw", "b.sus.y"), ("2", "fw", "a.rec.p"), ("2", "fw", "a.rec.s"),
        ("3", "fw", "a.rec.s"), ("4", "fw", "a.scope"),
    ], columns=["study_id", "dimension", "code"])
    return make_coding(scheme, studies, codes)


def cell(m, row, col):
    i, j = m.row_labels.index(row), m.column_labels.index(col)
    return int(m.counts[i, j]), m.studies.get((i, j), [])


# --- the matrix ----------------------------------------------------------------------------------------

def test_seed_matrix_by_stakeholder(seed):
    m = evidence_matrix(seed, columns="stakeholder")
    assert m.row_labels[0] == "Recruitment" and len(m.row_labels) == 10
    assert m.column_labels == ["Patients", "Staff", "Developers", "All stakeholders"]
    assert cell(m, "Recruitment", "Patients") == (5, ["37", "38", "39", "40", "41"])
    assert cell(m, "Surface and challenge existing assumptions", "Developers")[1] == ["59", "60", "61", "62"]
    assert cell(m, "Recruitment", "All stakeholders") == (0, [])  # a gap
    assert m.counts.sum() == 54  # 49 studies, five of them under two constructs


def test_per_code_columns_do_not_cross_pair(small):
    m = evidence_matrix(small, columns="stakeholder")
    # study 1 is coded to Recruitment/patients and to Sustain (no stakeholder): never Sustain x Patients
    assert cell(m, "Sustain", "Patients") == (0, [])
    assert cell(m, "Sustain", NOT_CODED) == (1, ["1"])
    assert cell(m, "Recruitment", "Staff") == (2, ["2", "3"])
    assert cell(m, "Scope", NOT_CODED) == (1, ["4"])  # coded to the construct only


def test_field_columns_and_filters(small):
    m = evidence_matrix(small, columns="country")
    assert m.column_labels == ["Canada", "UK", "USA", NOT_CODED]
    assert cell(m, "Recruitment", "UK") == (2, ["1", "3"])
    assert cell(m, "Sustain", "Canada") == (1, ["1"])
    y = evidence_matrix(small, columns="year")
    assert y.column_labels == ["2019", "2020", "2021", NOT_CODED]  # 2020: no study, a gap in time
    f = evidence_matrix(small, columns="country", filters={"stakeholder": "Staff"})
    assert f.counts.sum() == 2 and cell(f, "Recruitment", "USA") == (1, ["2"])
    f = evidence_matrix(small, columns="stage", filters={"evidence_type": ["Review"]})
    assert cell(f, "Recruitment", "Set-up") == (1, ["1"]) and cell(f, "Sustain", "Delivery") == (1, ["1"])
    with pytest.raises(ValueError, match="no dimension 'colour'"):
        evidence_matrix(small, columns="colour")


def test_dimensions_on_offer(seed, small):
    assert list(map_dimensions(seed)) == ["stage", "construct", "challenge", "stakeholder", "country", "year",
                                          "evidence_type"]
    assert map_dimensions(small)["year"].keys == ["2019", "2020", "2021"]  # every year between, for the gap


# --- static figures ------------------------------------------------------------------------------------

def test_gap_map_and_heatmap_files(tmp_path, seed):
    fig = draw_gap_map(seed, columns="stakeholder", path=tmp_path / "gap", formats=["svg", "png", "pdf"])
    assert [p.suffix for p in fig.saved_paths] == [".svg", ".png", ".pdf"]
    svg = (tmp_path / "gap.svg").read_text(encoding="utf-8")
    assert "Recruitment" in svg and "Establish long-term collaboration" in svg and "no studies (gap)" in svg
    assert (tmp_path / "gap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "gap.pdf").read_bytes()[:5] == b"%PDF-"
    fig = draw_heatmap(seed, columns="stage", path=tmp_path / "heat", formats=["svg"])
    assert "Surface and challenge existing assumptions" in (tmp_path / "heat.svg").read_text(encoding="utf-8")


def test_same_input_same_svg(tmp_path, seed):
    draw_gap_map(seed, path=tmp_path / "a", formats=["svg"])
    draw_gap_map(seed, path=tmp_path / "b", formats=["svg"])
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_study_counts_and_charts(tmp_path, seed, small):
    assert study_counts(seed, "stage")["studies"].tolist() == [13, 17, 7, 11, 5]
    c = study_counts(small, "country").set_index("value")["studies"]
    assert c.to_dict() == {"Canada": 1, "UK": 2, "USA": 1, NOT_CODED: 1}
    # nobody coded a country: a sentence saying so, not a bar of every study "Not coded" (nor nothing at all)
    empty = draw_study_counts(seed, "country", path=tmp_path / "c", formats=["svg"])
    assert empty.nothing_coded and not empty.axes[0].patches
    said = " ".join(t.get_text() for t in empty.axes[0].texts).replace("\n", " ")
    assert "No study on the map is coded for country yet: all 49 are" in said
    fig = draw_study_counts(small, "year", path=tmp_path / "y", formats=["svg"])
    assert fig.saved_paths == [tmp_path / "y.svg"]


# --- networks ------------------------------------------------------------------------------------------

def test_seed_construct_network(seed):
    g = construct_network(seed)
    assert g.number_of_nodes() == 10
    shared = sorted(d["studies"] for _, _, d in g.edges(data=True))
    assert shared == ["37", "38", "39", "68", "69"]
    assert g.nodes["setup.recruitment"]["studies"] == 11
    assert g.has_edge("definition.feasibility", "development.implementation")


def test_construct_network_says_its_edge_labels_are_study_ids(seed, tmp_path):
    """The seed's edges are labelled 37, 38, 39, 68, 69: study IDs, which a title saying 'edge label: shared
    studies' made read as counts (68 shared studies between constructs of 6 and 3 studies)."""
    fig = draw_network(construct_network(seed), path=tmp_path / "c", formats=["png"])
    ax = fig.axes[0]
    assert "edge label: the studies both share, by ID" in ax.get_title(loc="left").replace("\n", " ")
    assert {"37", "68"} <= {t.get_text() for t in ax.texts}


def test_bipartite_graph_and_exports(tmp_path, seed, small):
    b = study_construct_graph(seed)
    studies = [n for n, d in b.nodes(data=True) if d["bipartite"] == 0]
    assert len(studies) == 49 and b.number_of_edges() == 54
    assert nx.is_bipartite(b)
    assert sorted(b.neighbors("study:69")) == ["definition.feasibility", "development.implementation"]
    gml = write_graph(b, tmp_path / "b.graphml")
    assert nx.read_graphml(gml).number_of_edges() == 54
    gexf = write_graph(construct_network(seed), tmp_path / "c.gexf")
    assert nx.read_gexf(gexf).number_of_edges() == 5
    hostile = write_graph(study_construct_graph(small), tmp_path / "h.graphml")
    ET.parse(hostile)  # the hostile title is escaped into valid XML
    with pytest.raises(ValueError, match="graphml or .gexf"):
        write_graph(b, tmp_path / "b.txt")
    fig = draw_network(b, path=tmp_path / "b", formats=["png"])
    assert fig.saved_paths[0].stat().st_size > 10_000
    # the construct labels lie above the edges and nodes, on a nearly opaque box (edges crossed their letters)
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_text().replace("\n", " ").startswith("Recruitment")]
    assert labels and all(t.get_zorder() > max(c.get_zorder() for c in ax.collections) for t in labels)
    assert labels[0].get_bbox_patch().get_alpha() >= 0.9


def _read_back(path):
    """The graph networkx reads from ``path``, as comparable plain data (edges as unordered pairs)."""
    g = (nx.read_graphml if path.suffix == ".graphml" else nx.read_gexf)(path)
    edges = {frozenset((u, v)): d for u, v, d in g.edges(data=True)}
    return dict(g.nodes(data=True)), edges, g.graph


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_files_read_back_as_networkx_own_files_do(tmp_path, seed, small, suffix):
    hostile = nx.Graph(name='odd "names" & <tags>')
    hostile.add_node("a&b", label=HOSTILE + "\nsecond line\ttab", studies=3, share=0.25, core=True)
    hostile.add_node('q"uote', label="bell\x07 and form feed\x0c gone", group="", studies=1)
    hostile.add_edge("a&b", 'q"uote', weight=2, studies="1; 2")
    graphs = [study_construct_graph(seed), construct_network(seed), study_construct_graph(small), hostile]
    for k, graph in enumerate(graphs):
        assert plain_graph(graph)
        ours = write_graph(graph, tmp_path / f"ours{k}{suffix}")
        clean = graph.copy()  # networkx's writers refuse control characters that XML cannot hold
        for _, d in clean.nodes(data=True):
            d.update({key: v.replace("\x07", "").replace("\x0c", "") for key, v in d.items() if isinstance(v, str)})
        theirs = tmp_path / f"theirs{k}{suffix}"
        (nx.write_graphml if suffix == ".graphml" else nx.write_gexf)(clean, theirs)
        assert _read_back(ours) == _read_back(theirs), k
    back = _read_back(tmp_path / f"ours3{suffix}")[0]
    assert back["a&b"]["label"] == HOSTILE + "\nsecond line\ttab"


def test_graphs_beyond_plain_attributes_go_to_networkx(tmp_path):
    import numpy as np

    multi = nx.MultiGraph([("a", "b"), ("a", "b")])
    numbered = nx.Graph([("a", "b")])
    numbered.nodes["a"]["studies"] = np.int64(3)
    drawn = nx.Graph([("a", "b")])
    drawn.nodes["a"]["viz"] = {"size": 2.0}
    for graph in (multi, numbered, drawn):
        assert not plain_graph(graph)
    write_graph(multi, tmp_path / "m.graphml")
    assert nx.read_graphml(tmp_path / "m.graphml").number_of_edges() == 2
    write_graph(numbered, tmp_path / "n.gexf")
    assert int(nx.read_gexf(tmp_path / "n.gexf").nodes["a"]["studies"]) == 3


# --- the build's maps: figures not redrawn when their table did not change --------------------------

def _files(folder):
    # .docx files are zip archives stamped with the time (the build fixes their dates afterwards)
    return {p.name: p.read_bytes() for p in Path(folder).iterdir() if p.is_file() and p.suffix != ".docx"}


def test_unchanged_figures_come_from_the_cache_byte_for_byte(tmp_path, small):
    from synthesis.maps.build import build_maps
    from synthesis.maps.cache import FigureCache

    first = FigureCache(tmp_path / "cache")
    build_maps(small, tmp_path / "a", formats=["svg", "png"], cache=first)
    assert first.hits == [] and "gap_map" in first.drawn and "construct_network" in first.drawn
    again = FigureCache(tmp_path / "cache")
    build_maps(small, tmp_path / "b", formats=["svg", "png"], cache=again)
    assert again.drawn == [] and set(again.hits) == set(first.drawn)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    # another formats list is another figure: drawn, not taken from the svg+png entry
    other = FigureCache(tmp_path / "cache")
    build_maps(small, tmp_path / "c", formats=["svg"], cache=other)
    assert "gap_map" in other.drawn and not (tmp_path / "c" / "gap_map.png").exists()


def test_a_changed_code_redraws_only_the_figures_it_changes(tmp_path, small):
    from synthesis.maps.build import build_maps
    from synthesis.maps.cache import FigureCache

    build_maps(small, tmp_path / "a", formats=["svg"], cache=FigureCache(tmp_path / "cache"))
    codes = small.codes.copy()
    codes.loc[codes["code"] == "a.scope", "code"] = "b.sus.y"  # study 4 moves from Scope to Sustain
    moved = make_coding(small.scheme, small.studies, codes[["study_id", "dimension", "code"]])
    cache = FigureCache(tmp_path / "cache")
    build_maps(moved, tmp_path / "b", formats=["svg"], cache=cache)
    assert {"gap_map", "heatmap", "studies_by_construct", "studies_by_stage", "construct_network"} <= set(cache.drawn)
    # the same studies in the same countries, years and types: those charts are copied
    assert {"studies_by_country", "studies_by_year", "studies_by_evidence_type"} <= set(cache.hits)
    # and the copies are what drawing them afresh gives
    build_maps(moved, tmp_path / "fresh", formats=["svg"])
    assert _files(tmp_path / "b") == _files(tmp_path / "fresh")


def test_the_figure_worker_draws_the_same_files(tmp_path, small, seed):
    from synthesis.maps.build import build_maps
    from synthesis.maps.workers import FigureWorker

    for k, coding in enumerate((small, seed)):
        here = build_maps(coding, tmp_path / f"here{k}", formats=["svg", "pdf", "png"])
        with FigureWorker() as worker:
            shared = build_maps(coding, tmp_path / f"shared{k}", formats=["svg", "pdf", "png"], worker=worker)
            assert not worker.broken and worker.process is not None
        assert {n: [p.name for p in v] for n, v in here.items()} == {n: [p.name for p in v] for n, v in shared.items()}
        assert _files(tmp_path / f"here{k}") == _files(tmp_path / f"shared{k}")


def test_the_figure_worker_shares_jobs_and_gives_back_what_it_cannot_do(monkeypatch):
    import os

    from synthesis.maps.workers import FigureWorker, run_jobs

    import time

    with FigureWorker() as worker:
        jobs = [(time.sleep, (0.3,), {}), (os.getpid, (), {})] * 10
        pids = run_jobs(jobs, worker, first=lambda: time.sleep(2))[1::2]
        assert os.getpid() in pids and len(set(pids)) == 2  # both processes took jobs
        # a job failing there is run here, where it raises as it would without a worker
        with pytest.raises(ValueError, match="here too"):
            run_jobs([(int, ("here too",), {}), (max, (1, 2), {})], worker)
        assert not worker.broken  # and the worker is still there for the next job
        assert run_jobs([(os.getpid, (), {})] * 2, worker, first=lambda: time.sleep(1)) == [worker.process.pid] * 2
    # a worker that died, or could not start: every job is done here
    with FigureWorker() as worker:
        worker.process.kill()
        worker.process.wait()
        assert run_jobs([(max, (1, 2), {}), (min, (1, 2), {})], worker) == [2, 1]
    monkeypatch.setattr("sys.executable", str(Path("/nonexistent/python")))
    with FigureWorker() as worker:
        assert worker.broken
        assert run_jobs([(max, (3, 4), {})] * 3, worker) == [4, 4, 4]


def test_a_large_coding_gets_a_worker_on_two_cores(tmp_path, monkeypatch):
    from synthesis.maps import workers

    (tmp_path / "coding").mkdir()
    (tmp_path / "study_codes.csv").write_text("study_id,dimension,code\n" * 10, encoding="utf-8")
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert not workers.worth_a_worker(tmp_path)
    (tmp_path / "coding" / "Ann.tsv").write_bytes(b"x" * workers.LARGE_CODING)
    assert workers.worth_a_worker(tmp_path)
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert not workers.worth_a_worker(tmp_path)


def test_a_damaged_cache_entry_is_drawn_again(tmp_path, small):
    from synthesis.maps.build import build_maps
    from synthesis.maps.cache import FigureCache

    build_maps(small, tmp_path / "a", formats=["svg"], cache=FigureCache(tmp_path / "cache"))
    for entry in (tmp_path / "cache").glob("*.pkl"):
        entry.write_bytes(entry.read_bytes()[:-20])  # every entry cut short
    cache = FigureCache(tmp_path / "cache")
    build_maps(small, tmp_path / "b", formats=["svg"], cache=cache)
    assert cache.hits == [] and _files(tmp_path / "a") == _files(tmp_path / "b")


def test_a_network_too_large_to_read_is_not_drawn_but_exported(tmp_path, seed, monkeypatch):
    import synthesis.maps.network as network
    from synthesis.maps.build import build_maps

    monkeypatch.setattr(network, "READABLE_STUDIES", 40)  # the seed review has 49 studies
    notes = []
    done = build_maps(seed, tmp_path, formats=["svg"], notes=notes)
    names = {p.name for p in tmp_path.iterdir()}
    assert "study_construct_network.svg" not in names and "construct_network.svg" in names
    assert {"study_construct_network.graphml", "study_construct_network.gexf"} <= names
    assert [p.name for p in done["study_construct_network"]] == ["study_construct_network.graphml",
                                                                  "study_construct_network.gexf"]
    assert len(notes) == 1 and "49 studies are too many to read" in notes[0] and "Gephi" in notes[0]
    assert nx.read_gexf(tmp_path / "study_construct_network.gexf").number_of_edges() == 54


# --- the HTML file -------------------------------------------------------------------------------------

def test_html_is_self_contained_and_escapes(small):
    page = html_map(small, columns="country")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "<img src=x" not in page and "</script><script>alert(2)" not in page
    blob = re.search(r'<script type="application/json" id="gapmap-data">(.*?)</script>', page, re.S)[1]
    data = json.loads(blob)
    rows = json.loads(re.search(r'<script type="application/json" id="gapmap-studies">(.*?)</script>', page, re.S)[1])
    assert rows[1][data["fields"].index("title")] == HOSTILE  # kept, just escaped
    assert data["columns"] == "country" and data["nStudies"] == 4
    assert len(rows) == 4 and data["studyCodes"][0] and len(data["studyCodes"][0]) == 2
    packed = html_map(small, compress=True)
    element = re.search(r'<script type="application/octet-stream" id="gapmap-studies" '
                        r'data-encoding="gzip\+base64">(.*?)</script>', packed, re.S)[1]
    import base64, gzip
    assert json.loads(gzip.decompress(base64.b64decode(element))) == rows


def test_html_data_counts_match_the_matrix(seed):
    data = html_map_data(seed)
    dims = [d["id"] for d in data["dims"]]
    rows, cols = dims.index("construct"), dims.index("stakeholder")
    counts = {}
    for s, codes in enumerate(data["studyCodes"]):
        for c in codes:
            for j in data["codes"][c][cols]:
                counts.setdefault((data["codes"][c][rows][0], j), set()).add(s)
    m = evidence_matrix(seed, columns="stakeholder")
    assert {k: len(v) for k, v in counts.items()} == {k: int(m.counts[k]) for k in zip(*m.counts.nonzero())}


# --- the command ---------------------------------------------------------------------------------------

def test_synthesis_map_all(tmp_path, capsys):
    from synthesis.maps.cli import register
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["map", "all", "--scheme", str(EVIDENCE / "coding_scheme.txt"),
                              "--codes", str(EVIDENCE / "study_codes.csv"), "-o", str(tmp_path), "--format", "svg"])
    assert args.func(args) == 0
    names = {p.name for p in tmp_path.iterdir()}
    for want in ("table2.md", "table2.html", "table2.csv", "table2.docx", "study_codes.csv", "gap_map.svg",
                 "heatmap.svg", "studies_by_stage.svg", "studies_by_construct.svg", "construct_network.svg",
                 "construct_network.graphml", "study_construct_network.gexf", "gap_map.html"):
        assert want in names, want
    long = pd.read_csv(tmp_path / "study_codes.csv", dtype=str, keep_default_na=False)
    assert list(long.columns[:5]) == ["study_id", "stage", "construct", "challenge", "stakeholder"]
    assert len(long) == 54

    bad = parser.parse_args(["map", "gap", "--scheme", str(EVIDENCE / "coding_scheme.txt"),
                             "--codes", str(EVIDENCE / "study_codes.csv"), "-o", str(tmp_path), "--columns", "nope"])
    assert bad.func(bad) == 2
    assert "no dimension 'nope'" in capsys.readouterr().err


def test_synthesis_map_reports_bad_codes(tmp_path, capsys):
    from synthesis.maps.cli import register
    import argparse

    (tmp_path / "studies.csv").write_text("study_id\n1\n", encoding="utf-8")
    (tmp_path / "study_codes.csv").write_text("study_id,dimension,code\n1,framework,setup.nope\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["map", "html", "--scheme", str(EVIDENCE / "coding_scheme.txt"),
                              "--codes", str(tmp_path / "study_codes.csv"), "-o", str(tmp_path)])
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert "study_codes.csv line 2: study 1: field 'code'" in err


def test_svg_keeps_hostile_labels_as_text(tmp_path):
    scheme = parse_scheme(SCHEME.replace("Recruitment", HOSTILE))
    coding = make_coding(scheme, pd.DataFrame({"study_id": ["1"]}),
                         pd.DataFrame({"study_id": ["1"], "dimension": ["fw"], "code": ["a.rec.p"]}))
    draw_gap_map(coding, path=tmp_path / "h", formats=["svg"])
    root = ET.parse(tmp_path / "h.svg").getroot()
    assert not [e for e in root.iter() if e.tag.endswith("img")]
    assert any(HOSTILE in (e.text or "") for e in root.iter())


def test_old_build_maps_call_form_warns_and_writes_the_maps(tmp_path, small):
    import synthesis as syn
    from synthesis.maps.build import build_maps as write_maps

    with pytest.warns(DeprecationWarning, match="write_maps"):
        old = syn.build_maps(small, tmp_path / "old", "stakeholder", formats=["svg"])
    new = write_maps(small, tmp_path / "new", "stakeholder", formats=["svg"])
    assert sorted(p.name for p in (tmp_path / "old").rglob("*")) == sorted(p.name for p in (tmp_path / "new").rglob("*"))
    assert sorted(old) == sorted(new)
    with pytest.raises(TypeError, match="columns"):  # the step itself takes no old keywords
        syn.build_maps(type("P", (), {"evidence": tmp_path})(), None, columns="stage")


def test_the_heatmaps_colour_scale_counts_whole_studies(small):
    """A reviewer's first three coded studies (at most one per cell) got a colour scale reading 0.0, 0.2, ... 1.0
    studies; a count of studies has whole numbers only."""
    fig = draw_heatmap(small, columns="stakeholder")
    fig.canvas.draw()
    scale = fig.axes[-1]
    ticks = [t for t in scale.get_yticks() if scale.get_ylim()[0] <= t <= scale.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    labels = [t.get_text() for t in scale.get_yticklabels() if t.get_text()]
    assert labels and all(label.isdigit() for label in labels), labels


def test_construct_network_edge_labels_neither_stack_nor_run_long():
    """A reviewer's network of eight considerations on a circle had the labels of the edges between opposite
    nodes all at the centre, one on top of the other ("Greaves et al. 2023a" twice, "ahah and Gharbia
    2016breath and Petti 2015"), and an edge of four studies labelled with all four author-year names on one
    line across the drawing. Labels now slide along their edges until clear of the others, and an edge whose
    names do not fit says how many studies it stands for."""
    from synthesis.coding.scheme import parse_scheme
    from synthesis.coding.studies import make_coding

    scheme = parse_scheme("dimension f: Phases\n  levels: phase > step\n" + "".join(
        f"  phase p{i}: Phase {i}\n" + "".join(f"    step s{j}: Step {i}.{j}\n" for j in range(4)) for i in range(2)))
    ids = [f"g{k}" for k in range(6)]
    studies = pd.DataFrame({"study_id": ids, "record_id": ids, "year": "2024",
                            "author": ["Kemaloglu Oz and Gruson", "Shah and Gharbia", "Culbreath and Petti",
                                       "Buchan and Ledeboer", "Zhang et al.", "Lang et al."]})
    # each study joins two opposite nodes of the circle (their edges all cross at its centre); g4 and g5 go
    # with g0 and g1 on the first edge, which stands for four studies
    pairs = {"g0": ("p0.s0", "p1.s0"), "g1": ("p0.s0", "p1.s0"), "g4": ("p0.s0", "p1.s0"),
             "g5": ("p0.s0", "p1.s0"), "g2": ("p0.s1", "p1.s1"), "g3": ("p0.s2", "p1.s2")}
    codes = pd.DataFrame([{"study_id": s, "dimension": "f", "code": c} for s, both in pairs.items() for c in both])
    graph = construct_network(make_coding(scheme, studies, codes))
    assert graph.number_of_edges() == 3
    ax = draw_network(graph).axes[0]
    edge_texts = [t for t in ax.texts if "20" in t.get_text() or "studies" in t.get_text()]
    shown = sorted(t.get_text() for t in edge_texts)
    assert shown == ["4 studies", "Buchan and Ledeboer 2024", "Culbreath and Petti 2024"]
    points = [t.get_position() for t in edge_texts]
    # no two labels overlap: each is about 0.55 wide and 0.09 high in the drawing's units
    assert all(abs(a[0] - b[0]) >= 0.5 or abs(a[1] - b[1]) >= 0.08
               for i, a in enumerate(points) for b in points[i + 1:]), points


def test_a_top_level_value_without_children_is_a_row_so_its_gap_shows():
    """A harm domain with no harms under it, coded by no study, was left off the gap map, the chart of harms and
    the interactive map (c2's gambling-harms review lost 'Cultural harm' and 'Life-course harm', its two gaps);
    coded, it read '(as a whole)' with no parts."""
    scheme = parse_scheme("dimension who: Who\n  value g: Gamblers\n  value o: Others\n"
                          "dimension harms: Harms\n  levels: domain > harm\n  domain fin: Financial\n"
                          "    harm debt: Debt\n  domain rel: Relationships\n  domain cul: Cultural\n")
    studies = pd.DataFrame({"study_id": ["1", "2"], "title": ["A", "B"]})
    codes = pd.DataFrame([("1", "harms", "fin.debt"), ("1", "who", "g"), ("2", "harms", "rel"), ("2", "who", "o")],
                         columns=["study_id", "dimension", "code"])
    coding = make_coding(scheme, studies, codes)
    m = evidence_matrix(coding, columns="who")
    assert m.row_labels == ["Debt", "Relationships", "Cultural"]
    assert m.row_groups == ["Financial", "Relationships", "Cultural"]
    assert cell(m, "Relationships", "Others") == (1, ["2"]) and cell(m, "Cultural", "Others") == (0, [])
    assert study_counts(coding, "harm")["value"].tolist() == ["Debt", "Relationships", "Cultural"]
    rows = html_map_data(coding)["dims"]
    assert [d for d in rows if d["id"] == "harm"][0]["labels"] == ["Debt", "Relationships", "Cultural"]


def test_the_gap_map_says_how_many_studies_are_in_no_row():
    """A study coded only by who is harmed and how (a commentary on measurement, no harm domain) is in no row
    of the gap map or the heatmap; their titles did not say so, and a reader counting the 'Communities' column
    found one study fewer than the chart of who is harmed (c2's review: 13 studies, 12 on the map)."""
    scheme = parse_scheme("dimension who: Who\n  value g: Gamblers\n  value c: Communities\n"
                          "dimension harms: Harms\n  levels: domain > harm\n  domain fin: Financial\n"
                          "    harm debt: Debt\n")
    studies = pd.DataFrame({"study_id": ["1", "2"], "title": ["A", "B"]})
    codes = pd.DataFrame([("1", "harms", "fin.debt"), ("1", "who", "g"), ("2", "who", "c")],
                         columns=["study_id", "dimension", "code"])
    coding = make_coding(scheme, studies, codes)
    m = evidence_matrix(coding, columns="who")
    assert m.unplaced == ["2"] and m.counts.sum() == 1
    assert evidence_matrix(coding, columns="who", filters={"who": "g"}).unplaced == []
    for draw in (draw_gap_map, draw_heatmap):
        title = draw(coding, columns="who").axes[0].get_title(loc="left")
        assert title.endswith("\n(1 study coded under no harm, not shown)"), title
    assert "not shown" not in draw_gap_map(evidence_matrix(coding, columns="who", filters={"who": "g"})).axes[0].get_title(loc="left")


def test_no_stage_colour_reads_as_the_grey_of_studies_not_coded():
    """The eighth stage was drawn in a grey (#999999) close to the "Not coded" bar's (#bbbbbb): a review with eight
    groups of codes could not tell its last group from the studies nobody coded (c2's walk)."""
    from matplotlib.colors import rgb_to_hsv, to_rgb

    from synthesis.maps.figure import NOT_CODED_COLOUR, STAGE_COLOURS

    _, _, grey = rgb_to_hsv(to_rgb(NOT_CODED_COLOUR))
    for colour in STAGE_COLOURS:  # a hue of its own, or far lighter or darker than the grey
        _, saturation, value = rgb_to_hsv(to_rgb(colour))
        assert saturation > 0.3 or abs(value - grey) > 0.3, colour


def test_a_map_by_year_keeps_the_years_without_a_study(small):
    """Studies of 2019 and 2021: a gap map or heatmap across the years has a column for 2020, empty. The bar
    chart filled the gap in already; the maps put 2019 beside 2021 and hid the one gap a map of years shows."""
    m = evidence_matrix(small, columns="year")
    assert m.column_labels == ["2019", "2020", "2021", NOT_CODED]
    assert m.counts[:, m.column_labels.index("2020")].sum() == 0
    assert m.counts[:, m.column_labels.index("2019")].sum() > 0


def test_a_dimension_nobody_coded_yet_says_so_in_the_notebook(seed, tmp_path):
    """Half-way through coding, ``draw_study_counts`` on a dimension nobody coded returned None: the notebook
    cell showed nothing at all, no chart and no sentence. Now the figure says what is missing and which
    values the dimension waits for; the build and ``draw_all_charts`` still write no file for it."""
    from synthesis.maps.charts import draw_all_charts

    fig = draw_study_counts(seed, "evidence_type")
    ax = fig.axes[0]
    assert fig.nothing_coded and ax.get_title(loc="left") == "Included studies by evidence type (n = 49)"
    said = " ".join(t.get_text() for t in ax.texts).replace("\n", " ")
    assert "coded for evidence type yet: all 49 are \u201cNot coded\u201d" in said
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"  # what a notebook cell shows
    scheme = parse_scheme("dimension f: F\n  levels: a > b\n  a x: X\n    b y: Y\n"
                          "dimension who: Who\n  value kids: Children\n  value old: Older adults\n")
    coding = make_coding(scheme, pd.DataFrame({"study_id": ["1", "2"]}),
                         pd.DataFrame({"study_id": ["1", "2"], "code": ["x.y", "x"]}))
    said = " ".join(t.get_text() for t in draw_study_counts(coding, "who").axes[0].texts).replace("\n", " ")
    assert "all 2 are" in said and "Its values: Children, Older adults." in said
    written = draw_all_charts(coding, tmp_path, formats=["svg"])
    assert written["who"] == [] and written["a"] and not list(tmp_path.glob("studies_by_who*"))


def _weighted_network(weights: dict):
    """A co-occurrence graph of six constructs with the given links (pair -> studies shared)."""
    g = nx.Graph(level="construct", grouped_by="stage")
    g.add_nodes_from((k, {"label": k.upper(), "group": "s", "studies": 40}) for k in "abcdef")
    for (a, b), w in weights.items():
        g.add_edge(a, b, weight=w, studies="; ".join(str(i) for i in range(w)))
    return g


def _edge_lines(fig):
    from matplotlib.collections import LineCollection

    (lines,) = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    return lines


def test_strong_links_stand_out_of_many_weak_ones():
    """274 links of 24 constructs (the wildfire review coded by keywords) were drawn in one grey at one alpha:
    a grey mass where a link of 60 studies looked like a link of one. Now a link is as dark as its number of
    studies and the strongest lie on top; none is left out."""
    weights = {(a, b): 1 for a, b in combinations("abcdef", 2)}
    weights[("a", "d")] = 30
    weights[("b", "e")] = 10
    lines = _edge_lines(draw_network(_weighted_network(weights)))
    alpha = [rgba[3] for rgba in lines.get_colors()]
    assert len(alpha) == 15 and len(lines.get_segments()) == 15
    assert alpha[-1] > alpha[-2] > alpha[0] and alpha[0] < 0.2 and alpha[-1] > 0.9  # faint, darker, darkest
    assert lines.get_linewidths()[-1] > lines.get_linewidths()[0]


def test_min_studies_hides_weak_links_and_says_so():
    """An honest way to thin a dense network: only links of ``min_studies`` or more are drawn, and the figure
    says how many it does not draw (the graph keeps them all)."""
    weights = {(a, b): 1 for a, b in combinations("abcdef", 2)}
    weights[("a", "d")] = 30
    weights[("b", "e")] = 10
    g = _weighted_network(weights)
    fig = draw_network(g, min_studies=5)
    assert len(_edge_lines(fig).get_segments()) == 2 and g.number_of_edges() == 15
    title = fig.axes[0].get_title(loc="left").replace("\n", " ")
    assert "Only links shared by 5 studies or more are drawn: 13 of 15 links, of fewer studies, are not" in title
    assert "Only links" not in draw_network(g).axes[0].get_title(loc="left")
    with pytest.raises(ValueError, match="min_studies"):
        draw_network(g, min_studies=0)


def test_gap_map_says_what_is_not_coded_yet():
    """Half-way through coding the charts said "n = 53 coded, 3 more waiting", but the gap map and heatmap only
    hatched their empty cells as gaps: a cell a study not coded yet would fill read as a gap in the evidence."""
    scheme = parse_scheme("dimension f: F\n  levels: a > b\n  a x: X\n    b y: Y\n    b z: Z\n"
                          "dimension who: Who\n  value kids: Children\n")
    coding = make_coding(scheme, pd.DataFrame({"study_id": ["1"]}), pd.DataFrame({"study_id": ["1"], "code": ["x.y"]}))
    assert evidence_matrix(coding).waiting == 0
    assert "Not on the map yet" not in draw_gap_map(coding).axes[0].get_title(loc="left")
    coding.pending = {"to code": 2, "second coder": 0, "reconcile": 1}
    coding.__dict__.pop("_map_cache", None)
    assert evidence_matrix(coding).waiting == 3
    for fig in (draw_gap_map(coding), draw_heatmap(coding)):
        assert fig.axes[0].get_title(loc="left").endswith(
            "\nNot on the map yet: 3 included records wait to be coded or agreed; a gap may still fill")
