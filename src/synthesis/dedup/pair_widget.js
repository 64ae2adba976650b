// Front end of the maybe-pair widget (anywidget ES module). Self-contained: no network, no libraries.
// Python builds the pair card (every record string HTML-escaped there) and keeps the verdicts; this file
// lays out the controls, turns keys and clicks into messages and shows what Python sends back. `el` and
// `actionButtons` are the shared helpers of synthesis/widgets.js, which synthesis/widgets.py puts in front.

const KEYS = { d: "duplicate", n: "not_duplicate", s: "skip", u: "undo", ArrowLeft: "back", ArrowRight: "forward" };

function render({ model, el: host }) {
  // JupyterLab leaves alone the keys typed in an element with data-lm-suppress-shortcuts.
  const root = el("div", { class: "syn-pairs", tabindex: "0", "data-lm-suppress-shortcuts": "true",
                           role: "application", "aria-label": "decide maybe pairs" });
  const keyLine = keyboardLine("click here to decide pairs with the keyboard",
                               "the keys decide the pairs: d, n, s, u, \u2190 \u2192; Esc gives them back to the notebook");
  const counter = el("div", { class: "syn-counter", role: "status" });
  const buttons = el("div", { class: "syn-buttons" });
  const spec = [
    ["duplicate", "Duplicate (d)"], ["not_duplicate", "Not a duplicate (n)"], ["skip", "Skip (s)"],
    ["undo", "Undo (u)"], ["back", "\u2190 Back"], ["forward", "Forward \u2192"],
  ];
  const btn = actionButtons(buttons, spec, send, root);
  const rest = el("button", { class: "syn-btn syn-rest", type: "button" });
  buttons.appendChild(rest);
  let armed = false;  // "mark the rest" asks once more before it writes many verdicts
  function resetRest() {
    armed = false;
    const n = model.get("open_pairs");
    rest.textContent = `Mark the rest (${n}) as not duplicates`;
    rest.disabled = n === 0;
    rest.classList.remove("syn-armed");
  }
  rest.addEventListener("click", () => {
    if (!armed) {
      armed = true;
      const n = model.get("open_pairs");
      rest.textContent = `Sure? ${n === 1 ? "1 pair \u2192 not a duplicate" : `${n} pairs \u2192 not duplicates`}`
                         + " (click again)";
      rest.classList.add("syn-armed");
      // the button keeps the keyboard for the second press: giving it back to the widget now would blur the
      // button, and leaving it disarms it, so a second Enter (or a click 200 ms later) never reached it
      rest.focus();
    } else {
      send("rest_not_duplicate");
      resetRest();
      root.focus();
    }
  });
  const info = el("div", { class: "syn-info" });
  const card = el("div", { class: "syn-card" });
  root.append(keyLine, counter, buttons, info, card);
  // no pair to decide at all (the pairs are those it opened with): one sentence, nothing to press, and the
  // notebook keeps its keys
  const nothing = model.get("pairs_total") === 0;
  if (nothing) { root.classList.add("syn-nothing"); root.removeAttribute("tabindex"); }
  host.appendChild(root);

  function send(action) { model.send({ action }); }

  function update() {
    card.innerHTML = model.get("card");  // built and escaped in Python
    root.dataset.pair = model.get("pair_key");
    root.dataset.seq = String(model.get("seq"));
    root.dataset.verdict = model.get("verdict");
    counter.textContent = model.get("counter");
    info.textContent = model.get("info");
    info.className = "syn-info syn-" + model.get("info_kind");
    const finished = model.get("finished");
    for (const a of ["duplicate", "not_duplicate", "skip"]) btn[a].disabled = finished;
    btn.duplicate.classList.toggle("syn-on", model.get("verdict") === "duplicate");
    btn.not_duplicate.classList.toggle("syn-on", model.get("verdict") === "not_duplicate");
    if (!armed) resetRest();
  }

  root.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Tab") return;  // leave the widget as usual
    // Escape: back to the notebook, the widget's cell active in command mode (as in every widget)
    if (ev.key === "Escape") { ev.stopPropagation(); ev.preventDefault(); releaseKeyboard(root); return; }
    // Nothing typed here reaches JupyterLab: in command mode d, n, s, u and the arrows act on the notebook.
    ev.stopPropagation();
    const action = KEYS[ev.key];
    if (!action) return;
    ev.preventDefault();
    if (ev.repeat) return;  // a held key decides one pair, not a run of them
    send(action);
  });
  // A click anywhere on the widget gives it the keyboard (and not to the notebook cell around it).
  root.addEventListener("mousedown", (ev) => { if (!nothing) ev.stopPropagation(); });
  root.addEventListener("click", (ev) => { if (ev.target.tagName !== "BUTTON" && !nothing) root.focus(); });
  rest.addEventListener("blur", () => { if (armed) setTimeout(resetRest, 200); });

  model.on("change", update);
  update();
  return () => {};
}

export default { render };
