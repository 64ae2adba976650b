// Front end of the screening widget (anywidget ES module). Self-contained: no network, no libraries.
// Python renders the record card, the criteria and the history list (every record string HTML-escaped
// there); this file lays out the controls, forwards buttons and keys as messages, and shows what Python
// sends back. Layout: head, buttons, note/labels, messages, then `.syn-main`, a row of panes (the record
// card, then the side panel with criteria and stopping test; further panes can be added to the row), and
// the history view, which replaces `.syn-main` while open. `el` and `actionButtons` are the shared helpers of
// synthesis/widgets.js, which synthesis/widgets.py puts in front of this file.

const KEYS = {
  i: "include", e: "exclude", x: "exclude", m: "maybe",
  ArrowRight: "next", j: "next", ArrowLeft: "previous", k: "previous", u: "undo",
};

// how a stage is written for people (as screening.settings.STAGE_LABELS)
const STAGE_LABELS = { title_abstract: "title/abstract", full_text: "full text" };
function pct(x) { return `${Math.round(1000 * x) / 10} %`; }
// a report not retrieved carries its reason as the label "retrieval:paywall": offered as what it means
const RETRIEVAL = "label: retrieval:";
function optionText(f) { return f.startsWith(RETRIEVAL) ? `not retrieved: ${f.slice(RETRIEVAL.length)}` : f; }

function render({ model, el: host }) {
  // data-lm-suppress-shortcuts: JupyterLab (Lumino) ignores its keyboard shortcuts for key presses whose
  // target is inside this element, whatever the notebook's mode.
  const root = el("div", { class: "syn-screen syn-unfocused", tabindex: "0", "data-lm-suppress-shortcuts": "true" });
  const keysText = (more) => `\u2328 The keys screen (i, e, m, j, k, u, n, h${more}); Esc gives them back to the notebook`;
  const focusLine = keyboardLine(
    "\u2328 Click here to screen \u2014 the keyboard is elsewhere: keys go to the notebook, not to screening",
    keysText(""));
  const head = el("div", { class: "syn-head" });
  const who = el("span", { class: "syn-who" });
  const filter = el("select", { class: "syn-filter", title: "show" });
  const bar = el("div", { class: "syn-bar" });
  const fill = el("div", { class: "syn-fill" });
  bar.appendChild(fill);
  const counts = el("span", { class: "syn-counts" });
  const focusTag = el("span", { class: "syn-focus-tag" });
  head.append(who, el("label", {}, "show "), filter, bar, counts, focusTag);

  const buttons = el("div", { class: "syn-buttons" });
  const spec = [
    ["include", "Include (i)"], ["exclude", "Exclude (e/x)"], ["maybe", "Maybe (m)"],
    ["previous", "\u2190 Previous (k)"], ["next", "Next (j) \u2192"], ["undo", "Undo (u)"],
  ];
  const btn = actionButtons(buttons, spec, send, root);
  const reason = el("select", { class: "syn-reason", title: "exclusion reason (1-9)" });
  const historyBtn = el("button", { class: "syn-btn syn-history-btn", type: "button" }, "History (h)");
  buttons.append(reason, historyBtn);

  const extra = el("div", { class: "syn-extra" });
  const note = el("input", { class: "syn-note", type: "text", placeholder: "note (n, Enter to save)" });
  const labels = el("input", { class: "syn-labels", type: "text", placeholder: "labels, comma separated" });
  extra.append(note, labels);

  const info = el("div", { class: "syn-info", role: "status" });
  const banner = el("div", { class: "syn-banner" });
  const problems = el("div", { class: "syn-problems" });

  const main = el("div", { class: "syn-main" });
  const card = el("div", { class: "syn-card syn-pane" });
  const side = el("div", { class: "syn-side syn-pane" });
  const criteria = el("details", { class: "syn-criteria", open: "" });
  const criteriaBody = el("div", { class: "syn-criteria-body" });
  criteria.append(el("summary", {}, "Eligibility criteria"), criteriaBody);
  const stop = el("div", { class: "syn-stop" });
  side.append(criteria, stop);
  main.append(card, side);

  // The history: search and filters; Python sends the list back.
  const hist = el("div", { class: "syn-history" });
  const hq = el("input", { class: "syn-hq", type: "search",
                           placeholder: `${model.get("history_hint") || "search"}; \u2193 and Enter open one` });
  const hdec = el("select", { class: "syn-hdecision",
    title: "the decision that stands: a resolution where a conflict was resolved, else the reviewers\u2019 own" });
  for (const [v, t] of [["", "any decision"], ["include", "include"], ["exclude", "exclude"], ["maybe", "maybe"]]) {
    hdec.appendChild(el("option", { value: v }, t));
  }
  const hrev = el("select", { class: "syn-hreviewer", title: "reviewer" });
  const hflag = el("select", { class: "syn-hflag", title: "only" });
  for (const [v, t] of [["", "all records"], ["conflict", "conflicts"], ["resolved", "resolved"],
    ["note", "with a note"], ["keyword", "keyword hit"]]) {
    hflag.appendChild(el("option", { value: v }, t));
  }
  const hclose = el("button", { class: "syn-btn syn-hclose", type: "button" }, "Back to screening (Esc)");
  const hcount = el("div", { class: "syn-hcount" });
  const hlist = el("div", { class: "syn-hbody" });
  const htools = el("div", { class: "syn-htools" });
  htools.append(hq, hdec, hrev, hflag, hclose);
  hist.append(htools, hcount, hlist);
  hist.style.display = "none";

  root.append(focusLine, head, buttons, extra, info, banner, problems, main, hist);
  host.appendChild(root);

  let lastAction = 0;
  function send(action, more = {}) {
    lastAction = Date.now();
    model.send({ action, note: note.value, labels: labels.value, reason: reason.value, ...more });
  }

  // ------------------------------------------------------------------ focus
  const hasFocus = () => root.contains(document.activeElement);
  function focusState() {
    const on = hasFocus();
    if (on) tookKeyboard(root);
    root.classList.toggle("syn-unfocused", !on);
    root.dataset.focused = on ? "yes" : "no";
    focusTag.textContent = on ? "\u2328 keys: screening" : "\u2328 keys: notebook";
  }
  root.addEventListener("focusin", focusState);
  root.addEventListener("focusout", () => setTimeout(focusState, 0));
  focusLine.addEventListener("mousedown", (ev) => { ev.preventDefault(); ev.stopPropagation(); root.focus(); });
  function typingElsewhere() {
    const a = document.activeElement;
    if (!a || a === document.body || root.contains(a)) return false;
    return a.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(a.tagName);
  }
  // Take the keyboard when the widget appears (JupyterLab may move focus while the run finishes: try again
  // shortly, unless the person is typing somewhere else meanwhile), except in a cell whose widget Escape left:
  // there the cell was run again with Shift+Enter to go on, and the keyboard stays with the notebook.
  // data-settled says the last try is over.
  // Once the reviewer has pressed a key or the mouse in it, the tries leave the notebook's scroll alone: a
  // reviewer reading down a paper (z, Space) within the first second and a half was taken back to the top.
  let used = false;
  root.addEventListener("keydown", () => { used = true; }, true);
  root.addEventListener("mousedown", () => { used = true; }, true);
  for (const delay of [0, 150, 600, 1500]) {
    setTimeout(() => {
      if (!hasFocus() && !typingElsewhere() && root.isConnected && mayTakeKeyboard(root)) root.focus({ preventScroll: true });
      // holding the keyboard, it shows where it is: Run All ended at the last cell with the widget, its counts
      // and its focus mark scrolled out of sight above
      if (!used && hasFocus() && document.activeElement === root) showTop();
      focusState();
      if (delay === 1500) root.dataset.settled = "yes";
    }, delay);
  }

  // ------------------------------------------------------------------ views
  function showHistory(on) {
    hist.style.display = on ? "block" : "none";
    main.style.display = on ? "none" : "flex";
    root.dataset.view = on ? "history" : "screen";
    if (on) { askHistory(); hq.focus(); } else { root.focus(); }
  }
  function askHistory() {
    send("history", { query: hq.value, decision: hdec.value, reviewer: hrev.value, flag: hflag.value });
  }
  historyBtn.addEventListener("click", () => showHistory(true));
  hclose.addEventListener("click", () => showHistory(false));
  let timer = null;
  hq.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(askHistory, 150); });
  for (const s of [hdec, hrev, hflag]) s.addEventListener("change", askHistory);
  function openRow(row) {
    send("open", { key: row.dataset.key });
    showHistory(false);
  }
  hlist.addEventListener("click", (ev) => {
    const row = ev.target.closest(".syn-hrow");
    if (row) openRow(row);
  });
  // The keyboard reaches the list too: down from the search box to the first match, up and down between
  // matches, Enter to open one (to change its decision), Escape back to screening.
  const rows = () => [...hlist.querySelectorAll(".syn-hrow")];
  hlist.addEventListener("keydown", (ev) => {
    const row = ev.target.closest(".syn-hrow");
    if (!row || ev.ctrlKey || ev.metaKey || ev.altKey || ev.key === "Tab") return;
    ev.stopPropagation();  // a key on a row must not drive the notebook (JupyterLab's j, k, d d ...)
    ev.preventDefault();
    const all = rows();
    const k = all.indexOf(row);
    if (ev.key === "ArrowDown" || ev.key === "j") { if (all[k + 1]) all[k + 1].focus(); }
    else if (ev.key === "ArrowUp" || ev.key === "k") { (all[k - 1] || hq).focus(); }
    else if (ev.key === "Enter" || ev.key === " ") openRow(row);
    else if (ev.key === "Escape" || ev.key === "h") showHistory(false);
  });

  // ------------------------------------------------------------------ updates from Python
  // Set HTML only when it changed: the history list and criteria stay as they are on most key presses.
  const shownHtml = new Map();
  function setHtml(node, html) {
    if (shownHtml.get(node) !== html) { node.innerHTML = html; shownHtml.set(node, html); }
  }

  // A new record shows from the widget's top when the notebook was scrolled past it (reading down a full text's
  // page scrolls the notebook to the page): no key of the widget's scrolls the notebook, so a keyboard-only
  // reviewer saw the bottom of the next record, its title and the "saved" line above the window.
  let shownKey = null;
  function scrollBox() {
    for (let box = root.parentElement; box && box !== document.body; box = box.parentElement) {
      const s = getComputedStyle(box).overflowY;
      if ((s === "auto" || s === "scroll") && box.scrollHeight > box.clientHeight) return box;
    }
    return null;
  }
  // Whether less than a strip of the record's row shows in the notebook's window (or the browser's); the row
  // holds the full text's page too, read far down beside a short record.
  function outOfSight() {
    const r = main.getBoundingClientRect();
    const box = scrollBox();
    const b = box ? box.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    const top = Math.max(b.top, 0), bottom = Math.min(b.bottom, window.innerHeight);
    return Math.min(r.bottom, bottom) - Math.max(r.top, top) < 40;
  }
  function showTop() {
    const box = scrollBox();
    const b = box ? box.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    const top = root.getBoundingClientRect().top;
    if (top < Math.max(b.top, 0) - 1 || top > Math.min(b.bottom, window.innerHeight) - 80) root.scrollIntoView({ block: "start" });
  }
  function showFromTop() {
    const box = scrollBox();
    const top = box ? box.getBoundingClientRect().top : 0;
    if (root.getBoundingClientRect().top < top - 1) root.scrollIntoView({ block: "start" });
  }

  function update() {
    setHtml(card, model.get("card"));  // built and escaped in Python
    const keyNow = model.get("current_key");
    if (shownKey !== null && keyNow !== shownKey && hasFocus()) showFromTop();
    shownKey = keyNow;
    root.dataset.key = model.get("current_key");
    root.dataset.seq = String(model.get("seq"));
    who.textContent = `${model.get("reviewer")} \u00b7 ${STAGE_LABELS[model.get("stage")] || model.get("stage")}`;
    const p = model.get("progress");
    const pc = p.total ? Math.round((100 * p.done) / p.total) : 0;
    fill.style.width = `${pc}%`;
    let where = "";
    if (p.filter === "undecided") where = ` \u00b7 ${p.matching} undecided left` +
      (p.left_by_stop ? ` (${p.left_by_stop} of them left by your stopping test)` : "");
    else if (p.position) where = ` \u00b7 record ${p.position} of ${p.matching} ${p.filter === "all" ? "" : `\u201c${p.filter}\u201d `}shown`;
    else where = ` \u00b7 ${p.matching} \u201c${p.filter}\u201d`;
    // the conflicts queue counts its conflicts, not the whole screening (whose decisions it does not show)
    // a living review's update: how far the latest search round is, beside the count over every round
    const round = p.round ? ` \u00b7 round ${p.round.name}: ${p.round.done} of ${p.round.total}` : "";
    const done = p.resolving ? (p.total === 1 ? "conflict resolved" : "conflicts resolved") : "decided";
    counts.textContent = `${p.done} of ${p.total} ${done} (${pc}%)${round} \u00b7 ` +
      `include ${p.include} \u00b7 exclude ${p.exclude}${p.not_retrieved ? ` (${p.not_retrieved} not retrieved)` : ""}` +
      ` \u00b7 maybe ${p.maybe}${where}`;
    info.textContent = model.get("info");
    info.className = "syn-info syn-" + model.get("info_kind");
    problems.textContent = model.get("problems");
    problems.style.display = model.get("problems") ? "block" : "none";
    banner.textContent = model.get("banner");
    banner.style.display = model.get("banner") ? "block" : "none";
    note.value = model.get("note");
    labels.value = model.get("labels_text");
    const decided = model.get("current_decision");
    for (const a of ["include", "exclude", "maybe"]) btn[a].classList.toggle("syn-on", decided === a);
    setHtml(criteriaBody, model.get("criteria"));  // escaped in Python
    criteria.style.display = model.get("criteria") ? "block" : "none";
    renderPanel(model.get("panel"));
    hcount.textContent = model.get("history_count");
    setHtml(hlist, model.get("history_html"));  // escaped in Python
    // After an action of this widget, keep the keyboard here (not if the person went to type elsewhere).
    if (Date.now() - lastAction < 10000 && !typingElsewhere() && root.dataset.view !== "history" &&
        ![note, labels].includes(document.activeElement)) root.focus({ preventScroll: true });
    focusState();
  }

  function renderPanel(s) {
    stop.replaceChildren();
    // s draws the stopping test's sample while it is offered: the line of keys says so then
    focusLine.querySelector(".syn-keys-on").textContent = keysText(s && s.can_sample && !s.sample ? ", s" : "");
    stop.style.display = s && s.total !== undefined ? "block" : "none";
    if (!s || s.total === undefined) return;
    // at full text the panel shows progress only: the stopping test is for title/abstract screening
    const title = s.stage === "full_text" ? "Progress" : "Stopping";
    stop.appendChild(el("div", { class: "syn-stop-title" }, `${title} \u00b7 order: ${s.order}` +
      (s.order === "prioritised" ? (!s.features_ready ? " (preparing the ranking\u2026 random order meanwhile)"
        : s.model_ready ? " (learning from your decisions)"
        : s.ranked_from_next ? " (ranked by your decisions from the next record on)"
        : " (random until one include and one exclude)") : s.order_why ? ` (${s.order_why})` : "")));
    const rows = [["screened", `${s.screened} of ${s.total}`], ["included", `${s.included}` + (s.maybe ? ` (+${s.maybe} maybe)` : "")]];
    // a sign that includes have become rare, for stopping title/abstract screening; at full text every record that
    // passed is read, and the count ran on through the reports not retrieved
    if (s.stage !== "full_text") rows.push(["since last include", `${s.since_last_include}`]);
    const table = el("table", { class: "syn-stop-nums" });
    for (const [k, v] of rows) {
      const tr = el("tr");
      tr.append(el("th", {}, k), el("td", {}, v));
      table.appendChild(tr);
    }
    stop.appendChild(table);
    const e = s.earlier;
    if (e) {
      // a new search round after the reviewer's stopping sample: the sample does not cover its records
      stop.appendChild(el("div", { class: "syn-stop-later syn-stop-earlier" },
        `${e.came_in} records came in after your stopping sample of ${e.when} (a new search round); ` +
        (e.open ? `${e.open} of them are not screened yet. Screen them in this order. ` +
          (e.may_stop ? "Your earlier stop still speaks for the records it covered. " : "") +
          "The stopping test's new sample is offered once includes are rare again."
          : "all of them are screened." + (e.may_stop ? " Your earlier stop speaks for the rest: you may stop." : ""))));
    }
    const t = s.sample;
    if (t) {
      const line = el("div", { class: "syn-stop-test " + (t.may_stop ? "syn-stop-yes" : "syn-stop-no") });
      line.textContent = `Random sample: ${t.n} of ${t.urn} screened, ${t.k} relevant; ${t.p_phrase || "p = " + (t.p_text || t.p.toFixed(4))} ` +
        `(stop when below ${(1 - s.confidence).toFixed(2)}). ` + (t.may_stop
        ? `You may stop: with ${pct(s.confidence)} confidence recall is at least ${pct(s.target)}.`
        : `Keep screening the sample (target recall ${pct(s.target)}, confidence ${pct(s.confidence)}).`);
      stop.appendChild(line);
      if (t.sentence) stop.appendChild(el("div", { class: "syn-stop-sentence" }, `For the methods: ${t.sentence}`));
    } else if (s.can_sample) {
      const b = el("button", { class: "syn-btn syn-sample", type: "button" }, "Draw the random sample for the stopping test (s)");
      b.title = "When few includes turn up any more: the widget draws a random sample of the records not screened " +
        "yet (logged), shows them next, and tests whether recall has reached the target";
      b.addEventListener("click", () => { send("start_sample"); root.focus(); });
      stop.appendChild(b);
    } else if (s.sample_never) {
      stop.appendChild(el("div", { class: "syn-stop-later syn-stop-never" },
        `The stopping test's random sample is offered after ${s.sample_after} records in a row excluded ` +
        `(now ${s.excluded_in_a_row}); with ${s.left} record${s.left === 1 ? "" : "s"} left to screen that cannot ` +
        `happen here: screen every record (there is no early stop to report).`));
    } else if (s.sample_later) {
      stop.appendChild(el("div", { class: "syn-stop-later" },
        `The stopping test's random sample is offered after ${s.sample_after} records in a row excluded ` +
        `(now ${s.excluded_in_a_row}): drawn earlier, it stops short of the target more often.`));
    }
  }

  function updateOptions() {
    filter.replaceChildren(...model.get("filter_options").map((f) => el("option", { value: f }, optionText(f))));
    filter.value = model.get("filter");
    const reasons = model.get("reasons");
    reason.replaceChildren(el("option", { value: "" }, "reason\u2026"),
      ...reasons.map((r, i) => el("option", { value: r }, `${i + 1}. ${r}`)));
    reason.style.display = reasons.length ? "inline-block" : "none";
    reason.value = model.get("reason");
    const keep = hrev.value;
    hrev.replaceChildren(el("option", { value: "" }, "any reviewer"),
      ...model.get("history_reviewers").map((r) => el("option", { value: r }, r)));
    hrev.value = keep;
    // Blind screening (the filters offer no conflicts): the history cannot know the conflicts or resolutions
    // either, and said "0 of 87 decided records match" for them, as if the team agreed on every record.
    const blindView = !model.get("filter_options").includes("conflicts");
    for (const o of hflag.options) if (o.value === "conflict" || o.value === "resolved") o.hidden = o.disabled = blindView;
    if (blindView && ["conflict", "resolved"].includes(hflag.value)) hflag.value = "";
  }

  filter.addEventListener("change", () => { lastAction = Date.now(); model.set("filter", filter.value); model.save_changes(); root.focus(); });
  reason.addEventListener("change", () => { model.set("reason", reason.value); model.save_changes(); root.focus(); });

  for (const input of [note, labels, hq]) {
    input.addEventListener("keydown", (ev) => {
      ev.stopPropagation();  // typing must not screen records or drive the notebook
      // Enter in the labels saves them as in the note (both go with the decision): on a decided record they were
      // dropped by the next key, nothing said (w54)
      if (ev.key === "Enter") { ev.preventDefault(); if (input !== hq) { send("note"); root.focus(); } }
      if (ev.key === "Escape") { ev.preventDefault(); if (input === hq) showHistory(false); else root.focus(); }
      if (ev.key === "ArrowDown" && input === hq && rows().length) { ev.preventDefault(); rows()[0].focus(); }
    });
  }
  for (const s of [filter, reason, hdec, hrev, hflag]) s.addEventListener("keydown", (ev) => ev.stopPropagation());

  root.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.key === "Tab") return;  // browser and system keys
    if (ev.target !== root && !ev.target.classList.contains("syn-btn")) {
      // A field, list or link of the widget (the full-text panel's too) keeps its keys; none reaches JupyterLab,
      // whose command mode would act on the cells (an arrow key in the not-retrieved list moved to the next
      // cell and took the keyboard, and "r" then made it a raw cell).
      ev.stopPropagation();
      return;
    }
    // Every other key stops here: in command mode JupyterLab would act on its cells (a, b, c, d, m, x, z ...).
    ev.stopPropagation();
    if (ev.key === "Enter" || ev.key === " ") { if (ev.target !== root) return; ev.preventDefault(); return; }
    ev.preventDefault();
    if (root.dataset.view === "history") { if (ev.key === "Escape" || ev.key === "h") showHistory(false); return; }
    // Escape: back to the notebook (every other key stays here, so a keyboard user could not reach the cells below)
    if (ev.key === "Escape") { releaseKeyboard(root); return; }
    // A key that decides or moves, with the record out of sight, would act on a record nobody saw: Run All ends
    // with the notebook at its last cell and the widget still holding the keyboard, and a reviewer may scroll
    // down to the cells below. It brings the record into view instead; the next key acts.
    if ((KEYS[ev.key] && !ev.shiftKey || ev.key === "s") && outOfSight()) {
      root.scrollIntoView({ block: "start" });
      info.textContent = `Nothing was done: the record was out of sight, so it is shown now; press ${ev.key} again.`;
      info.className = "syn-info syn-error";
      return;
    }
    if (ev.key === "n") { note.focus(); return; }
    if (ev.key === "h") { showHistory(true); return; }
    // the stopping test's sample, only while it is offered (the button beside it was twelve Tabs away)
    if (ev.key === "s") { if (stop.querySelector(".syn-sample")) send("start_sample"); return; }
    if (/^[1-9]$/.test(ev.key) && model.get("reasons").length) {
      const r = model.get("reasons")[Number(ev.key) - 1];
      if (r !== undefined) { reason.value = r; model.set("reason", r); model.save_changes(); }
      return;
    }
    const action = ev.shiftKey ? undefined : KEYS[ev.key];  // Shift+M is JupyterLab's "merge", not "maybe"
    if (action) send(action);
  });
  // Clicking anywhere on the widget (not in a field) gives it the keyboard; the notebook does not take it.
  root.addEventListener("mousedown", (ev) => { ev.stopPropagation(); });
  root.addEventListener("click", (ev) => {
    if (!["INPUT", "SELECT", "BUTTON", "OPTION", "SUMMARY"].includes(ev.target.tagName) && root.dataset.view !== "history") root.focus();
  });

  // One kernel message changes several traits at once; "change" fires once for all of them.
  model.on("change", update);
  model.on("change:filter_options", updateOptions);
  model.on("change:reasons", updateOptions);
  model.on("change:filter", updateOptions);
  model.on("change:reason", updateOptions);
  model.on("change:history_reviewers", updateOptions);
  root.dataset.view = "screen";
  updateOptions();
  update();
  return () => {};
}

export default { render };
