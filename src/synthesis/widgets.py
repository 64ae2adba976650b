"""The front ends of the notebook widgets (screening, full text, duplicate pairs, coding) as anywidget loads
them: one ES module each, made of the helpers they share (``widgets.js``: ``el``, ``actionButtons``,
``keyboardLine``, ``releaseKeyboard``, ``mayTakeKeyboard``, ``tookKeyboard``) followed by the widget's own file.

Examples
--------
>>> from pathlib import Path
>>> module = widget_module(Path(__file__).parent / "dedup" / "pair_widget.js")
>>> "function el(" in module and module.rstrip().endswith("export default { render };")
True
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def widget_module(*files: Path) -> str:
    """The ES module of a widget: the shared helpers, then ``files`` (its own JavaScript), in order."""
    parts = [HERE / "widgets.js", *files]
    return "\n".join(Path(p).read_text(encoding="utf-8") for p in parts)
