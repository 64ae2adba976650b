"""The ``synthesis`` command. Each step of the pipeline registers its own sub-command.

Run ``synthesis --help`` for the list, ``synthesis COMMAND --help`` for one.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

#: Modules that each define ``register(subparsers)``; order is the order of the pipeline.
COMMAND_MODULES = [
    "synthesis.project_cli",
    "synthesis.io.cli",
    "synthesis.dedup.cli",
    "synthesis.screening.cli",
    "synthesis.fulltext.cli",
    "synthesis.build.cli",
    "synthesis.prisma.cli",
    "synthesis.citations.cli",
    "synthesis.maps.cli",
]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="synthesis", description=__doc__.splitlines()[0].replace("``", ""))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # anywhere on the line: show the traceback instead of the one sentence
    argv = [a for a in argv if a != "--debug"]
    parser = make_parser()
    parser.add_argument("--debug", action="store_true", help="on an error, show the full traceback")
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - bad input or environment: one sentence, never a bare traceback
        if debug:
            raise
        from .errors import explain

        print(f"synthesis {args.command}: {explain(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
