"""Figures not redrawn when what they are drawn from did not change (the build's ``.synthesis-cache/maps/``).

Each figure is drawn from a small aggregated table (the gap map from the evidence matrix's counts, a chart
from its bars, a network from its nodes and edges), not from the raw studies. Its cache key is the SHA-256 of
that table, the file formats and the *drawing code* (the source of the modules that draw, and the versions
of matplotlib and networkx), so a change to any of them draws the figure again. One entry per figure name
holds the bytes of every file written for it; a hit writes those bytes back, which are the bytes a redraw
would give (the figures carry no dates: see :func:`synthesis.maps.figure.save_figure`).

Entries are written atomically with a checksum (:func:`synthesis.build.cache.write_entry`): a damaged entry
is treated as absent and the figure is drawn again.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> cache = FigureCache(tempfile.mkdtemp())
>>> out = Path(tempfile.mkdtemp())
>>> key = cache.key("chart", {"bars": [3, 4]}, ["svg"])
>>> cache.restore("chart", key, out) is None
True
>>> _ = (out / "chart.svg").write_text("<svg/>")
>>> cache.store("chart", key, [out / "chart.svg"])
>>> [p.name for p in cache.restore("chart", key, Path(tempfile.mkdtemp()))]
['chart.svg']
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["FigureCache", "drawing_code_version"]

#: The modules whose source decides what a figure looks like.
_DRAWING_MODULES = ("figure.py", "gapmap.py", "charts.py", "network.py", "data.py")
_VERSION = None


def drawing_code_version() -> str:
    """A digest of the drawing code: this package's drawing modules, the plotting libraries' versions and the
    fonts installed for Chinese (:func:`synthesis.display.installed_fallback_fonts`)."""
    global _VERSION
    if _VERSION is None:
        import matplotlib
        import networkx

        h = hashlib.sha256(f"matplotlib {matplotlib.__version__}; networkx {networkx.__version__}\n".encode())
        here = Path(__file__).resolve().parent
        for name in _DRAWING_MODULES:
            h.update(name.encode() + b"\n" + (here / name).read_bytes())
        h.update((here.parent / "display.py").read_bytes())
        # the fonts a label in Chinese falls back to: a figure drawn before one was installed has empty boxes
        from .. import display

        h.update(("fonts " + ", ".join(display.installed_fallback_fonts())).encode())
        _VERSION = h.hexdigest()
    return _VERSION


def _canonical(value):
    """Plain JSON-able data from tables, arrays and graphs (for the key only)."""
    if hasattr(value, "to_dict") and hasattr(value, "columns"):  # a DataFrame
        return {"columns": [str(c) for c in value.columns], "rows": value.astype(str).values.tolist()}
    if hasattr(value, "tolist"):  # a numpy array
        return value.tolist()
    if hasattr(value, "nodes") and hasattr(value, "edges"):  # a networkx graph
        return {"graph": dict(value.graph), "nodes": [[str(n), d] for n, d in value.nodes(data=True)],
                "edges": [[str(a), str(b), d] for a, b, d in value.edges(data=True)]}
    return str(value)


class FigureCache:
    """Cached figure files in ``folder``: :meth:`key`, :meth:`restore`, :meth:`store`."""

    def __init__(self, folder, code: str | None = None):
        from synthesis.build.cache import remove_leftovers

        #: the version of the drawing code in every key (default: the maps', :func:`drawing_code_version`)
        self.code = code
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.folder)  # temporary files of writes a kill cut short
        self.hits: list = []
        self.drawn: list = []

    def key(self, name: str, table, formats) -> str:
        """The key of figure ``name`` drawn from ``table`` (any JSON-able data, DataFrames, arrays, graphs)."""
        text = json.dumps([self.code or drawing_code_version(), name, list(formats), table], sort_keys=True,
                          separators=(",", ":"), default=_canonical)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _entry(self, name: str) -> Path:
        return self.folder / (hashlib.sha256(name.encode()).hexdigest()[:24] + ".pkl")

    def restore(self, name: str, key: str, outdir) -> list | None:
        """Write the cached files of ``name`` into ``outdir`` when its entry has ``key``; else ``None``."""
        from synthesis.build.cache import DamagedEntry, read_entry

        entry = self._entry(name)
        if not entry.exists():
            return None
        try:
            value = read_entry(entry)
        except (DamagedEntry, OSError):
            return None  # drawn again, and the entry rewritten
        if not isinstance(value, dict) or value.get("key") != key:
            return None
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        paths = []
        for file_name, data in value["files"]:
            path = outdir / file_name
            path.write_bytes(data)
            paths.append(path)
        self.hits.append(name)
        return paths

    def store(self, name: str, key: str, paths) -> None:
        """Keep the files just written for ``name`` under ``key`` (replacing its earlier entry)."""
        from synthesis.build.cache import write_entry

        files = [(Path(p).name, Path(p).read_bytes()) for p in paths]
        write_entry(self._entry(name), {"key": key, "name": name, "files": files})
        self.drawn.append(name)
