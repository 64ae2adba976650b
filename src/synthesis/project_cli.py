"""``synthesis new FOLDER``: start a review of your own (:func:`synthesis.project.new_project`)."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("new", help="start a review of your own: an empty project folder",
                       description="Make a new review project: data/searches/ for the exports, evidence/review.toml "
                                   "for the settings (title and team filled in, the rest explained), the notebooks "
                                   "and a README saying what goes where. Nothing of the shipped example is copied.")
    p.add_argument("folder", help="the new project's folder (new, or empty)")
    p.add_argument("--title", default="", help="the review's title")
    p.add_argument("--team", default="", help="the reviewers' names, separated by commas: --team 'Ana, Ben'")
    p.add_argument("--dual", action="store_true", help="two reviewers screen each record, each blind to the other's "
                                                        "decisions until the team has screened the stage")
    p.add_argument("--open", action="store_true", help="with --dual: each reviewer sees the others' decisions")
    p.set_defaults(func=run)


def run(args) -> int:
    from .project import new_project

    import sys

    if args.open and not args.dual:
        print("error: --open is for dual screening (--dual): with one reviewer per record there is no one else's "
              "decision to see", file=sys.stderr)
        return 2
    team = [name.strip() for name in args.team.split(",") if name.strip()]
    project = new_project(args.folder, args.title, team, reviewers_per_record=2 if args.dual else 1,
                          blind=args.dual and not args.open)
    print(f"made {project.root}: put the search exports in {project.data / 'searches'}/<date>/, fill in "
          f"{project.evidence / 'review.toml'}, then run: synthesis build {args.folder}")
    return 0
