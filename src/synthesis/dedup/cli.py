"""``synthesis dedupe FILE... -o groups.csv``: find duplicate records across exports.

Writes one row per input record (``source_file``, ``source_index``, ``source_id``, ``record_id``,
``group_id``, ``status`` ...) and prints a summary: records, groups, duplicates removed automatically,
maybe pairs left for a person.

Examples
--------
::

    synthesis dedupe data/searches/2024-05/ -o output/duplicate_groups.csv \\
        --decisions evidence/duplicate_verdicts.tsv --maybe output/maybe_pairs.csv
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

from ..io.cli import add_files_argument
from ..wording import counted, files_read


def register(sub) -> None:
    p = sub.add_parser("dedupe", help="find duplicate records across exports",
                       description="Import export files, group the records that are the same paper and write one "
                                   "row per record with its duplicate group and status.")
    add_files_argument(p)
    p.add_argument("-o", "--output", default="groups.csv", help="groups table to write (default %(default)s)")
    p.add_argument("--decisions", metavar="TSV",
                   help="people's verdicts on maybe pairs (e.g. evidence/duplicate_verdicts.tsv), re-applied")
    p.add_argument("--previous", metavar="CSV", help="groups table of an earlier run: its group ids are kept")
    p.add_argument("--library", metavar="CSV", help="also write the merged library (one row per group)")
    p.add_argument("--maybe", metavar="CSV", help="also write the maybe pairs left for a person")
    p.add_argument("--prefer-database", action="append", default=[], metavar="NAME",
                   help="prefer records from this database as a group's representative (repeatable, in order)")
    p.add_argument("--allow-conference", action="store_true",
                   help="let a conference paper merge automatically with its journal version")
    p.add_argument("--maybe-floor", type=float, default=0.03, metavar="P",
                   help="list a maybe pair only if it is at least this likely a duplicate (0-1, default %(default)s)")
    p.set_defaults(func=run)


def run(args) -> int:
    import pandas as pd

    from ..io import read_files
    from ..io.cli import expand
    from ..io.safe import neutralise_table
    from . import DecisionRules, MergePolicy, deduplicate

    if args.decisions and not Path(args.decisions).exists():  # none yet, or a typing error: say which it was read as
        print(f"note: {args.decisions} does not exist (yet): no verdicts of people applied", file=sys.stderr)
    files = expand(args.files)
    imported = read_files(files, progress=True)
    for report in imported.reports:
        if not report.ok or report.rejected:
            print(report.summary(), file=sys.stderr)
    records = imported.records
    if records.empty:
        print("no records imported; nothing to deduplicate", file=sys.stderr)
        return 1
    previous = None
    if args.previous:
        try:
            previous = pd.read_csv(args.previous, dtype=str, keep_default_na=False)
        except (OSError, ValueError) as exc:
            print(f"{args.previous}: cannot read the earlier groups table: {exc}", file=sys.stderr)
            return 1
        if not {"record_id", "group_id"} <= set(previous.columns):
            print(f"{args.previous}, line 1: needs the columns record_id and group_id", file=sys.stderr)
            return 1
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = deduplicate(records, verdicts=args.decisions, previous=previous,
                                 rules=DecisionRules(allow_conference=args.allow_conference,
                                                     maybe_floor=args.maybe_floor),
                                 policy=MergePolicy(preferred_databases=tuple(args.prefer_database)),
                                 progress=len(records) > 20000)
    except ValueError as exc:  # a malformed verdict file names its line
        print(str(exc), file=sys.stderr)
        return 1
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    result.groups.to_csv(args.output, index=False)
    if args.library:
        library = result.library.drop(columns=["raw"], errors="ignore").copy()
        for col in ("authors", "keywords", "member_ids", "source_files", "source_databases"):
            library[col] = library[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        # record strings go into a spreadsheet: no cell may run as a formula there (as in the build's files)
        neutralise_table(library).to_csv(args.library, index=False, lineterminator="\n")
    if args.maybe:
        neutralise_table(result.maybe_table(records)).to_csv(args.maybe, index=False, lineterminator="\n")
    s = result.summary
    failed = sum(not r.ok for r in imported.reports)
    print(f"{counted(s['records'], 'record')} from {files_read(len(files) - failed, len(files))} -> "
          f"{counted(s['groups'], 'group')}; {counted(s['duplicates_removed'], 'duplicate')} removed automatically, "
          f"{s['duplicates_by_verdict']} by verdicts; {counted(s['maybe_pairs'], 'maybe pair')} left for a person "
          f"-> {args.output}")
    return 1 if failed else 0
