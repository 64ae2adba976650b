"""Crashes, torn logs and full disks, at scale: the README's promises counted, not sampled.

    nice .venv/bin/python benchmarks/bench_crash.py                 # all four parts
    nice .venv/bin/python benchmarks/bench_crash.py --kills 300 --build-kills 40 --parts screening,builds

1. **screening**: a reviewer's session (the real ``DecisionLog``) killed with SIGKILL at random moments, one
   session after another on the same log; every decision the session acknowledged must be readable, every
   torn line reported as torn (never as a hand edit), nothing else reported.
2. **torn**: the shipped example's log cut at every byte of its last line; the build's screening step (and,
   for a sample of cuts, the whole build) must go on, reporting the one torn line.
3. **disk**: screening onto a small tmpfs until the disk is full, at several sizes; no acknowledged decision
   lost, the log whole after the error, the error one sentence. Skipped, saying why, where mounting is not
   allowed.
4. **builds**: ``synthesis build`` killed at random moments and at each of its renames, replaces and fsyncs
   (inside the cache write, between the two renames of the swap); the next build must succeed with the
   ``versions/`` history intact, no staging folder or temporary cache file left, and no worker process alive.

Prints one line of counts per part; exits non-zero when a promise was broken.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = str(ROOT / "src")
ENV = dict(os.environ, PYTHONPATH=SRC)
sys.path.insert(0, SRC)

SESSION = r"""
import sys
from synthesis.screening import DecisionLog, ScreeningSettings
log = DecisionLog(sys.argv[1], "Alice", ScreeningSettings(team=["Alice"]))
start = int(sys.argv[2])
i = start
print("ready", flush=True)
while True:
    key = f"g{i:07d}"
    log.record(key, ("include", "exclude", "maybe")[i % 3], note="ünïcode ✓ " * (i % 40))
    print("ack", key, flush=True)
    i += 1
"""


def _acks(output: str) -> list[str]:
    """The keys the session acknowledged: whole "ack KEY" lines (a kill can cut the last one short)."""
    return [ln.split()[1] for ln in output.split("\n")[:-1] if re.fullmatch(r"ack g\d{7}", ln)]


def part_screening(kills: int, seed: int) -> dict:
    from synthesis.screening import read_logs

    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-crash-screening-"))
    acked: list[str] = []
    torn_expected = 0
    next_key = 0
    t0 = time.perf_counter()
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", SESSION, str(folder), str(next_key)], env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.15))  # a random moment, whatever the session is doing
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        lines = _acks(proc.stdout.read())
        proc.stdout.close()
        acked += lines
        next_key += len(lines) + 1  # the key being written when killed is never reused
    # Some kills land between write() calls, few inside one: tear lines explicitly too, at random bytes,
    # as a crash of the machine (not only of the process) would.
    log = folder / "alice.jsonl"
    whole = json.dumps({"key": "gTORN", "stage": "title_abstract", "decision": "include", "reason": "",
                        "note": "ünïcode ✓ " * 5, "labels": [], "reviewer": "Alice",
                        "timestamp": "2026-12-02T10:00:00.000+00:00", "resolution": False},
                       ensure_ascii=False).encode("utf-8")
    for _ in range(max(1, kills // 10)):
        with open(log, "ab") as fh:
            fh.write(whole[: rng.randrange(1, len(whole))])
        torn_expected += 1
        proc = subprocess.Popen([sys.executable, "-c", SESSION, str(folder), str(next_key)], env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        proc.stdout.readline()
        time.sleep(rng.uniform(0.02, 0.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        lines = _acks(proc.stdout.read())
        proc.stdout.close()
        acked += lines
        next_key += len(lines) + 1
    reading = read_logs(folder, warn=False)
    on_disk = [e.key for e in reading.entries]
    lost = sorted(set(acked) - set(on_disk))
    kinds = [p.kind for p in reading.problems]
    shutil.rmtree(folder)
    return {"kills": kills + max(1, kills // 10), "acknowledged": len(acked), "readable": len(on_disk),
            "lost": len(lost), "torn reported": kinds.count("torn"), "torn made by hand": torn_expected,
            "other problems": len(kinds) - kinds.count("torn"), "seconds": round(time.perf_counter() - t0, 1),
            "ok": not lost and kinds.count("torn") >= torn_expected and len(kinds) == kinds.count("torn")}


def _example_project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-crash-project-"))
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, root / name)
    return root


def part_torn(sample_builds: int) -> dict:
    from synthesis.build import build
    from synthesis.build.steps import deduplicate_records, import_exports, screening_numbers
    from synthesis.project import Project

    root = _example_project()
    project = Project(root)
    rounds = project.rounds()
    imported = import_exports(project, rounds)
    dedup = deduplicate_records(imported.records, project)
    log = root / "evidence" / "screening" / "alice.jsonl"
    original = log.read_bytes()
    body, last = original.rstrip(b"\n").rsplit(b"\n", 1)
    cuts = range(1, len(last))
    went_on, torn_noted = 0, 0
    t0 = time.perf_counter()
    for cut in cuts:
        log.write_bytes(body + b"\n" + last[:cut])
        screened = screening_numbers(project, dedup.library, dedup.group_round, rounds[-1].name)
        went_on += 1
        torn_noted += any("incomplete entry" in n for n in screened.notes)
    whole_builds = 0
    for cut in random.Random(1).sample(list(cuts), min(sample_builds, len(cuts))):
        log.write_bytes(body + b"\n" + last[:cut])
        result = build(root, progress=False, force=True)
        whole_builds += any("incomplete entry" in n for n in result.notes)
    shutil.rmtree(root)
    return {"cuts": len(cuts), "screening step went on": went_on, "torn line noted": torn_noted,
            "whole builds": whole_builds, "seconds": round(time.perf_counter() - t0, 1),
            "ok": went_on == torn_noted == len(cuts) and whole_builds == min(sample_builds, len(cuts))}


def part_disk(sizes_kib=(16, 32, 64, 128, 256)) -> dict:
    from synthesis.screening import DecisionLog, ScreeningSettings, ScreeningError, read_logs

    if os.name != "posix" or os.geteuid() != 0:
        return {"skipped": "mounting a tmpfs needs root on Linux", "ok": True}
    acked_total, lost_total, runs, messages = 0, 0, 0, set()
    for size in sizes_kib:
        folder = Path(tempfile.mkdtemp(prefix="bench-crash-disk-"))
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}k", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return {"skipped": f"mounting a tmpfs is not allowed here: {done.stderr.strip()}", "ok": True}
        try:
            acked = []
            with DecisionLog(folder, "Alice", ScreeningSettings(team=["Alice"])) as log:
                try:
                    for i in range(10**6):
                        log.record(f"g{i:07d}", "include", note="x" * (i % 211))
                        acked.append(f"g{i:07d}")
                except ScreeningError as exc:
                    messages.add(str(exc).replace(str(folder), "DIR"))
            reading = read_logs(folder, warn=False)
            lost_total += len(set(acked) - {e.key for e in reading.entries}) + len(reading.problems)
            acked_total += len(acked)
            runs += 1
        finally:
            subprocess.run(["umount", str(folder)], check=False)
            shutil.rmtree(folder, ignore_errors=True)
    return {"disks filled": runs, "acknowledged": acked_total, "lost or damaged": lost_total,
            "error sentences": len(messages), "example": sorted(messages)[0] if messages else "",
            "ok": lost_total == 0 and runs == len(sizes_kib)}


KILLED_BUILD = r"""
import os, signal, sys
from synthesis.build import build
root, name, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
MAIN = os.getpid()
if name != "-":
    real = getattr(os, name)
    calls = [0]
    def wrapped(*args, **kwargs):
        calls[0] += 1  # counted per process: in an import worker too (it writes the cache entries)
        if calls[0] == nth:
            os.kill(MAIN, signal.SIGKILL)  # the build dies here, whichever of its processes got here
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, name, wrapped)
print("started", flush=True)
build(root, progress=False, force=True)
"""


def _orphans(root: Path) -> list:
    try:
        import psutil
    except ImportError:
        return []
    out = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        try:
            cmd = " ".join(proc.info["cmdline"] or [])
            if str(root) in cmd and proc.info["status"] != psutil.STATUS_ZOMBIE and proc.pid != os.getpid():
                out.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return out


def part_builds(random_kills: int, seed: int, points: int = 6) -> dict:
    from synthesis.build import build

    rng = random.Random(seed)
    root = _example_project()
    # Two exports large enough (5 MB) that the import runs in worker processes, so orphans would show.
    shared = Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data")) / "imports"
    for rel in ("ris/ASySD__zotero_export.ris", "endnote_xml/ASySD__zotero_export.xml"):
        if (shared / rel).exists():
            shutil.copy(shared / rel, root / "data" / "searches" / "2026-11" / Path(rel).name)
    t0 = time.perf_counter()
    first = build(root, progress=False)
    one_build = time.perf_counter() - t0
    history = {p.relative_to(root).as_posix(): p.read_bytes()
               for p in sorted((root / "output" / "versions").rglob("*")) if p.is_file()}
    counts = {"kills": 0, "next build ok": 0, "history intact": 0, "left behind": 0, "orphans": 0}
    failures = []

    def one(name: str, nth: int, delay: float | None):
        shutil.rmtree(root / ".synthesis-cache", ignore_errors=True)  # so the kill can land in the cache write
        proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(root), name, str(nth)], env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        proc.stdout.readline()
        if delay is not None:
            time.sleep(delay)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        if proc.returncode != -signal.SIGKILL:
            return  # the build finished before the kill (or before the nth call): not a crash
        counts["kills"] += 1
        time.sleep(0.3)  # give killed workers their moment to notice
        orphans = _orphans(root)
        counts["orphans"] += len(orphans)
        for p in orphans:
            p.kill()
        try:
            build(root, progress=False)
            counts["next build ok"] += 1
        except Exception as exc:  # noqa: BLE001 - counted and shown
            failures.append(f"{name} {nth} {delay}: {type(exc).__name__}: {exc}")
            return
        now = {p.relative_to(root).as_posix(): p.read_bytes()
               for p in sorted((root / "output" / "versions").rglob("*")) if p.is_file()}
        counts["history intact"] += now == history
        counts["left behind"] += len(list(root.glob(".output-*"))) + \
            len(list((root / ".synthesis-cache" / "imports").glob(".tmp-*")))

    for name in ("rename", "replace", "fsync"):
        for nth in range(1, points + 1):
            one(name, nth, None)
    for _ in range(random_kills):
        one("-", 0, rng.uniform(0.3, one_build * 1.3))
    shutil.rmtree(root)
    ok = (not failures and counts["next build ok"] == counts["kills"] == counts["history intact"]
          and counts["left behind"] == 0 and counts["orphans"] == 0)
    return {**counts, "one build (s)": round(one_build, 1), "failures": failures[:3],
            "seconds": round(time.perf_counter() - t0, 1), "first build changed": first.changed, "ok": ok}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="screening sessions killed (default %(default)s)")
    parser.add_argument("--build-kills", type=int, default=20, help="builds killed at random moments")
    parser.add_argument("--sample-builds", type=int, default=5, help="whole builds over a torn log")
    parser.add_argument("--parts", default="screening,torn,disk,builds")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--points", type=int, default=6, help="kills at the 1st..nth rename, replace and fsync")
    args = parser.parse_args()
    parts = args.parts.split(",")
    ok = True
    runs = {"screening": lambda: part_screening(args.kills, args.seed),
            "torn": lambda: part_torn(args.sample_builds),
            "disk": part_disk,
            "builds": lambda: part_builds(args.build_kills, args.seed, args.points)}
    for name in parts:
        result = runs[name]()
        ok &= bool(result.pop("ok"))
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in result.items()), flush=True)
    print("all promises kept" if ok else "A PROMISE WAS BROKEN")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
