"""The coding widget: one study at a time, its codes chosen from the scheme's tree, its fields in the same card.

Keyboard (the filter box has the keyboard when the widget opens; click it to give it back):

=========================  ==========================================================================
type letters               filter the scheme (label, ID, stakeholder group, approaches text)
``↓`` / ``↑``              move through the codes shown; the highlighted code's stakeholder group and
                           approaches text show beside the tree
``Space``                  choose the highlighted code (again: un-choose it)
``Enter``                  save the study (codes, quotes, pages, fields) and show the next one
``Escape``                 clear the filter; on an empty filter, give the keyboard back to the notebook
``PageDown`` / ``PageUp``  next / previous study without saving
``Alt+PageDown`` / ``Up``  next / previous page of the study's PDF
``Alt+P``                  the PDF page shown becomes the page of the quote being typed (else of the
                           last chosen code)
=========================  ==========================================================================

When the build matched a PDF to the study (``output/fulltext_matches.csv``, see :mod:`synthesis.fulltext`),
its pages are shown under the record, drawn to PNG in the kernel by PDFium (as in the full-text widget: no
PDF viewer, no network); each chosen code's *page* can be taken from the page shown.

Each chosen code can carry a supporting quote and page. The study's answer is appended to the coder's log
and fsync-ed (:mod:`synthesis.coding.log`) before the next study shows. With dual coding the widget is
blind: a coder never sees another coder's answer. ``reconcile=True`` lists the studies whose two coders
disagree, shows both answers (codes, quotes and fields) and logs the agreed answer with who agreed it.

Once :data:`synthesis.coding.suggest.MIN_STUDIES` studies with a title or abstract are coded, the codes a
classifier finds likely are marked as suggestions; they are saved only if the coder chooses them. The
classifier reads the PDF's text too when the study has one (extracted once, see
:func:`synthesis.fulltext.pdftext.cached_text`).

Examples
--------
>>> import tempfile, pandas as pd
>>> from synthesis.coding.scheme import parse_scheme
>>> from synthesis.coding.form import parse_form
>>> scheme = parse_scheme("dimension f: F\\n  levels: stage > construct\\n  stage a: A\\n    construct b: B")
>>> queue = pd.DataFrame({"study_id": ["g1", "g2"], "title": ["One <i>study</i>", "Two"]})
>>> w = CodingWidget(queue, "Alice", scheme, parse_form(""), folder=tempfile.mkdtemp())
>>> w.current
'g1'
>>> w.handle({"action": "save", "selected": [{"code": "f:a.b", "quote": "we did", "page": "3"}], "fields": {}})
>>> w.current, w.info
('g2', 'saved g1: 1 code')
"""
from __future__ import annotations

import html
import warnings
from pathlib import Path

import anywidget
import pandas as pd
import traitlets as t

from synthesis.coding.form import CodingForm, load_form
from synthesis.coding.log import CodingLog, read_coding_logs
from synthesis.coding.project import FORM_FILE, LOG_FOLDER, QUEUE_COLUMNS, study_states
from synthesis.coding.scheme import Scheme, load_scheme
from synthesis.coding.suggest import MIN_STUDIES, CodeSuggester, study_text
from synthesis.widgets import widget_module
from synthesis.errors import NotBuiltError, SynthesisError
from synthesis.normalise import cited_study

__all__ = ["CodingWidget", "open_coding"]

HERE = Path(__file__).resolve().parent
SHOW = ("to code", "all", "coded by me")
PAGE_WIDTH = 900  # pixels of a PDF page, as in the full-text widget


class CodingError(SynthesisError, ValueError):
    pass


def _key(dim: str, path: str) -> str:
    return f"{dim}:{path}"


def scheme_nodes(scheme: Scheme) -> list:
    """The scheme as a flat tree for the front end: one dict per value, depth first."""
    out = []
    stake = scheme.dimensions.get("stakeholder")
    for dim in scheme.dimensions.values():
        out.append({"key": f"{dim.id}:", "dim": dim.id, "label": dim.label, "level": "dimension", "depth": 0,
                    "header": True})
        for n in dim.walk():
            depth = (dim.levels.index(n.level) if n.level in dim.levels else 0) + 1
            groups = [scheme.value("stakeholder", c).label for c in n.notes.get("stakeholder", [])] if stake else []
            out.append({"key": _key(dim.id, n.path), "dim": dim.id, "label": n.label, "level": n.level,
                        "depth": depth, "path": n.path, "retired": n.retired,
                        "stakeholder": "; ".join(groups), "approaches": n.note("approaches"),
                        "note": n.note("description")})
    return out


#: Fields of the form a study opens with from its record when the coder has not answered yet.
FROM_THE_RECORD = ("year",)


class CodingWidget(anywidget.AnyWidget):
    """Code the included studies against the scheme, as one coder.

    Parameters
    ----------
    queue : DataFrame
        The studies (``output/coding_queue.csv``, see :func:`synthesis.coding.project.coding_queue`):
        ``study_id`` and what is known of it (``title``, ``authors``, ``year``, ``journal``, ``doi``,
        ``abstract``, ``pdf``).
    coder : str
    scheme : Scheme
    form : CodingForm
        Extraction fields and the dual setting.
    folder : path-like
        The coders' logs (``evidence/coding``).
    reconcile : bool
        Settle disagreements between coders: shows only the studies waiting for reconciliation.
    agreed_by : list of str, optional
        Who agreed the reconciled answers (default: the coder).
    suggest : bool
        Rank the codes for each study once enough studies are coded.
    pdf_root : path-like, optional
        The folder the queue's ``pdf`` paths are relative to (the project folder; default: the current one).
    pdf_text_cache : path-like, optional
        Where the PDFs' extracted text is kept (``.synthesis-cache/pdftext`` of the project).
    """

    _esm = widget_module(HERE / "widget.js")
    _css = (HERE / "widget.css").read_text(encoding="utf-8")

    nodes = t.List().tag(sync=True)
    fields = t.List().tag(sync=True)
    card = t.Unicode("").tag(sync=True)
    current = t.Unicode("").tag(sync=True)
    selected = t.List().tag(sync=True)
    values = t.Dict().tag(sync=True)
    errors = t.Dict().tag(sync=True)
    suggestions = t.List().tag(sync=True)
    coder = t.Unicode("").tag(sync=True)
    mode = t.Unicode("code").tag(sync=True)
    show = t.Unicode("to code").tag(sync=True)
    show_options = t.List(t.Unicode()).tag(sync=True)
    progress = t.Dict().tag(sync=True)
    info = t.Unicode("").tag(sync=True)
    info_kind = t.Unicode("ok").tag(sync=True)
    seq = t.Int(0).tag(sync=True)
    pdf_png = t.Bytes(b"").tag(sync=True)
    pdf_page = t.Int(0).tag(sync=True)
    pdf_pages = t.Int(0).tag(sync=True)
    pdf_status = t.Unicode("").tag(sync=True)

    def __init__(self, queue: pd.DataFrame, coder: str, scheme: Scheme, form: CodingForm,
                 folder="evidence/coding", reconcile: bool = False, agreed_by=None, suggest: bool = True,
                 pdf_root=None, pdf_text_cache=None, imported=None, **kwargs):
        self.scheme, self.form = scheme, form
        self._pdf_root = Path(pdf_root) if pdf_root is not None else Path(".")
        self._pdf_text_cache = pdf_text_cache
        self._pages: dict = {}  # (path, page) -> PNG, the last few drawn
        self.folder = Path(folder)
        self.coding_log = CodingLog(self.folder, coder)
        self.reconcile = bool(reconcile)
        self.agreed_by = list(agreed_by or [self.coding_log.coder])
        queue = queue.copy()
        for c in QUEUE_COLUMNS:
            if c not in queue.columns:
                queue[c] = ""
        queue = queue.fillna("").astype(str)
        self._rows = {r["study_id"]: r for r in queue.to_dict("records")}
        self._order = list(self._rows)
        self._index = {s: i for i, s in enumerate(self._order)}
        self._known = {_key(d.id, n.path): n for d in scheme.dimensions.values() for n in d.walk()}
        self._states = {}
        # what evidence/study_codes.csv and studies.csv say of an imported study: {study: (codes, fields)}
        self._imported = dict(imported or {})
        self._pos = -1
        self._todo = None  # (list shown, studies in it): counted once, kept up to date on each save
        super().__init__(nodes=scheme_nodes(scheme), fields=[f.as_json() for f in form.fields], coder=self.coding_log.coder,
                         mode="reconcile" if self.reconcile else "code",
                         show_options=["reconcile", "all"] if self.reconcile else list(SHOW),
                         show="reconcile" if self.reconcile else "to code", **kwargs)
        self._reload()
        self._suggest_on = bool(suggest)
        self._saves = 0
        self._suggester = self._train() if suggest else None
        self.on_msg(self._on_msg)
        self.observe(lambda _c: self._show(self._find(0, +1), f"showing {self.show}"), names="show")
        self._show(self._find(0, +1), "")

    # ------------------------------------------------------------------ state
    def _reload(self) -> None:
        reading = read_coding_logs(self.folder, warn=False)
        for p in reading.problems:
            warnings.warn(str(p), UserWarning, stacklevel=3)
        self._problems = reading.problems
        self._states = study_states(reading.entries, dual=self.form.dual, scheme=self.scheme)

    def _mine(self, sid):
        return self.coding_log.latest(sid, agreed=self.reconcile)

    def _matches(self, sid: str) -> bool:
        st = self._states.get(sid)
        if self.show == "all":
            return True
        if self.show == "reconcile":
            return st is not None and st.state == "reconcile"
        mine = self._mine(sid)
        if self.show == "coded by me":
            return mine is not None
        # to code: this coder has not answered, and (single coding) nobody has
        if mine is not None:
            return False
        if not self.form.dual and st is not None and st.answer is not None:
            return False
        if self.form.dual and st is not None and st.state == "agreed":
            return False
        return self._rows[sid].get("source") != "studies.csv"  # imported studies come coded

    def _find(self, start: int, step: int):
        i = start
        while 0 <= i < len(self._order):
            if self._matches(self._order[i]):
                return i
            i += step
        return None

    def _back(self, i: int) -> int:
        """The study PageUp goes back to from position ``i`` on: one of the list shown or one this coder answered.

        Back from the end of "to code" it went through the studies of the whole queue, so past the studies just
        coded and into the imported ones (the worked example's 49), which an author then took for studies to code.
        """
        while i >= 0 and not (self._matches(self._order[i]) or self._mine(self._order[i]) is not None):
            i -= 1
        return i

    def _train(self):
        texts, labels = [], []
        for sid, st in self._states.items():
            if st.answer is None or sid not in self._rows:
                continue
            text = self._text_of(sid)
            if text.strip():
                texts.append(text)
                labels.append({_key(c.get("dimension") or self.scheme.framework.id,
                                    self.scheme.canonical(c.get("dimension") or self.scheme.framework.id, c["code"]))
                               for c in st.answer.codes})
        if len(texts) < MIN_STUDIES:
            return None
        return CodeSuggester().fit(texts, labels)

    # ------------------------------------------------------------------ the PDF
    def pdf_of(self, sid: str):
        """The study's PDF (a path), or ``None`` when it has none or the file is gone."""
        rel = self._rows.get(sid, {}).get("pdf", "")
        if not rel:
            return None
        path = Path(rel) if Path(rel).is_absolute() else self._pdf_root / rel
        return path if path.is_file() else None

    def _text_of(self, sid: str) -> str:
        """What the suggestions read: title, abstract, keywords and, when there is a PDF, its text."""
        row = self._rows[sid]
        path = self.pdf_of(sid)
        if path is not None and "pdf_text" not in row:
            from synthesis.fulltext.pdftext import cached_text

            row["pdf_text"] = cached_text(path, self._pdf_text_cache)
        return study_text(row)

    def _show_pdf(self, sid: str, page: int = 0) -> None:
        from synthesis.fulltext.pdftext import page_count, render_page

        path = self.pdf_of(sid) if sid else None
        rel = self._rows.get(sid, {}).get("pdf", "") if sid else ""
        if path is None:
            self.pdf_png, self.pdf_page, self.pdf_pages = b"", 0, 0
            self.pdf_status = f"PDF {rel} not found" if rel else ""
            return
        pages = page_count(path)
        if not pages:
            self.pdf_png, self.pdf_page, self.pdf_pages = b"", 0, 0
            self.pdf_status = f"{rel} cannot be shown (not a readable PDF)"
            return
        page = max(0, min(int(page), pages - 1))
        key = (str(path), page)
        if key not in self._pages:
            self._pages[key] = render_page(path, page, PAGE_WIDTH)
            while len(self._pages) > 12:
                self._pages.pop(next(iter(self._pages)))
        self.pdf_png, self.pdf_page, self.pdf_pages = self._pages[key], page, pages
        self.pdf_status = f"{rel} · page {page + 1} of {pages}"

    # ------------------------------------------------------------------ rendering
    def _card_html(self, sid: str) -> str:
        row = self._rows[sid]
        e = html.escape
        authors = [a.strip() for a in row.get("authors", "").split(";") if a.strip()]
        meta = ["; ".join(e(a) for a in authors[:8]) + (f" … ({len(authors)} authors)" if len(authors) > 8 else "")
                if authors else "<i>no authors</i>", e(row.get("year") or "n.d.")]
        if row.get("journal"):
            meta.append(f"<i>{e(row['journal'])}</i>")
        if row.get("doi"):
            meta.append(f"doi:{e(row['doi'])}")
        title = row.get("title") or (f"Study {sid}" + (" (imported from studies.csv: no title recorded)"
                                                       if row.get("source") == "studies.csv" else ""))
        parts = [f'<div class="syc-rec" data-study="{e(sid, quote=True)}">',
                 f'<div class="syc-sid">Study {e(sid)}' + (f" · group {e(row['group_id'])}" if row.get("group_id")
                                                          and row["group_id"] != sid else "") + "</div>",
                 f"<h3>{e(title)}</h3>", f'<div class="syc-meta">{" · ".join(meta)}</div>']
        if row.get("abstract"):
            parts.append(f'<div class="syc-abstract">{e(row["abstract"])}</div>')
        st = self._states.get(sid)
        if self.reconcile and st is not None and st.answers:
            parts.append(self._answers_html(st))
        elif not self.form.dual and st is not None and st.answer is not None and st.answer.coder != self.coding_log.coder:
            parts.append(f'<div class="syc-others">coded by {e(st.answer.coder)}</div>')
        elif (st is None or st.answer is None) and sid in self._imported and self._mine(sid) is None:
            parts.append('<div class="syc-others">codes imported from evidence/study_codes.csv: saving replaces '
                         "them with the codes chosen here</div>")
        parts.append("</div>")
        return "".join(parts)

    def _answers_html(self, st) -> str:
        """Both coders' answers side by side: each code with who chose it and their quotes; the fields."""
        e = html.escape
        coders = sorted(st.answers)
        fw = self.scheme.framework.id
        by_code = {}
        for c in coders:
            for code in st.answers[c].codes:
                dim = code.get("dimension") or fw
                k = _key(dim, self.scheme.canonical(dim, code["code"]))
                by_code.setdefault(k, {})[c] = code
        order = {k: i for i, k in enumerate(self._known)}
        head = "".join(f"<th>{e(c)}</th>" for c in coders)
        rows = []
        for k in sorted(by_code, key=lambda k: order.get(k, 1e9)):
            node = self._known.get(k)
            label = e(node.display_label if node else k)
            agree = len(by_code[k]) == len(coders)
            cells = []
            for c in coders:
                code = by_code[k].get(c)
                if code is None:
                    cells.append('<td class="syc-no">—</td>')
                else:
                    q = f' “{e(code["quote"])}”' if code.get("quote") else ""
                    p = f' (p. {e(code["page"])})' if code.get("page") else ""
                    cells.append(f'<td class="syc-yes">✓{q}{p}</td>')
            rows.append(f'<tr class="{"syc-agree" if agree else "syc-differ"}"><td>{label}</td>{"".join(cells)}</tr>')
        for f in self.form.fields:
            vals = [str(st.answers[c].fields.get(f.id, "") or "") for c in coders]
            if any(vals):
                cls = "syc-agree" if len(set(vals)) == 1 else "syc-differ"
                rows.append(f'<tr class="{cls}"><td>{e(f.label)}</td>' + "".join(f"<td>{e(v)}</td>" for v in vals) + "</tr>")
        return (f'<table class="syc-answers"><thead><tr><th>code or field</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')

    def _prefill(self, sid: str):
        """The selection and field values a study opens with: the coder's own answer, or (reconciling) what
        the coders agree on."""
        fw = self.scheme.framework.id
        mine = self._mine(sid)
        st = self._states.get(sid)
        if mine is None and self.reconcile and st is not None and st.answers:
            answers = [st.answers[c] for c in sorted(st.answers)]
            common = set.intersection(*(set(a.code_set()) for a in answers))
            first = answers[0]
            codes = [c for c in first.codes if (c.get("dimension", ""), c["code"]) in common]
            # a field one coder left empty is no answer: the others' one value stays (the table above still
            # marks the row), or saving the agreed codes dropped the country only one coder had filled in
            given = {}
            for a in answers:
                for k, v in a.fields.items():
                    if v not in ("", None, []):
                        given.setdefault(k, []).append(v)
            values = {k: vs[0] for k, vs in given.items() if all(v == vs[0] for v in vs)}
        elif mine is not None:
            codes, values = list(mine.codes), dict(mine.fields)
        elif not self.reconcile and (st is None or st.answer is None) and sid in self._imported:
            # an imported study opens with the codes the map shows for it: a save replaces them, and from an
            # empty card it replaced the seed's codes with whatever was chosen there
            codes, values = self._imported[sid]
            codes, values = list(codes), dict(values)
        else:
            # a study not coded yet opens with what its record already says (its year), for the coder to
            # confirm or correct, rather than an empty box that looks as if it must be typed again
            row = self._rows.get(sid, {})
            codes = []
            values = {f.id: str(row[f.id]) for f in self.form.fields
                      if f.id in FROM_THE_RECORD and str(row.get(f.id, "") or "").strip()}
        sel = []
        for c in codes:
            dim = c.get("dimension") or fw
            sel.append({"code": _key(dim, self.scheme.canonical(dim, c["code"])), "quote": c.get("quote", ""),
                        "page": c.get("page", "")})
        return sel, {k: ("; ".join(v) if isinstance(v, list) else str(v)) for k, v in values.items()}

    def _show(self, pos, info: str, kind: str = "ok") -> None:
        with self.hold_sync():
            if pos is None:
                self._pos = len(self._order)
                self.current = ""
                self.selected, self.values, self.errors, self.suggestions = [], {}, {}, []
                self.card = (f'<div class="syc-done">No more studies for “{html.escape(self.show)}”. '
                             "Choose another list, or go back with PageUp.</div>")
                self._show_pdf("")
            else:
                self._pos = pos
                sid = self._order[pos]
                self.current = sid
                self.selected, self.values = self._prefill(sid)
                self.errors = {}
                self.card = self._card_html(sid)
                self._show_pdf(sid)
                self.suggestions = self._suggest(sid)
            mine = len(self.coding_log.studies(self.reconcile) & self._rows.keys())
            if self._todo is None or self._todo[0] != self.show:
                self._todo = (self.show, {s for s in self._order if self._matches(s)})
            todo = len(self._todo[1])
            self.progress = {"total": len(self._order), "mine": mine, "shown": todo,
                             "position": (self._pos + 1) if pos is not None else 0,
                             "reconcile": sum(1 for st in self._states.values() if st.state == "reconcile"),
                             "dual": self.form.dual}
            self.info, self.info_kind = info, kind
            self.seq += 1

    def _suggest(self, sid: str) -> list:
        if self._suggester is None:
            return []
        text = self._text_of(sid)
        if not text.strip():
            return []
        return [{"code": c, "p": round(p, 2)} for c, p in self._suggester.rank(text, top=5)
                if c in self._known and not self._known[c].retired]

    # ------------------------------------------------------------------ actions
    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and "action" in content:
            self.handle(content)

    def handle(self, content: dict) -> None:
        """One action from the front end: ``save`` (with ``selected`` and ``fields``), ``next``, ``previous``."""
        action = content.get("action")
        try:
            if action == "save":
                self._save(content.get("selected") or [], content.get("fields") or {})
            elif action == "next":
                self._show(self._find(self._pos + 1, +1), "")
            elif action == "pdf_page":
                try:
                    page = int(content.get("page") or 0)
                except (TypeError, ValueError):
                    raise CodingError(f"page {content.get('page')!r} is not a page number") from None
                self._show_pdf(self.current, page)
            elif action == "previous":
                i = self._back(min(self._pos, len(self._order)) - 1)
                self._show(i if i >= 0 else (self._pos if self.current else None),
                           "" if i >= 0 else "this is the first study")
            else:
                raise CodingError(f"unknown action {action!r}")
        except CodingError as exc:
            self.info, self.info_kind = str(exc), "error"

    def _save(self, selected: list, fields: dict) -> None:
        sid = self.current
        if not sid:
            raise CodingError("no study shown: choose another list or go back (PageUp)")
        errors = self.form.validate({k: v for k, v in fields.items()})
        codes, seen = [], set()
        before = {s["code"] for s in self.selected}
        for s in selected:
            k = s.get("code", "")
            node = self._known.get(k)
            if node is None:
                raise CodingError(f"{k!r} is not a code of the scheme {self.scheme.path}; nothing was saved")
            if node.retired and k not in before:
                raise CodingError(f"{node.label!r} is retired from the scheme: it cannot be chosen any more; "
                                  "nothing was saved")
            if k in seen:
                continue
            seen.add(k)
            dim, path = k.split(":", 1)
            code = {"dimension": dim, "code": path}
            if str(s.get("quote", "")).strip():
                code["quote"] = str(s["quote"]).strip()
            if str(s.get("page", "")).strip():
                code["page"] = str(s["page"]).strip()
            codes.append(code)
        if not codes:
            errors["codes"] = "choose at least one code"
        if errors:
            self.errors = errors
            self.info, self.info_kind = ("not saved: " + "; ".join(f"{k}: {v}" for k, v in errors.items())), "error"
            return
        clean = self.form.clean(fields)
        st = self._states.get(sid)
        if self.reconcile:
            entry = self.coding_log.record(sid, codes, clean, agreed=True, agreed_by=self.agreed_by,
                                    coders=sorted(st.answers) if st else [])
        else:
            entry = self.coding_log.record(sid, codes, clean)  # appended and fsync-ed before anything moves on
        self._states.update(study_states([e for e in self._log_entries_for(sid)] + [entry], dual=self.form.dual,
                                         scheme=self.scheme))
        if self._todo is not None:
            (self._todo[1].add if self._matches(sid) else self._todo[1].discard)(sid)
        self._saves += 1
        if self._suggest_on and self._saves % 10 == 0:
            self._suggester = self._train()  # learn from the studies coded meanwhile (every tenth save)
        row = self._rows[sid]  # named as Table 2 and the maps cite it, not by its group id alone
        self._show(self._find(self._pos + 1, +1),
                   f"saved {cited_study(row.get('authors', ''), row.get('year', ''), sid)}: "
                   f"{len(codes)} code{'s' if len(codes) != 1 else ''}"
                   + (" (agreed)" if self.reconcile else ""))

    def _log_entries_for(self, sid: str) -> list:
        st = self._states.get(sid)
        if st is None:
            return []
        return [*st.answers.values(), *([st.agreed] if st.agreed is not None else [])]

    def refresh(self) -> None:
        """Re-read every coder's log (others may have coded since the widget opened)."""
        self._reload()
        self._todo = None
        self._show(self._pos if self.current else self._find(0, +1), "re-read the coding logs")


    def close(self) -> None:
        log = self.__dict__.get("coding_log")
        if log is not None:
            log.close()
        super().close()


def open_coding(project=".", coder: str = "", reconcile: bool = False, **kwargs) -> CodingWidget:
    """The coding widget for a project folder: its queue (``output/coding_queue.csv``, written by the build),
    scheme (``evidence/coding_scheme.txt``), form (``evidence/coding_form.toml``) and logs
    (``evidence/coding/``). ``coder``: a name of the team in ``evidence/review.toml`` (its spelling is kept); a
    name outside it raises :class:`~synthesis.screening.settings.ReviewerError`."""
    root = Path(project)
    ev = root / "evidence"
    # the scheme first: without one the build writes no queue, and "run make build" would send a new
    # review round in circles
    scheme = load_scheme(ev / "coding_scheme.txt")
    from synthesis.screening.settings import team_member

    coder = team_member(ev, coder, "CODER")  # as screening checks it: a name outside the team would name a coding log
    queue_file = root / "output" / "coding_queue.csv"
    if not queue_file.exists():
        raise NotBuiltError(f"{queue_file} not found: run `make build` first (it lists the studies to code)")
    queue = pd.read_csv(queue_file, dtype=str, keep_default_na=False)
    kwargs.setdefault("imported", _imported_answers(ev, scheme, queue))
    kwargs.setdefault("pdf_root", root)
    kwargs.setdefault("pdf_text_cache", root / ".synthesis-cache" / "pdftext")
    return CodingWidget(queue, coder, scheme, load_form(ev / FORM_FILE),
                        folder=ev / LOG_FOLDER, reconcile=reconcile, **kwargs)


def _imported_answers(ev: Path, scheme: Scheme, queue: pd.DataFrame) -> dict:
    """The codes and form fields of each imported study of the queue, as ``evidence/study_codes.csv`` and
    ``studies.csv`` give them (the build has checked both files): ``{study: (codes, fields)}``."""
    from synthesis.coding.studies import _read_codes, load_studies

    ids = set(queue.loc[queue.get("source", pd.Series(dtype=str)) == "studies.csv", "study_id"].astype(str))
    codes_file, studies_file = ev / "study_codes.csv", ev / "studies.csv"
    if not ids or not codes_file.exists():
        return {}
    answers: dict = {sid: ([], {}) for sid in ids}
    for r in _read_codes(codes_file, scheme).to_dict("records"):
        if str(r["study_id"]) in answers:
            answers[str(r["study_id"])][0].append({"dimension": r["dimension"], "code": r["code"]})
    if studies_file.exists():
        form = load_form(ev / FORM_FILE)
        for r in load_studies(studies_file).to_dict("records"):
            sid = str(r["study_id"])
            if sid in answers:
                answers[sid][1].update({f.id: str(r[f.id]) for f in form.fields if str(r.get(f.id, "") or "").strip()})
    return {sid: a for sid, a in answers.items() if a[0]}
