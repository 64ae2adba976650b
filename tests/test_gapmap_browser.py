"""The interactive gap map as a reviewer uses it, in headless Chromium: open, filter, search, click a cell,
read the studies, and check a hostile title is shown as text and runs nothing."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from synthesis.coding import load_scheme, load_study_codes, make_coding, parse_scheme
from synthesis.maps.html import write_html_map

pytestmark = pytest.mark.browser

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
    construct rec: Recruitment <b>now</b>
      challenge p: Reach patients
        stakeholder: patients
      challenge s: Reach staff
        stakeholder: staff
  stage b: Delivery
    construct sus: Sustain
      challenge y: Keep going
"""


def open_map(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    events = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["requests"].append(r.url))
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=10_000)
    return page, events


def cell(page, row_label, col_label):
    """The matrix cell at a row and column, found by their visible labels."""
    cols = page.locator("table.matrix thead th.col").all_inner_texts()
    j = [c.strip() for c in cols].index(col_label)
    row = page.locator("table.matrix tr.row", has=page.locator("th.rowlabel", has_text=row_label)).first
    return row.locator("td.cell").nth(j)


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory):
    scheme = load_scheme(EVIDENCE / "coding_scheme.txt")
    coding = load_study_codes(EVIDENCE / "study_codes.csv", scheme)
    return write_html_map(coding, tmp_path_factory.mktemp("seedmap") / "gap_map.html")


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory):
    scheme = parse_scheme(SCHEME)
    studies = pd.DataFrame({
        "study_id": ["1", "2", "3"],
        "title": ["Apps for all", HOSTILE, "Staff time"],
        "author": ["Ng, A.", "Roe, B.", "</script><script>alert(2)</script>"],
        "year": ["2019", "2021", "2021"],
        "country": ["UK; Canada", "USA", "UK"],
        "recommendations": ["Pay for travel", "<b>bold?</b>", ""],
    })
    codes = pd.DataFrame([("1", "fw", "a.rec.p"), ("1", "fw", "b.sus.y"), ("2", "fw", "a.rec.p"),
                          ("3", "fw", "a.rec.s")], columns=["study_id", "dimension", "code"])
    coding = make_coding(scheme, studies, codes)
    return write_html_map(coding, tmp_path_factory.mktemp("hostile") / "gap_map.html")


def test_seed_map_filter_and_click(browser, seed_map):
    page, events = open_map(browser, seed_map)
    assert page.locator("#count").inner_text() == "49 of 49 studies shown"
    assert page.locator("table.matrix tr.row").count() == 10
    assert [t.strip() for t in page.locator("table.matrix thead th.col").all_inner_texts()] == [
        "Patients", "Staff", "Developers", "All stakeholders"]
    assert cell(page, "Recruitment", "Patients").inner_text() == "5"
    assert "gap" in cell(page, "Recruitment", "All stakeholders").get_attribute("class")

    cell(page, "Recruitment", "Patients").click()
    assert page.locator("#studies h2").inner_text() == "Recruitment × Patients: 5 studies"
    listed = page.locator("#studies li.study").evaluate_all("els => els.map(e => e.dataset.study)")
    assert listed == ["37", "38", "39", "40", "41"]
    assert "Decide on idea(s) to take forward" in page.locator("#studies li.study").first.inner_text()

    page.select_option("#filter-stage", label="Discovery")
    assert page.locator("#count").inner_text() == "17 of 49 studies shown"
    assert page.locator("th.rowlabel", has_text="Recruitment").count() == 0  # outside the view, not a gap
    assert cell(page, "Surface and challenge existing assumptions", "Patients").inner_text() == "6"
    cell(page, "Set priorities, and limitations", "All stakeholders").click()
    listed = page.locator("#studies li.study").evaluate_all("els => els.map(e => e.dataset.study)")
    assert listed == ["19", "63", "64", "65"]

    page.select_option("#filter-stage", label="All")
    # construct x stage (or any level of the framework across the top) means nothing: not offered; nor are
    # fields nobody has coded (the worked example records no country, year or evidence type)
    offered = page.locator("#columns option").all_inner_texts()
    assert offered == ["Stakeholder group"]
    assert page.locator("#filter-country").count() == 0
    assert "Country, Year, Evidence type: not recorded" in page.locator("#filters-empty").inner_text()
    # a study known only by its number in the seed review is listed by its reference, never "(no title ...)"
    cell(page, "Recruitment", "Patients").click()
    assert "Reference (37) in Table 2 of the seed review" in page.locator("#studies").inner_text()
    assert "no title recorded" not in page.locator("body").inner_text()
    # the search finds what the filter finds: "Patients" is the stakeholder group of the studies' codes
    page.select_option("#filter-stakeholder", label="Patients")
    by_filter = page.locator("#count").inner_text()
    page.select_option("#filter-stakeholder", label="All")
    page.fill("#search", "Patients")
    # (a free-text search also finds the studies whose challenge text says "patients")
    by_search = page.locator("#count").inner_text()
    assert by_filter == "12 of 49 studies shown" and by_search == "16 of 49 studies shown"
    page.fill("#search", "")
    page.select_option("#filter-stakeholder", label="All stakeholders")
    by_filter = page.locator("#count").inner_text()
    page.select_option("#filter-stakeholder", label="All")
    page.fill("#search", "All stakeholders")
    assert page.locator("#count").inner_text() == by_filter == "24 of 49 studies shown"
    page.fill("#search", "")
    timing = page.evaluate("window.gapmapTiming")
    print(f"seed map: opened in {timing['openMs']:.1f} ms, last redraw {timing['lastRenderMs']:.1f} ms")
    assert not events["errors"] and not events["dialogs"]
    assert all(u.startswith("file:") for u in events["requests"])  # works offline: nothing fetched


def test_hostile_strings_show_as_text_and_run_nothing(browser, hostile_map):
    page, events = open_map(browser, hostile_map)
    page.select_option("#columns", label="Country")
    assert [t.strip() for t in page.locator("table.matrix thead th.col").all_inner_texts()] == [
        "Canada", "UK", "USA"]
    assert page.locator("th.rowlabel").first.inner_text() == "Recruitment <b>now</b>"
    cell(page, "Recruitment", "USA").click()
    item = page.locator("#studies li.study")
    assert item.count() == 1
    assert item.locator(".stitle").inner_text() == HOSTILE
    assert "<b>bold?</b>" in item.inner_text()
    cell(page, "Recruitment", "UK").click()
    assert "</script><script>alert(2)</script>" in page.locator("#studies").inner_text()
    assert page.locator("img").count() == 0 and page.locator("#studies b").count() == 0
    assert events["dialogs"] == [] and events["errors"] == []

    page.fill("#search", "onerror")
    assert page.locator("#count").inner_text() == "1 of 3 studies shown"
    assert cell(page, "Recruitment", "USA").inner_text() == "1"
    assert "gap" in cell(page, "Recruitment", "UK").get_attribute("class")
    page.fill("#search", "")
    page.select_option("#filter-stakeholder", label="Staff")
    assert page.locator("#count").inner_text() == "1 of 3 studies shown"
    assert cell(page, "Recruitment", "UK").inner_text() == "1"
    page.screenshot(path=str(Path(hostile_map).with_suffix(".png")))
    assert events["dialogs"] == []


def test_compressed_map_opens_and_lists_the_same(browser, tmp_path):
    """Large maps embed gzip+base64 data; the page inflates it with the browser's DecompressionStream."""
    scheme = load_scheme(EVIDENCE / "coding_scheme.txt")
    coding = load_study_codes(EVIDENCE / "study_codes.csv", scheme)
    path = write_html_map(coding, tmp_path / "packed.html", compress=True)
    assert 'data-encoding="gzip+base64"' in path.read_text(encoding="utf-8")
    page, events = open_map(browser, path)
    assert page.locator("#count").inner_text() == "49 of 49 studies shown"
    cell(page, "Steps towards implementation", "All stakeholders").click()
    listed = page.locator("#studies li.study").evaluate_all("els => els.map(e => e.dataset.study)")
    assert listed == ["28", "69", "76", "77", "78", "79", "80"]
    assert not events["errors"] and all(u.startswith("file:") for u in events["requests"])


def test_level_filter_hides_rows_and_columns_it_rules_out(browser, seed_map):
    page, _ = open_map(browser, seed_map)
    page.select_option("#filter-stage", label="Development")
    rows = [t.strip() for t in page.locator("th.rowlabel").all_inner_texts()]
    assert rows == ["Decide on idea(s) to take forward", "Steps towards implementation"]
    page.select_option("#rows", label="Challenge")
    rows = [t.strip() for t in page.locator("th.rowlabel").all_inner_texts()]
    assert rows == ["Accommodate diverse expectations of what ’success’ looks like",
                    "The cost and complexity of piloting digital interventions"]
    page.select_option("#rows", label="Construct")
    page.select_option("#filter-stage", label="All")
    page.select_option("#filter-challenge", index=1)  # a challenge under Set-up > Recruitment
    assert [t.strip() for t in page.locator("th.rowlabel").all_inner_texts()] == ["Recruitment"]
    assert page.locator("#count").inner_text() == "5 of 49 studies shown"


def test_study_list_does_not_cover_the_map_on_a_narrow_window(browser, seed_map):
    page = browser.new_page(viewport={"width": 520, "height": 900})
    page.goto(Path(seed_map).resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=10_000)
    cell(page, "Recruitment", "Patients").click()
    m = page.locator("#matrix").bounding_box()
    s = page.locator("#studies").bounding_box()
    overlap_x = min(m["x"] + m["width"], s["x"] + s["width"]) - max(m["x"], s["x"])
    overlap_y = min(m["y"] + m["height"], s["y"] + s["height"]) - max(m["y"], s["y"])
    assert overlap_x <= 0 or overlap_y <= 0, (m, s)
    assert s["y"] >= m["y"] + m["height"] - 1  # the list comes under the map
    assert page.evaluate("document.documentElement.scrollWidth") <= 520 + 1  # nothing pushed off the side
    page.screenshot(path=str(Path(seed_map).with_name("narrow.png")), full_page=True)


def test_long_unbroken_labels_stay_in_their_header_cells(browser, tmp_path):
    """A column label with a word longer than its header cell (markup-like text, a long compound or URL) ran
    out of its cell across the next column's label; and a row label's word across the first cells."""
    scheme = parse_scheme(
        "dimension stakeholder: Stakeholder group\n"
        '  value p: <script>alert("x")</script>&"quoted"\n'
        "  value q: Gesundheitsversorgungsforschungseinrichtungen\n"
        "  value r: https://example.org/a-very-long-address/with/no/spaces\n"
        "dimension fw: Framework\n  levels: stage > construct\n  stage a: Set-up\n"
        "    construct rec: Patientenbeteiligungsmöglichkeitenverbesserungsmaßnahmen\n      stakeholder: p\n"
        "    construct sus: Sustain\n      stakeholder: q\n")
    studies = pd.DataFrame({"study_id": ["1", "2"], "title": ["One", "Two"]})
    codes = pd.DataFrame([("1", "fw", "a.rec"), ("2", "fw", "a.sus")], columns=["study_id", "dimension", "code"])
    path = write_html_map(make_coding(scheme, studies, codes), tmp_path / "gap_map.html")
    page, events = open_map(browser, path)
    overflowing = page.evaluate("""() => [...document.querySelectorAll('table.matrix th.col, table.matrix th.rowlabel')]
        .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent)""")
    page.screenshot(path=str(tmp_path / "long_labels.png"))
    assert overflowing == []
    assert events["errors"] == [] and events["dialogs"] == []
    assert [u for u in events["requests"] if not u.startswith("file:")] == []


def test_a_cell_opens_from_the_keyboard_with_enter_or_space(browser, seed_map):
    """A cell with studies takes the focus and opened with Enter only: Space, which opens any button, scrolled
    the map and left the list showing the cell before; nor did a screen reader hear that the cell is a control."""
    page, events = open_map(browser, seed_map)
    first, second = cell(page, "Recruitment", "Patients"), cell(page, "Recruitment", "Staff")
    first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#studies h2").inner_text() == "Recruitment × Patients: 5 studies"
    second.focus()
    page.keyboard.press(" ")
    assert page.locator("#studies h2").inner_text().startswith("Recruitment × Staff:")
    assert "selected" in second.get_attribute("class") and "selected" not in first.get_attribute("class")
    assert first.get_attribute("role") == "button"
    assert cell(page, "Recruitment", "All stakeholders").get_attribute("role") is None  # a gap is no control
    assert not events["errors"]


def test_studies_coded_from_the_library_are_cited_as_table_2_cites_them(browser, tmp_path):
    """Two studies coded from the library by the same authors in the same year are "Smith et al. 2023a" and
    "2023b" in Table 2 and the networks; the map listed them as "Study g7f3a - Smith et al. (2023)" and "Study
    g1c2d - Smith et al. (2023)", by their duplicate groups' ids, so a reader could not tell which was which."""
    from synthesis.coding.table2 import table2_frame

    scheme = parse_scheme(SCHEME)
    ids = ["g7f3a", "g1c2d", "7"]
    studies = pd.DataFrame({"study_id": ids, "record_id": ["g7f3a", "g1c2d", ""], "author": ["Smith et al."] * 3,
                            "year": ["2023"] * 3, "title": ["First", "Second", "Own reference"]})
    codes = pd.DataFrame([(s, "fw", "a.rec.p") for s in ids], columns=["study_id", "dimension", "code"])
    coding = make_coding(scheme, studies, codes)
    page, events = open_map(browser, write_html_map(coding, tmp_path / "gap_map.html"))
    cell(page, "Recruitment", "Patients").click()
    listed = page.locator("#studies li.study .sid").all_inner_texts()
    assert sorted(listed) == ["Smith et al. 2023a", "Smith et al. 2023b", "Study 7 — Smith et al. (2023)"]
    in_table = table2_frame(coding)["Studies"].iloc[0]
    assert "Smith et al. 2023a" in in_table and "Smith et al. 2023b" in in_table
    page.fill("#search", "2023b")
    assert page.locator("#count").inner_text() == "1 of 3 studies shown"
    assert not events["errors"]


def test_a_study_in_no_row_is_counted_and_a_searched_out_cell_is_no_gap(browser, tmp_path):
    """c2's gambling-harms map: one of 13 studies is coded by who is harmed only (no harm domain). The page said
    '12 of 13 studies shown' with no word of the 13th, and a search for its title gave '0 of 13' as if it were not
    included; the cell open at the time then read 'No studies: a gap in the evidence', though it had studies and
    only the search had emptied it."""
    scheme = parse_scheme("dimension who: Who\n  value g: Gamblers\n  value c: Communities\n"
                          "dimension harms: Harms\n  levels: domain > harm\n  domain fin: Financial & money\n"
                          "    harm debt: Debt\n")
    studies = pd.DataFrame({"study_id": ["1", "2"], "title": ["Spouses and <b>debt</b>", "Conflating harm"]})
    codes = pd.DataFrame([("1", "harms", "fin.debt"), ("1", "who", "g"), ("2", "who", "c")],
                         columns=["study_id", "dimension", "code"])
    page, events = open_map(browser, write_html_map(make_coding(scheme, studies, codes), tmp_path / "gap_map.html"))
    assert page.locator("#count").inner_text() == "1 of 2 studies shown; 1 other is coded under no harm (in no row)"
    cell(page, "Debt", "Gamblers").click()
    assert page.locator("#studies li.study .stitle").all_inner_texts() == ["Spouses and <b>debt</b>"]
    page.fill("#search", "conflating")
    assert page.locator("#count").inner_text() == "0 of 2 studies shown; 1 other is coded under no harm (in no row)"
    assert page.locator("#studies p.hint").inner_text() == "No study here matches the search and filters."
    page.fill("#search", "")
    page.select_option("#filter-who", label="Gamblers")
    assert page.locator("#count").inner_text() == "1 of 2 studies shown"
    cell(page, "Debt", "Communities").click()
    assert page.locator("#studies p.hint").inner_text() == "No study here matches the search and filters."
    page.select_option("#filter-who", label="All")
    cell(page, "Debt", "Communities").click()
    assert page.locator("#studies p.hint").inner_text() == "No studies: a gap in the evidence."
    assert page.locator("table.matrix th.group").all_inner_texts() == ["Financial & money"]
    assert not events["errors"] and not events["dialogs"]


def test_a_value_with_nothing_under_it_is_named_once_in_the_row_filter(browser, tmp_path):
    """The row filter of c2's map offered "Cultural harm › Cultural harm": a harm domain with no harms under it is
    a row of its own, under a group of the same name."""
    scheme = parse_scheme("dimension harms: Harms\n  levels: domain > harm\n  domain fin: Financial\n"
                          "    harm debt: Debt\n  domain cul: Cultural harm\ndimension who: Who\n  value g: Gamblers\n")
    studies = pd.DataFrame({"study_id": ["1", "2"], "title": ["A", "B"]})
    codes = pd.DataFrame([("1", "harms", "fin"), ("1", "harms", "fin.debt"), ("2", "harms", "cul")],
                         columns=["study_id", "dimension", "code"])
    page, events = open_map(browser, write_html_map(make_coding(scheme, studies, codes), tmp_path / "gap_map.html"))
    options = page.locator("#filter-harm option").all_inner_texts()
    assert options[1:] == ["Financial \u203a Financial (as a whole)", "Financial \u203a Debt", "Cultural harm"]
    assert not events["errors"]


def test_a_clicked_study_shows_its_values_of_the_other_dimensions(browser, tmp_path):
    """w7's living map coded each study's population and measure beside its harms; a click on a cell listed the
    study's harms and country but neither its population nor its measure, so the reader could not see why a
    study sat in a column. Now every value the study was coded with is listed, under its dimension's label."""
    scheme = parse_scheme("dimension who: Population\n  value gen: General population\n  value ind: Indigenous people\n"
                          "dimension harms: Harms\n  levels: domain > harm\n  domain fin: Financial\n"
                          "    harm debt: Debt\ndimension measure: Measure\n  value q: Interviews\n  value s: Severity index\n")
    studies = pd.DataFrame({"study_id": ["1", "2"], "title": ["Debt in remote towns", "Debt nationally"],
                            "country": ["Australia", "Finland"]})
    codes = pd.DataFrame([("1", "harms", "fin.debt"), ("1", "who", "ind"), ("1", "measure", "q"),
                          ("2", "harms", "fin.debt"), ("2", "who", "gen"), ("2", "measure", "s")],
                         columns=["study_id", "dimension", "code"])
    page, events = open_map(browser, write_html_map(make_coding(scheme, studies, codes), tmp_path / "gap_map.html",
                                                    columns="who"))
    cell(page, "Debt", "Indigenous people").click()
    listed = page.locator("#studies li.study")
    assert listed.count() == 1
    terms = [t.strip() for t in listed.locator("dt").all_inner_texts()]
    values = [t.strip() for t in listed.locator("dd").all_inner_texts()]
    shown = dict(zip(terms, values))
    assert shown.get("Population") == "Indigenous people", shown
    assert shown.get("Measure") == "Interviews", shown
    assert shown.get("Country") == "Australia", shown
    assert not events["errors"]


def test_row_labels_keep_their_width_beside_many_columns(browser, tmp_path):
    """A wildfire review's map by year (20 columns) in a 900-pixel window: the columns kept their width and the
    row labels were squeezed to some 100 pixels, a 60-character construct five or six lines tall and every row
    with it; the matrix scrolls sideways instead (the labels stay, they are sticky)."""
    scheme = parse_scheme(
        "dimension fw: Framework\n  levels: stage > construct\n  stage h: Human health\n"
        "    construct r: Respiratory and cardiovascular outcomes of smoke exposure\n"
        "    construct m: Mortality burden and healthcare visits attributable to smoke\n")
    years = [str(y) for y in range(2005, 2025)]
    studies = pd.DataFrame({"study_id": [str(k) for k in range(20)], "title": [f"Study {k}" for k in range(20)],
                            "year": years})
    codes = pd.DataFrame([(str(k), "fw", "h.r" if k % 2 else "h.m") for k in range(20)],
                         columns=["study_id", "dimension", "code"])
    path = write_html_map(make_coding(scheme, studies, codes), tmp_path / "gap_map.html", columns="year")
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=10_000)
    assert len(page.locator("table.matrix thead th.col").all_inner_texts()) >= 20
    lines = page.evaluate("""() => [...document.querySelectorAll('table.matrix th.rowlabel')].map(th => {
        const s = getComputedStyle(th);
        const line = parseFloat(s.lineHeight) || 1.2 * parseFloat(s.fontSize);
        return Math.round((th.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / line); })""")
    page.screenshot(path=str(tmp_path / "many_columns.png"))
    assert lines and max(lines) <= 3, lines
    assert page.evaluate("document.documentElement.scrollWidth") <= 900 + 1  # the matrix scrolls, not the page
