"""Figures that show themselves in a notebook, once, as the last expression of a cell.

A figure made with ``pyplot`` is shown by the inline backend when the cell ends *and* again when it is the
cell's last expression; a figure made without ``pyplot`` shows as ``<Figure size 640x480 with 1 Axes>``
when no backend has registered a formatter for it. :func:`subplots` makes a :class:`ShownFigure`, which
pyplot does not hold (nothing is shown behind your back, nothing leaks) and which renders itself as PNG
through ``_repr_png_`` wherever IPython displays it: JupyterLab, VS Code, exported HTML.

Examples
--------
>>> fig, ax = subplots(figsize=(2, 1))
>>> _ = ax.plot([0, 1], [0, 1])
>>> fig._repr_png_()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""
from __future__ import annotations

import io
import logging
import textwrap
from contextlib import contextmanager

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .normalise import EAST_ASIAN_CHAR  # Han, kana and Hangul: no Latin font has them
from .textdirection import LRM, left_to_right  # noqa: F401  (re-exported: the figures' name for it)

__all__ = ["ShownFigure", "subplots", "figure_png", "left_to_right", "with_fallback_fonts", "wrap",
           "quiet_fallback_font_weights"]

#: Fonts with the Chinese, Japanese and Korean characters DejaVu Sans lacks, commonest first (Linux, Windows,
#: macOS); those installed follow the figure's own font, which draws every character it has.
FALLBACK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Source Han Sans SC",
                  "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "Microsoft YaHei", "SimHei",
                  "Malgun Gothic", "Yu Gothic", "Meiryo", "PingFang SC", "Hiragino Sans GB", "Hiragino Sans",
                  "Apple SD Gothic Neo", "Arial Unicode MS")


class _FallbackWeightNotice(logging.Filter):
    """Leaves out matplotlib's "findfont: Failed to find font weight normal for WenQuanYi Zen Hei, now using
    500" about a font of :data:`FALLBACK_FONTS`: those fonts come in one weight, the nearest is the one wanted,
    and the notice, printed under every figure of a notebook, says nothing a reviewer can act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (str(record.msg).startswith("findfont: Failed to find font weight") and len(args) > 1
                    and args[1] in FALLBACK_FONTS)


_WEIGHT_NOTICE = _FallbackWeightNotice()


@contextmanager
def quiet_fallback_font_weights():
    """While a figure of the project is measured or drawn, matplotlib's notice that a fallback font lacks the
    weight asked for is left out (:class:`_FallbackWeightNotice`); only then: the reviewer's own figures, drawn
    outside, keep every notice."""
    log = logging.getLogger("matplotlib.font_manager")
    log.addFilter(_WEIGHT_NOTICE)
    try:
        yield
    finally:
        log.removeFilter(_WEIGHT_NOTICE)


def installed_fallback_fonts() -> list:
    """The fonts of :data:`FALLBACK_FONTS` that matplotlib knows on this computer, in that order.

    matplotlib lists the computer's fonts once and keeps the list in its cache: a Chinese font installed
    afterwards (``apt-get install fonts-noto-cjk`` once a diagram showed empty boxes) is not in it, and every
    Chinese character stayed a box until someone deleted the cache. When the list has none of these fonts, the
    system's font files that it does not know yet are added to it (each once).
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not installed.intersection(FALLBACK_FONTS):
        installed |= _fonts_installed_since_listed(font_manager)
    return [f for f in FALLBACK_FONTS if f in installed]


_LOOKED_FOR_NEW_FONTS = False  # whether this process has looked for fonts installed since the list was made


def _fonts_installed_since_listed(font_manager) -> set:
    """Add the system's font files that matplotlib's font list lacks to it; the names of the fonts added.

    Looked for once in a process (the fonts added are in the list from then on): on a computer without any of
    these fonts (most servers) the walk over the system's font folders would otherwise be made for every figure."""
    global _LOOKED_FOR_NEW_FONTS
    if _LOOKED_FOR_NEW_FONTS:
        return set()
    known = {getattr(f, "fname", "") for f in font_manager.fontManager.ttflist}
    added = set()
    for path in font_manager.findSystemFonts():
        if path in known:
            continue
        before = len(font_manager.fontManager.ttflist)
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # a file matplotlib cannot read: it stays out, as before
            continue
        # a collection (.ttc) adds each of its fonts: Noto Sans CJK's holds the JP, KR, SC and TC ones
        added.update(f.name for f in font_manager.fontManager.ttflist[before:])
    _LOOKED_FOR_NEW_FONTS = True
    return added


def missing_font_note(path) -> str:
    """A note for the build when the figure ``path`` (an SVG, its text kept as text) has Chinese, Japanese or
    Korean text and no installed font has those characters: they are drawn as empty boxes. Else ``""``.

    >>> missing_font_note("no-such-file.svg")
    ''
    """
    from pathlib import Path

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    if not EAST_ASIAN_CHAR.search(text) or installed_fallback_fonts():
        return ""
    return (f"{path.name} has Chinese, Japanese or Korean text but no font on this computer has those characters: "
            "they are drawn as empty boxes. Install one (Noto Sans CJK: apt-get install fonts-noto-cjk, or "
            "Microsoft YaHei, PingFang SC...) and build again")


def with_fallback_fonts(family, fallbacks: list | None = None) -> list:
    """``family`` (a name or a list), then the installed fonts of :data:`FALLBACK_FONTS` (``fallbacks``: that
    list, when the caller has it already).

    matplotlib looks a character up in the fonts of the family list only: a code label in Chinese was drawn as
    empty boxes even on a computer with a Chinese font, since DejaVu Sans has no Chinese characters.

    >>> with_fallback_fonts("DejaVu Sans")[0]
    'DejaVu Sans'
    """
    family = [family] if isinstance(family, str) else list(family)
    fallbacks = installed_fallback_fonts() if fallbacks is None else fallbacks
    return family + [f for f in fallbacks if f not in family]


def wrap(text: str, width: int = 42, break_on_hyphens: bool = True) -> str:
    """Wrap a long label onto lines of at most ``width`` characters, each read left to right, as the figure
    (:func:`left_to_right`).

    >>> wrap("Recruitment of under-served communities", 20)
    'Recruitment of\\nunder-served\\ncommunities'
    """
    text = str(text)
    # a word a little longer than a line stays whole on a line of its own ("intergenerationa / l harm" read as
    # two words); only a word too long for that (a URL, a 60-letter compound) is cut
    longest = max((len(w) for w in text.split()), default=0)
    lines = textwrap.wrap(text, width, break_on_hyphens=break_on_hyphens,
                          break_long_words=longest > width + max(width // 2, 4))
    return "\n".join(left_to_right(line) for line in lines) or str(text)


def figure_png(fig: Figure, dpi: float = 100) -> bytes:
    """``fig`` as PNG bytes (tight box, white background), as a notebook shows it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white", metadata={"Software": None})
    return buf.getvalue()


class ShownFigure(Figure):
    """A matplotlib figure that shows itself (PNG) as the last expression of a notebook cell."""

    #: Resolution of the picture shown in the notebook (saving uses its own ``dpi``).
    display_dpi = 100

    def _repr_png_(self) -> bytes:
        return figure_png(self, self.display_dpi)

    def draw(self, renderer):
        # Each text of this figure falls back to the installed fonts that have the characters its own font lacks
        # (Chinese code labels): set per text, here, rather than in matplotlib's rcParams, which would change
        # every figure of the reviewer's notebook kernel.
        from matplotlib.text import Text

        fallbacks = installed_fallback_fonts()  # once a drawing, not once a text: it reads every installed font
        if fallbacks:
            for text in self.findobj(Text):
                family = text.get_fontfamily()
                if any(f not in family for f in fallbacks):
                    text.set_fontfamily(with_fallback_fonts(family, fallbacks))
        with quiet_fallback_font_weights():
            return super().draw(renderer)


def subplots(nrows: int = 1, ncols: int = 1, **kwargs):
    """Like ``pyplot.subplots`` but the figure is a :class:`ShownFigure` that pyplot does not hold.

    Keyword arguments ``figsize``, ``dpi``, ``layout`` go to the figure, the rest to ``Figure.subplots``.
    """
    fig_kw = {k: kwargs.pop(k) for k in ("figsize", "dpi", "layout", "facecolor") if k in kwargs}
    fig = ShownFigure(**fig_kw)
    FigureCanvasAgg(fig)  # a canvas of its own: savefig and text measuring work without pyplot
    axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes
