"""Draw a PRISMA flow diagram with matplotlib: SVG (text kept as text), PDF, EPS, PNG or TIFF, sized for a page.

:func:`draw` measures every line of text, wraps it to its box, stacks the rows of the layout
(:mod:`synthesis.prisma.layouts`) and returns a :class:`Diagram` whose ``boxes`` and ``arrows`` hold the
geometry in points (origin top left, y downwards: the SVG's own coordinates), so tests and callers can
check what was drawn.

Counts that fail the checks are drawn only with ``allow_failing=True``; the diagram then carries a red
banner, red boxes where the sums fail, numbered notes with each failing rule, and no number that the
counts did not give (nothing is summed or filled in). Counts that add up but still wait for decisions
(``PrismaCounts.pending``: pairs of records awaiting a duplicate verdict, say) are drawn as a draft: an amber
banner saying what waits, the boxes not final marked, and a note for each.

Examples
--------
>>> from synthesis.prisma import read_counts, draw
>>> diagram = draw(read_counts("evidence/prisma_seed_figure1.json"), allow_failing=True)  # doctest: +SKIP
>>> diagram.save("figure1.svg")                                                         # doctest: +SKIP
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

from ..display import left_to_right, quiet_fallback_font_weights, with_fallback_fonts
from .checks import CheckReport, check
from .counts import LIST_FIELDS, PrismaCounts, PrismaInputError, PrismaWarning, waiting_note
from .counts import waiting_phrase  # noqa: F401  (imported from here before it moved to .counts)
from .layouts import TEMPLATES, BoxSpec, Layout, draft_banner, labels_for, missing_boxes, resolve_template

#: Page sizes in inches (portrait).
PAGE_SIZES = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}

#: How :meth:`Diagram.save` prints: text kept as text in SVG and PDF, fixed SVG ids, and unhinted text in a PNG,
#: as wide as the layout measured it (:class:`_Measure`) at every dpi.
SAVE_RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "ps.fonttype": 42, "svg.hashsalt": "synthesis-prisma",
           "text.hinting": "no_hinting"}
#: The file types :meth:`Diagram.save` writes (``.tif`` is TIFF too).
SAVE_FORMATS = ("svg", "pdf", "eps", "png", "tiff")


@dataclass
class Style:
    """Fonts, colours and spacing of a diagram (sizes in points).

    >>> Style(font_family="Liberation Sans", font_size=9, header_dbr="#ffe699").font_size
    9
    """

    font_family: str = "DejaVu Sans"
    font_size: float = 8.0
    min_font_size: float = 5.5  # shrink down to this to fit the page, then stop
    text: str = "#000000"
    box_face: str = "#ffffff"
    box_edge: str = "#000000"
    header_dbr: str = "#ffc000"
    header_other: str = "#d9d9d9"
    header_previous: str = "#d9d9d9"
    header_text: str = "#000000"
    phase_face: str = "#9dc3e6"
    phase_text: str = "#000000"
    arrow: str = "#000000"
    flag: str = "#c00000"
    draft: str = "#9c5700"  # a draft's banner, notes and boxes not final: amber, not the red of wrong numbers
    line_width: float = 0.8
    number_format: str = "(n = {n:,})"
    margin_in: float = 0.5  # page margin in inches

    def colour_of_header(self, which: str) -> str:
        return {"dbr": self.header_dbr, "other": self.header_other, "previous": self.header_previous}[which]


@dataclass
class BoxGeom:
    """A drawn box: its place (points, top-left origin) and its lines of text as drawn."""

    id: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str] = field(default_factory=list)
    flagged: bool = False
    #: its number is not final yet (a box of ``PrismaCounts.pending``), on a diagram drawn as a draft
    pending: bool = False

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: "BoxGeom", tol: float = 0.01) -> bool:
        return (self.x < other.right - tol and other.x < self.right - tol
                and self.y < other.bottom - tol and other.y < self.bottom - tol)


@dataclass
class ArrowGeom:
    """A drawn arrow: the boxes it joins and its polyline (the head is at the last point)."""

    src: str
    dst: str
    points: list[tuple[float, float]]


@dataclass
class Diagram:
    """A drawn flow diagram: the matplotlib figure and what is where."""

    figure: object
    template: str
    width: float
    height: float
    boxes: dict[str, BoxGeom]
    arrows: list[ArrowGeom]
    report: CheckReport
    font_size: float
    #: the boxes whose number is not final yet, drawn as a draft (``{box: records that wait}``)
    waiting: dict[str, int] = field(default_factory=dict)

    def save(self, path, dpi: int = 300) -> Path:
        """Save as SVG, PDF, EPS, PNG or TIFF (from the extension); SVG, PDF and EPS keep the text as text.

        PNG and TIFF are drawn at ``dpi`` and say so in the file; TIFF is RGB without an alpha channel and
        LZW-compressed, as journals' figure checks ask (their other choice is EPS or PDF, vector).
        """
        path = Path(path)
        fmt = path.suffix.lower().lstrip(".")
        fmt = {"tif": "tiff"}.get(fmt, fmt)
        if fmt not in SAVE_FORMATS:
            raise PrismaInputError(f"{path}: save the diagram as {', '.join('.' + f for f in SAVE_FORMATS)}")
        with matplotlib.rc_context(SAVE_RC), quiet_fallback_font_weights():
            if fmt == "tiff":
                import io

                from PIL import Image

                png = io.BytesIO()
                self.figure.savefig(png, format="png", dpi=dpi, facecolor="white")
                png.seek(0)
                with Image.open(png) as image:
                    image.convert("RGB").save(path, format="TIFF", dpi=(dpi, dpi), compression="tiff_lzw")
            else:
                metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None},
                            "eps": {"CreationDate": None}, "png": {}}[fmt]
                self.figure.savefig(path, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
        return path

    def to_svg(self) -> str:
        """The diagram as SVG text."""
        import io

        buf = io.BytesIO()
        with matplotlib.rc_context(SAVE_RC), quiet_fallback_font_weights():
            self.figure.savefig(buf, format="svg", metadata={"Date": None}, facecolor="white")
        return buf.getvalue().decode("utf-8")

    def __repr__(self) -> str:  # short: the geometry is for tests and callers, not for reading
        state = "checks pass" if self.report.ok else f"NOT VALID: {len(self.report.errors)} check(s) fail"
        if self.waiting:
            state += f", DRAFT: {len(self.waiting)} box(es) not final"
        return f"<PRISMA flow diagram: {self.template}, {len(self.boxes)} boxes, {state}>"

    def _repr_svg_(self) -> str:  # shown inline in Jupyter (and in exported HTML) as the last expression
        return self.to_svg()


class _Measure:
    """Text widths in points, of the glyphs' own outlines (unhinted).

    A PDF, an SVG and a PNG saved by :meth:`Diagram.save` print text at these widths at any resolution. Hinted
    widths (the Agg renderer's default) change with the pixel size: a line measured to fit at 72 dpi printed
    up to 16 % wider at 80 or 150 dpi, past its box.
    """

    def __init__(self, family: str):
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextToPath

        self.text_to_path = TextToPath()
        # a database named in Chinese: the fonts that have it; last, the viewer's own sans-serif, which an SVG
        # (text kept as text) names after them: without it a browser lacking DejaVu Sans showed Times
        self.family = [*with_fallback_fonts(family), "sans-serif"]
        self.FontProperties = FontProperties
        self.cache: dict = {}

    def width(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        if key not in self.cache:
            prop = self.FontProperties(family=self.family, size=size, weight="bold" if bold else "normal")
            w, _, _ = self.text_to_path.get_text_width_height_descent(text, prop, ismath=False)
            self.cache[key] = w
        return self.cache[key]

    def wrap(self, tokens: list[str], width: float, size: float, bold: bool = False,
             rest_width: float | None = None) -> list[str]:
        """Greedy wrap of tokens (a count like "(n = 12)" is one token and never split).

        ``rest_width``: the width of the lines after the first, when they are indented deeper than it.
        """
        lines: list[str] = []
        current = ""
        for token in tokens:
            if token == "\n":  # a line break the author typed into the wording
                if current:
                    lines.append(current)
                current = ""
                continue
            trial = f"{current} {token}" if current else token
            room = width if not lines or rest_width is None else rest_width
            if current and self.width(trial, size, bold) > room:
                lines.append(current)
                current = token
            else:
                current = trial
        if current:
            lines.append(current)
        return lines or [""]


def _tokens(text: str, count: str | None = None) -> list[str]:
    """The words of ``text`` with a ``"\\n"`` token at each line break it has (the R template's ``boxtext`` may
    hold a list typed over several lines, one item a line), then ``count``: on a line of its own after such a
    list, where it would read as the last item's.

    >>> _tokens("Records excluded:\\n- Off topic (n = 3)", "(n = 5)")
    ['Records', 'excluded:', '\\n', '-', 'Off', 'topic', '(n', '=', '3)', '\\n', '(n = 5)']
    """
    tokens: list[str] = []
    for line in text.splitlines():
        tokens += (["\n"] if tokens and line.split() else []) + line.split()
    if count:
        tokens += (["\n"] if "\n" in tokens else []) + [count]
    return tokens


#: Derived totals shown in some boxes, and the boxes they add up.
DERIVED_PARTS = {
    "identified_dbr": ("database_results", "register_results"),
    "identified_other": ("website_results", "organisation_results", "citations_results", "other_results"),
}


class _Drawer:
    def __init__(self, counts, layout: Layout, labels, style: Style, report: CheckReport, flagged: bool,
                 width: float, max_height: float):
        self.c = counts
        self.layout = layout
        self.labels = labels
        self.style = style
        self.report = report
        self.flagged = flagged
        self.width = width
        self.max_height = max_height
        self.measure = _Measure(style.font_family)
        self.inset = 2 * style.line_width + 1  # keeps the outermost lines inside the figure
        self.error_boxes = report.boxes_in_error() if flagged else set()
        # Footnote number of each error, by field, so flagged numbers point to their note.
        self.notes: dict[str, list[int]] = {}
        if flagged:
            for i, finding in enumerate(report.errors, start=1):
                for b in finding.boxes:
                    self.notes.setdefault(b, []).append(i)
        # Boxes whose number is not final, each with its note after the errors' (a box in error has its note
        # there already): pairs awaiting a duplicate verdict left the diagram looking final.
        self.waiting = {box: n for box, n in counts.waiting().items() if box not in self.error_boxes}
        self.waiting_notes = []
        for box, n in self.waiting.items():
            self.waiting_notes.append(waiting_note(box, n))
            self.notes.setdefault(box, []).append((len(report.errors) if flagged else 0) + len(self.waiting_notes))
        #: drawn as a draft: the sums hold, but some numbers still wait for decisions
        self.draft = not flagged and bool(self.waiting)
        # A box not final that the layout does not draw is marked on the number it moves (PRISMA 2009 has no
        # duplicates box: its draft marked no box at all, and its note [1] pointed nowhere).
        drawn = {part for spec in layout.boxes for line in spec.lines if line.field
                 for part in DERIVED_PARTS.get(line.field, (line.field,))}
        self.carried: dict[str, tuple[str, ...]] = {}
        for box, shown_in in layout.pending_in:
            if box in self.waiting and box not in drawn:
                self.carried[shown_in] = self.carried.get(shown_in, ()) + (box,)

    # ---- content -------------------------------------------------------------------------------
    def count_text(self, name: str) -> str:
        value = getattr(self.c, name)
        text = self.style.number_format.format(n=value) if value is not None else "(n not reported)"
        parts = DERIVED_PARTS.get(name, (name,)) + self.carried.get(name, ())
        marks = sorted({i for part in parts for i in self.notes.get(part, [])})
        if marks:
            text += " [" + ",".join(map(str, marks)) + "]"
        return text

    def derived_is_sum(self, name: str) -> bool:
        """Whether a derived total would add up several given boxes (not shown on a flagged draft)."""
        parts = [p for p in DERIVED_PARTS.get(name, ()) if getattr(self.c, p) is not None]
        return len(parts) > 1

    def box_visible(self, spec: BoxSpec) -> bool:
        if not spec.optional_box:
            return True
        # The meta-analysis box: the R template ships 0 in its rows (added last, below the phase rows, where authors
        # rarely look), and "0 studies in meta-analysis" drawn under every untouched form says nothing
        return any(line.field and getattr(self.c, line.field) for line in spec.lines)

    def box_lines(self, spec: BoxSpec, inner: float, size: float) -> list[tuple[str, float]]:
        """The wrapped lines of a box as (text, indent)."""
        out: list[tuple[str, float]] = []
        bold = spec.kind in ("header", "phase")
        indent = size * 1.2
        for line in spec.lines:
            value = getattr(self.c, line.field) if line.field else None
            if line.kind == "title":
                for t in self.measure.wrap(_tokens(self.labels[line.key]), inner, size, bold):
                    out.append((t, 0.0))
            elif line.kind == "count":
                if value is None and line.optional:
                    continue
                text = self.labels.get(line.key, line.key)
                pad = indent if line.indent else 0.0
                if self.flagged and self.derived_is_sum(line.field):
                    count = None  # a flagged draft shows the parts, never a total they would add up to
                else:
                    count = self.count_text(line.field)
                for t in self.measure.wrap(_tokens(text, count), inner - pad, size):
                    out.append((t, pad))
            elif line.kind == "list":
                if not value:
                    continue
                for name, n in value:
                    count = self.style.number_format.format(n=n)
                    if line.field in self.notes:
                        count += " [" + ",".join(map(str, self.notes[line.field])) + "]"
                    # a name's later lines hang deeper than its first, so they have less room
                    for j, t in enumerate(self.measure.wrap(_tokens(name, count), inner - indent, size,
                                                            rest_width=inner - indent * 1.6)):
                        out.append((t, indent if j == 0 else indent * 1.6))
        return out

    # ---- geometry ------------------------------------------------------------------------------
    def plan(self, size: float):
        pad = 0.55 * size
        line_h = 1.25 * size
        gap_x = 1.6 * size
        gap_y = 1.9 * size
        phase_w = 2.2 * size
        cols = [(n, w) for n, w in self.layout.columns]
        weights = sum(w for n, w in cols if n != "phase")
        n_gaps = len(cols) - 1
        free = self.width - 2 * self.inset - phase_w - gap_x * n_gaps
        xs: dict[str, tuple[float, float]] = {}
        x = self.inset
        for name, w in cols:
            cw = phase_w if name == "phase" else free * w / weights
            xs[name] = (x, cw)
            x += cw + gap_x

        specs = [s for s in self.layout.boxes if self.box_visible(s)]
        content: dict[str, list[tuple[str, float]]] = {}
        natural_h: dict[str, float] = {}
        widths: dict[str, tuple[float, float]] = {}
        for s in specs:
            if s.kind == "phase":
                continue
            x0 = xs[s.cols[0]][0]
            x1 = xs[s.cols[-1]][0] + xs[s.cols[-1]][1]
            widths[s.id] = (x0, x1 - x0)
            content[s.id] = self.box_lines(s, x1 - x0 - 2 * pad, size)
            natural_h[s.id] = 2 * pad + line_h * len(content[s.id])

        rows = [r for r in self.layout.rows if any(s.row == r and s.kind != "phase" for s in specs)]
        y = self.inset
        if self.flagged or self.draft:
            # room to spare: the bold banner printed by `figure.savefig` (hinted) comes out up to 8 % wider
            title = self.labels["flag_title"] if self.flagged else draft_banner(self.labels, self.waiting)
            banner = self.measure.wrap(_tokens(title), 0.9 * (self.width - 2 * pad - 2 * self.inset),
                                       size * 1.15, True)
            self.banner = (banner, 2 * pad + 1.25 * size * 1.15 * len(banner))
            y += self.banner[1] + gap_y
        row_h = {r: max(natural_h[s.id] for s in specs if s.row == r and s.kind != "phase") for r in rows}
        for s in specs:
            # A stage label runs along its rows: make them tall enough for its text.
            spanned = [r for r in s.rows if r in row_h] if s.kind == "phase" else []
            if spanned:
                need = self.measure.width(self.labels[s.lines[0].key], size, True) + 2 * pad
                have = sum(row_h[r] for r in spanned) + gap_y * (len(spanned) - 1)
                if need > have:
                    row_h[spanned[-1]] += need - have
        row_y: dict[str, tuple[float, float]] = {}
        for r in rows:
            h = row_h[r]
            row_y[r] = (y, h)
            y += h + gap_y
        height = y - gap_y + self.inset

        boxes: dict[str, BoxGeom] = {}
        for s in specs:
            if s.kind == "phase":
                spanned = [r for r in s.rows if r in row_y]
                if not spanned:
                    continue
                top = row_y[spanned[0]][0]
                bottom = row_y[spanned[-1]][0] + row_y[spanned[-1]][1]
                x0, w = xs["phase"]
                boxes[s.id] = BoxGeom(s.id, "phase", x0, top, w, bottom - top, [self.labels[s.lines[0].key]])
                continue
            ry, rh = row_y[s.row]
            h = rh if s.kind == "header" else natural_h[s.id]
            x0, w = widths[s.id]
            flagged = any(part in self.error_boxes for line in s.lines if line.field
                          for part in DERIVED_PARTS.get(line.field, (line.field,)))
            waiting = any(line.field in self.waiting or line.field in self.carried for line in s.lines)
            boxes[s.id] = BoxGeom(s.id, s.kind, x0, ry + (rh - h) / 2, w, h, [t for t, _ in content[s.id]],
                                  flagged=flagged, pending=waiting)

        notes_h = 0.0
        self.note_lines: list[str] = []
        if self.flagged or self.draft:
            notes = [f.message for f in self.report.errors] if self.flagged else []
            for i, text in enumerate(notes + self.waiting_notes, start=1):
                wrapped = self.measure.wrap(_tokens(f"[{i}] {text}"), self.width - 2 * pad - 2 * self.inset, size)
                self.note_lines += wrapped
            notes_h = 2 * pad + line_h * len(self.note_lines)
            height += gap_y + notes_h
        self.notes_h = notes_h
        return boxes, content, height, pad, line_h

    def arrows(self, boxes: dict[str, BoxGeom]) -> list[ArrowGeom]:
        out = []
        # Arrows that merge into one box join below the lowest of their sources: halfway down a shorter
        # source's own gap would run across a taller neighbour (a list of databases beside "other sources").
        merged_from: dict[str, float] = {}
        for a in self.layout.arrows:
            if a.kind == "merge" and a.src in boxes and a.dst in boxes:
                merged_from[a.dst] = max(merged_from.get(a.dst, 0.0), boxes[a.src].bottom)
        for a in self.layout.arrows:
            if a.src not in boxes or a.dst not in boxes:
                continue
            s, d = boxes[a.src], boxes[a.dst]
            if a.kind == "right":
                y = s.cy
                pts = [(s.right, y), (d.x, y)]
            elif a.kind == "down":
                pts = [(s.cx, s.bottom), (s.cx, d.y)] if abs(s.cx - d.cx) < 0.01 else \
                    [(s.cx, s.bottom), (s.cx, (s.bottom + d.y) / 2), (d.cx, (s.bottom + d.y) / 2), (d.cx, d.y)]
            elif a.kind == "merge":
                mid = (merged_from[a.dst] + d.y) / 2
                pts = [(s.cx, s.bottom), (s.cx, d.y)] if abs(s.cx - d.cx) < 0.01 else \
                    [(s.cx, s.bottom), (s.cx, mid), (d.cx, mid), (d.cx, d.y)]
            elif a.kind == "down_left":
                pts = [(s.cx, s.bottom), (s.cx, d.cy), (d.right, d.cy)]
            elif a.kind == "down_right":
                pts = [(s.cx, s.bottom), (s.cx, d.cy), (d.x, d.cy)]
            else:  # pragma: no cover - layouts are data we control
                raise ValueError(a.kind)
            out.append(ArrowGeom(a.src, a.dst, pts))
        return out

    # ---- rendering -----------------------------------------------------------------------------
    def render(self):
        from matplotlib.figure import Figure
        from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
        from matplotlib.path import Path as MPath

        st = self.style
        size = st.font_size
        while True:
            boxes, content, height, pad, line_h = self.plan(size)
            if height <= self.max_height or size <= st.min_font_size:
                break
            size = max(st.min_font_size, size - 0.5)
        arrows = self.arrows(boxes)

        # A bare Figure (no pyplot): no global state, nothing pops up or leaks in notebooks.
        fig = Figure(figsize=(self.width / 72, height / 72), dpi=72)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, self.width)
        ax.set_ylim(height, 0)
        ax.axis("off")
        text_kw = dict(family=self.measure.family, fontsize=size)

        # a draft's marks are amber (numbers right so far, not final), a failing diagram's red (numbers that disagree)
        mark, face_of_mark, kind = (st.flag, "#fde9e7", "flag") if self.flagged else (st.draft, "#fff2cc", "draft")
        if self.flagged or self.draft:
            lines, bh = self.banner
            ins = self.inset
            ax.add_patch(Rectangle((ins, ins), self.width - 2 * ins, bh, facecolor=face_of_mark, edgecolor=mark,
                                   linewidth=st.line_width * 2, gid=f"{kind}-banner"))
            for i, t in enumerate(lines):
                ax.text(self.width / 2, ins + pad + (i + 0.5) * 1.25 * size * 1.15, left_to_right(t), ha="center", va="center",
                        color=mark, weight="bold", gid=f"{kind}-banner-text-{i}", **{**text_kw, "fontsize": size * 1.15})

        spec_of = {s.id: s for s in self.layout.boxes}
        for b in boxes.values():
            spec = spec_of[b.id]
            if b.kind == "phase":
                ax.add_patch(FancyBboxPatch((b.x, b.y), b.w, b.h, boxstyle=f"round,pad=0,rounding_size={size * 0.6}",
                                            facecolor=st.phase_face, edgecolor="none", gid=f"box-{b.id}"))
                ax.text(b.cx, b.cy, left_to_right(b.lines[0]), rotation=90, ha="center", va="center", color=st.phase_text,
                        weight="bold", gid=f"text-{b.id}-0", **text_kw)
                continue
            face = st.colour_of_header(spec.header) if b.kind == "header" else st.box_face
            edge = st.flag if b.flagged else st.draft if b.pending else st.box_edge
            lw = st.line_width * (2.2 if b.flagged or b.pending else 1)
            ax.add_patch(Rectangle((b.x, b.y), b.w, b.h, facecolor=face, edgecolor=edge, linewidth=lw,
                                   gid=f"box-{b.id}"))
            for i, (t, indent) in enumerate(content[b.id]):
                ty = b.y + pad + (i + 0.5) * line_h
                if spec.align == "center":
                    ax.text(b.cx, ty, left_to_right(t), ha="center", va="center", color=st.header_text, weight="bold",
                            gid=f"text-{b.id}-{i}", **text_kw)
                else:
                    marked = (b.flagged or b.pending) and "[" in t and t.rstrip().endswith("]")
                    colour = (st.flag if b.flagged else st.draft) if marked else st.text
                    ax.text(b.x + pad + indent, ty, left_to_right(t), ha="left", va="center", color=colour,
                            gid=f"text-{b.id}-{i}", **text_kw)

        for a in arrows:
            codes = [MPath.MOVETO] + [MPath.LINETO] * (len(a.points) - 1)
            patch = FancyArrowPatch(path=MPath(a.points, codes), arrowstyle="-|>", mutation_scale=size * 1.1,
                                    color=st.arrow, linewidth=st.line_width, shrinkA=0, shrinkB=0,
                                    gid=f"arrow-{a.src}-{a.dst}")
            ax.add_patch(patch)

        if self.flagged or self.draft:
            ins = self.inset
            top = height - ins - self.notes_h
            ax.add_patch(Rectangle((ins, top), self.width - 2 * ins, self.notes_h, facecolor=face_of_mark, edgecolor=mark,
                                   linewidth=st.line_width, gid=f"{kind}-notes"))
            for i, t in enumerate(self.note_lines):
                ax.text(ins + pad, top + pad + (i + 0.5) * line_h, left_to_right(t), ha="left", va="center", color=mark,
                        gid=f"{kind}-note-{i}", **text_kw)
        return fig, boxes, arrows, height, size


def _overflowing(drawer: "_Drawer") -> tuple[str, float] | None:
    """The first line of text that runs past its box at the drawer's width (a word wider than its box cannot
    wrap), with the font size, or None."""
    size = drawer.style.font_size
    while True:  # the size the drawing settles on, as _Drawer.render finds it
        _, content, height, pad, _ = drawer.plan(size)
        if height <= drawer.max_height or size <= drawer.style.min_font_size:
            break
        size = max(drawer.style.min_font_size, size - 0.5)
    boxes, *_ = drawer.plan(size)
    for b in boxes.values():
        for text, indent in content.get(b.id, ()):
            if drawer.measure.width(text, size, b.kind == "header") + indent + 2 * pad > b.w + 0.5:
                return text.strip(), size
    return None


def _words_fit(drawer: "_Drawer", name: str, width_cm: float, page_width: float) -> None:
    """Refuse a width at which a box's text runs past its edge, saying from what width the diagram fits."""
    over = _overflowing(drawer)
    if over is None:
        return
    fits = None
    for half_cm in range(int(width_cm * 2) + 1, int(page_width * 2.54 / 72 * 2) + 1):
        drawer.width = half_cm / 2 * 72 / 2.54
        if _overflowing(drawer) is None:
            fits = half_cm / 2
            break
    text, size = over
    raise PrismaInputError(
        f"the {name} diagram does not fit {width_cm:g} cm: its {len(drawer.layout.columns) - 1} columns of boxes "
        f"leave too little room, and {text!r} runs past its box at {size:g} pt; "
        + (f"it fits from {fits:g} cm, or " if fits else "")
        + "draw it at the page's width (PRISMA 2020's template is a full-width figure, which journals take as one "
          "spanning both columns)")


def page_width_height(page: str, landscape: bool, margin_in: float) -> tuple[float, float]:
    """Usable width and height of a page in points."""
    key = page.lower()
    if key not in PAGE_SIZES:
        raise PrismaInputError(f"unknown page size {page!r}; one of A4, letter")
    w, h = PAGE_SIZES[key]
    if landscape:
        w, h = h, w
    return (w - 2 * margin_in) * 72, (h - 2 * margin_in) * 72


def draw(
    counts: PrismaCounts,
    template: str | None = None,
    *,
    labels: dict[str, str] | None = None,
    style: Style | None = None,
    page: str = "A4",
    orientation: str = "auto",
    allow_failing: bool = False,
    path=None,
    dpi: int = 300,
    width_cm: float | None = None,
) -> Diagram:
    """Draw ``counts`` in a PRISMA layout and return the :class:`Diagram` (saved to ``path`` if given).

    Parameters
    ----------
    template : "new_dbr", "new_dbr_other", "updated_dbr", "updated_dbr_other" or "prisma2009" (aliases
        in :data:`synthesis.prisma.layouts.ALIASES`); default: the counts' own, else inferred.
    labels : wording overrides by label key (:data:`synthesis.prisma.layouts.DEFAULT_LABELS`), on top
        of the counts' own ``labels``; translate a diagram this way.
    style : fonts and colours (:class:`Style`).
    page : "A4" or "letter": the diagram fits the page inside ``style.margin_in``; fonts shrink (down to
        ``style.min_font_size``) when it would be taller.
    orientation : "portrait", "landscape" or "auto" (landscape for the widest layout).
    allow_failing : draw even when the checks find errors, with visible flags (see the module doc).
    width_cm : lay the diagram out for this width instead of the page's (18.5 cm on A4), e.g. 8.5 for one
        journal column: the text keeps its size and wraps to the narrower boxes (a diagram made for the page and
        shrunk into a column prints its 8 pt text at about 3.7 pt). It must still fit a portrait page's height.
        A layout whose boxes are then too narrow for their words (three or four columns of boxes: an updated
        review, other methods) is refused; draw it at the page's width, as PRISMA 2020's own template is.

    Raises
    ------
    PrismaInputError
        when a box the template needs is missing or the counts fail the checks (unless ``allow_failing``).
    """
    style = style or Style()
    name = resolve_template(template, counts)
    layout = TEMPLATES[name]
    report = check(counts, name)
    missing = missing_boxes(counts, name)
    if not allow_failing:
        if missing:
            raise PrismaInputError(f"cannot draw the {name} diagram: missing box(es) "
                                   f"{', '.join(missing)}{' in ' + counts.source if counts.source else ''}")
        if report.errors:
            raise PrismaInputError(
                f"the counts fail {len(report.errors)} check(s); fix them, or draw with allow_failing=True "
                f"(--allow-failing) to get a flagged draft:\n" + "\n".join(f"  {f}" for f in report.errors))
    flagged = bool(report.errors)
    # Only sums of given parts are ever filled in, and only when every check holds.
    shown = counts if flagged else counts.completed()
    if name == "prisma2009" and shown.records_after_duplicates is None and not flagged \
            and shown.duplicates is not None and shown.identified_total is not None:
        shown = PrismaCounts.from_dict(shown.to_dict())
        shown.records_after_duplicates = (shown.identified_total - shown.duplicates
                                          - (shown.excluded_automatic or 0) - (shown.excluded_other or 0))
    all_labels = labels_for(name, {**counts.labels, **(labels or {})})
    landscape = layout.landscape if orientation == "auto" else orientation == "landscape"
    if width_cm is not None:
        landscape = orientation == "landscape"  # a column's figure stands on a portrait page unless asked
    width, max_height = page_width_height(page, landscape, style.margin_in)
    if width_cm is not None:
        if not 0 < width_cm * 72 / 2.54 <= width:
            raise PrismaInputError(f"width_cm={width_cm:g}: give a width up to the {page} page's "
                                   f"{width * 2.54 / 72:.1f} cm inside its margins")
        width = width_cm * 72 / 2.54
    drawer = _Drawer(shown, layout, all_labels, style, report, flagged, width, max_height)
    with quiet_fallback_font_weights():  # (the layout measures every text in the fallback fonts too)
        fig, boxes, arrows, height, size = drawer.render()
    if height > max_height:
        longest = max(((len(getattr(shown, f) or []), f) for f in LIST_FIELDS), default=(0, ""))
        listed = (f"; its {longest[1]} lists {longest[0]} names, one a line: draw the counts without that list (the "
                  f"box gives the total) and name them in the text or a table" if longest[0] > 10 else "")
        warnings.warn(PrismaWarning(
            f"the {name} diagram is {height:.0f} pt tall at the smallest font ({size:g} pt), taller than the "
            f"{page} {'landscape ' if landscape else ''}page ({max_height:.0f} pt inside the margins){listed}"),
            stacklevel=2)
    if width_cm is not None:
        _words_fit(drawer, name, width_cm, page_width_height(page, landscape, style.margin_in)[0])
    diagram = Diagram(fig, name, width, height, boxes, arrows, report, size, dict(drawer.waiting))
    if path is not None:
        diagram.save(path, dpi=dpi)
    return diagram


__all__ = ["draw", "Diagram", "Style", "BoxGeom", "ArrowGeom", "PAGE_SIZES"]
