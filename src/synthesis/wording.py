"""Counts said in words, as every message and report of the project says them: "1 record", "3 records".

Kept apart from the figures and tables so that the command line and the Markdown writers need nothing heavy.
"""
from __future__ import annotations

__all__ = ["counted", "files_read", "listed"]


def counted(n: int, noun: str, many: str | None = None) -> str:
    """``n`` and the noun in the number it takes, with thousands separated.

    ``many`` is the plural where adding "s" is wrong (``"close pairs were"`` beside ``"close pair was"``).

    >>> counted(1, "record"), counted(12345, "record"), counted(0, "maybe pair")
    ('1 record', '12,345 records', '0 maybe pairs')
    >>> counted(2, "study", "studies")
    '2 studies'
    """
    return f"{n:,} {noun if n == 1 else (many if many is not None else noun + 's')}"


def files_read(read: int, given: int) -> str:
    """How many of the files given were read: ``"2 files"`` when all were, ``"1 of 2 files"`` when not.

    >>> files_read(1, 1), files_read(1, 3)
    ('1 file', '1 of 3 files')
    """
    return counted(given, "file") if read == given else f"{read:,} of {counted(given, 'file')}"


def listed(items, limit: int) -> str:
    """The first ``limit`` of ``items`` joined by commas, and how many more there are.

    >>> listed(["a", "b"], 3), listed(["a", "b", "c", "d"], 2)
    ('a, b', 'a, b and 2 more')
    """
    items = list(items)
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")
