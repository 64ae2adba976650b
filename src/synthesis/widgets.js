// What every widget's front end shares (anywidget ES modules; self-contained: no network, no libraries).
// synthesis/widgets.py puts this file in front of each widget's own module, so these are in its scope.

// An element with attributes and text (textContent: a string from a record never becomes markup).
function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// The line above a widget's buttons that says where the keys go: `hintText` (in span.syn-hint) while the
// keyboard is elsewhere, `keysText` (in span.syn-keys-on) while the widget has it; each widget's stylesheet
// shows one of them. The line keeps one height either way: hidden when a press on a button gave the widget the
// keyboard, it moved the buttons up under the pointer, and the click was lost.
function keyboardLine(hintText, keysText) {
  const line = el("div", { class: "syn-keyline" });
  line.append(el("span", { class: "syn-hint", role: "button" }, hintText),
              el("span", { class: "syn-keys-on" }, keysText));
  return line;
}

// Give the keyboard back to JupyterLab: focus the notebook cell that holds `root`, which JupyterLab then makes
// the active cell in command mode (arrows, Shift+Enter and the rest work on the cells again); outside a
// notebook, just leave the widget. Escape does this in every widget that keeps the other keys to itself.
// The cell remembers it: Shift+Enter there runs the cell again, and the widget drawn anew must not take the
// keyboard back (it did, so a reviewer had to press the arrow before Shift+Enter to reach the cells below).
function releaseKeyboard(root) {
  const cell = root.closest(".jp-Cell");
  if (cell) { cell.dataset.synKeyboard = "notebook"; cell.focus(); } else root.blur();
}

// Whether a widget appearing in its cell may take the keyboard: not where Escape gave it back to the notebook,
// until the reviewer clicks the widget (takeKeyboard).
function mayTakeKeyboard(root) {
  const cell = root.closest(".jp-Cell");
  return !(cell && cell.dataset.synKeyboard === "notebook");
}

// The reviewer gave the widget the keyboard (a click, Tab): widgets drawn in this cell take it again.
function tookKeyboard(root) {
  const cell = root.closest(".jp-Cell");
  if (cell) delete cell.dataset.synKeyboard;
}

// One button per [action, label] in `container`; a click sends the action and gives the keyboard back to
// `root`. Returns the buttons by action.
function actionButtons(container, spec, send, root) {
  const buttons = {};
  for (const [action, label] of spec) {
    const b = el("button", { class: `syn-btn syn-${action}`, type: "button", "data-action": action }, label);
    b.addEventListener("click", () => { send(action); root.focus(); });
    buttons[action] = b;
    container.appendChild(b);
  }
  return buttons;
}
