// Front end of the screening widget (anywidget ES module). Self-contained: no network, no libraries.
// Python renders the record card (every record string HTML-escaped there); this file only lays out the
// controls, forwards buttons and keyboard shortcuts as messages, and shows what Python sends back.

const KEYS = {
  i: "include", e: "exclude", x: "exclude", m: "maybe",
  ArrowRight: "next", j: "next", ArrowLeft: "previous", k: "previous", u: "undo",
};

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function render({ model, el: host }) {
  const root = el("div", { class: "syn-screen", tabindex: "0", "data-lm-suppress-shortcuts": "true" });
  const head = el("div", { class: "syn-head" });
  const who = el("span", { class: "syn-who" });
  const filter = el("select", { class: "syn-filter", title: "show" });
  const bar = el("div", { class: "syn-bar" });
  const fill = el("div", { class: "syn-fill" });
  bar.appendChild(fill);
  const counts = el("span", { class: "syn-counts" });
  head.append(who, el("label", {}, "show "), filter, bar, counts);

  const buttons = el("div", { class: "syn-buttons" });
  const spec = [
    ["include", "Include (i)"], ["exclude", "Exclude (e)"], ["maybe", "Maybe (m)"],
    ["previous", "\u2190 Previous (k)"], ["next", "Next (j) \u2192"], ["undo", "Undo (u)"],
  ];
  const btn = {};
  for (const [action, label] of spec) {
    const b = el("button", { class: `syn-btn syn-${action}`, type: "button", "data-action": action }, label);
    b.addEventListener("click", () => { send(action); root.focus(); });
    btn[action] = b;
    buttons.appendChild(b);
  }
  const reason = el("select", { class: "syn-reason", title: "exclusion reason (1-9)" });
  buttons.appendChild(reason);

  const extra = el("div", { class: "syn-extra" });
  const note = el("input", { class: "syn-note", type: "text", placeholder: "note (n, Enter to save)" });
  const labels = el("input", { class: "syn-labels", type: "text", placeholder: "labels, comma separated" });
  extra.append(note, labels);

  const info = el("div", { class: "syn-info", role: "status" });
  const problems = el("div", { class: "syn-problems" });
  const card = el("div", { class: "syn-card" });
  root.append(head, buttons, extra, info, problems, card);
  host.appendChild(root);

  function send(action) {
    model.send({ action, note: note.value, labels: labels.value, reason: reason.value });
  }

  function update() {
    card.innerHTML = model.get("card");  // built and escaped in Python
    root.dataset.key = model.get("current_key");
    root.dataset.seq = String(model.get("seq"));
    who.textContent = `${model.get("reviewer")} \u00b7 ${model.get("stage").replace("_", "/")}`;
    const p = model.get("progress");
    const pct = p.total ? Math.round((100 * p.done) / p.total) : 0;
    fill.style.width = `${pct}%`;
    counts.textContent = `${p.done} of ${p.total} decided (${pct}%) \u00b7 include ${p.include} \u00b7 ` +
      `exclude ${p.exclude} \u00b7 maybe ${p.maybe}` + (p.shown ? ` \u00b7 record ${p.position} of ${p.shown} shown` : "");
    info.textContent = model.get("info");
    info.className = "syn-info syn-" + model.get("info_kind");
    problems.textContent = model.get("problems");
    problems.style.display = model.get("problems") ? "block" : "none";
    note.value = model.get("note");
    labels.value = model.get("labels_text");
    const decided = model.get("current_decision");
    for (const a of ["include", "exclude", "maybe"]) btn[a].classList.toggle("syn-on", decided === a);
  }

  function updateOptions() {
    filter.replaceChildren(...model.get("filter_options").map((f) => el("option", { value: f }, f)));
    filter.value = model.get("filter");
    const reasons = model.get("reasons");
    reason.replaceChildren(el("option", { value: "" }, "reason\u2026"),
      ...reasons.map((r, i) => el("option", { value: r }, `${i + 1}. ${r}`)));
    reason.style.display = reasons.length ? "inline-block" : "none";
    reason.value = model.get("reason");
  }

  filter.addEventListener("change", () => { model.set("filter", filter.value); model.save_changes(); root.focus(); });
  reason.addEventListener("change", () => { model.set("reason", reason.value); model.save_changes(); root.focus(); });

  for (const input of [note, labels]) {
    input.addEventListener("keydown", (ev) => {
      ev.stopPropagation();  // typing a note must not screen records or drive the notebook
      if (ev.key === "Enter") { ev.preventDefault(); if (input === note) send("note"); root.focus(); }
      if (ev.key === "Escape") { ev.preventDefault(); root.focus(); }
    });
  }

  root.addEventListener("keydown", (ev) => {
    if (ev.target !== root || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    let action = KEYS[ev.key];
    if (ev.key === "n") {
      ev.preventDefault(); ev.stopPropagation(); note.focus(); return;
    }
    if (/^[1-9]$/.test(ev.key) && model.get("reasons").length) {
      const r = model.get("reasons")[Number(ev.key) - 1];
      if (r !== undefined) { reason.value = r; model.set("reason", r); model.save_changes(); }
      ev.preventDefault(); ev.stopPropagation(); return;
    }
    if (!action) return;
    // Keep the key from JupyterLab: in command mode i, m, x, j, k would act on the notebook's cells.
    ev.preventDefault();
    ev.stopPropagation();
    send(action);
  });
  // Clicking anywhere on the widget (not in a field) gives it the keyboard.
  root.addEventListener("mousedown", (ev) => { ev.stopPropagation(); });
  root.addEventListener("click", (ev) => {
    if (!["INPUT", "SELECT", "BUTTON", "OPTION"].includes(ev.target.tagName)) root.focus();
  });

  // One kernel message changes several traits at once; "change" fires once for all of them.
  model.on("change", update);
  model.on("change:filter_options", updateOptions);
  model.on("change:reasons", updateOptions);
  model.on("change:filter", updateOptions);
  model.on("change:reason", updateOptions);
  updateOptions();
  update();
  return () => {};
}

export default { render };
