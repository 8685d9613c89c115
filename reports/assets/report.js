// ficus report: renders the data embedded in #ficus-data. No network.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ficus-data").textContent);
  // Every label is drawn at least this many CSS pixels high at Fit.
  var READABLE_PX = 11;
  var FONT = "Helvetica, Arial, sans-serif";
  var LABEL_PX = 13;
  // Fit lays a graph out for this zoom (or more): labels at LABEL_PX * FIT_ZOOM.
  var FIT_ZOOM = 0.9;
  var MAX_FIT_ZOOM = 1.25;
  // The package graph starts collapsed by directory above this many packages.
  var EXPANDED_PACKAGES = 200;

  var services = data.services || [];
  var byName = {};
  services.forEach(function (s) { byName[s.name] = s; });
  var order = (data.order || []).slice().sort(function (a, b) { return a.rank - b.rank; });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else if (k === "class") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function fmt(n) { return typeof n === "number" ? (Math.abs(n) < 1 && n !== 0 ? n.toFixed(3) : n.toLocaleString("en")) : String(n); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); }
  function list(items, render) {
    if (!items || items.length === 0) return el("div", { class: "empty", text: "none" });
    var ul = el("ul", { class: "plain" });
    items.forEach(function (it) { ul.appendChild(el("li", null, [render(it)])); });
    return ul;
  }
  function code(s) { return el("code", { text: s }); }
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(s, px, bold) { measure.font = (bold ? "bold " : "") + px + "px " + FONT; return measure.measureText(String(s)).width; }

  // Colours: by extraction order (first green, last purple) or by cost.
  var costColours = { low: "#3f8f3a", medium: "#b7791f", high: "#c0392b" };
  function orderColour(rank) {
    if (!rank) return "#9aa3b2";
    var t = order.length > 1 ? (rank - 1) / (order.length - 1) : 0;
    return "hsl(" + Math.round(150 + 120 * t) + ",48%," + Math.round(36 + 14 * t) + "%)";
  }
  function serviceColour(s, by) {
    if (!s) return "#9aa3b2";
    if (by === "cost") return costColours[s.costLevel] || "#9aa3b2";
    return orderColour(s.rank);
  }

  // Plan summary and figures.
  document.getElementById("title").textContent = data.module || "(no module)";
  document.getElementById("generated").textContent = data.generated || "";
  (function summary() {
    var p = document.getElementById("summary");
    if (services.length === 0) { p.textContent = "No plan: the report shows the module's packages only."; return; }
    var parts = [plural(services.length, "service", "services") + (data.kernel ? " and a shared kernel" : "") + " proposed."];
    var first = order[0] && byName[order[0].service];
    if (first) parts.push("Extract first: " + first.name + (first.costLevel ? " (" + first.costLevel + " cost)" : "") + ", then " +
      order.slice(1, 3).map(function (o) { return o.service; }).join(", ") + (order.length > 3 ? " and " + plural(order.length - 3, "more", "more") : "") + ".");
    var shared = (data.sharedTables || []).length;
    if (shared) parts.push(plural(shared, "table is", "tables are") + " written by several services and need a data split.");
    var cycles = (data.cycles || []).filter(function (c) { return c.kind === "services"; }).length;
    if (cycles) parts.push(plural(cycles, "call cycle joins", "call cycles join") + " services.");
    p.textContent = parts.join(" ");
  })();
  var cards = document.getElementById("cards");
  (data.overview || []).forEach(function (c) {
    cards.appendChild(el("div", { class: "card" }, [el("div", { class: "n", text: fmt(c.value) }), el("div", { class: "l", text: c.label })]));
  });
  var metrics = document.getElementById("metrics");
  (data.metrics || []).forEach(function (m) {
    metrics.appendChild(el("span", { class: "pill", title: m.help || "" }, [m.label + " " + fmt(m.value)]));
  });

  // Detail panel.
  var detail = document.getElementById("detail");
  function pills(items, cls) { return (items || []).map(function (e) { return el("span", { class: "pill" + (cls ? " " + cls : ""), text: e }); }); }
  function showService(name) {
    var s = byName[name];
    detail.innerHTML = "";
    detail.removeAttribute("data-service");
    if (!s) {
      if (data.kernel && name === data.kernel.name) return showKernel();
      detail.appendChild(el("div", { class: "empty", text: "Click a service in the migration order or the map to see its members, routes, tables, API, events and cost." }));
      return;
    }
    detail.setAttribute("data-service", s.name);
    detail.appendChild(el("h3", null, [el("span", { class: "swatch", style: "background:" + serviceColour(s, colourBy) }), s.name]));
    detail.appendChild(el("div", { class: "muted", text: (s.rank ? "#" + s.rank + " in the migration order. " : "") + (s.summary || "") }));
    detail.appendChild(el("h4", { text: "Routes (" + (s.routes || []).length + ")" }));
    var routes = list(s.routes, code); routes.id = "detail-routes"; detail.appendChild(routes);
    detail.appendChild(el("h4", { text: "Tables it writes (owner)" }));
    detail.appendChild(list(s.writes, function (t) { return el("span", null, [code(t), " ", (data.sharedTableNames || []).indexOf(t) >= 0 ? el("span", { class: "pill warn", text: "shared" }) : null]); }));
    detail.appendChild(el("h4", { text: "Tables it reads" }));
    detail.appendChild(list(s.reads, code));
    detail.appendChild(el("h4", { text: "API other services call (" + (s.api || []).length + ")" }));
    detail.appendChild(list(s.api, function (a) {
      var n = (a.callers || []).length;
      var d = el("details"); d.appendChild(el("summary", null, [code(a.id), " ", el("span", { class: "count", text: "from " + plural(n, "call site", "call sites") })]));
      d.appendChild(list(a.callers, code)); return d;
    }));
    detail.appendChild(el("h4", { text: "Events" }));
    detail.appendChild(el("div", null, [el("span", { class: "muted", text: "publishes: " })].concat(pills(s.publishes))));
    detail.appendChild(el("div", null, [el("span", { class: "muted", text: "subscribes: " })].concat(pills(s.subscribes))));
    detail.appendChild(el("h4", { text: "Extraction cost" }));
    detail.appendChild(el("div", { text: s.cost || "" }));
    detail.appendChild(el("h4", { text: "Metrics" }));
    detail.appendChild(el("div", null, (s.metrics || []).map(function (m) { return el("span", { class: "pill", text: m.label + " " + fmt(m.value) }); })));
    detail.appendChild(el("h4", { text: "Members (" + (s.members || []).length + ")" }));
    detail.appendChild(membersByPackage(s.members));
  }
  function showKernel() {
    var k = data.kernel;
    detail.setAttribute("data-service", k.name);
    detail.appendChild(el("h3", { text: k.name }));
    detail.appendChild(el("div", { class: "muted", text: k.summary || "" }));
    detail.appendChild(el("h4", { text: "Members (" + (k.members || []).length + ")" }));
    detail.appendChild(membersByPackage(k.members));
  }
  function showTable(name) {
    var t = (data.sharedTables || []).filter(function (x) { return x.table === name; })[0];
    if (!t) return;
    detail.innerHTML = "";
    detail.setAttribute("data-service", "table:" + name);
    detail.appendChild(el("h3", null, [code(name)]));
    detail.appendChild(el("div", { class: "muted", text: "A table several services write: it needs a data split before they can be extracted." }));
    detail.appendChild(el("h4", { text: "Written by" }));
    detail.appendChild(el("div", null, pills(t.writers, "warn")));
    detail.appendChild(el("h4", { text: "Read by" }));
    detail.appendChild((t.readers || []).length ? el("div", null, pills(t.readers)) : el("div", { class: "empty", text: "none" }));
  }
  function membersByPackage(members) {
    var byPkg = {};
    (members || []).forEach(function (m) { (byPkg[m.pkg || "(no package)"] = byPkg[m.pkg || "(no package)"] || []).push(m); });
    var wrap = el("div");
    Object.keys(byPkg).sort().forEach(function (p) {
      var d = el("details");
      d.appendChild(el("summary", null, [code(p), " ", el("span", { class: "count", text: String(byPkg[p].length) })]));
      var byFile = {};
      byPkg[p].forEach(function (m) { var f = (m.pos || "").split(":")[0]; (byFile[f] = byFile[f] || []).push(m); });
      Object.keys(byFile).sort().forEach(function (f) {
        d.appendChild(el("div", { class: "muted mono", text: f || "" }));
        d.appendChild(list(byFile[f], function (m) { return el("span", null, [el("span", { class: "pill", text: m.kind }), code(m.name)]); }));
      });
      wrap.appendChild(d);
    });
    return wrap;
  }

  // Layout shared by both graphs: a force layout (cose) places related
  // nodes near each other, then every node is snapped to its own cell of
  // a grid (cytoscape's grid layout with avoidOverlap), so no two nodes
  // overlap. The grid has as many columns as fit the panel's width at
  // FIT_ZOOM, and the panel grows to hold its rows: at Fit every label is
  // LABEL_PX * FIT_ZOOM pixels high or more.
  function gridLayout(cy, nodes, edges, topology) {
    var n = nodes.length;
    if (n === 0) return;
    var cw = 0, ch = 0;
    nodes.forEach(function (x) { var b = x.boundingBox({ includeLabels: true }); cw = Math.max(cw, b.w); ch = Math.max(ch, b.h); });
    cw += 28; ch += 26;
    var cols = Math.max(1, Math.min(n, Math.floor((cy.width() - 40) / (FIT_ZOOM * cw)), Math.ceil(Math.sqrt(n * 2.2))));
    var rows = Math.ceil(n / cols);
    var ordered = nodes.toArray();
    if (topology && n > 2) {
      // Deterministic start: a circle in id order.
      ordered.sort(function (a, b) { return a.id() < b.id() ? -1 : 1; });
      ordered.forEach(function (x, i) { x.position({ x: 400 * Math.cos(2 * Math.PI * i / n), y: 400 * Math.sin(2 * Math.PI * i / n) }); });
      // Only the rough arrangement matters (the grid places the nodes),
      // so the force layout cools fast.
      seeded(function () {
        nodes.union(edges).layout({ name: "cose", animate: false, randomize: false, fit: false, nodeDimensionsIncludeLabels: false,
          nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 120; }, numIter: 250, initialTemp: 200, coolingFactor: 0.95, minTemp: 1 }).run();
      });
      ordered.sort(function (a, b) { return a.position("y") - b.position("y"); });
      var rowsOf = [];
      for (var r = 0; r < rows; r++) {
        rowsOf.push(ordered.slice(r * cols, (r + 1) * cols).sort(function (a, b) { return a.position("x") - b.position("x"); }));
      }
      ordered = [].concat.apply([], rowsOf);
    }
    var cell = {};
    ordered.forEach(function (x, i) { cell[x.id()] = { row: Math.floor(i / cols), col: i % cols }; });
    nodes.layout({ name: "grid", rows: rows, cols: cols, fit: false, avoidOverlap: true, avoidOverlapPadding: 20, nodeDimensionsIncludeLabels: true,
      boundingBox: { x1: 0, y1: 0, w: cols * cw, h: rows * ch }, position: function (x) { return cell[x.id()]; } }).run();
  }
  // seeded runs fn with Math.random drawn from a fixed seed (mulberry32):
  // cose jitters nodes that meet at random, and the same report should
  // always be drawn the same way.
  function seeded(fn) {
    var saved = Math.random, state = 1;
    Math.random = function () {
      state = (state + 0x6D2B79F5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    try { fn(); } finally { Math.random = saved; }
  }
  // fitReadable sizes the panel for the graph at FIT_ZOOM and fits it,
  // never zooming in past MAX_FIT_ZOOM.
  function fitReadable(cy, box, minHeight) {
    var nodes = cy.nodes(":visible");
    if (nodes.length === 0) return;
    var bb = nodes.boundingBox({ includeLabels: true });
    var h = Math.max(minHeight, Math.ceil(bb.h * FIT_ZOOM + 60));
    if (box.style.height !== h + "px") { box.style.height = h + "px"; cy.resize(); }
    cy.fit(nodes, 30);
    if (cy.zoom() > MAX_FIT_ZOOM) { cy.zoom(MAX_FIT_ZOOM); cy.center(nodes); }
    // Wheel zoom in a graph taller than the window would stop the page
    // from scrolling; there, drag pans and Fit resets.
    cy.userZoomingEnabled(h <= window.innerHeight * 0.9);
  }

  // Context map: services and the kernel; shared tables and events on
  // demand; one link per pair of services, weighted by the calls both ways.
  var cmap = null, colourBy = "order";
  var cmapBox = document.getElementById("cmap-box");
  function mapElements() {
    var cm = data.contextMap || { nodes: [], edges: [] };
    var unitsOf = function (n) {
      if (n.kind === "kernel") return data.kernel ? (data.kernel.members || []).length : 1;
      var s = byName[n.id]; return s && s.units ? s.units : Math.max(1, n.size || 1);
    };
    var maxUnits = Math.max.apply(null, cm.nodes.map(unitsOf).concat([1]));
    var els = [];
    cm.nodes.forEach(function (n) {
      var store = n.kind === "store", k = Math.sqrt(unitsOf(n) / maxUnits);
      var w = textWidth(n.label, LABEL_PX, !store) + 20 + (store ? 0 : Math.round(28 * k));
      els.push({ data: { id: n.id, label: n.label, kind: n.kind, units: unitsOf(n), w: w, h: store ? 28 : Math.round(28 + 30 * k), colour: "#9aa3b2" } });
    });
    var pairs = {}, kinds = {};
    cm.nodes.forEach(function (n) { kinds[n.id] = n.kind; });
    cm.edges.forEach(function (e) {
      if (kinds[e.to] === "store") {
        els.push({ data: { id: "w:" + e.from + ">" + e.to, source: e.from, target: e.to, kind: "writes", weight: 1, label: "writes" } });
        return;
      }
      var a = e.from < e.to ? e.from : e.to, b = e.from < e.to ? e.to : e.from, key = a + "\u0000" + b;
      var p = pairs[key] = pairs[key] || { a: a, b: b, ab: 0, ba: 0 };
      if (e.from === a) p.ab += e.weight || 1; else p.ba += e.weight || 1;
    });
    Object.keys(pairs).sort().forEach(function (key, i) {
      var p = pairs[key], kernel = kinds[p.a] === "kernel" || kinds[p.b] === "kernel";
      els.push({ data: { id: "c" + i, source: p.a, target: p.b, kind: kernel ? "kernel" : "calls", weight: p.ab + p.ba, ab: p.ab, ba: p.ba,
        label: p.ab && p.ba ? p.ab + " \u21c4 " + p.ba + " calls" : plural(p.ab + p.ba, "call", "calls") } });
    });
    var events = {};
    services.forEach(function (s) {
      (s.publishes || []).forEach(function (ev) {
        services.forEach(function (t) {
          if (t.name === s.name || (t.subscribes || []).indexOf(ev) < 0) return;
          var key = s.name + "\u0000" + t.name; (events[key] = events[key] || { from: s.name, to: t.name, names: [] }).names.push(ev);
        });
      });
    });
    Object.keys(events).sort().forEach(function (key, i) {
      var e = events[key];
      els.push({ data: { id: "ev" + i, source: e.from, target: e.to, kind: "event", weight: e.names.length, label: e.names.join(", ") } });
    });
    return els;
  }
  function paintMap() {
    cmap.batch(function () {
      cmap.nodes().forEach(function (n) {
        if (n.data("kind") !== "service") return;
        var c = serviceColour(byName[n.id()], colourBy);
        n.data("colour", c);
      });
    });
    var legend = document.getElementById("map-legend");
    legend.innerHTML = "";
    if (colourBy === "cost") {
      legend.appendChild(el("span", null, ["Colour: extraction cost "].concat(["low", "medium", "high"].map(function (l) {
        return el("span", null, [el("span", { class: "swatch", style: "background:" + costColours[l] }), l + " "]);
      }))));
    } else {
      legend.appendChild(el("span", null, ["Colour: extraction order ", el("span", { class: "swatch", style: "background:" + orderColour(1) }), "first \u2026 ",
        el("span", { class: "swatch", style: "background:" + orderColour(order.length || 1) }), "last"]));
    }
  }
  var weights = [];
  function filterMap() {
    var slider = document.getElementById("map-weight");
    var min = weights[+slider.value] || 1;
    var showKernel = document.getElementById("map-kernel").checked;
    var showTables = document.getElementById("map-tables").checked;
    var showEvents = document.getElementById("map-events").checked;
    var shown = 0, total = 0;
    cmap.batch(function () {
      cmap.nodes('[kind = "store"]').style("display", showTables ? "element" : "none");
      cmap.edges().forEach(function (e) {
        var k = e.data("kind"), on;
        if (k === "calls") { total++; on = e.data("weight") >= min; if (on) shown++; }
        else if (k === "kernel") on = showKernel;
        else if (k === "writes") on = showTables;
        else on = showEvents;
        e.style("display", on ? "element" : "none");
      });
    });
    document.getElementById("map-weight-text").textContent = "links with \u2265 " + plural(min, "call", "calls") + " (" + shown + " of " + total + ")";
  }
  function layoutMap() {
    var nodes = cmap.nodes(":visible");
    gridLayout(cmap, nodes, cmap.edges('[kind = "calls"], [kind = "kernel"], [kind = "writes"]').filter(function (e) { return e.source().visible() && e.target().visible(); }), true);
    fitReadable(cmap, cmapBox, 360);
  }
  function drawContextMap() {
    cmap = cytoscape({
      container: document.getElementById("cmap"),
      elements: mapElements(),
      style: [
        { selector: "node", style: { "label": "data(label)", "text-valign": "center", "text-halign": "center", "font-family": FONT, "font-size": LABEL_PX, "font-weight": "bold",
          "color": "#fff", "background-color": "data(colour)", "shape": "round-rectangle", "width": "data(w)", "height": "data(h)" } },
        { selector: "node[kind = 'kernel']", style: { "background-color": "#7d8696", "shape": "barrel" } },
        { selector: "node[kind = 'store']", style: { "background-color": "#f1e3ea", "border-width": 1, "border-color": "#b0899e", "color": "#5a3d4d", "font-weight": "normal", "shape": "barrel" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#1d2330" } },
        { selector: "edge", style: { "curve-style": "straight", "line-color": "#8c96a8", "opacity": 0.55, "width": "mapData(weight, 1, " + Math.max(2, maxWeight()) + ", 1.5, 8)",
          "font-family": FONT, "font-size": LABEL_PX, "color": "#1d2330", "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": 2 } },
        { selector: "edge[ab > 0]", style: { "target-arrow-shape": "triangle", "target-arrow-color": "#8c96a8" } },
        { selector: "edge[ba > 0]", style: { "source-arrow-shape": "triangle", "source-arrow-color": "#8c96a8" } },
        { selector: "edge[kind = 'kernel']", style: { "line-style": "dashed", "width": 1.5 } },
        { selector: "edge[kind = 'writes']", style: { "line-style": "dashed", "line-color": "#b0899e", "width": 1.5, "target-arrow-shape": "triangle", "target-arrow-color": "#b0899e" } },
        { selector: "edge[kind = 'event']", style: { "line-style": "dotted", "line-color": "#8e6bbf", "width": 2, "target-arrow-shape": "vee", "target-arrow-color": "#8e6bbf" } },
        { selector: "edge.near", style: { "opacity": 1, "label": "data(label)", "z-index": 10, "line-color": "#3a4457", "target-arrow-color": "#3a4457", "source-arrow-color": "#3a4457" } },
        { selector: "edge.far", style: { "opacity": 0.18 } }
      ],
      minZoom: 0.2, maxZoom: 3, autoungrabify: false
    });
    var ws = {};
    cmap.edges('[kind = "calls"]').forEach(function (e) { ws[e.data("weight")] = true; });
    weights = Object.keys(ws).map(Number).sort(function (a, b) { return a - b; });
    var slider = document.getElementById("map-weight");
    slider.max = String(Math.max(0, weights.length - 1));
    // Default: the lightest threshold that keeps about two links per service.
    var budget = Math.max(12, Math.round(1.5 * cmap.nodes('[kind = "service"]').length));
    var idx = 0, calls = cmap.edges('[kind = "calls"]');
    while (idx < weights.length - 1 && calls.filter(function (e) { return e.data("weight") >= weights[idx]; }).length > budget) idx++;
    slider.value = String(idx);
    paintMap();
    filterMap();
    layoutMap();
    cmap.on("tap", "node", function (ev) {
      var n = ev.target;
      if (n.data("kind") === "store") { showTable(n.data("label")); markNear(n); } else select(n.id());
    });
    slider.addEventListener("input", function () { filterMap(); });
    document.getElementById("map-kernel").addEventListener("change", filterMap);
    document.getElementById("map-events").addEventListener("change", filterMap);
    document.getElementById("map-tables").addEventListener("change", function () { filterMap(); layoutMap(); });
    document.getElementById("map-colour").addEventListener("change", function (ev) { colourBy = ev.target.value; paintMap(); if (selected) showService(selected); });
    document.getElementById("fit-map").addEventListener("click", function () { fitReadable(cmap, cmapBox, 360); });
    window.ficusContextMap = cmap;
  }
  function maxWeight() {
    var m = 1;
    var pair = {};
    ((data.contextMap || {}).edges || []).forEach(function (e) { var k = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from; pair[k] = (pair[k] || 0) + (e.weight || 1); m = Math.max(m, pair[k]); });
    return m;
  }
  function markNear(n) {
    cmap.batch(function () {
      cmap.edges().removeClass("near far");
      if (!n) return;
      var near = n.connectedEdges();
      near.addClass("near");
      cmap.edges().difference(near).addClass("far");
    });
  }

  // Selection: one service at a time, in the order table, the map and the panel.
  var selected = null;
  function select(name) {
    selected = name;
    showService(name);
    document.querySelectorAll("#order tbody tr").forEach(function (tr) { tr.classList.toggle("sel", tr.getAttribute("data-service") === name); });
    if (cmap) {
      cmap.$(":selected").unselect();
      var n = cmap.getElementById(name);
      if (n.nonempty()) { n.select(); markNear(n); } else markNear(null);
    }
  }

  // Package graph: expanded up to EXPANDED_PACKAGES packages, collapsed by
  // directory above; a click expands or collapses a directory.
  var pgraph = null, expanded = {};
  var pgraphBox = document.getElementById("pgraph-box");
  var pkgs = (data.packages && data.packages.nodes) || [];
  (function () {
    var start = pkgs.length <= EXPANDED_PACKAGES;
    pkgs.forEach(function (p) { expanded[p.group] = start; });
    document.getElementById("pkg-note").textContent = plural(pkgs.length, "package", "packages") +
      (start ? "" : "; more than " + EXPANDED_PACKAGES + ", so collapsed by directory");
  })();
  function packageElements() {
    var groupOf = function (p) { return expanded[p.group] ? p.id : "group:" + p.group; };
    var nodes = {}, edges = {};
    pkgs.forEach(function (p) {
      var id = groupOf(p);
      if (!nodes[id]) nodes[id] = { id: id, label: expanded[p.group] ? p.label : p.group, size: 0, cycle: false, group: p.group, isGroup: !expanded[p.group], count: 0, service: p.service, only: p.label };
      nodes[id].size += p.size || 0; nodes[id].count++; nodes[id].cycle = nodes[id].cycle || p.cycle;
    });
    var byId = {}; pkgs.forEach(function (p) { byId[p.id] = p; });
    ((data.packages && data.packages.edges) || []).forEach(function (e) {
      var a = byId[e.from], b = byId[e.to]; if (!a || !b) return;
      var f = groupOf(a), t = groupOf(b); if (f === t) return;
      var k = f + "->" + t; edges[k] = edges[k] || { source: f, target: t, weight: 0, cycle: false }; edges[k].weight += e.weight || 1; edges[k].cycle = edges[k].cycle || e.cycle;
    });
    var els = [], root = "pkg:" + data.module;
    Object.keys(nodes).sort().forEach(function (k) {
      var n = nodes[k];
      // The module's own package would be labelled with the whole module path.
      if (n.id === root) n.label = "(module root) " + String(data.module).split("/").pop();
      if (n.isGroup && n.count > 1) n.label = n.group + "/\u2026 (" + n.count + ")";
      else if (n.isGroup) { n.label = n.only; n.isGroup = false; }
      n.w = textWidth(n.label, LABEL_PX, n.isGroup) + 18;
      els.push({ data: n });
    });
    Object.keys(edges).sort().forEach(function (k, i) { var e = edges[k]; els.push({ data: { id: "p" + i, source: e.source, target: e.target, weight: e.weight, cycle: e.cycle } }); });
    return els;
  }
  function drawPackages() {
    if (pgraph) pgraph.destroy();
    pgraph = cytoscape({
      container: document.getElementById("pgraph"), elements: packageElements(), minZoom: 0.05, maxZoom: 3,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-family": FONT, "font-size": LABEL_PX, "text-valign": "center", "text-halign": "center", "shape": "round-rectangle",
          "background-color": "#dbe7f4", "border-width": 1, "border-color": "#8aa6c8", "width": "data(w)", "height": 26 } },
        { selector: "node[?isGroup]", style: { "background-color": "#b8cde6", "font-weight": "bold" } },
        { selector: "node[?cycle]", style: { "border-color": "#c0392b", "border-width": 3, "background-color": "#f8dcd8" } },
        { selector: "node:selected", style: { "border-color": "#1d2330", "border-width": 3 } },
        { selector: "edge", style: { "curve-style": "straight", "target-arrow-shape": "triangle", "width": 1, "opacity": 0.45, "line-color": "#97a3b6", "target-arrow-color": "#97a3b6" } },
        { selector: "edge[?cycle]", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b", "width": 2.5, "opacity": 1, "z-index": 5 } }
      ]
    });
    var nodes = pgraph.nodes();
    // A force layout of a few hundred nodes costs more than it shows; past
    // that the grid keeps directory order.
    gridLayout(pgraph, nodes, pgraph.edges(), nodes.length <= 150);
    fitReadable(pgraph, pgraphBox, 320);
    pgraph.on("tap", "node", function (ev) {
      var g = ev.target.data("group"); expanded[g] = !expanded[g]; drawPackages();
    });
    window.ficusPackages = pgraph;
  }

  // Tables
  function fillTable(id, rows, render) {
    var tb = document.querySelector("#" + id + " tbody");
    if (!rows || rows.length === 0) { tb.appendChild(el("tr", null, [el("td", { colspan: "9", class: "muted", text: "none" })])); return; }
    rows.forEach(function (r) { tb.appendChild(render(r)); });
  }
  fillTable("order", order, function (o) {
    var s = byName[o.service] || {};
    var tr = el("tr", { "data-service": o.service }, [el("td", { text: String(o.rank) }), el("td", null, [el("span", { class: "swatch", style: "background:" + orderColour(o.rank) }), o.service]),
      el("td", null, s.costLevel ? [el("span", { class: "pill", style: "background:" + costColours[s.costLevel] + "33", text: s.costLevel })] : []), el("td", { text: o.reason })]);
    tr.addEventListener("click", function () { select(o.service); });
    return tr;
  });
  fillTable("shared", data.sharedTables, function (t) {
    return el("tr", null, [el("td", null, [code(t.table)]), el("td", null, pills(t.writers, "warn")), el("td", null, pills(t.readers))]);
  });
  // Evidence tables show only for graphs with evidence.
  if (data.hotRoutes) fillTable("hot-routes", data.hotRoutes, function (h) {
    return el("tr", null, [el("td", { text: h.service }), el("td", null, [code(h.route)]), el("td", { text: String(h.requests) }),
      el("td", { text: String(h.errors || 0) }), el("td", { text: h.p50Ms ? String(h.p50Ms) : "" }), el("td", { text: h.p95Ms ? String(h.p95Ms) : "" })]);
  }); else document.getElementById("hot-section").style.display = "none";
  if (data.coChangePairs) fillTable("cochanges", data.coChangePairs, function (c) {
    return el("tr", null, [el("td", null, [code(c.fileA)]), el("td", { text: c.serviceA }), el("td", null, [code(c.fileB)]), el("td", { text: c.serviceB }), el("td", { text: String(c.commits) })]);
  }); else document.getElementById("cochange-section").style.display = "none";
  fillTable("organization", data.organization, function (o) {
    return el("tr", null, [el("td", null, [code(o.dir)]), el("td", { text: "by " + o.layout }), el("td", null, pills(o.features)), el("td", { text: o.reason })]);
  });
  if ((data.tools || []).length) fillTable("tools", data.tools, function (t) {
    return el("tr", null, [el("td", null, [code(t.name)]), el("td", { text: String(t.units) }), el("td", { text: t.reason })]);
  }); else document.getElementById("tools-section").style.display = "none";
  fillTable("kernel-reasons", data.kernelReasons, function (k) {
    return el("tr", null, [el("td", null, [code(k.package)]), el("td", { text: String(k.units) }), el("td", { text: k.reason })]);
  });
  fillTable("cycles", data.cycles, function (c) {
    return el("tr", null, [el("td", { text: c.kind }), el("td", null, pills(c.members, "warn"))]);
  });
  fillTable("diags", data.diagnostics, function (d) {
    return el("tr", null, [el("td", { text: d.kind }), el("td", null, [code(d.pos || d.package || "")]), el("td", { text: d.message + (d.hint ? " (" + d.hint + ")" : "") })]);
  });
  document.getElementById("fit-pkg").addEventListener("click", function () { pgraph && fitReadable(pgraph, pgraphBox, 320); });
  document.getElementById("expand-pkg").addEventListener("click", function () {
    var all = true; pkgs.forEach(function (p) { all = all && expanded[p.group]; });
    pkgs.forEach(function (p) { expanded[p.group] = !all; }); drawPackages();
  });

  if (data.contextMap) drawContextMap(); else document.getElementById("map").style.display = "none";
  drawPackages();
  // The first view: the plan, the migration order, its first service selected.
  select(order[0] ? order[0].service : (services[0] || {}).name);
  // Ready once the graphs are painted: cytoscape draws on animation frames.
  requestAnimationFrame(function () { requestAnimationFrame(function () { document.body.setAttribute("data-ready", "true"); }); });
})();
