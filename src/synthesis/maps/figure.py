"""Saving figures the same way everywhere: one stem, several formats, a fixed look."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt  # without a display matplotlib falls back to Agg by itself

from synthesis.display import wrap  # (the maps' labels: re-exported)

# (each map's texts fall back to installed fonts for the characters their font lacks, Chinese say, when the
# figure is drawn: synthesis.display.ShownFigure; matplotlib's rcParams, the reviewer's own, are left alone)

FORMATS = ("svg", "pdf", "png")
#: One colour per stage (colour-blind-safe Okabe-Ito order), reused by every map.
#: (Okabe and Ito's eighth colour, black: their grey beside it read as the grey of the studies not coded.)
STAGE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: The bar of the studies not coded under a dimension: grey, unlike every stage.
NOT_CODED_COLOUR = "#bbbbbb"

__all__ = ["FORMATS", "STAGE_COLOURS", "NOT_CODED_COLOUR", "save_figure", "wrap", "plt"]


def save_figure(fig, stem, formats=FORMATS, dpi: int = 150) -> list:
    """Save ``fig`` as ``stem.svg``, ``stem.pdf``, ``stem.png`` (those in ``formats``); return the paths.

    >>> import tempfile
    >>> fig, ax = plt.subplots()
    >>> [p.suffix for p in save_figure(fig, Path(tempfile.mkdtemp()) / "chart", ["png"])]
    ['.png']
    """
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    if stem.suffix.lower().lstrip(".") in FORMATS:
        formats, stem = [stem.suffix.lower().lstrip(".")], stem.with_suffix("")
    paths = []
    # measure the tight box once (one draw) instead of once per format; a figure with a layout engine is laid
    # out first: measured before, the box was where its axes started, and the saved source overlap figure lost
    # its top and left edges once the engine moved them
    if formats and fig.get_layout_engine() is not None:
        fig.draw_without_rendering()
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1) if formats else None
    # very large maps: keep the PNG near 3,000 pixels wide (a larger raster only costs time)
    dpi = min(dpi, max(72, int(3000 / max(fig.get_figwidth(), 1))))
    pdf = None
    for fmt in formats:
        path = stem.with_name(stem.name + "." + fmt)
        if fmt == "png" and _pdfium() is not None:
            # The PNG is the PDF drawn by PDFium: the same picture, pixel for pixel what the PDF shows, at a
            # third of the cost of matplotlib drawing every text again with its own rasteriser.
            if pdf is None:
                pdf = _pdf_bytes(fig, bbox)
            path.write_bytes(_png_from_pdf(pdf, dpi))
        elif fmt == "pdf":
            pdf = _pdf_bytes(fig, bbox)
            path.write_bytes(pdf)
        else:
            # fixed metadata so re-running gives the same files
            meta = {"svg": {"Date": None}}.get(fmt, {})
            # stable SVG ids; SVG text kept as text (editable in Inkscape, and quicker to write)
            with matplotlib.rc_context({"svg.hashsalt": "synthesis", "svg.fonttype": "none"}):
                fig.savefig(path, dpi=dpi, bbox_inches=bbox, metadata=meta or None)
        paths.append(path)
    return paths


def _pdfium():
    try:
        import pypdfium2
    except ImportError:  # then matplotlib draws the PNG itself
        return None
    return pypdfium2


def _pdf_bytes(fig, bbox) -> bytes:
    import io

    buf = io.BytesIO()
    # fixed metadata so re-running gives the same files
    fig.savefig(buf, format="pdf", bbox_inches=bbox, metadata={"CreationDate": None, "ModDate": None})
    return buf.getvalue()


def _png_from_pdf(pdf: bytes, dpi: int) -> bytes:
    import io

    from synthesis.fulltext.pdftext import PDFIUM_LOCK  # PDFium is not thread-safe (the widgets use threads)

    pdfium = _pdfium()
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            page = doc[0]
            image = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil()  # PDF: 1/72 inch
            page.close()
        finally:
            doc.close()
    buf = io.BytesIO()
    # zlib level 3: on these flat-coloured figures smaller than the default 6 and a third quicker (same pixels)
    image.convert("RGB").save(buf, format="PNG", dpi=(dpi, dpi), compress_level=3)
    return buf.getvalue()
