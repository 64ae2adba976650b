// Front end of the coding widget (anywidget ES module). Self-contained: no network, no libraries.
// Python renders the study card (every record string HTML-escaped there) and checks and logs each answer;
// this file draws the scheme tree once, keeps the choice of codes, quotes, pages and fields for the study
// shown, and sends them when the coder saves. Every string from the scheme goes in with textContent. `el` is
// the shared helper of synthesis/widgets.js, which synthesis/widgets.py puts in front of this file.

function render({ model, el: host }) {
  const root = el("div", { class: "syc-code", "data-lm-suppress-shortcuts": "true" });
  const head = el("div", { class: "syc-head" });
  const who = el("span", { class: "syc-who" });
  const show = el("select", { class: "syc-show", title: "which studies", "data-lm-suppress-shortcuts": "true" });
  const counts = el("span", { class: "syc-counts" });
  const prev = el("button", { type: "button", class: "syc-prev" }, "\u2190 Previous (PgUp)");
  const next = el("button", { type: "button", class: "syc-next" }, "Next (PgDn) \u2192");
  const save = el("button", { type: "button", class: "syc-save" }, "Save and next (Enter)");
  head.append(who, el("label", {}, "show "), show, counts, prev, next, save);
  const info = el("div", { class: "syc-info", role: "status" });

  const body = el("div", { class: "syc-body" });
  const left = el("div", { class: "syc-left" });
  const card = el("div", { class: "syc-card" });
  // the study's PDF, page by page (PNG drawn in the kernel: no PDF viewer, no network)
  const pdf = el("div", { class: "syc-pdfview", hidden: "" });
  const pdfBar = el("div", { class: "syc-pdfbar" });
  const pdfPrev = el("button", { type: "button", class: "syc-pdfprev", title: "previous page (Alt+PageUp)" }, "\u25c0");
  const pdfNext = el("button", { type: "button", class: "syc-pdfnext", title: "next page (Alt+PageDown)" }, "\u25b6");
  const pdfStatus = el("span", { class: "syc-pdfstatus" });
  const pdfUse = el("button", { type: "button", class: "syc-pdfuse",
    title: "this page becomes the page of the last chosen code (Alt+P)" }, "use this page (Alt+P)");
  pdfBar.append(pdfPrev, pdfNext, pdfStatus, pdfUse);
  const pdfImg = el("img", { class: "syc-pdfimg", alt: "page of the study's PDF" });
  pdf.append(pdfBar, pdfImg);
  const form = el("div", { class: "syc-form" });
  left.append(card, form, pdf);  // the form stays by the record; the paper below it

  const right = el("div", { class: "syc-right" });
  const filter = el("input", { class: "syc-filter", type: "search", "data-lm-suppress-shortcuts": "true",
    placeholder: "filter \u00b7 \u2191\u2193 move \u00b7 Space choose \u00b7 Shift+Space a space \u00b7 Enter save",
    "aria-label": "filter the coding scheme" });
  const sugg = el("div", { class: "syc-sugg" });
  const tree = el("div", { class: "syc-tree", role: "listbox", "aria-multiselectable": "true" });
  const detail = el("div", { class: "syc-detail" });
  const chosen = el("div", { class: "syc-chosen" });
  right.append(filter, sugg, tree, detail, chosen);
  body.append(left, right);
  // Where the keys go, in one line of one height (widget.css shows one of its two texts): a click on a button
  // while the keyboard was elsewhere used to hide the line, the buttons moved up and the click was lost.
  const keyLine = keyboardLine(
    "\u2328 Click here to code \u2014 the keyboard is elsewhere: keys go to the notebook, not to coding",
    "\u2328 The keys code: type to filter, \u2191\u2193 move, Space choose, Enter save; Esc on an empty filter "
    + "gives them back to the notebook");
  keyLine.addEventListener("mousedown", (ev) => { ev.preventDefault(); filter.focus(); });
  root.append(keyLine, head, info, body);
  host.appendChild(root);

  // ---- the scheme tree, drawn once
  const nodes = model.get("nodes");
  const byKey = {};
  const rows = [];
  for (const n of nodes) {
    byKey[n.key] = n;
    const r = el("div", { class: n.header ? "syc-dimrow" : "syc-node", "data-key": n.key });
    r.style.paddingLeft = (n.depth * 1.1 + 0.2) + "em";
    if (!n.header) {
      r.appendChild(el("span", { class: "syc-box" }));
      r.setAttribute("role", "option");
    }
    r.appendChild(el("span", { class: "syc-label" }, n.label));
    if (n.retired) r.appendChild(el("span", { class: "syc-retired" }, "retired"));
    if (n.stakeholder) r.appendChild(el("span", { class: "syc-stake" }, n.stakeholder));
    const badge = el("span", { class: "syc-badge" });
    r.appendChild(badge);
    n._row = r; n._badge = badge;
    n._label = String(n.label || "").toLowerCase();
    n._hay = [n.label, n.path || "", n.level, n.stakeholder || "", n.approaches || "", n.note || ""].join(" ").toLowerCase();
    rows.push(r);
    tree.appendChild(r);
  }

  let selected = [];        // [{code, quote, page}]
  let visible = [];         // keys of choosable rows shown
  let cursor = -1;
  let values = {};

  function isChosen(key) { return selected.some((s) => s.code === key); }

  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    const terms = q ? q.split(/\s+/) : [];
    const show = new Set();
    visible = [];
    for (const n of nodes) {
      if (n.header) continue;
      const hit = terms.every((t) => n._hay.includes(t)) && (!n.retired || isChosen(n.key) || terms.length);
      if (hit) {
        visible.push(n.key);
        show.add(n.key);
        // the path above a hit stays visible, so a challenge is read with its construct and stage
        let p = n.path ? n.path.split(".") : [];
        for (let i = p.length - 1; i > 0; i--) show.add(n.dim + ":" + p.slice(0, i).join("."));
        show.add(n.dim + ":");
      }
    }
    for (const n of nodes) n._row.classList.toggle("syc-hidden", !show.has(n.key));
    for (const n of nodes) n._row.classList.toggle("syc-context", show.has(n.key) && !n.header && !visible.includes(n.key));
    // the cursor starts on the first code whose label holds the words typed: on the first match of all, typing
    // "providers" and Space chose a code whose approaches mention technology providers, above the challenge
    // "Uncertainty amongst health care providers"
    const named = terms.length ? visible.findIndex((k) => terms.every((t) => byKey[k]._label.includes(t))) : -1;
    setCursor(visible.length ? Math.max(named, 0) : -1);
  }

  let cursorRow = null;
  function setCursor(i) {
    if (cursorRow) cursorRow.classList.remove("syc-cursor");
    cursorRow = null;
    cursor = i;
    const k = visible[cursor];
    if (k) {
      const r = byKey[k]._row;
      r.classList.add("syc-cursor");
      cursorRow = r;
      if (r.scrollIntoView) r.scrollIntoView({ block: "nearest" });
      root.dataset.cursor = k;
    } else {
      delete root.dataset.cursor;
    }
    showDetail();
  }

  function showDetail() {
    const n = byKey[visible[cursor]];
    detail.replaceChildren();
    if (!n) return;
    detail.appendChild(el("div", { class: "syc-dtitle" }, n.label + (n.retired ? " (retired)" : "")));
    if (n.stakeholder) detail.appendChild(el("div", {}, "Stakeholder group: " + n.stakeholder));
    if (n.approaches) detail.appendChild(el("div", { class: "syc-approaches" }, "Approaches: " + n.approaches));
    if (n.note) detail.appendChild(el("div", {}, n.note));
  }

  function toggle(key) {
    const n = byKey[key];
    if (!n || n.header) return;
    if (isChosen(key)) selected = selected.filter((s) => s.code !== key);
    else if (n.retired) { info.textContent = n.label + " is retired: it cannot be chosen any more"; info.className = "syc-info syc-error"; return; }
    else selected.push({ code: key, quote: "", page: "" });
    drawChosen();
  }

  function drawChosen() {
    const set = new Set(selected.map((s) => s.code));
    for (const n of nodes) if (!n.header) {
      n._row.classList.toggle("syc-on", set.has(n.key));
      n._row.setAttribute("aria-selected", set.has(n.key) ? "true" : "false");
    }
    root.dataset.chosen = selected.map((s) => s.code).join(" ");
    chosen.replaceChildren(el("div", { class: "syc-chead" }, selected.length ?
      `Chosen (${selected.length}) \u2014 a quote and page for each, if you like` : "No code chosen yet"));
    for (const s of selected) {
      const n = byKey[s.code] || { label: s.code };
      const line = el("div", { class: "syc-cline", "data-key": s.code });
      const quote = el("input", { type: "text", class: "syc-quote", placeholder: "supporting quote", "data-lm-suppress-shortcuts": "true" });
      const page = el("input", { type: "text", class: "syc-page", placeholder: "page", size: "4", "data-lm-suppress-shortcuts": "true" });
      quote.value = s.quote || ""; page.value = s.page || "";
      quote.addEventListener("input", () => { s.quote = quote.value; });
      page.addEventListener("input", () => { s.page = page.value; });
      const x = el("button", { type: "button", class: "syc-remove", title: "un-choose" }, "\u00d7");
      x.addEventListener("click", () => toggle(s.code));
      line.append(el("span", { class: "syc-clabel", title: n.label }, n.label), quote, page, x);
      chosen.appendChild(line);
    }
  }

  // ---- the extraction form, drawn once; values set per study
  const inputs = {};
  const errs = {};
  for (const f of model.get("fields")) {
    const wrap = el("label", { class: "syc-field" });
    wrap.appendChild(el("span", { class: "syc-flabel" }, f.label + (f.required ? " *" : "")));
    let input;
    if (f.type === "long_text") {
      input = el("textarea", { rows: "2" });
    } else if (f.type === "choice" && !f.other) {
      input = el("select");
      input.appendChild(el("option", { value: "" }, "\u2014"));
      for (const c of f.choices || []) input.appendChild(el("option", { value: c }, c));
    } else {
      input = el("input", { type: "text" });
      if (f.choices && f.choices.length) {
        const id = "syc-list-" + f.id + "-" + Math.random().toString(36).slice(2, 8);
        const dl = el("datalist", { id });
        for (const c of f.choices) dl.appendChild(el("option", { value: c }));
        wrap.appendChild(dl);
        input.setAttribute("list", id);
      }
      if (f.type === "year" || f.type === "integer" || f.type === "number") input.setAttribute("inputmode", "decimal");
    }
    input.setAttribute("data-field", f.id);
    input.setAttribute("data-lm-suppress-shortcuts", "true");
    if (f.help) input.title = f.help;
    input.addEventListener("input", () => { values[f.id] = input.value; });
    input.addEventListener("change", () => { values[f.id] = input.value; });
    const err = el("span", { class: "syc-ferr" });
    wrap.append(input, err);
    inputs[f.id] = input; errs[f.id] = err;
    form.appendChild(wrap);
  }

  function send(action) {
    model.send({ action, selected: selected.map((s) => ({ code: s.code, quote: s.quote, page: s.page })), fields: values });
  }

  // ---- the PDF: turn pages, take the page shown for a quote
  let pdfUrl = null;
  function drawPdf() {
    const bytes = model.get("pdf_png");
    const pages = model.get("pdf_pages");
    const status = model.get("pdf_status");
    pdf.hidden = !status;
    pdfStatus.textContent = status;
    if (pdfUrl) { URL.revokeObjectURL(pdfUrl); pdfUrl = null; }
    if (bytes && bytes.byteLength) {
      pdfUrl = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
      pdfImg.src = pdfUrl;
      pdfImg.hidden = false;
    } else {
      pdfImg.removeAttribute("src");
      pdfImg.hidden = true;
    }
    const page = model.get("pdf_page");
    pdfPrev.disabled = !pages || page <= 0;
    pdfNext.disabled = !pages || page >= pages - 1;
    pdfUse.disabled = !pages;
    root.dataset.pdfPage = pages ? String(page + 1) : "";
  }
  function turnPage(step) {
    const pages = model.get("pdf_pages");
    const page = model.get("pdf_page") + step;
    if (pages && page >= 0 && page < pages) model.send({ action: "pdf_page", page });
  }
  function usePage() {
    if (!model.get("pdf_pages")) return;
    // the code whose quote (or page) the coder is typing, else the last code chosen: a quote typed for the first
    // code, its page turned to and Alt+P pressed, put the page on another code (the last chosen, with no quote)
    const line = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".syc-cline") : null;
    const typing = line && chosen.contains(line) ? selected.find((s) => s.code === line.dataset.key) : null;
    const target = typing || selected[selected.length - 1];
    if (!target) {
      info.textContent = "choose a code first: the page shown goes with the last code chosen";
      info.className = "syc-info syc-error";
      return;
    }
    const field = typing ? document.activeElement.className : "";
    target.page = String(model.get("pdf_page") + 1);
    drawChosen();
    if (typing) {  // drawn again: the keyboard back where it was, at the end of what was typed
      const again = chosen.querySelector(`.syc-cline[data-key="${CSS.escape(target.code)}"] .${field.split(" ")[0]}`);
      if (again) { again.focus(); again.setSelectionRange(again.value.length, again.value.length); }
    }
  }
  pdfPrev.addEventListener("click", () => turnPage(-1));
  pdfNext.addEventListener("click", () => turnPage(+1));
  pdfUse.addEventListener("click", usePage);
  for (const b of [pdfPrev, pdfNext, pdfUse]) b.addEventListener("mousedown", (ev) => ev.preventDefault());

  // ---- keys: everything typed in the widget stays in the widget (JupyterLab never sees it)
  root.addEventListener("keydown", (ev) => {
    ev.stopPropagation();
    const inFilter = ev.target === filter;
    const inText = ev.target.tagName === "TEXTAREA";
    if (ev.altKey && ev.key === "PageDown") { ev.preventDefault(); turnPage(+1); return; }
    if (ev.altKey && ev.key === "PageUp") { ev.preventDefault(); turnPage(-1); return; }
    if (ev.altKey && (ev.key === "p" || ev.key === "P" || ev.code === "KeyP")) { ev.preventDefault(); usePage(); return; }
    if (ev.key === "PageDown") { ev.preventDefault(); send("next"); return; }
    if (ev.key === "PageUp") { ev.preventDefault(); send("previous"); return; }
    if (ev.key === "Enter" && (!inText || ev.ctrlKey || ev.metaKey) && ev.target.tagName !== "BUTTON") {
      ev.preventDefault(); send("save"); return;
    }
    if (!inFilter) return;
    if (ev.key === "ArrowDown") { ev.preventDefault(); if (cursor < visible.length - 1) setCursor(cursor + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); if (cursor > 0) setCursor(cursor - 1); }
    // Shift+Space types a space, for a filter of several words ("analytical validation"): Space alone chose
    // the first code of the first word and left "analyticalvalidation", matching nothing
    else if ((ev.key === " " || ev.key === "Spacebar") && !ev.shiftKey) {
      ev.preventDefault();
      if (visible[cursor]) toggle(visible[cursor]);
    } else if (ev.key === "Escape") {
      // the first Escape clears the filter; on an empty one it goes back to the notebook (the cells below)
      ev.preventDefault();
      if (filter.value) { filter.value = ""; applyFilter(); } else releaseKeyboard(root);
    }
  });
  for (const kind of ["keyup", "keypress"]) root.addEventListener(kind, (ev) => ev.stopPropagation());
  filter.addEventListener("input", applyFilter);
  tree.addEventListener("mousedown", (ev) => ev.preventDefault());  // keep the keyboard in the filter box
  tree.addEventListener("click", (ev) => {
    const r = ev.target.closest(".syc-node");
    if (!r) return;
    const i = visible.indexOf(r.dataset.key);
    if (i >= 0) setCursor(i);
    toggle(r.dataset.key);
    filter.focus();
  });
  sugg.addEventListener("click", (ev) => {
    const b = ev.target.closest("[data-key]");
    if (b) { toggle(b.dataset.key); filter.focus(); }
  });
  prev.addEventListener("click", () => send("previous"));
  next.addEventListener("click", () => send("next"));
  save.addEventListener("click", () => send("save"));
  show.addEventListener("change", () => { model.set("show", show.value); model.save_changes(); });

  function updateShow() {
    show.replaceChildren(...model.get("show_options").map((o) => el("option", { value: o }, o)));
    show.value = model.get("show");
  }

  // ---- one study arrives
  let lastSeq = -1;
  function update() {
    const seq = model.get("seq");
    const p = model.get("progress");
    who.textContent = `${model.get("coder")} \u00b7 ${model.get("mode") === "reconcile" ? "reconciling" : "coding"}` +
      (p.dual ? " (dual, blind)" : "");
    // with no study open (the list is done) there is no "study 0 of 6": say how many the project holds
    // "to go" only for the lists that are work left: "all" or "coded by me" (every study coded) is no work to do
    const list = model.get("show");
    const left = list === "to code" || list === "reconcile" ? `${p.shown} to go` : `${p.shown} in \u201c${list}\u201d`;
    counts.textContent = `${left} \u00b7 ${p.mine} coded by you \u00b7 ` +
      (p.position ? `study ${p.position} of ${p.total} in all` : `no study open (${p.total} in all)`) +
      (p.reconcile ? ` \u00b7 ${p.reconcile} wait${p.reconcile === 1 ? "s" : ""} for reconciliation` : "");
    info.textContent = model.get("info");
    info.className = "syc-info syc-" + model.get("info_kind");
    const errors = model.get("errors");
    for (const [id, e] of Object.entries(errs)) {
      e.textContent = errors[id] || "";
      inputs[id].classList.toggle("syc-invalid", Boolean(errors[id]));
    }
    chosen.classList.toggle("syc-invalid", Boolean(errors.codes));
    if (seq === lastSeq) return;
    lastSeq = seq;
    const hadKeyboard = root.contains(document.activeElement);  // before a redraw removes the focused field
    const study = model.get("current");
    card.innerHTML = model.get("card");  // built and escaped in Python
    selected = model.get("selected").map((s) => ({ ...s }));
    values = { ...model.get("values") };
    for (const [id, input] of Object.entries(inputs)) input.value = values[id] || "";
    const sug = model.get("suggestions");
    for (const n of nodes) { n._badge.textContent = ""; n._row.classList.remove("syc-suggested"); }
    sugg.replaceChildren();
    if (sug.length) {
      sugg.appendChild(el("span", { class: "syc-shead" }, "Suggested (not saved unless you choose them): "));
      for (const s of sug) {
        const n = byKey[s.code];
        if (!n) continue;
        n._badge.textContent = `suggested ${Math.round(100 * s.p)}%`;
        n._row.classList.add("syc-suggested");
        sugg.appendChild(el("button", { type: "button", class: "syc-chip", "data-key": s.code }, `${n.label} ${Math.round(100 * s.p)}%`));
      }
    }
    filter.value = "";
    applyFilter();
    drawChosen();
    // A new study: the keyboard goes back to the filter box, also when Enter was pressed in a form field or a
    // quote (the field stays, or is redrawn away), so that what the coder types next filters the codes instead
    // of filling the new study's field or reaching JupyterLab.
    if (hadKeyboard && document.activeElement !== filter) filter.focus({ preventScroll: true });
    root.dataset.study = study;
    // nothing to code: the tree and the form are greyed out, so that ticking a code does not look as if it
    // were saved somewhere
    root.classList.toggle("syc-nostudy", !study);
    root.dataset.seq = String(seq);
  }

  model.on("change", update);
  model.on("change:pdf_png", drawPdf);
  model.on("change:pdf_status", drawPdf);
  model.on("change:show_options", updateShow);
  model.on("change:show", updateShow);
  updateShow();
  update();
  drawPdf();
  // The filter box has the keyboard from the start (focus is drawn clearly round the whole widget), except in a
  // cell whose widget Escape left: run again with Shift+Enter, the keyboard stays with the notebook.
  root.addEventListener("focusin", () => tookKeyboard(root));
  setTimeout(() => {
    if (root.isConnected && mayTakeKeyboard(root)) filter.focus({ preventScroll: true });
    root.dataset.settled = "yes";
  }, 0);
  return () => { if (pdfUrl) URL.revokeObjectURL(pdfUrl); };
}

export default { render };
