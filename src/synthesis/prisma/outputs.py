"""The PRISMA files of a build: the flow diagram, ``prisma_counts.csv`` and the checks, from the pipeline.

The build calls :func:`write_outputs` with the counts :func:`~synthesis.prisma.counts.from_pipeline`
made, and :func:`write_seed_figure` for a published figure kept under ``evidence/``. Both write
deterministic files (no dates inside), so a rebuild with the same inputs changes nothing.

Examples
--------
>>> from synthesis.prisma import from_pipeline, write_outputs        # doctest: +SKIP
>>> write_outputs(from_pipeline(...), "output")                      # doctest: +SKIP
['output/prisma_counts.csv', 'output/prisma_checks.txt', 'output/prisma_flow.svg', ...]
"""
from __future__ import annotations

from pathlib import Path

from .checks import check
from .counts import PrismaCounts
from .draw import Style, draw
from .files import read_counts, write_json
from .rtemplate import rtemplate_problems, write_rtemplate


def _checks_text(counts: PrismaCounts, template: str | None, problems: list[str] | None = None) -> str:
    report = check(counts, template)
    # The file's name only: the same project built in another folder gives the same text.
    source = Path(counts.source).name if counts.source and counts.source != "pipeline" else counts.source
    lines = [f"PRISMA checks ({report.template}) of {source or 'the counts'}", str(report)]
    if problems:
        lines += ["", "Not carried by the PRISMA2020 R template (prisma_counts.csv):"] + [f"  {p}" for p in problems]
    return "\n".join(lines) + "\n"


def write_outputs(
    counts: PrismaCounts,
    folder,
    *,
    stem: str = "prisma",
    template: str | None = None,
    formats=("svg", "png", "pdf"),
    dpi: int = 300,
    page: str = "A4",
    style: Style | None = None,
    allow_failing: bool = False,
    figures=None,
) -> list[Path]:
    """Write ``{stem}_counts.csv`` (R template), ``{stem}_counts.json``, ``{stem}_checks.txt`` and
    ``{stem}_flow.{svg,png,pdf}`` into ``folder``; return the paths written.

    The diagram is drawn only when the counts pass the checks (or with ``allow_failing``, flagged);
    otherwise :class:`~synthesis.prisma.counts.PrismaInputError` is raised after the counts and the
    checks are written, so the reason is on disk.

    ``figures`` (a folder, or a :class:`synthesis.maps.cache.FigureCache`): the diagram's files are copied
    from there when the counts, the options and the drawing code are those they were drawn with (the build
    passes ``.synthesis-cache/prisma``); the bytes are those a redraw gives.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_rtemplate(counts, folder / f"{stem}_counts.csv"),
               write_json(counts, folder / f"{stem}_counts.json")]
    checks = folder / f"{stem}_checks.txt"
    checks.write_text(_checks_text(counts, template, rtemplate_problems(counts)), encoding="utf-8")
    written.append(checks)
    options = {"counts": repr(counts), "template": template, "style": repr(style), "page": page,
               "allow_failing": allow_failing}
    return written + _drawn(lambda: draw(counts, template, style=style, page=page, allow_failing=allow_failing),
                            folder, f"{stem}_flow", formats, dpi, figures, options)


def write_seed_figure(path, folder, *, stem: str | None = None, formats=("svg", "png"), dpi: int = 200,
                      figures=None) -> list[Path]:
    """Redraw a published figure kept as counts (e.g. ``evidence/prisma_seed_figure1.json``) as it was.

    It is drawn in its own template even when its numbers fail the checks, with the failures flagged
    on the drawing and listed in ``{stem}_checks.txt``. ``figures``: as for :func:`write_outputs`.
    """
    path = Path(path)
    counts = read_counts(path)
    stem = stem or path.stem
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    checks = folder / f"{stem}_checks.txt"
    checks.write_text(_checks_text(counts, None), encoding="utf-8")
    return [checks] + _drawn(lambda: draw(counts, allow_failing=True), folder, stem, formats, dpi, figures,
                             {"counts": repr(counts)})


def drawing_code() -> str:
    """A digest of what a diagram looks like besides its counts: this package's source, matplotlib's version and
    the fonts it falls back to for Chinese (a diagram drawn before one was installed has empty boxes)."""
    import hashlib

    import matplotlib

    from .. import display

    h = hashlib.sha256(f"matplotlib {matplotlib.__version__}\n".encode())
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(module.name.encode() + b"\n" + module.read_bytes())
    h.update(("fonts " + ", ".join(display.installed_fallback_fonts())).encode())
    return h.hexdigest()


def _drawn(make, folder: Path, name: str, formats, dpi: int, figures, options: dict) -> list[Path]:
    """The diagram ``make()`` draws, saved as ``folder/name.FORMAT`` in each format (copied from ``figures`` when
    it holds them for these ``options``); the figure is freed after, even on error."""
    if figures is not None and not hasattr(figures, "restore"):
        from ..maps.cache import FigureCache

        figures = FigureCache(figures, code=drawing_code())
    key = figures.key(name, {**options, "dpi": dpi}, formats) if figures is not None else None
    paths = figures.restore(name, key, folder) if figures is not None else None
    if paths is not None:
        return paths
    diagram = make()
    try:
        paths = [diagram.save(folder / f"{name}.{fmt}", dpi=dpi) for fmt in formats]
    finally:
        diagram.figure.clear()
    if figures is not None:
        figures.store(name, key, paths)
    return paths


__all__ = ["write_outputs", "write_seed_figure"]
