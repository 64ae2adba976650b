"""``synthesis prisma COUNTS -o flow.svg`` draws a PRISMA flow diagram; ``--check`` checks the sums.

COUNTS is our JSON, our ``field,name,n`` CSV, or the PRISMA2020 R template (one round of a living
template with ``--round``). The output format comes from each ``-o`` extension: ``.svg``, ``.pdf``,
``.eps``, ``.png``, ``.tiff`` draw the diagram; ``.csv`` writes the R template; ``.json`` writes our counts file.

Exit status: 0 when every rule holds (warnings are printed), 1 when a check fails (or, with ``--strict``,
a warning), 2 when the input cannot be used.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def _positive(text: str) -> int:
    """A whole number above 0, for ``--dpi`` (argparse names the option when this raises)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not above 0")
    return value


def register(sub) -> None:
    p = sub.add_parser(
        "prisma", help="check PRISMA counts and draw the flow diagram",
        description="Check the sums between the boxes of PRISMA counts and draw the PRISMA 2020 (or 2009) "
                    "flow diagram as SVG, PDF or PNG. COUNTS: our .json, our field,name,n .csv, or the "
                    "PRISMA2020 R package's template .csv.")
    p.add_argument("counts", metavar="COUNTS", help="counts file (.json or .csv)")
    p.add_argument("-o", "--output", action="append", default=[],
                   help="write to this file; format from the extension: .svg .pdf .eps .png .tiff (diagram), "
                        ".csv (R template), .json (our counts). Repeat for several.")
    p.add_argument("--check", action="store_true", help="only check the sums; exit 0 when every rule holds")
    p.add_argument("--strict", action="store_true", help="with --check: warnings fail too")
    p.add_argument("--template", help="new_dbr, new_dbr_other, updated_dbr, updated_dbr_other or prisma2009 "
                                      "(aliases: new, new_other, updated, updated_other, 2009); default: inferred")
    p.add_argument("--round", help="the round (count column) of a living template to use; --check without it "
                                   "checks every round")
    p.add_argument("--allow-failing", action="store_true",
                   help="draw even when checks fail: a flagged draft with the failures marked and listed")
    p.add_argument("--page", default="A4", help="A4 or letter (default %(default)s)")
    p.add_argument("--orientation", default="auto", choices=["auto", "portrait", "landscape"])
    p.add_argument("--width-cm", type=float, help="lay the diagram out for this width, e.g. 8.5 for one journal "
                                                  "column (default: the page's width, 18.5 cm on A4)")
    p.add_argument("--dpi", type=_positive, default=300, help="resolution of PNG and TIFF output (default %(default)s)")
    p.add_argument("--labels", help="JSON file of box wording overrides {label key or field: text}")
    p.add_argument("--font", help="font family (default DejaVu Sans, shipped with matplotlib)")
    p.add_argument("--font-size", type=float, help="font size in points (default 8)")
    p.set_defaults(func=run)


def run(args) -> int:
    from .checks import check
    from .counts import PrismaInputError
    from .files import read_counts, write_counts
    from .draw import Style, draw
    from .layouts import infer_template, resolve_template
    from .rtemplate import read_rounds, read_text, rtemplate_problems, rtemplate_separator

    try:
        template = resolve_template(args.template) if args.template else None
        path = Path(args.counts)
        if args.check and args.round is None and path.is_file() and rtemplate_separator(read_text(path, "counts")):
            rounds = read_rounds(path, allow_unfilled=True)  # a column made ready for the next round: said below
        else:
            rounds = [(args.round or "", read_counts(path, column=args.round))]
        labels = {}
        if args.labels:
            try:
                labels = json.loads(Path(args.labels).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise PrismaInputError(f"{args.labels}: cannot read the labels ({exc})") from None
            if not isinstance(labels, dict):
                raise PrismaInputError(f"{args.labels}: expected a JSON object of {{label key: text}}")
    except PrismaInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {args.counts}: {exc.strerror or exc}", file=sys.stderr)
        return 2

    status = 0
    for name, counts in rounds:
        if counts is None:
            print(f"{args.counts} [{name}]: no counts yet (every box is empty): not checked")
            continue
        # Name the template (inferred if need be) so boxes it needs but the file lacks are errors too.
        report = check(counts, template or counts.template or infer_template(counts))
        if args.check or report.findings:
            head = f"{args.counts}" + (f" [{name}]" if len(rounds) > 1 or name else "")
            stream = sys.stdout if report.ok else sys.stderr
            print(f"{head}: {report.template}", file=stream)
            for line in str(report).splitlines():
                print(f"  {line}", file=stream)
        if report.errors or (args.strict and report.warnings):
            status = 1
    if args.check and not args.output:
        return status

    counts = rounds[0][1]
    if not args.output:
        print("error: give -o FILE (.svg, .pdf, .eps, .png, .tiff, .csv or .json), or --check", file=sys.stderr)
        return 2
    style = Style()
    if args.font:
        style.font_family = args.font
    if args.font_size:
        style.font_size = args.font_size
    try:
        diagram = None
        for out in args.output:
            suffix = Path(out).suffix.lower()
            if suffix in (".csv", ".json"):
                write_counts(counts, out)
                if suffix == ".csv":
                    for problem in rtemplate_problems(counts):
                        print(f"warning: {out}: {problem}", file=sys.stderr)
            elif suffix in (".svg", ".pdf", ".eps", ".png", ".tiff", ".tif"):
                if diagram is None:
                    diagram = draw(counts, template, labels=labels, style=style, page=args.page,
                                   orientation=args.orientation, allow_failing=args.allow_failing,
                                   width_cm=args.width_cm)
                diagram.save(out, dpi=args.dpi)
            else:
                raise PrismaInputError(f"{out}: unknown output format {suffix!r}; use .svg, .pdf, .eps, .png, .tiff, "
                                       f".csv or .json")
            print(f"wrote {out}")
    except PrismaInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if status == 0 else status
    if diagram is not None and diagram.report.errors:
        print("warning: drawn with --allow-failing: the diagram is flagged as not valid", file=sys.stderr)
    return status
