/* The interactive evidence gap map. Reads the JSON of the #gapmap-data element, draws the matrix and
   redraws it on every filter, search or dimension change. Every string from a record or a code reaches the
   page through textContent (never innerHTML), so markup in a title shows as text. */
(function () {
  "use strict";
  var t0 = performance.now();

  // The matrix needs only the codes (small, plain JSON in #gapmap-data, read at once). The studies' text
  // (large: titles, fields) sits in #gapmap-studies after this script, possibly gzip-compressed and
  // base64-encoded; it is read once the page has been parsed, so the matrix is drawn without waiting for it.
  function readElement(el) {
    var text = el.textContent;
    if (el.dataset.encoding !== "gzip+base64") return Promise.resolve(JSON.parse(text));
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot read the compressed map data (no DecompressionStream)"));
    }
    var bin = atob(text.trim()), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  var D = JSON.parse(document.getElementById("gapmap-data").textContent);
  var tParsed = performance.now();
  var dims = D.dims, fields = D.fields, nStudies = D.nStudies;
  var studies = null;  // filled by loadStudies()
  var NOT_CODED = "Not coded";
  var dimIndex = {};
  dims.forEach(function (d, i) { dimIndex[d.id] = i; });

  // search text of each study, built on the first search (opening the map does not wait for it)
  var hay = null;

  var state = {
    rows: dimIndex[D.rows], cols: dimIndex[D.columns], query: "",
    filters: dims.map(function () { return -1; }), cell: null
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }

  function valuesOf(s, code, d) {
    // values of dimension d for one code of study s: the code's own, else the study's
    var v = dims[d].perCode ? D.codes[code][d] : null;
    if (v && v.length) return v;
    var sv = D.studyValues[s];
    return (sv && sv[d]) || [];
  }

  function compute() {
    var rowsDim = dims[state.rows], colsDim = dims[state.cols];
    var ncol = colsDim.labels.length + 1;  // + "Not coded"
    var cells = new Array(rowsDim.labels.length * ncol);
    var q = state.query.trim().toLowerCase();
    if (q && !studies) q = "";  // the search applies once the studies' text is read (render runs again then)
    if (q && !hay) hay = studies.map(function (s) { return s[D.f.search].toLowerCase(); });
    var active = [];
    state.filters.forEach(function (f, d) { if (f >= 0) active.push(d); });
    var shown = 0, notCodedUsed = false, unplaced = 0;
    for (var s = 0; s < nStudies; s++) {
      if (q && hay[s].indexOf(q) < 0) continue;
      var ok = true, d, k;
      for (k = 0; k < active.length; k++) {
        d = active[k];
        if (!dims[d].perCode) {
          var sv = (D.studyValues[s] && D.studyValues[s][d]) || [];
          if (sv.indexOf(state.filters[d]) < 0) { ok = false; break; }
        }
      }
      if (!ok) continue;
      var counted = false, codes = D.studyCodes[s];
      if (!codes.length) {
        // coded in other dimensions only (no value of the framework): in no row, but one of the studies asked for
        var mine = D.studyValues[s] || {};
        for (k = 0; k < active.length; k++) {
          d = active[k];
          if (dims[d].perCode && (mine[d] || []).indexOf(state.filters[d]) < 0) { ok = false; break; }
        }
        if (ok) unplaced++;
        continue;
      }
      for (var c = 0; c < codes.length; c++) {
        var code = codes[c], pass = true;
        for (k = 0; k < active.length; k++) {
          d = active[k];
          if (dims[d].perCode && valuesOf(s, code, d).indexOf(state.filters[d]) < 0) { pass = false; break; }
        }
        if (!pass) continue;
        var r = D.codes[code][state.rows][0];
        var cv = valuesOf(s, code, state.cols);
        if (!cv.length) { cv = [ncol - 1]; notCodedUsed = true; }
        for (var j = 0; j < cv.length; j++) {
          var key = r * ncol + cv[j];
          var list = cells[key] || (cells[key] = []);
          if (list[list.length - 1] !== s) list.push(s);
        }
        counted = true;
      }
      if (counted) shown++;
    }
    return { cells: cells, ncol: ncol, notCoded: notCodedUsed, shown: shown, unplaced: unplaced };
  }

  // A filter on a framework level hides the rows (and level columns) it rules out: with Stage = Discovery
  // the constructs of other stages are not gaps, they are outside the view.
  function inView(d, k) {
    var dim = dims[d];
    if (dim.kind !== "level") return true;
    for (var f = 0; f < dims.length; f++) {
      var want = state.filters[f];
      if (want < 0 || dims[f].kind !== "level" || f === d) continue;
      if (dims[f].depth <= dim.depth) {
        if (dim.anc[k][dims[f].depth] !== want) return false;
      } else if (dims[f].anc[want][dim.depth] !== k) {
        return false;
      }
    }
    var own = state.filters[d];
    return own < 0 || own === k;
  }

  function render() {
    var t = performance.now();
    var m = compute();
    var rowsDim = dims[state.rows], colsDim = dims[state.cols];
    var colLabels = colsDim.labels.slice();
    if (m.notCoded) colLabels.push(NOT_CODED);
    var shownCols = [];
    for (var c = 0; c < colLabels.length; c++) {
      if (c >= colsDim.labels.length || inView(state.cols, c)) shownCols.push(c);
    }
    var ncolShown = shownCols.length;
    var max = 1;
    m.cells.forEach(function (l) { if (l && l.length > max) max = l.length; });

    var table = el("table", "matrix");
    var thead = el("thead"), hr = el("tr");
    hr.appendChild(el("th", "corner", rowsDim.label + " \u00d7 " + colsDim.label));
    shownCols.forEach(function (c) { hr.appendChild(el("th", "col", colLabels[c])); });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el("tbody"), lastGroup = null;
    for (var r = 0; r < rowsDim.labels.length; r++) {
      if (!inView(state.rows, r)) continue;
      var group = rowsDim.groups ? rowsDim.groups[r] : "";
      if (group && group !== lastGroup) {
        var gr = el("tr", "group"), gh = el("th", "group", group);
        gh.colSpan = ncolShown + 1;
        gr.appendChild(gh);
        tbody.appendChild(gr);
        lastGroup = group;
      }
      var tr = el("tr", "row");
      tr.appendChild(el("th", "rowlabel", rowsDim.labels[r]));
      for (var jj = 0; jj < ncolShown; jj++) {
        var j = shownCols[jj];
        var list = m.cells[r * m.ncol + j];
        var n = list ? list.length : 0;
        var td = el("td", n ? "cell" : "cell gap");
        td.dataset.row = r;
        td.dataset.col = j;
        td.title = rowsDim.labels[r] + " \u00d7 " + colLabels[j] + ": " + n + (n === 1 ? " study" : " studies");
        if (n) {
          var size = Math.round(10 + 26 * Math.sqrt(n / max));
          var b = el("span", "bubble g" + (D.groupIndex[group] || 0) % 8, n);
          b.style.width = b.style.height = size + "px";
          b.style.lineHeight = size + "px";
          td.appendChild(b);
          td.tabIndex = 0;
          td.setAttribute("role", "button");  // a control: a screen reader says so, and Space works as on a button
        }
        if (state.cell && state.cell[0] === r && state.cell[1] === j) td.className += " selected";
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    var holder = $("matrix");
    holder.replaceChildren(table);
    state.last = { m: m, colLabels: colLabels };
    $("count").textContent = m.shown + " of " + nStudies + " studies shown" + (m.unplaced ? "; " + m.unplaced +
      (m.unplaced === 1 ? " other is" : " others are") + " coded under no " +
      dims[state.rows].label.toLowerCase() + " (in no row)" : "");
    if (state.cell) showCell(state.cell[0], state.cell[1]); else $("studies").replaceChildren(el("p", "hint",
      "Click a cell to list its studies."));
    window.gapmapTiming.lastRenderMs = performance.now() - t;
  }

  function showCell(r, j) {
    state.cell = [r, j];
    var m = state.last.m, list = m.cells[r * m.ncol + j] || [];
    var box = $("studies");
    if (!studies) {
      box.replaceChildren(el("p", "hint", "Reading the studies\u2026"));
      return;
    }
    var head = el("h2", null, dims[state.rows].labels[r] + " \u00d7 " + state.last.colLabels[j] +
      ": " + list.length + (list.length === 1 ? " study" : " studies"));
    var ol = el("ol", "studylist");
    list.forEach(function (s) {
      var rec = studies[s], li = el("li", "study");
      li.dataset.study = rec[0];
      var who = [rec[D.f.author], rec[D.f.year] ? "(" + rec[D.f.year] + ")" : ""].join(" ").trim();
      // cited as the tables cite it: "Smith et al. 2023b" for a study coded from the library, else by its ID
      var cited = rec[D.f.cited];
      li.appendChild(el("div", "sid",
        cited && cited !== rec[0] ? cited : "Study " + rec[0] + (who ? " \u2014 " + who : "")));
      li.appendChild(el("div", rec[D.f.title] ? "stitle" : "stitle noname", rec[D.f.heading]));
      var dl = el("dl");
      D.detailFields.forEach(function (f) {
        var v = rec[f];
        if (v) { dl.appendChild(el("dt", null, D.fieldLabels[f])); dl.appendChild(el("dd", null, v)); }
      });
      var codes = D.studyCodes[s].map(function (c) { return D.codeLabels[c]; });
      if (codes.length) { dl.appendChild(el("dt", null, "Codes")); dl.appendChild(el("dd", null, codes.join("; "))); }
      // the study's values of the scheme's other dimensions (population, design...): coded, so shown with its codes
      var mine = D.studyValues[s] || {};
      dims.forEach(function (dim, d) {
        var ks = dim.kind === "scheme" ? (mine[d] || []) : [];
        if (ks.length) {
          dl.appendChild(el("dt", null, dim.label));
          dl.appendChild(el("dd", null, ks.map(function (k) { return dim.labels[k]; }).join("; ")));
        }
      });
      li.appendChild(dl);
      ol.appendChild(li);
    });
    // a cell emptied by the search or a filter is no gap in the evidence
    var narrowed = state.query.trim() || state.filters.some(function (f) { return f >= 0; });
    box.replaceChildren(head, list.length ? ol : el("p", "hint", narrowed ?
      "No study here matches the search and filters." : "No studies: a gap in the evidence."));
  }

  function buildControls() {
    var ctl = $("controls");
    function select(labelText, id, options, value, onchange) {
      var lab = el("label", null, labelText + " ");
      var sel = el("select");
      sel.id = id;
      options.forEach(function (o) {
        var opt = el("option", null, o[1]);
        opt.value = String(o[0]);
        sel.appendChild(opt);
      });
      sel.value = String(value);
      sel.addEventListener("change", function () { onchange(sel.value); });
      lab.appendChild(sel);
      ctl.appendChild(lab);
      return sel;
    }
    var levelOpts = [], allOpts = [];
    // Columns are never a framework level: construct x stage only repeats the rows' grouping.
    dims.forEach(function (d, i) {
      if (d.kind === "level") levelOpts.push([i, d.label]);
      else if (d.labels.length) allOpts.push([i, d.label]);  // a field nobody coded makes no columns
    });
    select("Rows", "rows", levelOpts, state.rows, function (v) { state.rows = +v; state.cell = null; render(); });
    select("Columns", "columns", allOpts, state.cols, function (v) { state.cols = +v; state.cell = null; render(); });
    var search = el("input");
    search.type = "search";
    search.id = "search";
    search.placeholder = "Search everything shown (title, author, codes, stakeholder ...)";
    search.addEventListener("input", function () { state.query = search.value; render(); });
    var sl = el("label", null, "Search ");
    sl.appendChild(search);
    ctl.appendChild(sl);
    var fbox = $("filters"), empty = [];
    dims.forEach(function (d, i) {
      if (!d.labels.length) { empty.push(d.label); return; }  // a field nobody has coded: no menu of "All"
      var lab = el("label", null, d.label + " ");
      var sel = el("select");
      sel.id = "filter-" + d.id;
      sel.dataset.dim = d.id;
      var all = el("option", null, "All");
      all.value = "-1";
      sel.appendChild(all);
      d.labels.forEach(function (lbl, k) {
        // "Domain › Harm"; a domain with no harms under it is its own row: named once, not "Cultural › Cultural"
        var o = el("option", null, (d.groups && d.groups[k] && d.groups[k] !== lbl && d.kind === "level" && i > 0 ?
          d.groups[k] + " \u203a " : "") + lbl);
        o.value = String(k);
        sel.appendChild(o);
      });
      sel.addEventListener("change", function () { state.filters[i] = +sel.value; state.cell = null; render(); });
      lab.appendChild(sel);
      fbox.appendChild(lab);
    });
    if (empty.length) {
      var none = el("span", "hint", empty.join(", ") + ": not recorded for any study yet");
      none.id = "filters-empty";
      fbox.appendChild(none);
    }
    $("matrix").addEventListener("click", function (ev) {
      var td = ev.target.closest("td.cell");
      if (!td) return;
      showCell(+td.dataset.row, +td.dataset.col);
      var prev = document.querySelector("td.selected");
      if (prev) prev.classList.remove("selected");
      td.classList.add("selected");
    });
    $("matrix").addEventListener("keydown", function (ev) {
      // Enter and Space, as on any button: Space scrolled the map instead and left the list as it was
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("td.cell")) {
        ev.preventDefault();
        ev.target.click();
      }
    });
  }

  function loadStudies() {
    var el = document.getElementById("gapmap-studies");
    return readElement(el).then(function (rows) {
      studies = rows;
      render();  // applies a search typed meanwhile, fills a cell list asked for meanwhile
      window.gapmapTiming.openMs = performance.now() - t0;
      window.gapmapTiming.sinceNavigationMs = performance.now();
      document.body.dataset.ready = "1";
    }, function (err) {
      $("studies").replaceChildren(el("p", "hint", "The studies could not be read: " + err.message));
    });
  }

  window.gapmapTiming = { parseMs: tParsed - t0 };
  document.title = D.title;
  $("title").textContent = D.title;
  $("subtitle").textContent = D.subtitle;
  buildControls();
  render();
  window.gapmapTiming.firstDrawMs = performance.now() - t0;
  window.gapmapTiming.sinceNavigationFirstDrawMs = performance.now();
  document.body.dataset.drawn = "1";
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", loadStudies);
  else loadStudies();
})();
