"""Versions of a living evidence map, and the changelog between them.

Every build that changes what the map says (the coded studies or the PRISMA counts) keeps a snapshot in
``output/versions/vNNN/``: ``study_codes.csv``, ``prisma_counts.json`` and the interactive map. Snapshots
are carried from one build to the next, so the history survives rebuilds (delete ``output/`` and it
starts again). ``output/CHANGELOG.md`` lists, version by version, the studies added and removed, the codes
changed and the PRISMA counts that moved.

Examples
--------
>>> import pandas as pd
>>> old = pd.DataFrame({"study_id": ["1"], "stage": ["Set-up"], "construct": ["Recruitment"], "challenge": [""]})
>>> new = pd.concat([old, old.assign(study_id="2")])
>>> compare_codes(old, new)["added"]
['2']
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from . import markdown as md
from .prisma.counts import CHECK_LINES, DERIVED_KEYS
from .wording import counted

#: Keys of prisma_counts.json that are no box of the diagram: the checks' lines and a draft's notes in words.
_NOT_BOXES = frozenset((*CHECK_LINES, *DERIVED_KEYS))

#: Files of a build that make up a version of the map (path in output/ -> name in the snapshot).
SNAPSHOT_FILES = {
    "maps/study_codes.csv": "study_codes.csv",
    "prisma_counts.json": "prisma_counts.json",
    "maps/gap_map.html": "evidence_map.html",
    "maps/coding_scheme.csv": "coding_scheme.csv",
}
VERSIONS = "versions"


def _same(a: Path, b: Path) -> bool:
    if not a.exists() or not b.exists():
        return a.exists() == b.exists()
    if a.read_bytes() == b.read_bytes():
        return True
    if a.name != "prisma_counts.json":
        return False
    # the checks' lines (CHECK_LINES) say how the checks stand, not what the map says: a stopping test logged or a
    # conflict resolved changes them, and is no new version of the map; nor is "pending" alone (pairs awaiting a
    # duplicate verdict all decided "not a duplicate" move no number: it was kept as "the interactive map changed")
    try:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    except ValueError:
        return False
    ignored = _NOT_BOXES | {"pending"}
    return {k: v for k, v in old.items() if k not in ignored} == {k: v for k, v in new.items() if k not in ignored}


def version_folders(versions: Path) -> list[Path]:
    """The snapshot folders in order (``v001``, ``v002``, ...)."""
    if not versions.is_dir():
        return []
    return sorted(p for p in versions.iterdir() if p.is_dir() and p.name.startswith("v") and p.name[1:].isdigit())


def take_snapshot(out: Path, previous_versions: Path | None, label: str) -> Path | None:
    """Carry earlier versions into ``out/versions`` and add a new one when the map changed.

    Returns the new version's folder, or ``None`` when the map is the same as the latest version.
    """
    versions = out / VERSIONS
    if previous_versions is not None and previous_versions.is_dir():
        shutil.copytree(previous_versions, versions, dirs_exist_ok=True)
    versions.mkdir(parents=True, exist_ok=True)
    existing = version_folders(versions)
    current = {name: out / src for src, name in SNAPSHOT_FILES.items()}
    if existing and all(_same(path, existing[-1] / name) for name, path in current.items()):
        return None
    folder = versions / f"v{len(existing) + 1:03d}"
    folder.mkdir()
    for name, path in current.items():
        if path.exists():
            shutil.copy2(path, folder / name)
    (folder / "VERSION.txt").write_text(f"{folder.name}\n{label}\n", encoding="utf-8")
    return folder


def _codes_by_study(table: pd.DataFrame | None, renamed: dict | None = None) -> dict[str, dict]:
    """Per study, ``{code key: the code as the changelog shows it}``.

    A code is keyed by its dimension and ID path (older snapshots without those columns: by the whole row), with
    the IDs ``renamed`` maps (``{(dimension, old path): new path}``) put in their new place, so that a value
    renamed or relabelled in the scheme is no code changed for every study that has it.
    """
    if table is None or table.empty:
        return {}
    cols = [c for c in table.columns if c != "study_id"]
    keyed = "dimension" in cols and "code" in cols
    renamed = renamed or {}
    out: dict[str, dict] = {}
    for row in table.fillna("").astype(str).itertuples(index=False):
        rec = row._asdict()
        if keyed:
            # the labels as a path, then the code itself: joined into the path, "Crime > harms > crime" read as
            # if the dimension were a value under the harm
            labels = " > ".join(v for c in cols if c not in ("dimension", "code") and (v := rec[c]))
            code = f"{rec['dimension']}: {rec['code']}"
            shown = f"{labels} ({code})" if labels else code
            key = (rec["dimension"], _renamed(rec["dimension"], rec["code"], renamed))
        else:
            shown = key = " > ".join(v for c in cols if (v := rec[c]))
        out.setdefault(rec["study_id"], {})[key] = shown
    return out


def _renamed(dimension: str, code: str, renamed: dict) -> str:
    parts = code.split(".")
    for n in range(len(parts), 0, -1):  # the longest renamed path above the code (or the code itself)
        new = renamed.get((dimension, ".".join(parts[:n])))
        if new is not None:
            return ".".join([new, *parts[n:]])
    return code


def compare_codes(old: pd.DataFrame | None, new: pd.DataFrame | None, renamed: dict | None = None) -> dict:
    """Studies added and removed, and codes added or removed per study, between two ``study_codes`` tables
    (``renamed``: the IDs the scheme renamed in between, :func:`scheme_renames`)."""
    a, b = _codes_by_study(old, renamed), _codes_by_study(new)
    key = _study_order
    changed = {}
    for s in sorted(set(a) & set(b), key=key):
        plus = sorted(b[s][k] for k in set(b[s]) - set(a[s]))
        minus = sorted(a[s][k] for k in set(a[s]) - set(b[s]))
        if plus or minus:
            changed[s] = {"added": plus, "removed": minus}
    return {"added": sorted(set(b) - set(a), key=key), "removed": sorted(set(a) - set(b), key=key),
            "changed": changed}


def _study_order(study_id: str):
    return (0, int(study_id), "") if study_id.isdigit() else (1, 0, study_id)


def compare_counts(old: dict | None, new: dict | None) -> list[tuple[str, object, object]]:
    """PRISMA boxes whose number moved: ``[(field, old, new), ...]``."""
    old, new = old or {}, new or {}
    out = []
    for k in sorted(set(old) | set(new)):
        a, b = old.get(k), new.get(k)
        if k in _NOT_BOXES:
            continue
        if a != b and (isinstance(a, (int, list)) or isinstance(b, (int, list))):
            out.append((k, a, b))
    return out


def _moved(a: dict, b: dict) -> dict:
    """``{(dimension, new path): (dimension, old path)}`` of the values renamed (``was``) between two scheme
    tables keyed by (dimension, path)."""
    moved = {}
    for key, r in b.items():
        if key in a:
            continue
        parent = r["code"].rsplit(".", 1)[0] if "." in r["code"] else ""
        for was in [w.strip() for w in str(r.get("was", "")).split(";") if w.strip()]:
            # an ID renamed in place, or (a dotted path) the whole old path of a value moved under another parent
            cand = (r["dimension"], f"{parent}.{was}" if parent and "." not in was else was)
            if cand in a:
                moved[key] = cand
    return moved


def scheme_renames(old: pd.DataFrame | None, new: pd.DataFrame | None) -> dict:
    """``{(dimension, old path): new path}`` of the values the scheme renamed between two versions."""
    if old is None or new is None:
        return {}
    a = {(r["dimension"], r["code"]): r for r in old.to_dict("records")}
    b = {(r["dimension"], r["code"]): r for r in new.to_dict("records")}
    return {o: n[1] for n, o in _moved(a, b).items()}


def _q(value) -> str:
    """A code or label in a changelog line: quoted, and shown as written ("*Trust*" is no emphasis)."""
    return md.text(repr(value))


def compare_schemes(old: pd.DataFrame | None, new: pd.DataFrame | None) -> list[str]:
    """What moved in the coding scheme between two versions: values added, renamed (label or ID; an ID
    change is read from the ``was`` column), retired and removed, as changelog lines."""
    if old is None or new is None:
        return []
    a = {(r["dimension"], r["code"]): r for r in old.to_dict("records")}
    b = {(r["dimension"], r["code"]): r for r in new.to_dict("records")}
    moved = _moved(a, b)
    # a renamed ID renames the paths of its children too: only report the value itself
    old_paths = set(moved.values())
    lines = []
    for key, r in b.items():
        if key in moved:
            o = a[moved[key]]
            verb = "renamed" if o["code"].rpartition(".")[0] == r["code"].rpartition(".")[0] else "moved"
            lines.append(f"- scheme: {r['level']} {_q(o['code'])} {verb} to {_q(r['code'])}"
                         + (f" ({_q(o['label'])} -> {_q(r['label'])})" if o["label"] != r["label"] else "")
                         + "; its codes follow")
        elif key not in a:
            renamed_parent = any(key[1].startswith(n[1] + ".") for n in moved)
            if not renamed_parent:
                lines.append(f"- scheme: {r['level']} {_q(r['code'])} added ({_q(r['label'])})")
        else:
            o = a[key]
            if o["label"] != r["label"]:
                lines.append(f"- scheme: {r['level']} {_q(r['code'])} relabelled {_q(o['label'])} -> {_q(r['label'])}")
            parent = (r["dimension"], r["code"].rsplit(".", 1)[0]) if "." in r["code"] else None
            parent_retired_now = (parent in b and parent in a and b[parent].get("retired")
                                  and not a[parent].get("retired"))
            if r.get("retired") and not o.get("retired") and not parent_retired_now:
                lines.append(f"- scheme: {r['level']} {_q(r['code'])} retired ({_q(r['label'])}); its codes are kept")
    for key, o in a.items():
        if key not in b and key not in old_paths and not any(key[1].startswith(p[1] + ".") for p in old_paths):
            lines.append(f"- scheme: {o['level']} {_q(o['code'])} removed ({_q(o['label'])})")
    return lines


def _read_scheme(folder: Path) -> pd.DataFrame | None:
    path = folder / "coding_scheme.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else None


def _read_codes(folder: Path) -> pd.DataFrame | None:
    path = folder / "study_codes.csv"
    if not path.exists():
        return None
    from .io.safe import restore_table

    return restore_table(pd.read_csv(path, dtype=str, keep_default_na=False))


def _read_counts(folder: Path) -> dict | None:
    path = folder / "prisma_counts.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def changelog(versions: Path, title: str = "", labels: dict | None = None) -> str:
    """The changelog of every version, newest first, as Markdown.

    ``labels`` names the studies as Table 2 and the maps cite them (``Coding.study_labels()``: "Jafta et al.
    2023" for a study coded from the library, whose id is its duplicate group's); a study without one is
    named by its id.
    """
    labels = labels or {}

    def cite(study: str) -> str:
        name = labels.get(study, "")
        return md.text(f"{name} ({study})" if name and name != study else study)

    folders = version_folders(versions)
    lines = [f"# Changelog{': ' + md.text(title) if title else ''}", "",
             "Generated by `synthesis build` from the snapshots in `versions/`; never edit by hand.", ""]
    previous = None
    sections = []
    for folder in folders:
        label = (folder / "VERSION.txt").read_text(encoding="utf-8").splitlines()[1:2]
        body = [f"## {folder.name}" + (f": {label[0]}" if label else ""), ""]
        diff, scheme_lines, (round_then, round_now), (counts_then, counts_now) = _compared(previous, folder)
        n_studies = len(_codes_by_study(_read_codes(folder)))
        body.append(f"- {n_studies} coded studies")
        if diff["added"]:
            body.append(f"- studies added ({len(diff['added'])}): {', '.join(map(cite, diff['added']))}")
        if diff["removed"]:
            body.append(f"- studies removed ({len(diff['removed'])}): {', '.join(map(cite, diff['removed']))}")
        for study, change in diff["changed"].items():
            parts = [f"+ {md.text(c)}" for c in change["added"]] + [f"- {md.text(c)}" for c in change["removed"]]
            body.append(f"- codes changed for study {cite(study)}: " + "; ".join(parts))
        body += scheme_lines
        if previous is not None and round_now and round_then and round_now != round_then:
            # An update's diagram counts its own round (the earlier rounds' studies are its "previous studies"):
            # set against the last round's counts, every box would seem to have moved, decisions to have gone.
            body.append(f"- new search round {round_now} (after {round_then}): the PRISMA counts below are this "
                        f"round's own; {round_then}'s are in {previous.name}")
            waiting = (counts_now or {}).get("pending") or {}
            for fld, value in _count_fields(counts_now):
                n = waiting.get(fld)
                wait = f" ({n} await{'s' * (n == 1)} a decision)" if n else ""
                body.append(f"- PRISMA {_box_name(fld)}: {_fmt(value)}{wait}")
        else:
            moved = compare_counts(counts_then, counts_now) if previous else []
            for fld, a, b in moved:
                body.append(f"- PRISMA {_box_name(fld)}: {_fmt(a)} -> {_fmt(b)}")
        if previous is None:
            body.append("- first version")
        elif len(body) == 3:
            # a version is kept because a snapshot file changed; when none of the above moved, say what else can
            body.append("- no study, code, scheme value or PRISMA count moved: the interactive map changed (a study's "
                        "extraction fields, such as country or year, or the page itself after an update of synthesis)")
        sections.append("\n".join(body) + "\n")
        previous = folder
    return "\n".join(lines + sections[::-1])


def _compared(previous: Path | None, folder: Path):
    """What :func:`changelog` and :func:`what_moved` compare between a version and the one before (``None``: it
    is the first): the studies' codes (:func:`compare_codes`), the scheme's changelog lines, the two versions'
    search rounds and their PRISMA counts, each pair earlier first."""
    scheme_then, scheme_now = (_read_scheme(previous) if previous else None), _read_scheme(folder)
    codes = compare_codes(_read_codes(previous) if previous else None, _read_codes(folder),
                          scheme_renames(scheme_then, scheme_now))
    return (codes, compare_schemes(scheme_then, scheme_now),
            (_round_of(previous) if previous else "", _round_of(folder)),
            (_read_counts(previous) if previous else None, _read_counts(folder)))


def _box_name(fld: str) -> str:
    """A PRISMA field as the changelog names it: the box in words, then the field of ``prisma_counts.csv``.

    "PRISMA dbr_notretrieved_reports: 0 -> 1" was the field's name only, which a reviewer reading what moved in
    notebook 5 had to look up.
    """
    from .prisma.rtemplate import R_ROWS

    words = {row[0]: row[3].split(": [")[0] for row in R_ROWS if row[0] != "NA"}
    words.update({"dbr_excluded_reasons": "Reports excluded (databases and registers), by reason",
                  "other_excluded_reasons": "Reports excluded (other), by reason"})
    return f"{words[fld][0].lower()}{words[fld][1:]} (`{fld}`)" if fld in words else fld


def what_moved(previous: Path | None, folder: Path) -> str:
    """In a few words, what a new version changed against the one before (the changelog has the details).

    The build said "the map changed" for every new version, also when only screening went on and the PRISMA
    counts moved, with every study and code as they were.
    """
    if previous is None:
        return "the first version"
    codes, scheme_lines, (round_then, round_now), (counts_then, counts_now) = _compared(previous, folder)
    parts = []
    if codes["added"] or codes["removed"]:
        parts.append(" and ".join(f"{counted(len(codes[k]), 'study', 'studies')} {k}" for k in ("added", "removed")
                                  if codes[k]))
    if codes["changed"]:
        parts.append(f"codes changed for {counted(len(codes['changed']), 'study', 'studies')}")
    if scheme_lines:
        parts.append("the coding scheme changed")
    if round_now and round_then and round_now != round_then:
        parts.append(f"a new search round ({round_now})")
    elif compare_counts(counts_then, counts_now):
        parts.append("PRISMA counts moved" if parts else "only PRISMA counts moved, no study or code")
    return "; ".join(parts) or "the interactive map changed (no study, code, scheme value or PRISMA count)"


def version_label(latest: str, records) -> str:
    """What a version of the map was built from, its line in ``VERSION.txt`` and its changelog heading.

    "search round 2023-06; 390 records" read as if the round had brought 390 records, when 300 of them were
    an earlier round's: with more than one round the label says how many are the latest round's.

    >>> import pandas as pd
    >>> version_label("2023-06", pd.DataFrame({"search_round": ["2022-12"] * 3 + ["2023-06"] * 2}))
    'search round 2023-06; 5 records in all rounds, 2 in this one'
    >>> version_label("2022-12", pd.DataFrame({"search_round": ["2022-12"] * 3}))
    'search round 2022-12; 3 records'
    """
    rounds = records["search_round"].astype(str) if "search_round" in records.columns else None
    if rounds is None or rounds.nunique() < 2:
        return f"search round {latest}; {len(records)} records"
    # the round's name before the ";": _round_of reads it from there
    return f"search round {latest}; {len(records)} records in all rounds, {int((rounds == latest).sum())} in this one"


def _round_of(folder: Path) -> str:
    """The search round a version was built from (its label reads "search round 2026-06; 66 records"), or ``""``."""
    lines = (folder / "VERSION.txt").read_text(encoding="utf-8").splitlines()[1:2]
    label = lines[0] if lines else ""
    return label.split(";")[0][len("search round "):].strip() if label.startswith("search round ") else ""


def _count_fields(counts: dict | None) -> list[tuple[str, object]]:
    """The PRISMA boxes of one version's counts, in the order :func:`compare_counts` lists them."""
    return [(k, v) for k, v in sorted((counts or {}).items()) if k not in _NOT_BOXES
            and ((isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, list) and v))]


def _fmt(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return "; ".join(f"{name} ({n})" for name, n in value) or "none"
    return str(value)
