"""synthesis fulltext: match the team's PDFs to the records, confirm matches, retrieval.

    synthesis fulltext match [FOLDER]          match PDFs (default: [fulltext] folder of evidence/review.toml)
    synthesis fulltext confirm GROUP FILE --reviewer NAME [--study STUDY]
    synthesis fulltext reject GROUP FILE --reviewer NAME
    synthesis fulltext study GROUP FILE STUDY --reviewer NAME
    synthesis fulltext not-retrieved GROUP --reason REASON --reviewer NAME
    synthesis fulltext retrieve [-o to_retrieve.ris] [--team]
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("fulltext", help="match PDFs to records, confirm matches, retrieval list",
                       description=__doc__.splitlines()[0])
    p.add_argument("--project", default=".", help="the project folder (default: here)")
    p.add_argument("--units", default=None, help="unit table CSV (default: output/units.csv of the project)")
    actions = p.add_subparsers(dest="fulltext_command", metavar="ACTION")
    m = actions.add_parser("match", help="match a folder of PDFs; writes output/fulltext_matches.csv")
    m.add_argument("folder", nargs="?", help="the PDFs (default: [fulltext] folder in evidence/review.toml)")
    m.add_argument("-o", "--output", default=None, help="CSV to write (default: output/fulltext_matches.csv)")
    m.add_argument("--workers", type=int, default=None, help="processes reading PDFs (default: the cores, at most 4)")
    for name, helptext in (("confirm", "attach a PDF to a group (or confirm an unsure match)"),
                           ("reject", "say a PDF is not a report of a group")):
        c = actions.add_parser(name, help=helptext)
        c.add_argument("group")
        c.add_argument("file", help="path of the PDF relative to the PDF folder")
        c.add_argument("--reviewer", required=True)
        if name == "confirm":
            c.add_argument("--study", default="", help="the study this report belongs to")
    s = actions.add_parser("study", help="mark which study a report (a group's PDF) belongs to")
    s.add_argument("group")
    s.add_argument("file")
    s.add_argument("study")
    s.add_argument("--reviewer", required=True)
    n = actions.add_parser("not-retrieved", help="log that a report was sought but could not be obtained")
    n.add_argument("group")
    n.add_argument("--reason", required=True, help="e.g. paywall, not found, requested from authors")
    n.add_argument("--reviewer", required=True)
    n.add_argument("--note", default="")
    r = actions.add_parser("retrieve", help="list the reports still to retrieve; -o writes them as RIS")
    r.add_argument("-o", "--output", default=None, help="RIS file for an interlibrary-loan request")
    r.add_argument("--team", action="store_true", help="screening blind: the list even before the team has screened "
                   "every title (it is the team's title/abstract inclusions: for someone who screens no title)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..screening.settings import ScreeningError
    from .store import FulltextError

    if not getattr(args, "fulltext_command", None):
        print("say what to do: match, confirm, reject, study, not-retrieved or retrieve (see --help)", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except (FulltextError, ScreeningError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def _units(args, root: Path):
    from ..screening.units import read_unit_table

    path = Path(args.units) if args.units else root / "output" / "units.csv"
    if not path.exists():
        from ..screening.settings import ScreeningError
        raise ScreeningError(f"{path}: unit table not found; run `synthesis build` first (or give --units)")
    return read_unit_table(path)


def _screening(root: Path):
    from ..screening.log import read_logs
    from ..screening.settings import load_screening_settings

    folder = root / "evidence" / "screening"
    settings = load_screening_settings(folder)
    reading = read_logs(folder, settings, warn=False) if folder.is_dir() else []
    return folder, settings, reading


def _run(args) -> int:
    from .config import MATCHES_FILE, FulltextSettings
    from .store import FulltextEvidence

    root = Path(args.project)
    cfg = FulltextSettings.load(root)
    evidence = FulltextEvidence.load(cfg.evidence)
    cmd = args.fulltext_command
    if cmd in ("confirm", "reject", "study"):
        # a typing error here would be logged for good: the group and the PDF must exist
        if args.group not in set(_units(args, root)["group_id"]):
            print(f"error: {args.group} is not a group of the unit table (the groups are in output/units.csv and "
                  f"output/{MATCHES_FILE})", file=sys.stderr)
            return 1
        if not (cfg.folder / args.file).is_file():
            print(f"error: {args.file}: no such PDF in {cfg.folder} (give its path inside that folder, as "
                  f"output/{MATCHES_FILE} lists it)", file=sys.stderr)
            return 1
        if cmd == "confirm":
            row = evidence.confirm(args.group, args.file, args.reviewer, study=args.study)
        elif cmd == "reject":
            row = evidence.reject(args.group, args.file, args.reviewer)
        else:
            row = evidence.set_study(args.group, args.file, args.study, args.reviewer)
        print(f"{cfg.evidence}: {row.file} {row.decision} for {row.group_id}"
              + (f" (study {row.study})" if row.study else "") + f" by {row.confirmed_by}")
        return 0
    units = _units(args, root)
    folder_s, settings, reading = _screening(root)
    if cmd == "not-retrieved":
        from .retrieval import mark_not_retrieved

        if args.group not in set(units["group_id"]):
            print(f"error: {args.group} is not a group of the unit table", file=sys.stderr)
            return 1
        d = mark_not_retrieved(folder_s, args.reviewer, args.group, args.reason, args.note, settings,
                               keys=units["group_id"])
        print(f"logged: {d.key} not retrieved ({args.reason}) by {d.reviewer}")
        return 0
    from .match import match_pdfs
    from .retrieval import retrieval_status, write_retrieval_ris

    if cmd == "retrieve" and not args.team and reading:
        from ..screening.status import hidden_while_blind

        # the reports sought are the team's title/abstract inclusions, as the full-text list in notebook 2
        if hidden_while_blind(reading, units, "title_abstract", settings):
            print(f"error: {hidden_while_blind(reading, units, 'full_text', settings)} --team lists the reports "
                  "to retrieve now, for someone who screens no title.", file=sys.stderr)
            return 1
    folder = Path(getattr(args, "folder", None) or cfg.folder)
    if cmd == "retrieve" and not folder.is_dir():
        # before the first PDF arrives every report sought is still to retrieve: that is the list wanted
        print(f"no folder of PDFs yet ({folder}): no report has one")
        result, attached = None, {}
    else:
        result = match_pdfs(folder, units, evidence, workers=getattr(args, "workers", None))
        attached = result.attached()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        status = retrieval_status(units, reading, attached, settings)
    todo = status[status["retrieval"] == "to retrieve"]
    if cmd == "retrieve":
        not_ret = status[status["retrieval"].str.startswith("not retrieved")]
        print(f"{len(status)} reports sought for retrieval: {int((status['retrieval'] == 'has PDF').sum())} with a "
              f"PDF, {len(not_ret)} not retrieved, {len(todo)} still to retrieve")
        for row in todo.itertuples(index=False):
            print(f"  {row.group_id}  {row.year}  {row.title[:90]}" + (f"  doi:{row.doi}" if row.doi else ""))
        if args.output:
            n = write_retrieval_ris(units[units["group_id"].isin(set(todo["group_id"]))], args.output)
            print(f"wrote {n} records to {args.output}")
        return 0
    out = Path(args.output) if args.output else root / "output" / MATCHES_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    result.table[["group_id", "file", "method", "confidence", "status", "note"]].to_csv(out, index=False)
    t = result.table
    counts = t["status"].value_counts()
    print(f"{folder}: {t['file'].nunique()} PDFs; wrote {out}")
    for status_name, label in (("confirmed", "confirmed by a person"), ("matched", "matched automatically"),
                               ("unsure", "unsure: confirm or reject each (synthesis fulltext confirm/reject)"),
                               ("rejected", "rejected by a person"), ("unmatched", "unmatched"),
                               ("broken", "skipped, not usable"),
                               ("copy", "copies of another PDF, counted once")):
        rows = t[t["status"] == status_name]
        if rows.empty:
            continue
        print(f"{label}: {counts[status_name]}")
        if status_name in ("unsure", "unmatched", "broken", "copy") or len(rows) <= 20:
            for r in rows.itertuples(index=False):
                what = f"-> {r.group_id} ({r.method}, {r.confidence:.2f})" if r.group_id else ""
                print(f"  {r.file} {what}" + (f"  [{r.note}]" if r.note else ""))
    print(f"records awaiting full text without a PDF: {len(todo)}")
    for row in todo.itertuples(index=False):
        print(f"  {row.group_id}  {row.title[:90]}")
    # a confirmed PDF no longer in the folder (renamed, moved): its record lost the PDF; broken files are listed above
    for p in evidence.problems + [p for p in result.problems if "fulltext.tsv, line" in p]:
        print(f"warning: {p}", file=sys.stderr)
    return 0
