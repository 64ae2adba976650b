"""synthesis screening: where screening stands, PRISMA counts, and Rayyan/Covidence exchange.

    synthesis screening status  [--units output/units.csv] [--evidence evidence/screening] [--stage full_text]
                                [--joining NAME] [--reviewer NAME | --team]

Screening blind, until the team has screened the stage it prints no number made of the others' decisions (the
PRISMA numbers, made of both stages, wait for both), and refuses --reviewer NAME (it cannot tell who types the
name; notebook 2 shows a reviewer their own decisions); --team prints the team's, for someone who does not screen
the stage (the lead who only resolves, say).

Inside a review project (any folder under the one holding evidence/ and output/) --units and --evidence are
found by themselves.
    synthesis screening import-rayyan FILE --units output/units.csv [--stage title_abstract]
    synthesis screening import-covidence FILE --units ... --reviewer NAME [--stage ... --decision ...]
    synthesis screening export-rayyan OUT.csv --units ... [--team]

Screening blind, export-rayyan writes nothing until the team has screened the stage (the file names every
reviewer's vote on each record), unless --team.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

from ..wording import counted


def register(sub) -> None:
    p = sub.add_parser("screening", help="screening progress, agreement, PRISMA counts; Rayyan/Covidence exchange",
                       description=__doc__.splitlines()[0])
    actions = p.add_subparsers(dest="screening_command", metavar="ACTION")

    def common(q):
        q.add_argument("--units", help="unit table CSV (one row per duplicate group; default: the project's "
                       "output/units.csv)")
        q.add_argument("--evidence", help="folder of the decision logs, its settings in the review.toml beside it "
                       "(default: the project's evidence/screening)")
        q.add_argument("--stage", default="title_abstract", choices=["title_abstract", "full_text"])

    s = actions.add_parser("status", help="state of every record, agreement, PRISMA counts, log problems")
    common(s)
    s.add_argument("--json", action="store_true", help="print the PRISMA counts as JSON only")
    s.add_argument("--joining", metavar="NAME", help="before NAME joins the stage: the records others agreed on, "
                   "and which of them NAME's decisions would turn into conflicts")
    who = s.add_mutually_exclusive_group()
    who.add_argument("--reviewer", metavar="NAME", help="the reviewer asking (screening blind, refused until the "
                     "team has screened the stage: the command cannot tell who types the name; notebook 2 shows "
                     "your own decisions)")
    who.add_argument("--team", action="store_true", help="screening blind: the team's numbers even before the "
                     "team has screened the stage (they show how the others decided: for someone who does not "
                     "screen it)")
    r = actions.add_parser("import-rayyan", help="log the reviewers' votes from a Rayyan CSV export")
    r.add_argument("file")
    common(r)
    c = actions.add_parser("import-covidence", help="log a Covidence list export as resolutions")
    c.add_argument("file")
    common(c)
    c.add_argument("--reviewer", required=True, help="who imports (logged as the resolver)")
    c.add_argument("--decision", choices=["include", "exclude", "maybe"],
                   help="the list's outcome (otherwise read from the file name)")
    e = actions.add_parser("export-rayyan", help="write every reviewer's votes as a Rayyan-style CSV")
    e.add_argument("output")
    common(e)
    e.add_argument("--team", action="store_true", help="screening blind: write every reviewer's votes even before "
                   "the team has screened the stage (for someone who does not screen it)")
    p.set_defaults(func=run)


def _settings(folder):
    from .settings import load_screening_settings

    return load_screening_settings(Path(folder))


def find_project(start=None):
    """The nearest folder at or above ``start`` (default: here) that holds ``evidence/screening`` or
    ``output/units.csv``; ``None`` when there is none."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "output" / "units.csv").is_file() or (folder / "evidence" / "screening").is_dir():
            return folder
    return None


def _locate(args) -> None:
    """Fill in --units and --evidence from the project folder around the working directory."""
    from .settings import ScreeningError

    if getattr(args, "joining", None) is not None and not args.joining.strip():
        raise ScreeningError("--joining needs the name of the reviewer who joins the stage")
    project = find_project() if (args.units is None or args.evidence is None) else None
    if args.evidence is None:
        args.evidence = str(project / "evidence" / "screening") if project else "evidence/screening"
    elif Path(args.evidence).exists() and not Path(args.evidence).is_dir():
        raise ScreeningError(f"{args.evidence}: a file, where the folder of screening logs belongs "
                             "(evidence/screening)")
    elif args.screening_command in ("status", "export-rayyan") and not Path(args.evidence).is_dir():
        # read as "no decisions yet": a typing error hid every decision
        raise ScreeningError(f"{args.evidence}: no such folder of screening logs (evidence/screening in a project)")
    if args.units is None:
        if project is None or not (project / "output" / "units.csv").is_file():
            where = f" in {project / 'output'}" if project else " here or in any folder above"
            raise ScreeningError(f"no output/units.csv{where}: run `synthesis build` in the project first, "
                                 "or give --units FILE")
        args.units = str(project / "output" / "units.csv")


def run(args) -> int:
    from .settings import ScreeningError

    if not getattr(args, "screening_command", None):
        print("say what to do: status, import-rayyan, import-covidence or export-rayyan (see --help)", file=sys.stderr)
        return 2
    try:
        _locate(args)
        return _run(args)
    except ScreeningError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def _run(args) -> int:
    from .agreement import agreement, team_agreement
    from .counts import prisma_counts
    from .exchange import export_rayyan, import_covidence, import_rayyan
    from .log import read_logs
    from .settings import STAGE_LABELS, reviewer_slug
    from .status import agreed_by_others, hidden_while_blind, joining_preview, screening_status, state_counts
    from .stopping import left_after_stops, logged_stopping_tests
    from .units import apply_joined_groups, read_unit_table

    settings = _settings(args.evidence)
    units = read_unit_table(args.units)
    if args.screening_command == "import-rayyan":
        print(import_rayyan(args.file, units, args.evidence, settings, args.stage))
        return 0
    if args.screening_command == "import-covidence":
        stage = args.stage if args.decision else None
        print(import_covidence(args.file, units, args.evidence, args.reviewer, settings, stage, args.decision))
        return 0
    if args.screening_command == "export-rayyan":
        hidden = "" if args.team else hidden_while_blind(args.evidence, units, args.stage, settings)
        if hidden:
            # the file names every reviewer and their vote on each record: what blind screening hides
            print(f"error: {hidden} export-rayyan writes every reviewer's votes: {_TEAM}.", file=sys.stderr)
            return 1
        print(export_rayyan(units, args.evidence, args.output, settings, args.stage))
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # printed below, each once
        reading = read_logs(args.evidence, settings, warn=False)
        # as in the build: decisions on a group a "duplicate" verdict joined to another count for the joined one
        apply_joined_groups(reading, units)
        problems: list = []
        status = screening_status(reading, units, args.stage, settings, problems=problems, reached=True)
        # the records the stopping tests leave unscreened are counted as the build counts them (marked ineligible
        # by automation tools), not as "without a title/abstract outcome ... not counted yet" (w54)
        counts = prisma_counts(reading, units, settings, warn=False, stopped=left_after_stops(reading, units, settings))
    # the stage's own numbers show once the team has screened it (as in notebook 2); the PRISMA numbers are made
    # of both stages' decisions, so they wait for both (a team that had screened every title read only "blind
    # until every record at full text ...", not its title/abstract conflicts and agreement)
    hidden = "" if args.team else hidden_while_blind(reading, units, args.stage, settings)
    if hidden:
        return _blind_status(args, reading, units, settings, hidden)
    prisma_hidden = "" if args.team else hidden_while_blind(reading, units, args.stage, settings, every_stage=True)
    if args.json:
        if prisma_hidden:
            print(f"error: {prisma_hidden} The PRISMA numbers are made of every reviewer's decisions: {_TEAM}.",
                  file=sys.stderr)
            return 1
        print(json.dumps({**counts, "excluded_automatic": counts.left_by_stop}, indent=2))
        return 0
    if args.joining:
        preview = joining_preview(reading, units, args.joining, args.stage, settings)
        stage = STAGE_LABELS.get(args.stage, args.stage)
        print(f"{args.joining} joining {stage}: {counted(len(preview), 'record')} "
              f"{'is' if len(preview) == 1 else 'are'} already "
              f"{agreed_by_others(settings.reviewers_per_record)}; a different decision from "
              f"{args.joining} on any of them makes it a conflict (it leaves the PRISMA counts until resolved).")
        flips = preview[preview["becomes_conflict"]]
        if len(flips):
            # a team member's log is counted already: those records are conflicts now, not "once that log is counted"
            name = next((m for m in settings.team if reviewer_slug(m) == reviewer_slug(args.joining)), args.joining)
            counted_now = any(e.reviewer == name for e in reading.entries)
            one = len(flips) == 1
            when = (f"{'is a conflict' if one else 'are conflicts'} now ({name}'s log is counted)" if counted_now else
                    f"will {'be a conflict' if one else 'be conflicts'} once {args.joining}'s log is counted "
                    f"(syn.add_reviewer adds a name to the team)")
            print(f"{len(flips)} of them already {'has' if one else 'have'} a different decision from "
                  f"{args.joining} and {when}:")
            for row in flips.itertuples(index=False):
                print(f"  {row.group_id}: {row.agreed_by} agreed {row.decision}; {args.joining}: {row.their_decision}")
        else:
            print(f"None of them has a different decision from {args.joining} yet.")
        return 0
    print(f"{len(status)} records, stage {args.stage}, logs: {', '.join(Path(f).name for f in reading.files) or 'none'}")
    for state, n in state_counts(status).items():
        print(f"  {state:16s} {n}")
    agree = agreement(reading, args.stage, keys=units["group_id"], settings=settings)  # the pilot's rows too
    for row in agree.itertuples(index=False):
        print(f"  agreement ({row.subset}) {row.reviewer_a} / {row.reviewer_b}: {row.n} records both decided, "
              f"{row.percent_agreement:.1f} % agree, kappa {row.kappa:.3f}")
    team = team_agreement(reading, args.stage, keys=units["group_id"], settings=settings).iloc[0]
    if team["reviewers"] >= 2:
        print(f"  team agreement ({team['reviewers']} reviewers, {team['n']} records rated by two or more): "
              f"Fleiss' kappa {team['fleiss_kappa']:.3f}, Krippendorff's alpha {team['krippendorff_alpha']:.3f}, "
              f"Gwet's AC1 {team['gwet_ac1']:.3f}")
    n_conflicts = int((status["state"] == "conflict").sum())
    if n_conflicts:
        print(f"  {counted(n_conflicts, 'open conflict')}: not counted in the PRISMA numbers until resolved")
    for test in logged_stopping_tests(reading, units["group_id"], args.stage):
        print(f"  {test.summary()}")
        if test.may_stop:
            print(f"    methods: {test.methods_sentence()}")
    if prisma_hidden:
        print(f"PRISMA 2020 screening numbers: not yet. {prisma_hidden} They are made of both stages' decisions: "
              f"{_TEAM}.")
        for p in reading.problems + problems:
            print(f"warning: {p}", file=sys.stderr)
        return 0
    # every record of the unit table: all rounds, and other methods' records with the databases'; the diagram
    # counts the latest round, each column apart (an author read 284 screened here and 37 in the diagram)
    rounds = units["search_round"].nunique() if "search_round" in units.columns else 1
    print(f"PRISMA 2020 screening numbers from the logs, for every record of the unit table ("
          f"{f'all {rounds} search rounds' if rounds > 1 else 'one search round'}, every search method together; "
          f"the diagram's, of the latest round and per column, are in output/prisma_counts.json):")
    for k, v in counts.items():
        print(f"  {k:26s} {v}")
    if counts.left_by_stop:  # the diagram's box, by the R template's name, as in output/prisma_counts.json
        print(f"  {'excluded_automatic':26s} {counts.left_by_stop}   (not screened after the stopping test: "
              "removed before screening, marked ineligible by automation tools)")
    for p in reading.problems + problems:
        print(f"warning: {p}", file=sys.stderr)
    for m in counts.problems:
        if not any(m == str(p) for p in problems):
            print(f"note: {m}", file=sys.stderr)
    return 0


#: What a blind reviewer's command may ask for instead, said the same way by every command that holds back.
_TEAM = ("--team prints them for someone who does not screen it (they show how the others decided); "
         "everyone sees them once the team has screened every record")


def _blind_status(args, reading, units, settings, hidden: str) -> int:
    """``screening status`` while blind screening hides the team's numbers: the reviewer's own, or what to ask."""
    from .settings import STAGE_LABELS

    stage = STAGE_LABELS.get(args.stage, args.stage)
    team = _TEAM
    if args.json:
        print(f"error: {hidden} The PRISMA numbers are made of every reviewer's decisions: {team}.", file=sys.stderr)
        return 1
    if args.joining:
        print(f"{args.joining} joining {stage}: screening is blind, so which records the others already agreed on, "
              f"and how many, is not printed; the widget tells {args.joining}, before their first decision, that a "
              f"different decision on such a record makes it a conflict (it leaves the PRISMA counts until "
              f"resolved). {team[0].upper()}{team[1:]}.")
        return 0
    if args.reviewer:
        # a command cannot tell who types it: bob typing --reviewer alice read alice's decisions (w28)
        settings.reviewer_name(args.reviewer)  # an unknown name: that error first, as in the notebook
        print(f"error: screening is blind and the team has not screened every record: the command line cannot "
              f"tell who types --reviewer {args.reviewer}, so it prints no one's decisions (yours are in notebook 2, "
              f"REVIEWER = your name). The team's numbers: {team}.", file=sys.stderr)
        return 1
    print(f"{hidden}\nYour own decisions at {stage} are in notebook 2 (REVIEWER = your name). The team's numbers: "
          f"{team}.")
    return 0
