"""``synthesis import FILE... -o records.csv``: import exports and print a report per file."""
from __future__ import annotations

import sys
from pathlib import Path

from ..wording import counted, files_read


def register(sub) -> None:
    p = sub.add_parser("import", help="import database exports into one record table",
                       description="Import export files (RIS, MEDLINE/nbib, Web of Science, BibTeX, EndNote, "
                                   "Ovid, Cochrane, RefWorks, NoteExpress, CNKI E-Study, ProQuest, Scopus and "
                                   "ScienceDirect text, PubMed XML, CSV/TSV, Excel .xlsx, CSL JSON, trial registers' "
                                   "downloads; the README's Import section lists them), print a report per file and "
                                   "write one record table. The format and encoding are detected from the content.")
    add_files_argument(p)
    p.add_argument("-o", "--output", default="records.csv", help="record table to write (.csv; default %(default)s)")
    p.add_argument("--report", help="also write the per-file import report as CSV")
    p.add_argument("--database", help="name the database of every file (otherwise inferred per file)")
    p.set_defaults(func=run)


def add_files_argument(parser) -> None:
    """The export files a command reads (with :func:`expand`, folders stand for the files in them)."""
    parser.add_argument("files", nargs="+", help="export files or folders (searched recursively)")


def expand(paths) -> list[str]:
    """Files as given, and the files inside folders (sorted; what is never an export skipped, as the build
    skips it: hidden files and folders, notes, lock files, PDFs, see :func:`synthesis.project.is_export_file`)."""
    from ..project import is_export_file

    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out += [f.as_posix() for f in sorted(path.rglob("*")) if f.is_file() and is_export_file(f)
                    and not any(part.startswith(".") for part in f.relative_to(path).parts)]
        else:
            out.append(str(p))
    return out


def run(args) -> int:
    from . import read_files
    from .export import write_csv

    files = expand(args.files)
    if not files:  # folders holding no export: an empty record table would look like a search that found nothing
        print(f"no export files in {', '.join(args.files)}; nothing imported", file=sys.stderr)
        return 1
    result = read_files(files, database=args.database, progress=True)
    for report in result.reports:
        print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    if args.report:
        result.report_table().to_csv(args.report, index=False)
    n_files = len(result.reports)
    failed = sum(not r.ok for r in result.reports)
    if failed == n_files:  # nothing read: an empty record table would look like a search that found nothing
        print(f"no file could be read; nothing written to {args.output}", file=sys.stderr)
        return 1
    write_csv(result.records, args.output)
    print(f"{counted(len(result.records), 'record')} from {files_read(n_files - failed, n_files)} -> {args.output}")
    return 1 if failed else 0
