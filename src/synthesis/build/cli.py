"""``synthesis build [PROJECT]``: regenerate ``output/`` from ``data/`` and ``evidence/``."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("build", help="regenerate output/ from data/ and evidence/",
                       description="Regenerate every output of a review project from data/ and evidence/.")
    p.add_argument("project", nargs="?", default=".", help="project folder (default: here)")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=run)


def run(args) -> int:
    from .run import run as run_build  # pandas and the rest load only when a build runs

    return run_build(args)
