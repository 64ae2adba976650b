"""The full-text screening widget: the paper beside the record.

:class:`FullTextWidget` is the screening widget (:class:`synthesis.screening.widget.ScreeningWidget`: the
same keys, log, filters) at the full-text stage, with

* the matched PDF beside the record: its pages drawn to PNG in the kernel by PDFium and sent to the page,
  so it works offline, in any browser, and in headless Chromium (whose own PDF viewer does not draw);
  ``[`` / ``]`` (or PageUp / PageDown) turn the pages, ``p`` switches between a group's PDFs, ``z`` gives the
  page the widget's whole width (under the record) and back;
* the paper's extracted text below it, with the review's inclusion and exclusion keywords highlighted;
  a scan without a text layer is still shown, with a note that its text cannot be searched;
* the eligibility criteria of the stage (``full_text`` of ``[screening.criteria]`` in ``evidence/review.toml``);
* retrieval: ``Not retrieved`` with a reason (paywall, not found, requested from authors) logs the report
  as sought but not obtained (see :mod:`synthesis.fulltext.retrieval`); key ``r`` after picking the reason;
* matches a person must confirm (``unsure``) offered with *Use this PDF* / *Not this paper*; beside a record
  without a PDF, the PDFs matched to no record, to attach one the matcher missed; *Not this paper* above the
  page detaches a wrong match; and the study each report belongs to (several reports of one study), all saved
  in ``evidence/fulltext.tsv``.

The next record's first page and text are prepared in a background thread while the reviewer reads, so a
decision shows the next paper at once.

Examples
--------
>>> import tempfile
>>> from synthesis.screening.units import make_unit_table
>>> units = make_unit_table([{"group_id": "g1", "title": "A trial", "doi": "10.1/x<y"}])
>>> w = FullTextWidget(units, "Ann", folder=tempfile.mkdtemp(), scope=["g1"], pdfs={})
>>> 'href="https://doi.org/10.1/x%3Cy"' in w.card, w.ft_status
(True, 'no PDF for this record: mark it not retrieved (with the reason), or save its PDF into the PDF folder and run this cell again (or attach it: synthesis fulltext confirm g1 FILE --reviewer Ann)')
>>> w.close()
"""
from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from pathlib import Path

import traitlets as t

from ..screening.settings import NOT_RETRIEVED, ScreeningError
from ..screening.widget import HERE as SCREENING_HERE
from ..screening.widget import ScreeningWidget
from ..widgets import widget_module
from .pdftext import PdfInfo, extract_pages, inspect_pdf, render_page
from .retrieval import RETRIEVAL_REASONS, retrieval_label, retrieval_reason
from .store import FulltextError, FulltextEvidence

FT_HERE = Path(__file__).resolve().parent
PAGE_WIDTH = 900  # pixels; sharp enough to read beside the record, small enough to send at every key press
MAX_TEXT_PAGES = 80
MAX_STRAYS = 12  # PDFs of no record listed beside a record without one; the rest are named in the matches table


def _compose_esm() -> str:
    """The screening widget's module with the full-text panel wrapped around its ``render``."""
    base = widget_module(SCREENING_HERE / "widget.js")
    m = re.search(r"^export default\s*\{\s*render\s*\}\s*;?\s*$", base, flags=re.MULTILINE)
    if m is None:
        raise RuntimeError("screening/widget.js no longer ends with `export default { render };`: the full-text "
                           "panel (fulltext/widget.js) hooks in there")
    return base[:m.start()] + "\n" + (FT_HERE / "widget.js").read_text(encoding="utf-8")


class _Cache:
    """Pages and texts of PDFs, least recently used first out; filled by the prefetch thread too."""

    def __init__(self, size: int = 24):
        self.size = size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, make):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        value = make()
        with self.lock:
            self.data[key] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


def _attachments(pdfs, folder=None) -> tuple:
    """``({group: [paths usable]}, {group: [(path, method, confidence, note)] unsure}, [paths of no record],
    {(group, path): method}, [(path, problem) of each unreadable file])`` from what was given."""
    from .match import MatchResult

    usable, unsure, methods = {}, {}, {}
    if pdfs is None:
        return usable, unsure, [], methods, []
    if isinstance(pdfs, MatchResult):
        t_ = pdfs.table
        taken = set()
        # files of the folder that cannot be read, with their problem: one may be this record's (a download cut
        # short); beside a record without a PDF they say so, where "mark it not retrieved" alone misled
        broken = [(pdfs.folder / r.file, r.note) for r in t_.itertuples(index=False) if r.status == "broken"]
        for r in t_.itertuples(index=False):
            if r.status in ("confirmed", "matched", "unsure"):
                taken.add(r.file)
            if not r.group_id:
                continue
            if r.status in ("confirmed", "matched"):
                usable.setdefault(r.group_id, []).append(pdfs.folder / r.file)
                methods[(r.group_id, pdfs.folder / r.file)] = r.method
            elif r.status == "unsure":
                unsure.setdefault(r.group_id, []).append((pdfs.folder / r.file, r.method, r.confidence, r.note))
        # unmatched, or rejected for the record it was matched to: a reviewer may know whose it is
        strays = [pdfs.folder / f for f in dict.fromkeys(t_.loc[t_["status"].isin(("unmatched", "rejected")), "file"])
                  if f not in taken]
        return usable, unsure, strays, methods, broken
    for g, paths in dict(pdfs).items():
        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
        usable[str(g)] = [Path(p) for p in paths]
    return usable, unsure, [], methods, []


def _matches_if_current(path: Path, cfg, units):
    """The matches the build or ``synthesis fulltext match`` wrote, when nothing changed since (else None)."""
    import os

    from .match import MatchResult

    if not path.exists():
        return None
    written = path.stat().st_mtime
    newest = max([cfg.evidence.stat().st_mtime] if cfg.evidence.exists() else [0.0])
    for base, dirs, files in os.walk(cfg.folder):
        newest = max([newest, os.stat(base).st_mtime] + [os.stat(os.path.join(base, f)).st_mtime for f in files])
    if newest > written:
        return None
    try:
        result = MatchResult.read_csv(path, cfg.folder)
    except (ValueError, OSError):
        return None
    known = set(units["group_id"])
    return result if set(result.table["group_id"]) - {""} <= known else None


class FullTextWidget(ScreeningWidget):
    """Screen at full text with the paper beside the record (see the module docstring).

    Parameters
    ----------
    units, reviewer, folder, settings, order, resolve, scope
        As for :class:`~synthesis.screening.widget.ScreeningWidget`; the stage is ``full_text``.
    pdfs : MatchResult or dict, optional
        What :func:`~synthesis.fulltext.match.match_pdfs` found (matched, confirmed and unsure PDFs), or
        ``{group_id: path or [paths]}``.
    pdf_folder : path-like, optional
        The PDF folder the paths in ``evidence/fulltext.tsv`` are relative to (default: the MatchResult's).
    evidence : path-like or FulltextEvidence, optional
        ``evidence/fulltext.tsv``, where confirmations, rejections and studies are saved.
    criteria : list of str, optional
        The eligibility criteria shown beside the record.
    retrieval_reasons : list of str, optional
    """

    _esm = _compose_esm()
    _css = (SCREENING_HERE / "widget.css").read_text(encoding="utf-8") + "\n" + \
        (FT_HERE / "widget.css").read_text(encoding="utf-8")

    ft_png = t.Bytes(b"").tag(sync=True)
    ft_page = t.Int(0).tag(sync=True)
    ft_pages = t.Int(0).tag(sync=True)
    ft_pdf = t.Int(0).tag(sync=True)
    ft_files = t.List(t.Unicode()).tag(sync=True)
    ft_status = t.Unicode("").tag(sync=True)
    ft_text = t.Unicode("").tag(sync=True)
    ft_side = t.Unicode("").tag(sync=True)  # criteria, unsure matches, study of the report (HTML, escaped)
    ft_retrieval_reasons = t.List(t.Unicode()).tag(sync=True)
    ft_study = t.Unicode("").tag(sync=True)

    def __init__(self, units, reviewer: str, folder="evidence/screening", pdfs=None, pdf_folder=None,
                 evidence=None, criteria=(), retrieval_reasons=RETRIEVAL_REASONS, stage: str = "full_text",
                 **kwargs):
        if stage != "full_text":
            raise ScreeningError("the full-text widget screens at stage 'full_text'; use ScreeningWidget before")
        from .match import MatchResult

        self._usable, self._unsure, self._strays, self._methods, self._broken = _attachments(pdfs)
        self._pdf_folder = Path(pdf_folder) if pdf_folder else (pdfs.folder if isinstance(pdfs, MatchResult) else None)
        if isinstance(evidence, FulltextEvidence):
            self._evidence = evidence
        else:
            self._evidence = FulltextEvidence.load(evidence) if evidence else None
        self._gone: dict = {}  # confirmed PDFs no longer in the folder (renamed, moved): said beside the record
        for r in (self._evidence.confirmed() if self._evidence and self._pdf_folder else []):
            path = self._pdf_folder / r.file
            if not path.is_file():
                # shown as "cannot be read (No such file)" over an empty page, it hid the PDFs of no record (the
                # renamed file among them) and refused "not retrieved" for a record without a PDF
                self._gone.setdefault(r.group_id, []).append(r)
                continue
            if path not in self._usable.setdefault(r.group_id, []):
                self._usable[r.group_id].insert(0, path)
            if path in self._strays:
                self._strays.remove(path)
        self._criteria = [str(c) for c in criteria or ()]
        self._preview = None
        self._pages_cache = _Cache(32)
        self._text_cache = _Cache(16)
        self._info_cache = _Cache(64)
        self._prefetch_lock = threading.Lock()
        self._prefetch_want: list = []
        self._prefetch_event = threading.Event()
        self._closing = False
        self._thread = threading.Thread(target=self._prefetch_loop, name="fulltext-prefetch", daemon=True)
        self._thread.start()
        super().__init__(units, reviewer, stage="full_text", folder=folder,
                         ft_retrieval_reasons=list(retrieval_reasons), **kwargs)
        if self.has_trait("criteria"):  # the screening widget has a criteria box of its own: use that one
            if not self.criteria and self._criteria:
                self.criteria = "<ul>" + "".join(f"<li>{html.escape(c)}</li>" for c in self._criteria) + "</ul>"
            self._criteria = []
            with self.hold_sync():
                self._show_pdf()

    # ------------------------------------------------------------------ project
    @classmethod
    def for_project(cls, root=".", reviewer: str = "", units=None, pdfs=None, **kwargs) -> "FullTextWidget":
        """The widget for the project at ``root``: its units, settings, PDF folder, evidence and criteria.

        The PDFs come from ``output/fulltext_matches.csv`` when nothing changed since it was written, else they
        are matched now (``pdfs`` may be a MatchResult computed before). ``folder`` overrides where the
        decision logs are (``evidence/screening``).
        """
        from ..screening.settings import load_screening_settings
        from ..screening.units import read_unit_table
        from .config import MATCHES_FILE, FulltextSettings
        from .match import match_pdfs

        root = Path(root)
        cfg = FulltextSettings.load(root)
        folder = Path(kwargs.pop("folder", None) or root / "evidence" / "screening")
        settings = kwargs.pop("settings", None) or load_screening_settings(folder)
        units = units if units is not None else read_unit_table(root / "output" / "units.csv")
        evidence = FulltextEvidence.load(cfg.evidence)
        if pdfs is None and cfg.folder.is_dir():
            pdfs = _matches_if_current(root / "output" / MATCHES_FILE, cfg, units)
        if pdfs is None and cfg.folder.is_dir():
            pdfs = match_pdfs(cfg.folder, units, evidence)
        return cls(units, reviewer, folder=folder, settings=settings, pdfs=pdfs, pdf_folder=cfg.folder,
                   evidence=evidence, criteria=cfg.criteria.get("full_text", []),
                   retrieval_reasons=cfg.retrieval_reasons, **kwargs)

    # ------------------------------------------------------------------ PDFs
    def pdfs_of(self, key: str) -> list:
        """The usable PDFs of a group (confirmed first)."""
        return list(dict.fromkeys(self._usable.get(str(key), [])))

    def _info(self, path) -> PdfInfo:
        return self._info_cache.get(str(path), lambda: inspect_pdf(path))

    def _png(self, path, page) -> bytes:
        return self._pages_cache.get((str(path), page), lambda: render_page(path, page, PAGE_WIDTH))

    def _text(self, path) -> list:
        return self._text_cache.get(str(path), lambda: extract_pages(path, MAX_TEXT_PAGES))

    def _prefetch_loop(self) -> None:
        while not self._closing:
            self._prefetch_event.wait()
            self._prefetch_event.clear()
            with self._prefetch_lock:
                want, self._prefetch_want = self._prefetch_want, []
            for path in want:
                if self._closing:
                    return
                try:
                    info = self._info(path)
                    if info.ok:
                        self._png(path, 0)
                        self._text(path)
                except Exception:  # a prefetch never breaks screening; the real call reports the problem
                    pass

    def _prefetch_next(self) -> None:
        """Prepare the PDFs of the next two records of the sequence (where the reviewer goes next)."""
        want = []
        for i in range(self._pos + 1, min(self._pos + 3, len(self._seq))):
            want += self.pdfs_of(self._seq[i])[:1]
        if want:
            with self._prefetch_lock:
                self._prefetch_want = want
            self._prefetch_event.set()

    def _rel(self, path: Path) -> str:
        if self._pdf_folder is not None:
            try:
                return Path(path).resolve().relative_to(self._pdf_folder.resolve()).as_posix()
            except ValueError:
                pass
        return Path(path).name

    # ------------------------------------------------------------------ rendering
    def _show(self, pos, info: str, kind: str = "ok") -> None:
        with self.hold_sync():
            super()._show(pos, info, kind)
            self._show_pdf(reset=True)
        if getattr(self, "_thread", None) is not None and pos is not None:
            self._prefetch_next()

    def _show_pdf(self, reset: bool = False) -> None:
        self._preview = None  # (path, name, what to do) of a PDF looked at; the record's own PDF is shown again
        key = self.current_key
        pdfs = self.pdfs_of(key) if key else []
        if reset:
            self.ft_pdf, self.ft_page = 0, 0
        self.ft_files = [self._rel(p) for p in pdfs]
        self.ft_side = self._side_html(key) if key else ""
        if not pdfs:
            self.ft_png, self.ft_pages, self.ft_text, self.ft_study = b"", 0, "", ""
            gone = "".join(f"{r.file}, confirmed for this record by {r.confirmed_by or 'someone'}, is not in the PDF "
                           "folder any more (renamed, moved or deleted?); " for r in self._gone.get(key, []))
            decided = self._mine.get(key) if key else None
            if decided is not None:
                # assessed already (the paper read elsewhere, or not retrieved): "mark it not retrieved" read as if
                # nothing had been decided
                why = retrieval_reason(decided.labels)
                said = (f"you marked it not retrieved{f' ({why})' if why else ''}"
                        if str(decided.reason).casefold() == NOT_RETRIEVED else
                        f"you decided it: {decided.decision}{f' ({decided.reason})' if decided.reason else ''}")
                self.ft_status = gone + f"no PDF for this record; {said}. " + (
                    "One of the possible PDFs beside it may be its paper" if self._unsure.get(key) else
                    "One of the PDFs beside it (matched to no record) may be its paper" if self._strays else
                    "To keep its paper with the review, save the PDF into the PDF folder and run this cell again (or "
                    f"attach it: synthesis fulltext confirm {key} FILE --reviewer {self.reviewer})")
                return
            # "or confirm a PDF" offered nothing to confirm when no PDF was a possible match: say how to attach one
            self.ft_status = ("" if not key else gone + (
                              "no PDF for this record: use one of the possible PDFs beside it, or mark it not "
                              "retrieved (with the reason)" if self._unsure.get(key) else
                              # the PDFs of no record are listed beside it: one may be this paper
                              "no PDF for this record: use one of the PDFs beside it (matched to no record) if it "
                              "is this paper, or mark it not retrieved (with the reason)" if self._strays else
                              # a PDF saved into the folder meanwhile is matched when the cell runs again
                              "no PDF for this record: mark it not retrieved (with the reason), or save its PDF into "
                              "the PDF folder and run this cell again (or attach it: "
                              f"synthesis fulltext confirm {key} FILE --reviewer {self.reviewer})"))
            return
        self.ft_pdf = min(self.ft_pdf, len(pdfs) - 1)
        path = pdfs[self.ft_pdf]
        self.ft_study = self._study_of(key, path)
        info = self._info(path)
        if not info.ok:
            self.ft_png, self.ft_pages, self.ft_text = b"", 0, ""
            self.ft_status = f"{self._rel(path)} cannot be shown: {info.problem}"
            return
        self.ft_pages = info.pages
        self.ft_page = max(0, min(self.ft_page, info.pages - 1))
        self.ft_png = self._png(path, self.ft_page)
        if reset or not self.ft_text:
            pages = self._text(path)
            h = self._highlight
            parts = [f'<div class="syn-ft-pg" data-page="{i + 1}"><div class="syn-ft-pgno">page {i + 1}</div>'
                     f"{h.html(txt)}</div>" for i, txt in enumerate(pages) if txt.strip()]
            self.ft_text = "".join(parts)
        note = "" if info.has_text else ("no text layer (a scanned PDF?): its text cannot be searched or "
                                         "highlighted; read the page image")
        more = f" · {info.pages - MAX_TEXT_PAGES} pages not extracted" if info.pages > MAX_TEXT_PAGES else ""
        self.ft_status = f"{self._rel(path)} · page {self.ft_page + 1} of {info.pages}{more}" + (
            f" · {note}" if note else "")

    def _show_preview(self) -> None:
        """The page ``ft_page`` of the PDF being looked at (its first page only could be seen: a cover page, or a
        paper whose title is on page 2, could not be told from the record's)."""
        path, rel, todo = self._preview
        info = self._info(path)
        if not info.ok:
            self.ft_png, self.ft_pages = b"", 0
            self.ft_status = f"{rel} cannot be shown: {info.problem}"
            return
        self.ft_pages = info.pages
        self.ft_page = max(0, min(self.ft_page, info.pages - 1))
        self.ft_png = self._png(path, self.ft_page)
        self.ft_status = f"preview of {rel}, page {self.ft_page + 1} of {info.pages} (not attached): {todo}"

    def _study_of(self, key, path) -> str:
        if self._evidence is None:
            return ""
        rel = self._rel(path)
        return next((r.study for r in self._evidence.confirmed(key) if r.file == rel), "")

    def _side_html(self, key: str) -> str:
        parts = []
        if self._criteria:
            items = "".join(f"<li>{html.escape(c)}</li>" for c in self._criteria)
            parts.append(f'<div class="syn-ft-criteria"><b>Eligibility criteria (full text)</b><ul>{items}</ul></div>')
        mine = self._mine.get(key)
        if mine is not None and mine.reason == NOT_RETRIEVED:
            why = retrieval_reason(mine.labels)
            # the PDF came after all (an interlibrary loan): PRISMA counts it not retrieved until it is decided
            now = " Its PDF is here now: decide it from the paper (i, or 1-9 then e)." if self.pdfs_of(key) else ""
            parts.append(f'<div class="syn-ft-nr">You marked this report <b>not retrieved</b>'
                         f'{": " + html.escape(why) if why else ""}.{now}</div>')
        offers = [u for u in self._unsure.get(key, []) if Path(u[0]) not in set(self.pdfs_of(key))]
        if offers:
            rows = []
            for path, method, conf, note in offers:
                rel = html.escape(self._rel(path), quote=True)
                rows.append(f'<li><span class="syn-ft-file">{html.escape(self._rel(path))}</span> '
                            f'<small>({html.escape(str(method))}, {float(conf):.2f}{"; " + html.escape(str(note)) if note else ""})</small> '
                            f'<button type="button" class="syn-ft-preview" data-file="{rel}">Look</button> '
                            f'<button type="button" class="syn-ft-confirm" data-file="{rel}">Use this PDF</button> '
                            f'<button type="button" class="syn-ft-reject" data-file="{rel}">Not this paper</button></li>')
            parts.append(f'<div class="syn-ft-offers"><b>Possible PDFs: confirm or reject</b> <small>(a looks at the '
                         f'first, a again uses it)</small><ul>{"".join(rows)}</ul></div>')
        if self._strays and not self.pdfs_of(key) and not offers:
            # a PDF the matcher could not place (a scan, a title the page words differently) may be this paper;
            # attaching it took a command with the file's name, which the reviewer had to find first. Listed once
            # the likely ones (unsure offers) are settled, so the list of every stray does not bury them.
            rows = []
            for path in self._strays[:MAX_STRAYS]:
                rel = html.escape(self._rel(path), quote=True)
                rows.append(f'<li><span class="syn-ft-file">{html.escape(self._rel(path))}</span> '
                            f'<button type="button" class="syn-ft-preview" data-file="{rel}">Look</button> '
                            f'<button type="button" class="syn-ft-confirm" data-file="{rel}">Use this PDF</button></li>')
            more = len(self._strays) - MAX_STRAYS
            tail = (f'<small>and {more} more (output/fulltext_matches.csv): synthesis fulltext confirm '
                    f'{html.escape(key)} FILE --reviewer {html.escape(self.reviewer)}</small>' if more > 0 else "")
            parts.append(f'<div class="syn-ft-strays"><b>PDFs matched to no record: is one of them '
                         f'this paper?</b> <small>(a looks at the first, a again uses it)</small>'
                         f'<ul>{"".join(rows)}</ul>{tail}</div>')
        if self._broken and not self.pdfs_of(key):
            rows = "".join(f'<li><span class="syn-ft-file">{html.escape(self._rel(path))}</span> '
                           f'<small>({html.escape(str(problem))})</small></li>'
                           for path, problem in self._broken[:MAX_STRAYS])
            more = len(self._broken) - MAX_STRAYS
            tail = f"<small>and {more} more (output/fulltext_matches.csv)</small>" if more > 0 else ""
            parts.append(f'<div class="syn-ft-broken"><b>PDFs that cannot be read: if one is this paper, download it '
                         f'again before marking it not retrieved</b><ul>{rows}</ul>{tail}</div>')
        return "".join(parts)

    def _attachable(self, key: str, rel: str):
        """``(path, method)`` of a PDF a person may attach to ``key``: offered as unsure, or matched to no record."""
        offer = next((u for u in self._unsure.get(key, []) if self._rel(u[0]) == rel), None)
        if offer is not None:
            return Path(offer[0]), str(offer[1])
        path = next((p for p in self._strays if self._rel(p) == rel), None)
        return (path, "by hand") if path is not None else None

    # ------------------------------------------------------------------ actions
    def _decide(self, decision: str, content: dict) -> None:
        reason = content.get("reason", self.reason) if decision == "exclude" else ""
        if str(reason or "").strip().casefold() == NOT_RETRIEVED and self.current_key:
            # "not retrieved" is on the 1-9 list too: pressing its number then e logged it for a report on screen
            # (r is refused there), and PRISMA counted a report the team had as not retrieved, without a reason
            if self.ft_files:
                raise ScreeningError(self._retrieved_text())
            labels = [x.strip() for x in str(content.get("labels", self.labels_text) or "").split(",")]
            if not retrieval_reason(labels):  # r asks why; the number key went round it
                raise ScreeningError("say why the report could not be retrieved: press r, pick the reason with the "
                                     "arrow keys and press Enter (or use the list beside 'Not retrieved'); nothing "
                                     "was logged")
        super()._decide(decision, content)

    def _retrieved_text(self) -> str:
        return (f"this record has its PDF ({', '.join(self.ft_files)}): it was retrieved; if it is not eligible, "
                "pick the exclusion reason (1-9) and press e; if the PDF is not this paper, click Not this paper "
                "above the page; nothing was logged")

    def handle(self, content: dict) -> None:
        action = content.get("action")
        if not str(action or "").startswith("ft_"):
            return super().handle(content)
        try:
            if action == "ft_page":
                with self.hold_sync():
                    self.ft_page = int(content.get("page", 0))
                    if self._preview is not None:  # turning the pages of a PDF looked at, not attached
                        self._show_preview()
                    else:
                        self._show_pdf()
            elif action == "ft_pdf":
                n = len(self.pdfs_of(self.current_key))
                if n:
                    with self.hold_sync():
                        self.ft_pdf = int(content.get("index", 0)) % n
                        self.ft_page = 0
                        self.ft_text = ""
                        self._show_pdf()
            elif action == "ft_not_retrieved":
                reason = str(content.get("retrieval_reason") or "").strip()
                if self.ft_files:  # r pressed on a record whose PDF is shown: it did nothing visible
                    raise ScreeningError(self._retrieved_text())
                if not reason:
                    raise ScreeningError("pick why the report could not be retrieved (the list beside "
                                         "'Not retrieved'), then press r again; nothing was logged")
                self._decide("exclude", {"reason": NOT_RETRIEVED, "labels": retrieval_label(reason),
                                         "note": content.get("note", "")})
                if self.info_kind != "error":  # "saved: exclude (not retrieved)" did not say the reason logged
                    self.info = self.info.replace(f"({NOT_RETRIEVED})", f"({NOT_RETRIEVED}: {reason})", 1)
            elif action == "ft_preview":
                key, rel = self.current_key, str(content.get("file", ""))
                offer = self._attachable(key, rel)
                if offer is None:
                    raise FulltextError(f"{rel!r} is not a PDF offered for this record")
                # a PDF of no record has no "Not this paper" beside it: it is attached, or left as it is
                # the status named neither the key nor the buttons: "use it or reject it" (w34)
                todo = "a (or Use this PDF) attaches it, Not this paper rejects it" \
                    if offer[1] != "by hand" or offer[0] not in self._strays else "a (or Use this PDF) attaches it"
                self._preview = (offer[0], rel, todo)
                with self.hold_sync():
                    self.ft_page = 0
                    self._show_preview()
            elif action in ("ft_confirm", "ft_reject", "ft_study"):
                self._evidence_action(action, content)
            else:
                raise ScreeningError(f"unknown action {action!r}")
        except (ScreeningError, FulltextError) as e:
            self.info, self.info_kind = str(e), "error"

    def _evidence_action(self, action: str, content: dict) -> None:
        key = self.current_key
        if not key:
            raise ScreeningError("no record shown")
        if self._evidence is None or self._evidence.path is None:
            raise FulltextError("no evidence/fulltext.tsv given (evidence=...): nothing can be saved")
        reviewer = self.decision_log.reviewer
        if action == "ft_study":
            pdfs = self.pdfs_of(key)
            if not pdfs:
                raise FulltextError("this record has no PDF to assign to a study")
            rel = self._rel(pdfs[self.ft_pdf])
            self._evidence.set_study(key, rel, str(content.get("study", "")).strip(), reviewer)
            self.info, self.info_kind = f"saved: {rel} is a report of study {content.get('study') or key}", "ok"
            self._show_pdf()
            return
        rel = str(content.get("file", ""))
        shown = next((p for p in self.pdfs_of(key) if self._rel(p) == rel), None)
        if action == "ft_reject" and shown is not None:
            # the PDF shown is not this paper (a wrong automatic match, or a wrong click on Use this PDF): undone
            # here, kept in evidence/fulltext.tsv so no rebuild attaches it again; it is of no record now
            self._evidence.reject(key, rel, reviewer, method=str(self._methods.get((key, shown), "by hand")))
            self._usable[key] = [p for p in self._usable[key] if p != shown]
            self._of_no_record_now(shown)
            self.info, self.info_kind = f"saved: {rel} is not the full text of {key}", "ok"
            with self.hold_sync():
                self._show_pdf(reset=True)
            return
        offer = self._attachable(key, rel)
        if offer is None:
            raise FulltextError(f"{rel!r} is not a PDF offered for this record")
        if action == "ft_confirm":
            self._evidence.confirm(key, rel, reviewer, method=offer[1])
            self._usable.setdefault(key, []).append(offer[0])
            self._methods[(key, offer[0])] = offer[1]
            if offer[0] in self._strays:
                self._strays.remove(offer[0])
            self.info = f"saved: {rel} is the full text of {key}"
            mine = self._mine.get(key)
            if mine is not None and mine.reason == NOT_RETRIEVED:  # it stood, and PRISMA counted no report read
                self.info += ("; you marked it not retrieved: it is retrieved now, so decide it from the paper "
                              "(i, or 1-9 then e)")
        else:
            self._evidence.reject(key, rel, reviewer, method=offer[1])
            self.info = f"saved: {rel} is not the full text of {key}"
        self._unsure[key] = [u for u in self._unsure.get(key, []) if Path(u[0]) != offer[0]]
        if action == "ft_reject":
            self._of_no_record_now(offer[0])
        self.info_kind = "ok"
        with self.hold_sync():
            self._show_pdf(reset=True)

    def _of_no_record_now(self, path: Path) -> None:
        """A PDF rejected or detached here: listed with the PDFs of no record when no record uses it or is offered
        it (as the next build will say: fulltext/buildstep counts a file placed while any record has it)."""
        if path not in self._strays and not any(path in paths for paths in self._usable.values()) and not any(
                Path(u[0]) == path for us in self._unsure.values() for u in us):
            self._strays.append(path)

    def close(self) -> None:
        self._closing = True
        ev = self.__dict__.get("_prefetch_event")
        if ev is not None:
            ev.set()
        thread = self.__dict__.get("_thread")
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)  # let it finish the page it draws: PDFium documents are closed cleanly
        super().close()
