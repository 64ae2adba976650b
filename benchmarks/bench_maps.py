"""Evidence maps at scale: 10,000 coded studies over 50 constructs.

Run from the project root::

    .venv/bin/python benchmarks/bench_maps.py                 # 10,000 studies, 50 constructs
    .venv/bin/python benchmarks/bench_maps.py --studies 2000 --no-browser

Measures, on a synthetic coding (5 stages x 10 constructs x 2 challenges with a stakeholder group each;
1-4 codes per study; country, year, evidence type, title, overview and recommendations per study):

- checking the coding (:func:`synthesis.coding.make_coding`);
- each static figure (gap map and heatmap with countries as columns, the five charts, both networks) as
  SVG + PDF + PNG, and their total; targets: under 5 s for the static figures;
- the size of the interactive HTML gap map; target: under 5 MB;
- in headless Chromium (Debian's /usr/bin/chromium via Playwright): opening the page (navigation to the
  first drawn matrix, and to the studies' text read so search and cell lists work), changing a filter, typing a search, switching columns, and clicking a cell, each the
  median of 5 runs, timed inside the page around the synchronous redraw; target: under 200 ms.

With ``--coding`` it measures the coding instead (issue 16):

- the coding widget in JupyterLab + headless Chromium, 2,000 studies and a 200-code scheme: from the key
  press that saves a study (Enter, one code chosen with Space before) to the next study in the page (the
  log's append + fsync, the kernel round trip and the redraw included); target: under 100 ms;
- a rebuild of the map after one more study is coded in a 10,000-study project: the build's coding step
  (CSV import + coders' logs read, checked and combined, queue and agreement written) and then every map
  (Table 2, figures, networks, HTML), as ``synthesis.build.steps.build_maps`` runs them; target: under 5 s.

    .venv/bin/python benchmarks/bench_maps.py --coding [--presses 100] [--no-browser]

No peer is run: the evidence-gap-map tools we know (EPPI-Mapper, the Campbell/3ie map software) are web
services, not installable programs that take the same input.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# SYNTHESIS_SRC: run the same measurements against another copy of the code (an earlier commit, for before/after)
sys.path.insert(0, os.environ.get("SYNTHESIS_SRC") or str(ROOT / "src"))

from synthesis.coding import make_coding, parse_scheme  # noqa: E402
from synthesis.maps.charts import CHARTS, draw_study_counts  # noqa: E402
from synthesis.maps.figure import plt  # noqa: E402
from synthesis.maps.gapmap import draw_gap_map, draw_heatmap  # noqa: E402
from synthesis.maps.html import write_html_map  # noqa: E402
from synthesis.maps.network import construct_network, draw_network, study_construct_graph  # noqa: E402

STAKEHOLDERS = ["patients", "staff", "developers", "all"]
COUNTRIES = ["USA", "Canada", "UK", "Netherlands", "Australia", "Malaysia", "Germany", "Sweden", "Norway",
             "Denmark", "France", "Spain", "Italy", "Ireland", "New Zealand", "India", "Brazil", "Kenya",
             "South Africa", "Japan", "China", "Singapore", "Chile", "Mexico", "Nigeria", "Ghana", "Uganda",
             "Portugal", "Belgium", "Switzerland"]
TYPES = ["Primary research", "Review", "Guidance", "Commentary", "White paper"]
WORDS = ("digital health co-production patients staff developers inclusive design equity access trust "
         "training prototype implementation evaluation community engagement barriers literacy mobile app "
         "telehealth pilot feasibility sustainability funding workflow").split()


def make_scheme(n_constructs: int = 50) -> str:
    lines = ["title: Synthetic framework for the maps benchmark", "dimension stakeholder: Stakeholder group"]
    lines += [f"  value {s}: {s.capitalize()}" for s in STAKEHOLDERS]
    lines += ["dimension framework: Framework", "  levels: stage > construct > challenge"]
    per_stage = max(1, n_constructs // 5)
    k = 0
    for st in range(5):
        lines.append(f"  stage s{st}: Stage {st + 1}")
        for _ in range(per_stage):
            lines.append(f"    construct c{k}: Construct {k + 1} on {WORDS[k % len(WORDS)]} and {WORDS[(3 * k) % len(WORDS)]}")
            for ch in range(2):
                lines.append(f"      challenge h{ch}: Challenge {ch + 1} of construct {k + 1}")
                lines.append(f"        stakeholder: {STAKEHOLDERS[(k + ch) % 4]}")
                lines.append(f"        approaches: Approach text for construct {k + 1}, challenge {ch + 1}")
            k += 1
    return "\n".join(lines) + "\n"


def make_study_tables(n_studies: int, scheme, seed: int = 1):
    rng = np.random.default_rng(seed)
    leaves = [n.path for n in scheme.nodes("framework", "challenge")]
    def text(n):
        return " ".join(rng.choice(WORDS, n))
    studies, codes = [], []
    for i in range(1, n_studies + 1):
        sid = str(i)
        studies.append({
            "study_id": sid, "author": f"Author{i % 977}, A. et al.", "year": str(int(rng.integers(2000, 2026))),
            "title": text(12).capitalize(),
            "country": "; ".join(rng.choice(COUNTRIES, int(rng.integers(1, 3)), replace=False)),
            "evidence_type": str(rng.choice(TYPES)),
            "programme_overview": text(10), "recommendations": text(12), "nature_of_evidence": text(3),
        })
        for path in rng.choice(leaves, int(rng.integers(1, 5)), replace=False):
            codes.append((sid, "framework", str(path)))
    return pd.DataFrame(studies), pd.DataFrame(codes, columns=["study_id", "dimension", "code"])


CPU = {}


def timed(fn, *a, **kw):
    """Run fn; return (result, wall seconds). The CPU seconds of the call are kept in CPU[fn name]."""
    t, c = time.perf_counter(), time.process_time()
    out = fn(*a, **kw)
    CPU[getattr(fn, "__name__", str(fn))] = time.process_time() - c
    return out, time.perf_counter() - t


def browser_timings(path: Path, runs: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    results = {k: [] for k in ("open (navigation to matrix drawn)", "open (navigation to all loaded)",
                               "open (script: parse + first draw)",
                               "filter (stage)", "filter (country)", "search", "switch columns", "click a cell")}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium",
                               args=["--headless", "--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            page = b.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-ready='1']")
            t = page.evaluate("window.gapmapTiming")
            results["open (navigation to matrix drawn)"].append(t["sinceNavigationFirstDrawMs"])
            results["open (navigation to all loaded)"].append(t["sinceNavigationMs"])
            results["open (script: parse + first draw)"].append(t["firstDrawMs"])
            # each action: change the control, let the page redraw synchronously, read the clock
            act = """([sel, value]) => { const t = performance.now(); const e = document.querySelector(sel);
                     e.value = value; e.dispatchEvent(new Event(e.tagName === 'INPUT' ? 'input' : 'change'));
                     return performance.now() - t; }"""
            results["filter (stage)"].append(page.evaluate(act, ["#filter-stage", "2"]))
            results["filter (country)"].append(page.evaluate(act, ["#filter-country", "3"]))
            page.evaluate(act, ["#filter-stage", "-1"])
            page.evaluate(act, ["#filter-country", "-1"])
            results["search"].append(page.evaluate(act, ["#search", "telehealth pilot"]))
            page.evaluate(act, ["#search", ""])
            results["switch columns"].append(page.evaluate(act, ["#columns", "5"]))
            results["click a cell"].append(page.evaluate(
                """() => { const td = document.querySelector('td.cell:not(.gap)'); const t = performance.now();
                           td.click(); return performance.now() - t; }"""))
            page.close()
        b.close()
    return {k: statistics.median(v) for k, v in results.items()}


def coding_scheme_text(n_codes: int = 200) -> str:
    """A scheme with ``n_codes`` values: 4 stakeholder groups, 5 stages, constructs with 2 challenges each."""
    constructs = max(5, 5 * round((n_codes - 4 - 5) / 15))
    return make_scheme(constructs)


def coding_widget_latency(n_studies: int, n_codes: int, presses: int, work: Path) -> list:
    """Key press (Enter, saving one study) -> next study in the DOM, ms, in JupyterLab + headless Chromium."""
    from _lab import notebook_page, write_notebook

    project = work / "review"
    (project / "evidence").mkdir(parents=True)
    (project / "output").mkdir()
    (project / "notebooks").mkdir()
    text = coding_scheme_text(n_codes)
    (project / "evidence" / "coding_scheme.txt").write_text(text, encoding="utf-8")
    scheme = parse_scheme(text)
    n_values = sum(1 for d in scheme.dimensions.values() for _ in d.walk())
    rng = np.random.default_rng(3)
    queue = pd.DataFrame({"study_id": [f"g{i:06d}" for i in range(n_studies)],
                          "title": [" ".join(rng.choice(WORDS, 12)).capitalize() for _ in range(n_studies)],
                          "authors": "Smith, J.; Lee, K.", "year": "2024", "journal": "J Bench",
                          "abstract": [" ".join(rng.choice(WORDS, 180)) for _ in range(n_studies)],
                          "source": "library", "state": "to code"})
    queue.to_csv(project / "output" / "coding_queue.csv", index=False)
    write_notebook(project / "notebooks" / "code.ipynb", "from synthesis.coding.widget import open_coding\n"
                                                         "w = open_coding('..', 'Bench')\nw")
    timer = """async (n) => {
      const root = document.querySelector('.syc-code'), filter = root.querySelector('.syc-filter');
      const key = (k) => filter.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      const out = [];
      for (let i = 0; i < n; i++) {
        const before = root.dataset.study;
        for (let d = 0; d < i % 7; d++) key('ArrowDown');
        key(' ');
        const t0 = performance.now();
        const changed = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (root.dataset.study !== before) { obs.disconnect(); resolve(); }
          });
          obs.observe(root, { attributes: true, attributeFilter: ['data-study'] });
        });
        key('Enter');
        await changed;
        out.push(performance.now() - t0);
      }
      return out;
    }"""
    with notebook_page(project, "notebooks/code.ipynb", work) as page:
        page.wait_for_selector(".syc-code[data-study]")
        page.locator(".syc-filter").click()
        times = page.evaluate(timer, presses)
    logged = (project / "evidence" / "coding" / "bench.jsonl").read_text().count("\n")
    if logged != presses:
        raise SystemExit(f"browser run logged {logged} studies for {presses} saves")
    print(f"coding widget: {n_studies:,} studies, a scheme of {n_values} values; {presses} saves")
    return times


def rebuild_after_one_study(n_studies: int, work: Path) -> dict:
    """Wall and CPU seconds of the build's coding-and-maps step after one more study is coded in a log.

    The project is built once first (as it was before the study was coded: that build fills the figure
    cache, ``.synthesis-cache/maps``); then one study is coded and the step runs again, as ``synthesis build``
    runs it: the coding step (CSV import + coders' logs read, checked, combined; queue and agreement
    written), then every map (Table 2, figures, networks, HTML) into a fresh folder.
    """
    from types import SimpleNamespace

    from synthesis.build.steps import build_maps as build_step
    from synthesis.coding.log import CodingLog

    ev = work / "evidence"
    ev.mkdir(parents=True)
    text = make_scheme(50)
    (ev / "coding_scheme.txt").write_text(text, encoding="utf-8")
    scheme = parse_scheme(text)
    studies, codes = make_study_tables(n_studies, scheme)
    studies["status"] = "included"
    studies.to_csv(ev / "studies.csv", index=False)
    codes.to_csv(ev / "study_codes.csv", index=False)
    project = SimpleNamespace(evidence=ev, root=work)
    settings = SimpleNamespace(gap_map_columns="stakeholder")
    res = {}

    def step(label, out):
        out.mkdir()
        notes = []
        t, c = time.perf_counter(), time.process_time()
        coding, notes = build_step(project, settings, None, out=out)
        res[label] = (time.perf_counter() - t, time.process_time() - c)
        return coding, notes

    step("first build (the cache filled)", work / "output-1")
    CodingLog(ev / "coding", "Alice").record("new-1", [{"code": "s0.c0.h0", "quote": "q", "page": "2"}],
                                             {"country": "UK", "year": "2026"})
    coding, notes = step("after one more study: coding step + every map", work / "output-2")
    assert len(coding.included) == n_studies + 1
    # a build in which the coding did not change (a new search round, a screening decision): every figure copied
    step("nothing coded since: coding step + every map", work / "output-4")
    for n in notes:
        print(f"  build note: {n}")
    from synthesis.coding.project import build_coding
    from synthesis.maps.html import write_html_map

    (work / "output-3").mkdir()
    t, c = time.perf_counter(), time.process_time()
    coding, _ = build_coding(ev, work / "output-3")
    res["  of which the coding step"] = (time.perf_counter() - t, time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    write_html_map(coding, work / "output-3" / "gap_map.html")
    res["  of which the interactive HTML map"] = (time.perf_counter() - t, time.process_time() - c)
    drawn = sorted({p.stem for p in (work / "output-2" / "maps").glob("*.svg")})
    print(f"  figures in the rebuild: {', '.join(drawn)}")
    return res


def main_coding(args) -> int:
    import os
    import shutil

    print(f"machine load average (1/5/15 min): {' / '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores (shared)")
    work = ROOT / "benchmarks" / "_work" / "coding"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    res = rebuild_after_one_study(args.studies, work / "rebuild")
    print(f"rebuild after one new study is coded, {args.studies:,} studies (wall / CPU seconds):")
    for name, (t, c) in res.items():
        print(f"  {name:<62} {t:6.2f} s / {c:6.2f} s")
    print(f"  (load average after: {' / '.join(f'{x:.1f}' for x in os.getloadavg())})")
    if not args.no_browser:
        times = coding_widget_latency(2000, 200, args.presses, work / "widget")
        srt = sorted(times)
        p95 = srt[min(len(srt) - 1, int(round(0.95 * (len(srt) - 1))))]
        print(f"  key press (Enter) -> next study in the DOM: median {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {max(times):.1f} ms (target < 100 ms)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--studies", type=int, default=10_000)
    ap.add_argument("--constructs", type=int, default=50)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--keep", default=None, help="folder to keep the outputs in")
    ap.add_argument("--coding", action="store_true", help="measure the coding widget and the rebuild instead")
    ap.add_argument("--presses", type=int, default=100, help="saves timed in the coding widget")
    args = ap.parse_args(argv)
    if args.coding:
        return main_coding(args)

    scheme = parse_scheme(make_scheme(args.constructs), source="synthetic scheme")
    studies, codes = make_study_tables(args.studies, scheme)
    coding, t_check = timed(make_coding, scheme, studies, codes)
    print(f"{args.studies:,} studies, {len(scheme.nodes('framework', 'construct'))} constructs, "
          f"{len(codes):,} codes; checking the coding: {t_check:.2f} s")
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_maps_"))
    out.mkdir(parents=True, exist_ok=True)

    rows = []
    def fig_step(name, fn, *a, **kw):
        fig, t = timed(fn, *a, **kw)
        if fig is not None:
            plt.close(fig)
        rows.append((name, t, CPU[fn.__name__]))

    fig_step("gap map (constructs x country)", draw_gap_map, coding, columns="country", path=out / "gap_map")
    fig_step("heatmap (constructs x country)", draw_heatmap, coding, columns="country", path=out / "heatmap")
    for by in CHARTS:
        fig_step(f"chart: studies by {by}", draw_study_counts, coding, by, path=out / f"studies_by_{by}")
    g, t_g = timed(construct_network, coding)
    fig_step("construct network (build + draw)", draw_network, g, path=out / "construct_network")
    rows[-1] = (rows[-1][0], rows[-1][1] + t_g, rows[-1][2] + CPU["construct_network"])
    b, t_b = timed(study_construct_graph, coding)
    fig_step("study-construct network (build + draw)", draw_network, b, path=out / "study_construct_network")
    rows[-1] = (rows[-1][0], rows[-1][1] + t_b, rows[-1][2] + CPU["study_construct_graph"])
    print("\nstatic figures, each as SVG + PDF + PNG (wall / CPU seconds; the machine is shared):")
    for name, t, c in rows:
        print(f"  {name:<42} {t:6.2f} s / {c:6.2f} s")
    core = [(t, c) for n, t, c in rows if "network" not in n]
    wall, cpu = sum(t for t, _ in core), sum(c for _, c in core)
    print(f"  {'gap map + heatmap + 5 charts':<42} {wall:6.2f} s / {cpu:6.2f} s   "
          f"(target < 5 s: {'met' if wall < 5 else 'NOT met'} on wall clock)")
    print(f"  {'all static figures incl. networks':<42} {sum(r[1] for r in rows):6.2f} s / "
          f"{sum(r[2] for r in rows):6.2f} s")
    print(f"  (load average during the run: {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())})")

    path, t_html = timed(write_html_map, coding, out / "gap_map.html", columns="country")
    size = path.stat().st_size
    print(f"\nHTML gap map: {size / 1e6:.2f} MB (target < 5 MB: {'met' if size < 5e6 else 'NOT met'}), "
          f"written in {t_html:.2f} s")

    if not args.no_browser:
        if not Path("/usr/bin/chromium").exists():
            print("browser timings skipped: no /usr/bin/chromium")
        else:
            print("\nin headless Chromium (median of 5 runs):")
            for name, ms in browser_timings(path).items():
                print(f"  {name:<42} {ms:7.1f} ms   (target < 200 ms: {'met' if ms < 200 else 'NOT met'})")
    print(f"\noutputs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
