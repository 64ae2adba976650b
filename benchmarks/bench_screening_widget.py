"""Decision-to-next-record latency of the screening widget with 20,000 units loaded.

In-process: times the path a key press takes in the kernel, from the front end's message arriving
(``ScreeningWidget._on_msg``) to the next record's HTML being set on the widget (``card`` trait), including
the log append + fsync. Browser rendering and the websocket are not included.

Units: the real titles and abstracts of ``../shared/data/screening`` (Nagtegaal 2019 + Kitchenham 2010,
3,723 records), repeated under distinct keys up to 20,000 units.

    .venv/bin/python benchmarks/bench_screening_widget.py [--units 20000] [--decisions 1000] [--browser 200] [--prioritised]
        [--sample | --stopped] [--blind] [--src OLD/src]

``--prioritised`` shows the records in prioritised order (the widget's ``order="prioritised"``: the model
retrained as decisions arrive, on the kernel's side of each key press), with one include in twenty
decisions; the stopping panel (screened, included, since the last include) is computed on every key press
in any order, and ``--sample`` draws the stopping test's random sample halfway, so the second half of the
decisions also recomputes the test's p-value each time. ``--blind`` screens in a dual blind team (two
reviewers per record, each seeing only their own decisions; the other reviewer has decided every second unit
beforehand, so the widget opens on a log of 10,000 lines that it must keep hidden).

``--stopped`` times the key presses after the stopping test said stop, in a living review's second round: the
last 2,000 units are a new search round, the log holds 3,000 earlier decisions (600 includes), the sample is
drawn and screened (untimed) until the test says stop; the panel then counts the records the stop leaves and the
new round's progress on every key press.

``--src DIR`` imports ``synthesis`` from ``DIR`` instead of this checkout's ``src`` (an older commit's
``git archive``), to compare commits in the same process set-up; options the old code lacks are left out.

``--browser N`` also measures end to end in a real JupyterLab in headless Chromium (/usr/bin/chromium): the
screening notebook is run on the same 20,000 units and N key presses are timed in the page, from the keydown
event to the next record's key appearing in the DOM (websocket, kernel, fsync and rendering included).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# --src is read before the imports below: they take the package from it
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv[:-1] else str(ROOT / "src")
sys.path.insert(0, _SRC)

from synthesis.screening import ScreeningSettings, make_unit_table  # noqa: E402
from synthesis.screening.widget import ScreeningWidget  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "screening"


def real_units(n: int) -> pd.DataFrame:
    frames = [pd.read_csv(DATA / f) for f in ("Nagtegaal_2019.csv", "Kitchenham_2010.csv") if (DATA / f).exists()]
    if not frames:
        sys.exit(f"no screening data in {DATA}")
    base = pd.concat(frames, ignore_index=True)[["title", "abstract"]].fillna("")
    rows = base.iloc[[i % len(base) for i in range(n)]].reset_index(drop=True)
    rows["group_id"] = [f"u{i:06d}" for i in range(n)]
    rows["authors"] = [["Smith, J.", "Lee, K. M.", "van der Berg, A."]] * n
    rows["year"] = 2000 + rows.index % 24
    rows["journal"] = "Journal of Benchmarks"
    return make_unit_table(rows)


BROWSER_ORDER = ["file"]  # set from --prioritised


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


# Times key presses inside the page: keydown on the widget -> the next record's key in the DOM.
JS_TIMER = """async ([n, keys]) => {
  const root = document.querySelector('.syn-screen');
  const out = [];
  for (let i = 0; i < n; i++) {
    const before = root.dataset.key;
    const t0 = performance.now();
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (root.dataset.key !== before) { obs.disconnect(); resolve(); }
      });
      obs.observe(root, { attributes: true, attributeFilter: ['data-key'] });
    });
    root.dispatchEvent(new KeyboardEvent('keydown', { key: keys[i % keys.length], bubbles: true }));
    await changed;
    out.push(performance.now() - t0);
  }
  return out;
}"""


def browser_latency(units, n: int, work: Path):
    """(decision times, next times): key press -> next record in the DOM, ms, in Chromium and JupyterLab."""
    from _lab import notebook_page

    from synthesis.screening import write_unit_table

    project = work / "review"
    (project / "notebooks").mkdir(parents=True)
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "02_screen.ipynb", as_version=4)
    for cell in nb.cells:  # what the reviewer types in the first code cell
        cell.source = cell.source.replace('REVIEWER = ""', 'REVIEWER = "Alice"').replace(
            'ORDER = "prioritised"', f'ORDER = "{BROWSER_ORDER[0]}"')
    nbformat.write(nb, project / "notebooks" / "02_screen.ipynb")
    write_unit_table(units, project / "output" / "units.csv")
    ScreeningSettings(team=["Alice"], include_keywords=["pharmac*", "software"],
                   exclude_keywords=["review"]).save(project / "evidence" / "screening")
    with notebook_page(project, "notebooks/02_screen.ipynb", work) as page:
        page.wait_for_selector(".syn-screen[data-key]")
        page.locator(".syn-card").click()
        if BROWSER_ORDER[0] == "prioritised":  # the ranking's features are built in the background first
            page.keyboard.press("j")
            page.wait_for_function("() => !document.querySelector('.syn-stop').textContent.includes('preparing')")
        times = page.evaluate(JS_TIMER, [n, "iem"])
        # Baseline: "next" logs nothing and costs 0.2 ms in the kernel, so its time is the round trip
        # through Chromium, JupyterLab's server and the kernel on this machine, whatever the widget does.
        nexts = page.evaluate(JS_TIMER, [n, "j"])
    logged = (project / "evidence" / "screening" / "alice.jsonl").read_text().count("\n")
    if logged != n:
        raise SystemExit(f"browser run logged {logged} decisions for {n} key presses")
    return times, nexts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--decisions", type=int, default=1000)
    ap.add_argument("--browser", type=int, default=0, metavar="N",
                    help="also time N key presses end to end in JupyterLab + headless Chromium")
    ap.add_argument("--prioritised", action="store_true",
                    help="show records in prioritised order (order='prioritised', retrained as decisions come); "
                         "one include in twenty decisions")
    ap.add_argument("--sample", action="store_true",
                    help="draw the stopping test's random sample after half the decisions")
    ap.add_argument("--stopped", action="store_true",
                    help="time the decisions after the stopping test said stop (3,000 earlier decisions, a new round)")
    ap.add_argument("--blind", action="store_true",
                    help="a dual blind team: two reviewers per record, the other one's log holds every second unit")
    ap.add_argument("--work", default=str(ROOT / "benchmarks" / "_work" / "screening_widget"),
                    help="the folder the run writes (emptied first): one per run when runs go side by side")
    ap.add_argument("--src", default=_SRC, help="import synthesis from this folder (an older commit's src)")
    args = ap.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    t0 = time.perf_counter()
    units = real_units(args.units)
    t1 = time.perf_counter()
    import dataclasses

    known = {f.name for f in dataclasses.fields(ScreeningSettings)}
    extra = {"sample_after": 0} if "sample_after" in known else {}  # --sample draws it at a fixed point
    if args.blind:
        extra.update(team=["Bench", "Other"], reviewers_per_record=2, blind=True)
    settings = ScreeningSettings(**{"team": ["Bench"], **extra}, reasons=["wrong population"],
                                 include_keywords=["pharmac*", "public", "decision", "software"],
                                 exclude_keywords=["mouse", "children", "review"])
    from synthesis.screening.log import DecisionLog

    if args.sample and args.stopped:
        sys.exit("--sample and --stopped are two different runs")
    before_stop = 0
    if args.stopped:
        units["search_round"] = ["2026-01"] * (len(units) - 2000) + ["2026-06"] * 2000
        earlier = DecisionLog(work, "Bench", settings, keys=units["group_id"].tolist())
        earlier.record_many([{"key": k, "decision": "include" if i % 5 == 0 and i < 2900 else "exclude"}
                             for i, k in enumerate(units["group_id"].iloc[:3000])])
        earlier.close()
    if args.blind:
        other = DecisionLog(work, "Other", settings, keys=units["group_id"].tolist())
        other.record_many([{"key": k, "decision": "include" if i % 40 == 0 else "exclude"}
                           for i, k in enumerate(units["group_id"].iloc[::2])])
        other.close()
    BROWSER_ORDER[0] = "prioritised" if args.prioritised else "file"
    # prioritised: the widget builds the TF-IDF matrix once, when it opens
    w = ScreeningWidget(units, "Bench", folder=work, settings=settings, order=BROWSER_ORDER[0])
    order = w.prioritiser
    t2 = time.perf_counter()
    if order is not None:
        order.wait()  # the TF-IDF matrix, built in the background while the reviewer reads the first records
    t3 = time.perf_counter()
    if args.stopped:
        w._on_msg(w, {"action": "start_sample"}, None)
        assert w.stopping_test() is not None, w.info
        while not w.stopping_test().may_stop:
            w._on_msg(w, {"action": "exclude", "note": "", "labels": "", "reason": ""}, None)
            before_stop += 1
    shown_at = []
    w.observe(lambda change: shown_at.append(time.perf_counter()), names="card")
    # Prioritised: mostly excludes, as in a real screening (a third of includes would make every model alike).
    keys = ["i"] + ["e"] * 19 if args.prioritised else ["i", "e", "m"]
    action = {"i": "include", "e": "exclude", "m": "maybe"}
    lat = []
    for n in range(args.decisions):
        if args.sample and n == args.decisions // 2:
            w._on_msg(w, {"action": "start_sample"}, None)
            assert w.stopping_test() is not None, w.info
        before = w.current_key
        start = time.perf_counter()
        key = keys[n % len(keys)]
        w._on_msg(w, {"action": action[key], "note": "", "labels": "", "reason": ""}, None)
        lat.append((shown_at[-1] - start) * 1000)
        assert w.current_key != before and w.decision_log.current(before).decision == action[key]
    nav = []
    for n in range(200):
        start = time.perf_counter()
        w._on_msg(w, {"action": "previous" if n % 2 else "next"}, None)
        nav.append((shown_at[-1] - start) * 1000)
    undo = []
    for n in range(50):
        start = time.perf_counter()
        w._on_msg(w, {"action": "undo"}, None)
        undo.append((shown_at[-1] - start) * 1000)
    lines = (work / "bench.jsonl").read_text().count("\n")
    w.close()
    import os

    print(f"machine load average (1/5/15 min): {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores (shared with other work)")
    print(f"synthesis from {args.src}" + (" (dual blind team)" if args.blind else ""))
    print(f"units loaded: {len(units):,} (real titles/abstracts, {len(units) // 3723 + 1} passes over 3,723)")
    print(f"unit table built in {t1 - t0:.2f} s; widget opened in {t2 - t1:.2f} s"
          + (f"; features ready in the background {t3 - t2:.2f} s later; {order.prioritiser.fits} retrainings "
             "(in background threads)" if order is not None else ""))
    for name, xs in (("decision -> next record", lat), ("next/previous", nav), ("undo -> record shown", undo)):
        print(f"{name:24s} n={len(xs):5d}  median {statistics.median(xs):6.2f} ms  p95 {percentile(xs, 95):6.2f} ms"
              f"  max {max(xs):6.2f} ms")
    print(f"target < 100 ms: {'met' if percentile(lat, 95) < 100 else 'NOT met'} (p95; ratio to target "
          f"{percentile(lat, 95) / 100:.3f})")
    expected = args.decisions + 50 + bool(args.sample) + (3000 + 1 + before_stop if args.stopped else 0)
    if args.stopped:
        print(f"after the stop: {before_stop} sample records screened (untimed) before the test said stop, "
              f"{len(units) - 3000 - before_stop:,} records in its urn left")
    print(f"log lines on disk: {lines} (= {args.decisions} decisions + 50 undos"
          f"{' + the sample line' if args.sample else ''}"
          f"{' + 3,000 earlier decisions, the sample line and its records' if args.stopped else ''}: "
          f"{'ok' if lines == expected else 'MISMATCH'})")
    if args.sample:
        half = lat[args.decisions // 2:]
        print(f"during the random sample     n={len(half):5d}  median {statistics.median(half):6.2f} ms  "
              f"p95 {percentile(half, 95):6.2f} ms  (panel with the test's p-value on every key press)")
    if args.browser:
        xs, base = browser_latency(units, args.browser, work / "browser")
        print(f"end to end in JupyterLab + headless Chromium, {len(units):,} units:")
        for name, ys in (("decision -> next record", xs), ("next (round-trip baseline)", base)):
            print(f"{name:28s} n={len(ys):5d}  median {statistics.median(ys):6.2f} ms  p95 {percentile(ys, 95):6.2f} ms"
                  f"  max {max(ys):6.2f} ms")
        print(f"decision over baseline: median {statistics.median(xs) - statistics.median(base):+.2f} ms "
              f"(every decision checked on disk)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
