"""``synthesis map``: draw the evidence maps of a coded review.

    synthesis map all                       # everything into output/maps
    synthesis map gap --columns country     # the gap map with countries as columns
    synthesis map gap --columns stage --filter stakeholder=Patients
    synthesis map table2 -o output/tables
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

KINDS = ("all", "gap", "heatmap", "charts", "network", "bipartite", "html", "table2", "codes")


def register(subparsers) -> None:
    p = subparsers.add_parser("map", help="draw the evidence maps: gap map, heatmap, charts, networks, HTML map, "
                                          "Table 2", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=KINDS, nargs="?", default="all", help="what to draw (default: all)")
    p.add_argument("--scheme", default="evidence/coding_scheme.txt", help="coding scheme (default: %(default)s)")
    p.add_argument("--codes", default=None, help="study codes (default: the project's coding, as the build reads "
                                                 "it: evidence/study_codes.csv and the coders' logs)")
    p.add_argument("--studies", default=None, help="studies and their extraction fields "
                                                   "(default: studies.csv beside --codes)")
    p.add_argument("--columns", default=None, help="dimension for the columns (default: the scheme's first "
                                                   "dimension besides the framework)")
    p.add_argument("--rows", default=None, help="framework level for the rows (default: constructs)")
    p.add_argument("--by", default=None, help="for charts: one dimension (default: the framework's first two "
                                              "levels, the scheme's other dimensions, country, year, evidence_type)")
    p.add_argument("--filter", action="append", default=[], metavar="DIMENSION=VALUE",
                   help="keep only codes/studies with this value (repeatable); for gap and heatmap")
    p.add_argument("--format", default="svg,pdf,png", help="figure formats, comma-separated (default: %(default)s)")
    p.add_argument("-o", "--outdir", default="output/maps", help="output folder (default: %(default)s)")
    p.set_defaults(func=run)


def run(args) -> int:
    from synthesis.coding import CodingError, SchemeError, load_scheme, load_study_codes, write_study_codes, write_table2
    from synthesis.maps import build, charts, gapmap, html, network
    from synthesis.maps.figure import plt

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("svg", "pdf", "png")]
    if bad:
        print(f"synthesis map: unknown format(s) {', '.join(bad)}; use svg, pdf, png", file=sys.stderr)
        return 2
    filters = {}
    for item in args.filter:
        if "=" not in item:
            print(f"synthesis map: --filter {item!r}: write DIMENSION=VALUE", file=sys.stderr)
            return 2
        k, v = item.split("=", 1)
        filters.setdefault(k.strip(), []).append(v.strip())
    try:
        scheme = load_scheme(args.scheme)
        if args.codes is None and args.studies is None:
            # the project's coding as the build reads it: a review coded in the notebook has coders' logs
            # (evidence/coding/) and no study_codes.csv
            from synthesis.coding.project import project_coding

            coding = project_coding(".", warn=False, scheme=scheme).coding
        else:
            coding = load_study_codes(args.codes or "evidence/study_codes.csv", scheme, studies=args.studies)
    except (SchemeError, CodingError) as exc:
        print(f"synthesis map: {exc}", file=sys.stderr)
        return 2
    if not len(coding.included):
        from synthesis.coding.project import why_no_map

        print(f"synthesis map: {why_no_map(coding)}, so nothing to draw: code the included studies in notebook 3 "
              "(their list is output/coding_queue.csv, written by synthesis build)", file=sys.stderr)
        return 1
    out = Path(args.outdir)
    try:
        if args.kind == "all":
            written = [p for paths in build.build_maps(coding, out, columns=args.columns, formats=formats).values()
                       for p in paths]
        elif args.kind in ("gap", "heatmap"):
            draw = gapmap.draw_gap_map if args.kind == "gap" else gapmap.draw_heatmap
            fig = draw(coding, columns=args.columns, rows=args.rows, filters=filters or None,
                       path=out / ("gap_map" if args.kind == "gap" else "heatmap"), formats=formats)
            written = fig.saved_paths
            plt.close(fig)
        elif args.kind == "charts":
            wanted = [args.by] if args.by else None
            result = charts.draw_all_charts(coding, out, formats=formats, charts=wanted)
            for by, paths in result.items():
                if not paths:
                    print(f"studies_by_{by}: not drawn, no included study has a value for {by.replace('_', ' ')}")
            written = [p for paths in result.values() for p in paths]
        elif args.kind in ("network", "bipartite"):
            graph = (network.construct_network(coding, args.rows) if args.kind == "network"
                     else network.study_construct_graph(coding, args.rows))
            stem = "construct_network" if args.kind == "network" else "study_construct_network"
            fig = network.draw_network(graph, path=out / stem, formats=formats)
            written = fig.saved_paths + [network.write_graph(graph, out / f"{stem}.graphml"),
                                         network.write_graph(graph, out / f"{stem}.gexf")]
            plt.close(fig)
        elif args.kind == "html":
            written = [html.write_html_map(coding, out / "gap_map.html", columns=args.columns, rows=args.rows)]
        elif args.kind == "table2":
            written = list(write_table2(coding, out).values())
        else:  # codes
            written = [write_study_codes(coding, out / "study_codes.csv")]
    except ValueError as exc:  # an unknown dimension or level named on the command line
        print(f"synthesis map: {exc}", file=sys.stderr)
        return 2
    for p in written:
        print(p)
    return 0
