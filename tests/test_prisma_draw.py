"""The drawn PRISMA diagrams, read back from their SVG: text as text, no overlaps, arrows to the right boxes."""
from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from synthesis.prisma import PrismaCounts, PrismaInputError, Style, draw, read_counts, write_outputs, write_seed_figure
from synthesis.prisma.draw import PAGE_SIZES, _Measure
from synthesis.prisma.layouts import TEMPLATES, labels_for

from test_prisma import SEED_COUNTS, consistent, consistent_2009

SVG = "{http://www.w3.org/2000/svg}"


def counts_for(template: str) -> PrismaCounts:
    if template == "prisma2009":
        return PrismaCounts(**consistent_2009())
    data = consistent()
    if not template.startswith("updated"):
        for k in ("previous_studies", "previous_reports", "total_studies", "total_reports"):
            data.pop(k)
        data["total_studies_ma"], data["total_reports_ma"] = 5, 6
    if not template.endswith("_other"):
        for k in list(data):
            if k.startswith(("website", "organisation", "citations", "other_")):
                data.pop(k)
        data["new_reports"] = 10  # the databases column alone: 36 assessed − 26 excluded
        data["total_reports"] = data.get("total_reports") and 24
        data["new_studies"] = 9
    return PrismaCounts(**{k: v for k, v in data.items() if v is not None})


class SvgDiagram:
    """What an SVG file shows: texts, box rectangles and arrow polylines, by the ids the drawing gives."""

    def __init__(self, text: str):
        self.root = ET.fromstring(text)
        self.groups = {g.get("id"): g for g in self.root.iter(f"{SVG}g") if g.get("id")}
        self.texts = [(t.text or "", g_id) for g_id, g in self.groups.items() for t in g.iter(f"{SVG}text")]

    @staticmethod
    def points(path_d: str) -> list[tuple[float, float]]:
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path_d)]
        return list(zip(nums[0::2], nums[1::2]))

    def rect(self, box_id: str) -> tuple[float, float, float, float]:
        pts = [p for path in self.groups[f"box-{box_id}"].iter(f"{SVG}path") for p in self.points(path.get("d"))]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    def box_ids(self) -> list[str]:
        return [g[4:] for g in self.groups if g.startswith("box-")]

    def arrow_points(self, src: str, dst: str) -> list[tuple[float, float]]:
        return [p for path in self.groups[f"arrow-{src}-{dst}"].iter(f"{SVG}path") for p in self.points(path.get("d"))]

    def arrow_ids(self) -> set[tuple[str, str]]:
        out = set()
        for g in self.groups:
            if g.startswith("arrow-"):
                for box in self.box_ids():
                    if g.startswith(f"arrow-{box}-") and g[len(f"arrow-{box}-"):] in self.box_ids():
                        out.add((box, g[len(f"arrow-{box}-"):]))
        return out

    def joined_text(self) -> str:
        return " ".join(t for t, _ in self.texts)


def on_edge(point, rect, tol=1.2) -> bool:
    x, y = point
    x0, y0, x1, y1 = rect
    inside_x, inside_y = x0 - tol <= x <= x1 + tol, y0 - tol <= y <= y1 + tol
    near_x = min(abs(x - x0), abs(x - x1)) <= tol
    near_y = min(abs(y - y0), abs(y - y1)) <= tol
    return (inside_x and near_y) or (inside_y and near_x)


EXPECTED_ARROWS = {
    "new_dbr": {("identified", "removed"), ("identified", "screened"), ("screened", "records_excluded"),
                ("screened", "sought"), ("sought", "notretrieved"), ("sought", "assessed"),
                ("assessed", "reports_excluded"), ("assessed", "included"), ("included", "meta_analysis")},
}
EXPECTED_ARROWS["new_dbr_other"] = EXPECTED_ARROWS["new_dbr"] | {
    ("other_identified", "other_sought"), ("other_sought", "other_notretrieved"), ("other_sought", "other_assessed"),
    ("other_assessed", "other_reports_excluded"), ("other_assessed", "included")}
EXPECTED_ARROWS["updated_dbr"] = (EXPECTED_ARROWS["new_dbr"] - {("included", "meta_analysis")}) | {
    ("previous", "total"), ("included", "total"), ("total", "meta_analysis")}
EXPECTED_ARROWS["updated_dbr_other"] = EXPECTED_ARROWS["updated_dbr"] | (
    EXPECTED_ARROWS["new_dbr_other"] - EXPECTED_ARROWS["new_dbr"])
EXPECTED_ARROWS["prisma2009"] = {
    ("identified", "after_duplicates"), ("other_identified", "after_duplicates"), ("after_duplicates", "screened"),
    ("screened", "records_excluded"), ("screened", "assessed"), ("assessed", "reports_excluded"),
    ("assessed", "included"), ("included", "meta_analysis")}


@pytest.fixture(scope="module", params=list(TEMPLATES))
def drawn(request):
    template = request.param
    counts = counts_for(template)
    diagram = draw(counts, template)
    svg = SvgDiagram(diagram.to_svg())
    yield template, counts, diagram, svg
    diagram.figure.clear()


def test_every_number_and_label_is_text(drawn):
    template, counts, diagram, svg = drawn
    assert diagram.report.ok, str(diagram.report)
    text = svg.joined_text()
    assert not any(g.startswith("DejaVuSans-") for g in svg.groups) and "<use" not in ET.tostring(svg.root, "unicode")
    shown = counts.completed()
    layout = TEMPLATES[template]
    labels = labels_for(template)
    for spec in layout.boxes:
        for line in spec.lines:
            if line.kind == "title":
                assert labels[line.key] in text, line.key
                continue
            value = getattr(shown, line.field)
            if value is None:
                continue
            if line.kind == "list":
                for name, n in value:
                    assert f"{name} (n = {n:,})" in text, (line.field, name)
            else:
                assert f"{labels[line.key]} (n = {value:,})" in text, line.field


def test_no_two_boxes_overlap_and_svg_matches_the_geometry(drawn):
    template, counts, diagram, svg = drawn
    assert set(svg.box_ids()) == set(diagram.boxes)
    for a, b in combinations(diagram.boxes.values(), 2):
        assert not a.overlaps(b), (a.id, b.id)
    for box in diagram.boxes.values():
        x0, y0, x1, y1 = svg.rect(box.id)
        assert (x0, y0, x1, y1) == pytest.approx((box.x, box.y, box.right, box.bottom), abs=0.01)
        assert 0 <= x0 and x1 <= diagram.width and 0 <= y0 and y1 <= diagram.height  # nothing off the page


def test_arrows_connect_the_right_boxes(drawn):
    template, counts, diagram, svg = drawn
    assert {(a.src, a.dst) for a in diagram.arrows} == EXPECTED_ARROWS[template]
    assert svg.arrow_ids() == EXPECTED_ARROWS[template]
    for a in diagram.arrows:
        src, dst = diagram.boxes[a.src], diagram.boxes[a.dst]
        start, end = a.points[0], a.points[-1]
        assert on_edge(start, (src.x, src.y, src.right, src.bottom), tol=0.01), a
        assert on_edge(end, (dst.x, dst.y, dst.right, dst.bottom), tol=0.01), a
        # the drawn SVG path starts on the source and its head touches the target
        pts = svg.arrow_points(a.src, a.dst)
        assert on_edge(pts[0], svg.rect(a.src))
        assert any(on_edge(p, svg.rect(a.dst)) for p in pts), a
    assert_no_arrow_crosses_a_box(diagram)


def assert_no_arrow_crosses_a_box(diagram):
    """No arrow runs through a box other than its own two."""
    for a in diagram.arrows:
        for other in diagram.boxes.values():
            if other.id in (a.src, a.dst) or other.kind == "phase":
                continue
            for (x1, y1), (x2, y2) in zip(a.points, a.points[1:]):
                seg = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
                crosses = seg[0] < other.right and other.x < seg[2] and seg[1] < other.bottom and other.y < seg[3]
                assert not crosses, (a, other.id)


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_arrows_go_round_a_tall_list_of_databases(template):
    """A box listing every database is much taller than the other-sources box beside it; in the 2009 layout
    the arrow from other sources used to join the flow halfway down its own box's gap, across the list."""
    counts = counts_for(template)
    total = counts.database_results
    names = ["MEDLINE (Ovid MEDLINE(R) ALL 1946 to November 2026)", "Embase Classic+Embase (Ovid)", "CINAHL (EBSCOhost)",
             "Web of Science Core Collection", "Scopus", "PsycINFO (Ovid)", "CENTRAL (Cochrane Library)"]
    per_db = [(name, total // len(names) + (i < total % len(names))) for i, name in enumerate(names)]
    tall = PrismaCounts(**{**counts.__dict__, "database_specific_results": per_db})
    diagram = draw(tall, template)
    assert diagram.boxes["identified"].h > 2 * diagram.boxes["other_identified"].h if "other_identified" in \
        diagram.boxes else True
    assert_no_arrow_crosses_a_box(diagram)
    diagram.figure.clear()


def test_text_stays_inside_its_box(drawn):
    template, counts, diagram, svg = drawn
    measure = _Measure(Style().font_family)
    for g_id, group in svg.groups.items():
        m = re.fullmatch(r"text-(.+)-(\d+)", g_id)
        if not m:
            continue
        box = diagram.boxes[m.group(1)]
        for t in group.iter(f"{SVG}text"):
            if t.get("x") is None:  # rotated stage labels are placed by a transform
                x, y = map(float, re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", t.get("transform")).groups())
            else:
                x, y = float(t.get("x")), float(t.get("y"))
            assert box.x <= x <= box.right and box.y <= y <= box.bottom, (g_id, t.text)
            if box.kind == "phase":
                continue
            width = measure.width(t.text, diagram.font_size, bold=box.kind == "header")
            anchor = "middle" if "text-anchor: middle" in t.get("style", "") else "start"
            left = x - width / 2 if anchor == "middle" else x
            assert box.x < left and left + width < box.right, (g_id, t.text)


def test_page_size_and_orientation():
    a4_w = (PAGE_SIZES["a4"][0] - 1) * 72
    d = draw(counts_for("new_dbr"), page="A4")
    assert d.width == pytest.approx(a4_w) and d.height <= (PAGE_SIZES["a4"][1] - 1) * 72
    d = draw(counts_for("new_dbr"), page="letter")
    assert d.width == pytest.approx((8.5 - 1) * 72)
    d = draw(counts_for("updated_dbr_other"))
    assert d.width == pytest.approx((PAGE_SIZES["a4"][1] - 1) * 72)  # landscape for the widest layout
    d = draw(counts_for("updated_dbr_other"), orientation="portrait")
    assert d.width == pytest.approx(a4_w)
    with pytest.raises(PrismaInputError, match="unknown page size 'A5'"):
        draw(counts_for("new_dbr"), page="A5")


def test_long_lists_and_labels_wrap_and_shrink_to_the_page():
    many = [(f"Database number {i} with a rather long descriptive name of its platform", 10) for i in range(40)]
    data = {**consistent(), "database_specific_results": many, "database_results": 400,
            "records_screened": 200, "records_excluded": 160, "records_excluded_reasons": None}
    data.pop("previous_studies"), data.pop("previous_reports"), data.pop("total_studies"), data.pop("total_reports")
    d = draw(PrismaCounts(**data), "new_dbr_other")
    assert d.height <= (PAGE_SIZES["a4"][1] - 1) * 72 + 0.01 or d.font_size == Style().min_font_size
    assert d.font_size < Style().font_size
    lines = d.boxes["identified"].lines
    assert len(lines) > 40  # the long names wrapped
    svg = SvgDiagram(d.to_svg())
    assert "Database number 39" in svg.joined_text()
    for a, b in combinations(d.boxes.values(), 2):
        assert not a.overlaps(b)


def test_a_database_named_in_arabic_reads_name_then_count():
    """A line's direction is that of its first letter: matplotlib drew "قاعدة بيانات المنهل (n = 29,166)" from the
    right, the count first and its brackets turned about (the PNG and PDF), while a browser showing the SVG put
    the count last; every line now reads left to right like the diagram, in every format alike."""
    names = [("Scopus", 200), ("قاعدة بيانات المنهل", 100), ("LILACS (BVS/Saúde)", 50)]
    data = {**consistent(), "database_specific_results": names}
    d = draw(PrismaCounts(**{k: v for k, v in data.items() if v is not None}), "updated_dbr_other")
    svg = SvgDiagram(d.to_svg())
    lines = [text for text, g in svg.texts if g.startswith("text-identified-")]
    arabic = [t for t in lines if "المنهل" in t]
    assert arabic == ["\u200eقاعدة بيانات المنهل (n = 100)"]
    assert "Scopus (n = 200)" in lines and "LILACS (BVS/Saúde) (n = 50)" in lines  # left-to-right lines as they were
    drawn = [t.get_text() for t in d.figure.findobj(lambda a: hasattr(a, "get_text") and "المنهل" in a.get_text())]
    assert drawn == arabic


def test_labels_colours_and_font_are_configurable():
    style = Style(font_family="DejaVu Serif", font_size=7, header_dbr="#123456")
    labels = {"records_screened": "Registros cribados", "header_dbr": "Identificación de nuevos estudios"}
    d = draw(counts_for("new_dbr"), labels=labels, style=style)
    text = d.to_svg()
    assert "Registros cribados (n = 150)" in text and "Identificación de nuevos estudios" in text
    assert "#123456" in text and "font-family: 'DejaVu Serif'" in text and "font-size: 7px" in text


def test_failing_counts_are_drawn_only_on_request_with_flags_and_no_invented_totals(tmp_path):
    data = {**counts_for("new_dbr").given(), "records_screened": 112}
    data.pop("database_results")  # only the per-database counts: their sum must not appear
    counts = PrismaCounts(**data)
    with pytest.raises(PrismaInputError, match="fail 1 check"):
        draw(counts, "new_dbr", path=tmp_path / "x.svg")
    assert not (tmp_path / "x.svg").exists()
    d = draw(counts, "new_dbr", allow_failing=True)
    svg = SvgDiagram(d.to_svg())
    text = svg.joined_text()
    assert "NOT A VALID PRISMA DIAGRAM" in text
    assert "Records screened (n = 112) [1]" in text
    assert "[1] records screened: identified 13 (registers 13)" in text
    assert "350" not in text  # 200 + 150 is never added up on a flagged draft
    style = ET.tostring(svg.groups["box-screened"], "unicode")
    assert "#c00000" in style
    assert "#c00000" not in ET.tostring(svg.groups["box-records_excluded"], "unicode")


def test_png_pdf_svg_outputs_and_dpi(tmp_path):
    from matplotlib.image import imread

    d = draw(counts_for("new_dbr"))
    png = d.save(tmp_path / "f.png", dpi=150)
    h, w = imread(png).shape[:2]
    assert abs(w - d.width / 72 * 150) < 1 and abs(h - d.height / 72 * 150) < 1  # matplotlib rounds down or to nearest
    assert d.save(tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    svg1 = d.save(tmp_path / "a.svg").read_bytes()
    svg2 = draw(counts_for("new_dbr")).save(tmp_path / "b.svg").read_bytes()
    assert svg1 == svg2  # deterministic: a rebuild changes nothing


def test_tiff_and_eps_for_journals_that_ask_for_them(tmp_path, capsys):
    """An author preparing a submission was asked for a 300 dpi TIFF or an EPS (BMJ, PLOS); the diagram was saved
    as SVG, PDF or PNG only ("save the diagram as .svg, .pdf or .png"). TIFF is RGB without an alpha channel,
    LZW-compressed and says its resolution; EPS is vector with the fonts embedded (Type 42)."""
    from PIL import Image

    from synthesis.cli import main

    d = draw(counts_for("new_dbr"))
    with Image.open(d.save(tmp_path / "f.tiff", dpi=300)) as image:
        assert image.format == "TIFF" and image.mode == "RGB" and image.info["compression"] == "tiff_lzw"
        assert image.info["dpi"] == (300, 300) and abs(image.size[0] - d.width / 72 * 300) < 1
    assert d.save(tmp_path / "f.tif").read_bytes()[:2] in (b"II", b"MM")
    eps = d.save(tmp_path / "f.eps").read_bytes()
    assert eps.startswith(b"%!PS-Adobe-3.0 EPSF-3.0") and b"/FontType 42" in eps and b"%%BoundingBox: 0 0" in eps
    write_outputs(counts_for("new_dbr"), tmp_path / "out", formats=())
    assert main(["prisma", str(tmp_path / "out" / "prisma_counts.json"), "-o", str(tmp_path / "c.tiff"),
                 "-o", str(tmp_path / "c.eps"), "--dpi", "300"]) == 0
    assert (tmp_path / "c.tiff").exists() and (tmp_path / "c.eps").exists()


def test_build_outputs_and_the_seed_figure(tmp_path):
    written = write_outputs(counts_for("updated_dbr_other"), tmp_path, formats=("svg",))
    names = sorted(p.name for p in written)
    assert names == ["prisma_checks.txt", "prisma_counts.csv", "prisma_counts.json", "prisma_flow.svg"]
    assert "0 errors" in (tmp_path / "prisma_checks.txt").read_text()
    seed = write_seed_figure(SEED_COUNTS, tmp_path, formats=("svg",))
    svg = SvgDiagram(Path(seed[-1]).read_text())
    text = svg.joined_text()
    for part in ("Records identified through database searching (n = 328)",
                 "Additional records identified through other sources (n = 35)",
                 "Records after duplicates removed (n = 112)", "Records screened (n = 112)",
                 "Records excluded (n = 44)", "Full-text articles assessed for eligibility (n = 68)",
                 "Full-text articles excluded, with reasons (n = 19)", "Key studies included in review (n = 49)",
                 "NOT A VALID PRISMA DIAGRAM", "the text states identified (all sources) 128"):
        assert part in text, part
    assert "stated:identified_total" not in text
    checks = (tmp_path / "prisma_seed_figure1_checks.txt").read_text()
    assert "1 errors, 1 warnings" in checks
    assert read_counts(SEED_COUNTS).records_screened == 112


def test_a_diagram_whose_counts_did_not_change_is_copied_not_drawn(tmp_path, monkeypatch):
    """The build keeps the diagrams it drew (``.synthesis-cache/prisma``): a rebuild whose counts did not change
    (a coding-only rebuild; the seed figure, every time) copies them. Same bytes as a drawing; other counts or
    other options are drawn again."""
    import synthesis.prisma.outputs as outputs

    counts, cache = counts_for("updated_dbr_other"), tmp_path / "cache"
    drawn = write_outputs(counts, tmp_path / "drawn", formats=("svg", "png"))
    write_outputs(counts, tmp_path / "first", formats=("svg", "png"), figures=cache)
    seed = write_seed_figure(SEED_COUNTS, tmp_path / "first", formats=("svg",), figures=cache)

    def no_drawing(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(outputs, "draw", no_drawing)
    copied = write_outputs(counts, tmp_path / "copied", formats=("svg", "png"), figures=cache)
    assert [p.read_bytes() for p in copied[-2:]] == [p.read_bytes() for p in drawn[-2:]]
    again = write_seed_figure(SEED_COUNTS, tmp_path / "copied", formats=("svg",), figures=cache)
    assert again[-1].read_bytes() == seed[-1].read_bytes()
    for changed in ({"counts": counts_for("new_dbr")}, {"counts": counts, "page": "letter"},
                    {"counts": counts, "dpi": 150}):
        options = {"formats": ("svg", "png"), "figures": cache, **changed}
        with pytest.raises(AssertionError, match="drawn again"):
            write_outputs(options.pop("counts"), tmp_path / "other", **options)


def test_an_unknown_label_key_is_named():
    with pytest.raises(PrismaInputError, match=r"labels: unknown box or field 'record_screened' \(did you mean 'records_screened'\?\)"):
        draw(counts_for("new_dbr"), labels={"record_screened": "Cribados"})


def test_counts_that_add_up_but_still_wait_for_decisions_are_drawn_as_a_draft():
    """Counts whose sums hold while pairs of records await a duplicate verdict looked like a final diagram (w22):
    drawn now with an amber banner saying what waits, the box not final marked, and a note saying how it may move.
    The same counts with nothing waiting draw no banner."""
    final = draw(counts_for("new_dbr"), "new_dbr")
    assert not final.waiting and "DRAFT" not in final.to_svg() and "draft-banner" not in final.to_svg()
    counts = counts_for("new_dbr")
    counts.pending = {"duplicates": 5}
    d = draw(counts, "new_dbr")  # no allow_failing needed: every sum holds
    assert d.report.ok and d.waiting == {"duplicates": 5} and "DRAFT" in repr(d)
    texts = {t.get_gid(): t.get_text() for t in d.figure.axes[0].texts}
    banner = " ".join(t for gid, t in texts.items() if gid.startswith("draft-banner-text"))
    assert banner == "DRAFT, NOT FINAL: 5 pairs of records await a duplicate verdict (see the notes below)"
    notes = " ".join(t for gid, t in texts.items() if gid.startswith("draft-note"))
    assert notes.startswith("[1] duplicates not final: 5 pairs of records may be duplicates")
    removed = [b for b in d.boxes.values() if any("Duplicate records removed" in line for line in b.lines)]
    assert len(removed) == 1 and removed[0].pending and not removed[0].flagged
    assert any(line.endswith("[1]") for line in removed[0].lines if "Duplicate" in line)
    assert not any(b.pending for b in d.boxes.values() if b is not removed[0])
    # translated, the banner keeps what waits
    es = draw(counts, "new_dbr", labels={"draft_title": "BORRADOR: {waiting}"})
    assert "BORRADOR: 5 pairs of records" in es.to_svg()


def test_a_prisma_2009_draft_marks_the_boxes_whose_numbers_will_change():
    """The PRISMA 2009 layout has no "duplicates" box: drawn as a draft while 5 pairs awaited a verdict, it had the
    amber banner and a note [1] that no box pointed to, and every box looked final. Its "records after duplicates
    removed" is the number those pairs change: that box is marked now, as the 2020 layout marks its duplicates."""
    counts = counts_for("prisma2009")
    counts.pending = {"duplicates": 5}
    d = draw(counts, "prisma2009")
    assert d.report.ok and d.waiting == {"duplicates": 5}
    marked = [b for b in d.boxes.values() if b.pending]
    assert [b.id for b in marked] == ["after_duplicates"] and not marked[0].flagged
    assert marked[0].lines == ["Records after duplicates removed (n = 220) [1]"]
    notes = " ".join(t.get_text() for t in d.figure.axes[0].texts if (t.get_gid() or "").startswith("draft-note"))
    assert notes.startswith("[1] duplicates not final: 5 pairs of records may be duplicates")
    from matplotlib.colors import to_hex

    edge = next(p for p in d.figure.axes[0].patches if p.get_gid() == "box-after_duplicates").get_edgecolor()
    assert to_hex(edge) == Style().draft  # amber, as the 2020 layout's box
    # records waiting at title/abstract and reports at full text mark the boxes 2009 names so, with their notes
    counts.pending = {"records_screened": 3, "dbr_assessed": 2, "duplicates": 5}
    d = draw(counts, "prisma2009", allow_failing=True)
    assert {b.id for b in d.boxes.values() if b.pending or b.flagged} >= {"after_duplicates", "screened", "assessed"}


@pytest.mark.parametrize("dpi", [100, 300])
def test_a_long_banner_stays_inside_its_box_as_printed(dpi):
    """The banner of a build mid-screening ("... 431 records await a title/abstract decision and 55 reports
    await a full-text decision") ran past both ends of its box in the PNG: bold text measured at 72 dpi is
    narrower than it prints."""
    data = {**counts_for("new_dbr").given(), "records_screened": 112}
    banner = ("NOT YET A VALID PRISMA DIAGRAM: screening in progress, 431 records await a title/abstract decision "
              "and 55 reports await a full-text decision (see the notes below)")
    d = draw(PrismaCounts(**data), "new_dbr", allow_failing=True, labels={"flag_title": banner})
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    d.figure.set_dpi(dpi)
    renderer = FigureCanvasAgg(d.figure).get_renderer()  # the renderer the PNG is printed with
    box = next(a for a in d.figure.axes[0].patches if a.get_gid() == "flag-banner").get_window_extent(renderer)
    texts = [t for t in d.figure.axes[0].texts if (t.get_gid() or "").startswith("flag-banner-text")]
    assert len(texts) >= 2 and " ".join(t.get_text() for t in texts) == banner
    for t in texts:
        extent = t.get_window_extent(renderer)
        assert box.x0 < extent.x0 and extent.x1 < box.x1, (t.get_text(), extent, box)


def _many_databases(n: int) -> PrismaCounts:
    dbs = [(f"Database number {i} with a longish name (Platform)", 1000 + 37 * i) for i in range(n)]
    total = sum(x for _, x in dbs)
    screened = total - total // 3
    return PrismaCounts(database_results=total, database_specific_results=dbs, duplicates=total // 3,
                        records_screened=screened, records_excluded=screened - 100, dbr_sought_reports=100,
                        dbr_notretrieved_reports=10, dbr_assessed=90, dbr_excluded=80,
                        dbr_excluded_reasons=[("Wrong population", 50), ("Wrong design", 30)],
                        new_studies=10, new_reports=10, total_studies=10, total_reports=10)


@pytest.mark.parametrize("dpi", [80, 110, 150, 300])
def test_every_line_stays_inside_its_box_in_a_png_of_any_dpi(dpi):
    """With 25-40 databases listed, a PNG saved at 80 or 150 dpi printed lines up to 10 pt past the right edge of
    their box ("(Platform" lost its ")"): the layout measured hinted text at 72 dpi, and hinted text is up to
    16 % wider at other pixel sizes. Measured and printed unhinted, a line is as wide at every dpi."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from synthesis.prisma.draw import SAVE_RC

    for n in (25, 40):
        d = draw(_many_databases(n), "new_dbr")
        d.figure.set_dpi(dpi)
        with matplotlib.rc_context(SAVE_RC):  # as Diagram.save prints a PNG
            renderer = FigureCanvasAgg(d.figure).get_renderer()
            ax = d.figure.axes[0]
            boxes = {p.get_gid(): p.get_window_extent(renderer) for p in ax.patches if p.get_gid()}
            texts = [t for t in ax.texts if (t.get_gid() or "").startswith("text-identified-")]
            assert len(texts) > n
            for t in texts:
                extent, box = t.get_window_extent(renderer), boxes["box-identified"]
                assert box.x0 < extent.x0 and extent.x1 < box.x1, (n, t.get_text(), extent.x1 - box.x1)
        d.figure.clear()


def test_a_diagram_taller_than_its_page_says_so_and_what_to_do():
    """150 databases, one a line, make a diagram half as tall again as an A4 page even at the smallest font; it
    was drawn so without a word."""
    from synthesis.prisma.counts import PrismaWarning

    with pytest.warns(PrismaWarning, match=r"the new_dbr diagram is \d+ pt tall at the smallest font \(5\.5 pt\), "
                                           r"taller than the A4 page \(770 pt inside the margins\); its "
                                           r"database_specific_results lists 150 names, one a line"):
        d = draw(_many_databases(150), "new_dbr", page="A4")
    assert d.height > 770 and d.font_size == 5.5
    d.figure.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error", PrismaWarning)
        draw(_many_databases(40), "new_dbr", page="A4").figure.clear()  # fits, with smaller type


def test_an_svg_names_a_sans_serif_fallback_for_viewers_without_its_font():
    """An SVG keeps its text as text, set in the fonts it names; it named DejaVu Sans alone, so a browser or
    a journal's system without it (most Windows and macOS computers) set the diagram in its default serif."""
    svg = draw(counts_for("new_dbr")).to_svg()
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families and all(f.startswith("'DejaVu Sans', ") and f.endswith(", sans-serif") for f in families), families


@pytest.mark.parametrize("template", ["new_dbr", "new_dbr_other", "updated_dbr", "updated_dbr_other"])
def test_the_column_headers_are_the_statements_own_for_new_and_updated_reviews(template):
    """A first review's diagram read "Identification of new studies via databases and registers", the updated
    review's heading; PRISMA 2020's forms for new reviews say "Identification of studies via databases and
    registers" (and "... via other methods"), as a journal's reviewer will hold them against it."""
    text = SvgDiagram(draw(counts_for(template), template).to_svg()).joined_text()
    new = "" if template.startswith("new") else "new "
    assert f"Identification of {new}studies via databases and registers" in text
    assert ("Identification of studies via" in text) == template.startswith("new")
    assert (f"Identification of {new}studies via other methods" in text) == template.endswith("_other")


@pytest.mark.parametrize("template", ["new_dbr", "updated_dbr"])
def test_a_long_database_name_and_reason_keep_their_later_lines_inside_the_box(template):
    """An update's diagram with a long database name and a long exclusion reason: in the updated layout's narrower
    boxes, the second and third lines of "ProQuest Dissertations & Theses Global (ProQuest, via the university
    library)" ran into the box's right edge ("university|"), as did "...community at the time of the study|". A
    name's later lines hang deeper than its first and were wrapped to the first line's width. Every line now
    keeps the box's inner margin on the right, as printed in the SVG."""
    name = "ProQuest Dissertations & Theses Global (ProQuest, via the university library)"
    reason = "Wrong population: participants were not adults living in the community at the time of the study"
    counts = PrismaCounts(database_results=95455, database_specific_results=[(name, 23456), ("MEDLINE", 71999)],
                          duplicates=47242, records_screened=48213, records_excluded=47000, dbr_sought_reports=1213,
                          dbr_notretrieved_reports=0, dbr_assessed=1213, dbr_excluded=1080,
                          dbr_excluded_reasons=[(reason, 600), ("No comparison group", 480)],
                          new_studies=113, new_reports=133)
    if template == "updated_dbr":
        counts.previous_studies, counts.previous_reports, counts.total_studies, counts.total_reports = (
            10234, 11876, 10347, 12009)
    diagram = draw(counts, template)
    svg = SvgDiagram(diagram.to_svg())
    measure = _Measure(Style().font_family)
    margin = 0.55 * diagram.font_size / 2  # half the box's inner padding, at least, stays free on the right
    checked = []
    for g_id, group in svg.groups.items():
        m = re.fullmatch(r"text-(identified|reports_excluded)-(\d+)", g_id)
        if not m:
            continue
        box = diagram.boxes[m.group(1)]
        for t in group.iter(f"{SVG}text"):
            right = float(t.get("x")) + measure.width(t.text, diagram.font_size)
            assert right < box.right - margin, (template, t.text, right - box.right)
            checked.append(t.text)
    shown = " ".join(checked)
    assert "(n = 23,456)" in shown and "(n = 600)" in shown and "university" in shown and "study" in shown
    diagram.figure.clear()


def _lines_inside_their_boxes(diagram) -> int:
    """Every line of a box's text ends inside its box, as printed in the SVG; the number of lines checked."""
    svg = SvgDiagram(diagram.to_svg())
    measure = _Measure(Style().font_family)
    checked = 0
    for g_id, group in svg.groups.items():
        m = re.fullmatch(r"text-(.+)-(\d+)", g_id)
        if not m or diagram.boxes[m.group(1)].kind == "phase":
            continue
        box = diagram.boxes[m.group(1)]
        for t in group.iter(f"{SVG}text"):
            width = measure.width(t.text, diagram.font_size, bold=box.kind == "header")
            left = float(t.get("x")) - (width / 2 if "text-anchor: middle" in t.get("style", "") else 0)
            assert box.x < left and left + width < box.right, (g_id, t.text)
            checked += 1
    return checked


def test_a_diagram_for_one_journal_column_keeps_its_text_size():
    """The diagram was laid out for the page's width only (18.5 cm on A4, 8 pt text): squeezed into one journal
    column (8.5 cm) its text printed at about 3.7 pt. ``width_cm`` lays it out for the column: the text keeps
    its size and wraps to the narrower boxes, inside them."""
    page = draw(counts_for("new_dbr"))
    column = draw(counts_for("new_dbr"), width_cm=8.5)
    assert column.width == pytest.approx(8.5 / 2.54 * 72) and column.font_size == page.font_size == 8
    assert column.height > page.height and column.height <= (PAGE_SIZES["a4"][1] - 1) * 72
    assert _lines_inside_their_boxes(column) > _lines_inside_their_boxes(page)
    assert draw(counts_for("prisma2009"), width_cm=8.5).font_size == 8
    with pytest.raises(PrismaInputError, match=r"width_cm=30: give a width up to the A4 page's 18.5 cm"):
        draw(counts_for("new_dbr"), width_cm=30)


def test_a_layout_too_wide_for_the_width_asked_is_refused_with_the_width_it_needs():
    """An update's diagram, or one with other methods, has three to five columns of boxes: at one column's width a
    word such as an exclusion reason's "co-production" ran past its box's edge, unsaid. It is refused, naming the
    word, the width from which it fits, and the full width PRISMA 2020's template is drawn at."""
    counts = counts_for("updated_dbr")
    counts.dbr_excluded_reasons = [("Not about co-production or co-design", 20), ("Other", counts.dbr_excluded - 20)]
    with pytest.raises(PrismaInputError) as caught:
        draw(counts, "updated_dbr", width_cm=8.5)
    message = str(caught.value)
    assert message.startswith("the updated_dbr diagram does not fit 8.5 cm: its 3 columns of boxes leave too little "
                              "room, and ")
    fits = float(re.search(r"it fits from ([\d.]+) cm", message).group(1))
    assert "draw it at the page's width (PRISMA 2020's template is a full-width figure" in message
    assert _lines_inside_their_boxes(draw(counts, "updated_dbr", width_cm=fits)) > 0
    with pytest.raises(PrismaInputError, match="does not fit"):
        draw(counts, "updated_dbr", width_cm=fits - 0.5)
    with pytest.raises(PrismaInputError, match="updated_dbr_other diagram does not fit 8.5 cm"):
        draw(counts_for("updated_dbr_other"), width_cm=8.5)
