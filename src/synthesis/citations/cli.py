"""``synthesis citations [PROJECT]``: backward citation searching from the included studies' exports.

Prints what was found (references, distinct, already in the library, new candidates); ``--write`` writes the
candidates into the latest search round (or ``--round``) and records the search in evidence/searches.toml;
``-o FILE.csv`` saves every reference with its fields and match. Exit status 2 when the project is not built
or the round already has a citation search.
"""
from __future__ import annotations

import datetime
import sys


def register(sub) -> None:
    p = sub.add_parser("citations", help="backward citation searching from the exports of the included studies",
                       description=__doc__.splitlines()[0])
    p.add_argument("project", nargs="?", default=".", help="the project folder, built (default: .)")
    p.add_argument("--write", action="store_true",
                   help="write the candidates into the round and record the search in evidence/searches.toml")
    p.add_argument("--round", help="the search round to write into (default: the latest)")
    p.add_argument("--date", help="the day of the search, YYYY-MM-DD (default: today)")
    p.add_argument("-o", "--output", help="save every reference (fields, status, matched group) to this CSV")
    p.add_argument("--team", action="store_true", help="screening blind: search even before the team has screened "
                   "every record (the included studies are the team's decisions: for someone who does not screen)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..project import open_project
    from ..screening.status import hidden_while_blind_in
    from .search import backward_citation_search

    try:
        hidden = "" if args.team else hidden_while_blind_in(open_project(args.project))
        if hidden:
            print(f"error: {hidden} The citation search starts from the studies the team included: --team runs it "
                  "now, for someone who does not screen.", file=sys.stderr)
            return 1
        day = datetime.date.fromisoformat(args.date) if args.date else None
        search = backward_citation_search(args.project)
        for note in search.notes:
            print(f"note: {note}", file=sys.stderr)
        for key, value in search.summary().items():
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
        if args.output:
            search.references.to_csv(args.output, index=False)
            print(f"wrote {args.output}")
        if args.write:
            path = search.write_round(args.project, round_name=args.round, date=day)
            if path is None:
                print("every reference is already in the library: the search is recorded in evidence/searches.toml")
            else:
                print(f"wrote {path}; run `synthesis build` to deduplicate and queue them for screening")
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
