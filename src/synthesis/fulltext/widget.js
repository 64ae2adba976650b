// Full-text panel of the screening widget. Appended to screening/widget.js (whose default export is cut off
// by fulltext/widget.py), so its `render` and the shared `el` (synthesis/widgets.js) are in scope. Self-contained, offline: the page
// images come from the kernel as PNG bytes; every string from a record or a file is escaped in Python.

function renderFullText(ctx) {
  const { model, el: host } = ctx;
  const cleanup = render(ctx);
  const root = host.querySelector(".syn-screen");
  const card = root.querySelector(".syn-card");
  root.classList.add("syn-ft-on");

  // The screening widget may lay its panes out in a row (`.syn-main`): the record's column and the page
  // become panes of that row; otherwise they get a row of their own.
  const row = card.parentElement && card.parentElement.classList.contains("syn-main") ? card.parentElement : null;
  const layout = row || el("div", { class: "syn-ft-layout" });
  const left = el("div", { class: "syn-ft-left syn-pane" });
  const side = el("div", { class: "syn-ft-side" });
  const retr = el("div", { class: "syn-ft-retrieval" });
  const why = el("select", { class: "syn-ft-why", title: "why the report could not be retrieved" });
  const nr = el("button", { class: "syn-btn syn-ft-notretrieved", type: "button" }, "Not retrieved (r)");
  retr.append(el("span", {}, "Sought but no PDF? "), why, nr);
  const study = el("div", { class: "syn-ft-studybox" });
  const studyIn = el("input", { class: "syn-ft-study", type: "text", placeholder: "study of this report (Enter saves)" });
  study.append(el("span", {}, "Study: "), studyIn);
  card.replaceWith(row ? left : layout);
  left.append(card, side, retr, study);

  const right = el("div", { class: "syn-ft-right syn-pane" });
  const nav = el("div", { class: "syn-ft-nav" });
  const prev = el("button", { class: "syn-btn syn-ft-prev", type: "button", title: "previous page ([)" }, "\u25b2 page ([)");
  const next = el("button", { class: "syn-btn syn-ft-next", type: "button", title: "next page (])" }, "page (]) \u25bc");
  const pdfSel = el("select", { class: "syn-ft-pdfs", title: "the record's PDFs (p)" });
  // Beside the record and the panel, in a notebook of ordinary width, the page is a third of the row: too small
  // to read a paper's body text. z gives the page the whole row (under the record) and back.
  const wide = el("button", { class: "syn-btn syn-ft-wide-btn", type: "button",
                              title: "the page across the whole width, under the record (z)" }, "wide page (z)");
  // A wrong match (the matcher's, or a wrong click on Use this PDF) is undone here, not by editing a file.
  const notThis = el("button", { class: "syn-btn syn-ft-notthis", type: "button",
                                 title: "this PDF is not this record's paper: detach it (kept in evidence/fulltext.tsv)" },
                     "Not this paper");  // as in the box of PDFs offered: one name, one case
  const status = el("span", { class: "syn-ft-status" });
  nav.append(prev, next, wide, pdfSel, notThis, status);
  const img = el("img", { class: "syn-ft-img", alt: "page of the PDF" });
  const frame = el("div", { class: "syn-ft-frame" });
  frame.append(img);
  right.append(nav, frame);
  if (row) left.after(right); else layout.append(left, right);
  // The text goes under the record, beside the page image: both are in view at once.
  const text = el("div", { class: "syn-ft-text" });
  left.append(text);

  let url = "";
  function send(msg) { model.send(msg); }
  function turn(step) {
    const n = model.get("ft_pages");
    const p = model.get("ft_page") + step;
    if (n && p >= 0 && p < n) send({ action: "ft_page", page: p });
  }
  // The page is taller than its frame (z: the whole width, so a page is some 1,300 pixels high): the keyboard
  // could not reach its lower third. Arrows scroll the frame a little, Space / Shift+Space a frameful and turn
  // the page at its end, as a PDF reader does.
  let turnedBack = false;  // Shift+Space turned back a page: show its end, where reading left off
  function scrollPage(step, turns) {
    if (frame.style.display === "none") return;
    const box = frame.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) frame.scrollIntoView({ block: "nearest" });
    const end = frame.scrollHeight - frame.clientHeight;
    if (turns && step > 0 && frame.scrollTop >= end - 1) { turn(+1); return; }
    if (turns && step < 0 && frame.scrollTop <= 0) { if (model.get("ft_page") > 0) { turnedBack = true; turn(-1); } return; }
    frame.scrollTop = Math.max(0, Math.min(end, frame.scrollTop + step));
  }

  function updatePage() {
    const bytes = model.get("ft_png");
    if (url) { URL.revokeObjectURL(url); url = ""; }
    if (bytes && bytes.byteLength) {
      url = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
      img.src = url;
      frame.style.display = "block";
      // a new page starts at its top (it kept the scroll of the page before: the middle of the next page)
      if (turnedBack) { img.onload = () => { frame.scrollTop = frame.scrollHeight; img.onload = null; }; }
      frame.scrollTop = 0;
      turnedBack = false;
    } else {
      img.removeAttribute("src");
      frame.style.display = "none";
    }
    root.dataset.ftPage = String(model.get("ft_page"));
  }

  function updateAll() {
    updatePage();
    const files = model.get("ft_files");
    pdfSel.replaceChildren(...files.map((f, i) => el("option", { value: String(i) }, `PDF ${i + 1} of ${files.length}: ${f}`)));
    pdfSel.value = String(model.get("ft_pdf"));
    pdfSel.style.display = files.length > 1 ? "inline-block" : "none";
    notThis.style.display = files.length ? "" : "none";
    prev.disabled = model.get("ft_page") <= 0;
    next.disabled = model.get("ft_page") >= model.get("ft_pages") - 1;
    const bytes = model.get("ft_png");
    nav.style.display = files.length || (bytes && bytes.byteLength) ? "flex" : "none";  // a preview too
    // No PDF and no preview: the empty page pane would keep its width and squeeze the record into a third.
    right.style.display = files.length || (bytes && bytes.byteLength) ? "" : "none";
    status.textContent = model.get("ft_status");
    side.innerHTML = model.get("ft_side");  // built and escaped in Python
    text.innerHTML = model.get("ft_text");  // built and escaped in Python
    text.style.display = model.get("ft_text") ? "block" : "none";
    study.style.display = files.length ? "block" : "none";
    if (document.activeElement !== studyIn) studyIn.value = model.get("ft_study");
    const reasons = model.get("ft_retrieval_reasons");
    if (why.options.length !== reasons.length + 1) {
      why.replaceChildren(el("option", { value: "" }, "why not retrieved\u2026"),
        ...reasons.map((r) => el("option", { value: r }, r)));
    }
    retr.style.display = model.get("current_key") && !files.length ? "block" : "none";
    root.dataset.ftPdf = files.length ? files[model.get("ft_pdf")] : "";
    if (!files.length && !(bytes && bytes.byteLength) && model.get("ft_status")) { left.dataset.nopdf = model.get("ft_status"); } else { delete left.dataset.nopdf; }
  }

  function notRetrieved() {
    // a record with its PDF was retrieved: the kernel says so (the reasons list is hidden there)
    if (model.get("ft_files").length) { send({ action: "ft_not_retrieved", retrieval_reason: "" }); return; }
    if (!why.value) { why.focus(); return; }
    send({ action: "ft_not_retrieved", retrieval_reason: why.value,
           note: root.querySelector(".syn-note") ? root.querySelector(".syn-note").value : "" });
    why.value = "";
    root.focus();
  }

  // a: the first PDF offered beside a record without one (Look), and a again, its page shown, attaches it (Use
  // this PDF): the buttons were some fourteen Tabs away, past the record's DOI link. Never attached unseen.
  let looked = null;  // [record, file] of the PDF last looked at
  function lookOrUse() {
    const offered = [...side.querySelectorAll(".syn-ft-confirm")].map((b) => b.dataset.file);
    if (!offered.length) return;
    const key = model.get("current_key");
    if (looked && looked[0] === key && offered.includes(looked[1])) {
      send({ action: "ft_confirm", file: looked[1] });
      looked = null;
    } else {
      looked = [key, offered[0]];
      send({ action: "ft_preview", file: offered[0] });
    }
  }
  side.addEventListener("click", (ev) => {
    const b = ev.target.closest(".syn-ft-preview");
    if (b) looked = [model.get("current_key"), b.dataset.file];  // a then uses the PDF looked at with the mouse
  });

  function toggleWide() {
    const on = root.classList.toggle("syn-ft-wide");
    wide.textContent = on ? "page beside the record (z)" : "wide page (z)";
  }
  wide.addEventListener("click", () => { toggleWide(); root.focus(); });
  prev.addEventListener("click", () => { turn(-1); root.focus(); });
  next.addEventListener("click", () => { turn(+1); root.focus(); });
  nr.addEventListener("click", notRetrieved);
  notThis.addEventListener("click", () => {
    const files = model.get("ft_files");
    if (files.length) send({ action: "ft_reject", file: files[model.get("ft_pdf")] });
    root.focus();
  });
  // A reason picked with the mouse gives the keyboard back; one picked with the arrow keys keeps the list focused,
  // so that the next arrow moves on to the next reason (it went to the record: only the first reason could be
  // picked without the mouse, and Enter then did nothing).
  let whyKeyed = false;
  why.addEventListener("change", () => { if (!whyKeyed) root.focus(); whyKeyed = false; });
  // In the list of reasons: Enter or r marks the record not retrieved with the reason shown, Escape goes back.
  why.addEventListener("keydown", (ev) => {
    whyKeyed = true;
    if (ev.key === "Enter" || ev.key === "r") { ev.preventDefault(); notRetrieved(); }
    if (ev.key === "Escape") { ev.preventDefault(); root.focus(); }
  });
  why.addEventListener("keyup", () => { whyKeyed = false; });
  pdfSel.addEventListener("change", () => { send({ action: "ft_pdf", index: Number(pdfSel.value) }); root.focus(); });
  side.addEventListener("click", (ev) => {
    const b = ev.target.closest("button");
    if (!b) return;
    if (b.classList.contains("syn-ft-preview")) send({ action: "ft_preview", file: b.dataset.file });
    if (b.classList.contains("syn-ft-confirm")) send({ action: "ft_confirm", file: b.dataset.file });
    if (b.classList.contains("syn-ft-reject")) send({ action: "ft_reject", file: b.dataset.file });
    root.focus();
  });
  studyIn.addEventListener("keydown", (ev) => {
    ev.stopPropagation();  // typing a study name must not screen records or drive the notebook
    if (ev.key === "Enter") { ev.preventDefault(); send({ action: "ft_study", study: studyIn.value }); root.focus(); }
    if (ev.key === "Escape") { ev.preventDefault(); root.focus(); }
  });

  // Page keys; the screening keys are handled by the screening widget's own listener on the same element.
  root.addEventListener("keydown", (ev) => {
    if (ev.target !== root || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    let handled = true;
    if (ev.key === "]" || ev.key === "PageDown") turn(+1);
    else if (ev.key === "[" || ev.key === "PageUp") turn(-1);
    else if (ev.key === "p") {
      const n = model.get("ft_files").length;
      if (n > 1) send({ action: "ft_pdf", index: (model.get("ft_pdf") + 1) % n });
    } else if (ev.key === "r") notRetrieved();
    else if (ev.key === "a") lookOrUse();
    else if (ev.key === "z") toggleWide();
    else if (ev.key === "ArrowDown") scrollPage(+0.15 * frame.clientHeight, false);
    else if (ev.key === "ArrowUp") scrollPage(-0.15 * frame.clientHeight, false);
    else if (ev.key === " ") scrollPage((ev.shiftKey ? -0.9 : 0.9) * frame.clientHeight, true);
    else handled = false;
    if (handled) { ev.preventDefault(); ev.stopPropagation(); }
  });

  model.on("change:ft_png", updatePage);
  model.on("change", updateAll);
  updateAll();
  return () => { if (url) URL.revokeObjectURL(url); if (cleanup) cleanup(); };
}

export default { render: renderFullText };
