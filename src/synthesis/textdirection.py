"""Lines of text that mix left-to-right and right-to-left scripts, kept in the reading order of the page.

A line's direction is that of its first letter wherever no direction is set (a matplotlib text, an SVG, a
table cell shown with ``dir="auto"``): a line in an English figure or table that begins with an Arabic or
Hebrew name was laid out from the right. :func:`left_to_right` marks it to read as the page around it.
Kept apart from the figures (:mod:`synthesis.display`) so that Markdown writers need no matplotlib.
"""
from __future__ import annotations

import re

__all__ = ["LRM", "left_to_right"]

#: Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: LEFT-TO-RIGHT MARK: invisible, it makes the line's direction that of the page around it.
LRM = "\u200e"


def left_to_right(line: str) -> str:
    """A line of a figure that begins in a right-to-left script, marked to read left to right like the figure.

    A line's direction is that of its first letter: matplotlib drew "قاعدة بيانات المنهل (n = 1,204)" from the
    right, with the count before the name and its brackets turned about, while a browser showing the same
    SVG put the count after the name. With the mark both draw the name then the count, as the other lines.

    >>> left_to_right("Scopus (n = 12)") == "Scopus (n = 12)"
    True
    >>> left_to_right("المنهل (n = 3)") == LRM + "المنهل (n = 3)"
    True
    """
    return LRM + line if _RTL.search(line) and not line.startswith(LRM) else line
