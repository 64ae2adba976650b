"""The ``synthesis`` command. Each step of the pipeline registers its own sub-command.

Run ``synthesis --help`` for the list, ``synthesis COMMAND --help`` for one.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

#: Modules that each define ``register(subparsers)``; order is the order of the pipeline.
COMMAND_MODULES = [
    "synthesis.io.cli",
    "synthesis.dedup.cli",
    "synthesis.screening.cli",
    "synthesis.build.cli",
    "synthesis.prisma.cli",
    "synthesis.maps.cli",
]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="synthesis", description=__doc__.splitlines()[0].replace("``", ""))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def main(argv=None) -> int:
    parser = make_parser()
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


if __name__ == "__main__":
    sys.exit(main())
