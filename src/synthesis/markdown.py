"""Text from records, the coding scheme and the search log, written into Markdown so that it shows as written.

Every Markdown file the project writes (PRISMA-S, Table 2, the appendix of excluded reports) passes its
strings through :func:`text` or :func:`cell`: a title with ``*`` or ``_`` otherwise turns into emphasis, a
``<b>`` into bold or a hidden tag, a ``|`` into a new table cell.

Examples
--------
>>> text("ERIC & <ASSIA> | *Complete*")
'ERIC & \\\\<ASSIA\\\\> \\\\| \\\\*Complete\\\\*'
>>> cell("two\\nlines")
'two<br>lines'
>>> plain(text("a_b [c]"))
'a_b [c]'
"""
from __future__ import annotations

import re

from .textdirection import left_to_right

__all__ = ["text", "cell", "plain"]

#: The characters Markdown reads as markup in a line of text (emphasis, code, links, raw HTML, table cells).
_MARKUP = re.compile(r"([\\*_`<>\[\]|])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def text(value) -> str:
    """``value`` as Markdown that shows it as it is written (each markup character escaped)."""
    return _MARKUP.sub(r"\\\1", str(value))


def cell(value) -> str:
    """``value`` as the text of one table cell: escaped as :func:`text`, its line breaks as ``<br>``.

    A cell that begins in a right-to-left script is marked to read left to right, as its table does: a viewer
    that takes a cell's direction from its first letter (``dir="auto"``) turned "عبد الله 2021, Lee 2020" about,
    the commas and the other studies with it.

    >>> from synthesis.textdirection import LRM
    >>> cell("عبد الله 2021, Lee 2020")[0] == LRM, cell("Lee 2020")[0] == LRM
    (True, False)
    """
    return "<br>".join(left_to_right(text(line)) for line in str(value).splitlines())


def plain(markdown: str) -> str:
    """Markdown's backslash escapes taken out again, for a file that shows text, not Markdown (Word)."""
    return _ESCAPED.sub(r"\1", markdown)
