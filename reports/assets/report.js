// ficus report: renders the data embedded in #ficus-data. No network.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ficus-data").textContent);
  var palette = ["#4e79a7","#f28e2b","#59a14f","#e15759","#76b7b2","#edc948","#b07aa1","#ff9da7","#9c755f","#86bcb6","#d37295","#a0cbe8","#ffbe7d","#8cd17d","#b6992d"];
  var colorOf = {};
  (data.services || []).forEach(function (s, i) { colorOf[s.name] = palette[i % palette.length]; });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else if (k === "class") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function fmt(n) { return typeof n === "number" ? (Math.abs(n) < 1 && n !== 0 ? n.toFixed(3) : n.toLocaleString("en")) : String(n); }
  function list(items, render) {
    if (!items || items.length === 0) return el("div", { class: "empty", text: "none" });
    var ul = el("ul", { class: "plain" });
    items.forEach(function (it) { ul.appendChild(el("li", null, [render(it)])); });
    return ul;
  }
  function code(s) { return el("code", { text: s }); }

  // Overview
  document.getElementById("title").textContent = data.module || "(no module)";
  document.getElementById("generated").textContent = data.generated || "";
  var cards = document.getElementById("cards");
  (data.overview || []).forEach(function (c) {
    cards.appendChild(el("div", { class: "card" }, [el("div", { class: "n", text: fmt(c.value) }), el("div", { class: "l", text: c.label })]));
  });
  var metrics = document.getElementById("metrics");
  (data.metrics || []).forEach(function (m) {
    metrics.appendChild(el("span", { class: "pill", title: m.help || "" }, [m.label + " " + fmt(m.value)]));
  });

  // Service detail
  var detail = document.getElementById("detail");
  function showService(name) {
    var s = (data.services || []).filter(function (x) { return x.name === name; })[0];
    detail.innerHTML = "";
    if (!s) {
      if (data.kernel && name === data.kernel.name) return showKernel();
      detail.appendChild(el("div", { class: "empty", text: "Click a service in the map to see its members, routes, tables, API, events and cost." }));
      return;
    }
    detail.setAttribute("data-service", s.name);
    detail.appendChild(el("h3", null, [el("span", { class: "swatch", style: "background:" + colorOf[s.name] }), s.name]));
    detail.appendChild(el("div", { class: "muted", text: s.summary || "" }));
    detail.appendChild(el("h4", { text: "Routes (" + (s.routes || []).length + ")" }));
    var routes = list(s.routes, code); routes.id = "detail-routes"; detail.appendChild(routes);
    detail.appendChild(el("h4", { text: "Tables it writes (owner)" }));
    detail.appendChild(list(s.writes, function (t) { return el("span", null, [code(t), (data.sharedTableNames || []).indexOf(t) >= 0 ? el("span", { class: "pill warn", text: "shared" }) : null]); }));
    detail.appendChild(el("h4", { text: "Tables it reads" }));
    detail.appendChild(list(s.reads, code));
    detail.appendChild(el("h4", { text: "API other services call (" + (s.api || []).length + ")" }));
    detail.appendChild(list(s.api, function (a) {
      var d = el("details"); d.appendChild(el("summary", null, [code(a.id), " ", el("span", { class: "muted", text: "from " + (a.callers || []).length + " call sites" })]));
      d.appendChild(list(a.callers, code)); return d;
    }));
    detail.appendChild(el("h4", { text: "Events" }));
    detail.appendChild(el("div", null, [el("span", { class: "muted", text: "publishes: " })].concat((s.publishes || []).map(function (e) { return el("span", { class: "pill", text: e }); }))));
    detail.appendChild(el("div", null, [el("span", { class: "muted", text: "subscribes: " })].concat((s.subscribes || []).map(function (e) { return el("span", { class: "pill", text: e }); }))));
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
  function membersByPackage(members) {
    var byPkg = {};
    (members || []).forEach(function (m) { (byPkg[m.pkg || "(no package)"] = byPkg[m.pkg || "(no package)"] || []).push(m); });
    var wrap = el("div");
    Object.keys(byPkg).sort().forEach(function (p) {
      var d = el("details");
      d.appendChild(el("summary", null, [code(p), " ", el("span", { class: "muted", text: byPkg[p].length + "" })]));
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

  // Context map
  var cmap = null;
  function drawContextMap() {
    var elements = [];
    (data.contextMap.nodes || []).forEach(function (n) {
      elements.push({ data: { id: n.id, label: n.label, kind: n.kind, size: n.size, color: colorOf[n.id] || "#bbb" } });
    });
    (data.contextMap.edges || []).forEach(function (e, i) {
      elements.push({ data: { id: "e" + i, source: e.from, target: e.to, weight: e.weight, label: e.label || String(e.weight) } });
    });
    var maxSize = Math.max.apply(null, (data.contextMap.nodes || []).map(function (n) { return n.size || 1; }).concat([1]));
    var maxW = Math.max.apply(null, (data.contextMap.edges || []).map(function (e) { return e.weight || 1; }).concat([1]));
    cmap = cytoscape({
      container: document.getElementById("cmap"),
      elements: elements,
            style: [
        { selector: "node", style: { "label": "data(label)", "text-valign": "center", "color": "#fff", "font-size": 15, "font-weight": "bold", "text-outline-width": 2, "text-outline-color": "data(color)", "background-color": "data(color)", "shape": "round-rectangle",
          "width": function (n) { return 90 + 110 * Math.sqrt((n.data("size") || 1) / maxSize); }, "height": function (n) { return 40 + 40 * Math.sqrt((n.data("size") || 1) / maxSize); } } },
        { selector: "node[kind = 'kernel']", style: { "background-color": "#9aa3b2", "text-outline-color": "#9aa3b2", "shape": "barrel" } },
        { selector: "node[kind = 'store']", style: { "background-color": "#e9d5e0", "text-outline-width": 0, "color": "#5a3d4d", "font-weight": "normal", "shape": "barrel", "width": function (n) { return 24 + 7.5 * String(n.data("label")).length; }, "height": 34, "font-size": 12 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#1d2330" } },
        { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#aab3c2", "target-arrow-color": "#aab3c2", "label": "data(label)", "font-size": 11, "color": "#5b6475", "text-background-color": "#fff", "text-background-opacity": 0.85,
          "width": function (e) { return 1 + 5 * Math.sqrt((e.data("weight") || 1) / maxW); } } },
        { selector: "edge[label = 'writes']", style: { "line-style": "dashed", "line-color": "#b0899e", "target-arrow-color": "#b0899e" } }
      ],
      minZoom: 0.2, maxZoom: 2.5,
      layout: { name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: true, componentSpacing: 120, nodeRepulsion: function () { return 600000; }, idealEdgeLength: function () { return 180; }, nodeOverlap: 40, padding: 30, numIter: 2000 }
    });
    cmap.on("tap", "node", function (ev) { if (ev.target.data("kind") !== "store") showService(ev.target.id()); });
    window.ficusContextMap = cmap;
  }

  // Package graph, collapsed to top-level directories until expanded.
  var pgraph = null, expanded = {};
  function packageElements() {
    var groupOf = function (p) { return expanded[p.group] ? p.id : "group:" + p.group; };
    var nodes = {}, edges = {};
    (data.packages.nodes || []).forEach(function (p) {
      var id = groupOf(p);
      if (!nodes[id]) nodes[id] = { id: id, label: expanded[p.group] ? p.label : p.group, size: 0, cycle: false, group: p.group, isGroup: !expanded[p.group], count: 0, service: p.service, only: p.label };
      nodes[id].size += p.size || 0; nodes[id].count++; nodes[id].cycle = nodes[id].cycle || p.cycle;
    });
    var byId = {}; (data.packages.nodes || []).forEach(function (p) { byId[p.id] = p; });
    (data.packages.edges || []).forEach(function (e) {
      var a = byId[e.from], b = byId[e.to]; if (!a || !b) return;
      var f = groupOf(a), t = groupOf(b); if (f === t) return;
      var k = f + "->" + t; edges[k] = edges[k] || { source: f, target: t, weight: 0, cycle: false }; edges[k].weight += e.weight || 1; edges[k].cycle = edges[k].cycle || e.cycle;
    });
    var els = [];
    Object.keys(nodes).forEach(function (k) {
      var n = nodes[k];
      if (n.isGroup && n.count > 1) n.label = n.group + "/… (" + n.count + ")";
      else if (n.isGroup) { n.label = n.only; n.isGroup = false; }
      els.push({ data: n });
    });
    Object.keys(edges).forEach(function (k, i) { var e = edges[k]; els.push({ data: { id: "p" + i, source: e.source, target: e.target, weight: e.weight, cycle: e.cycle } }); });
    return els;
  }
  function drawPackages() {
    var container = document.getElementById("pgraph");
    if (pgraph) pgraph.destroy();
    pgraph = cytoscape({
      container: container, elements: packageElements(), minZoom: 0.05, maxZoom: 1.5,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-valign": "center", "text-halign": "center", "shape": "round-rectangle", "background-color": "#d0e0f0", "border-width": 1, "border-color": "#8aa6c8", "width": function (n) { return 16 + 6.6 * String(n.data("label")).length; }, "height": 24 } },
        { selector: "node[?isGroup]", style: { "background-color": "#b8cde6", "font-weight": "bold" } },
        { selector: "node[?cycle]", style: { "border-color": "#c0392b", "border-width": 2 } },
        { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1, "line-color": "#b5bfcd", "target-arrow-color": "#b5bfcd" } },
        { selector: "edge[?cycle]", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b", "width": 2 } }
      ],
      layout: { name: "cose", animate: false, randomize: true, nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 90; }, nodeOverlap: 12, padding: 20, numIter: 1000 }
    });
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
  fillTable("order", data.order, function (o) {
    return el("tr", null, [el("td", { text: String(o.rank) }), el("td", null, [el("a", { href: "#map", "data-service": o.service, text: o.service })]), el("td", { text: o.reason })]);
  });
  fillTable("shared", data.sharedTables, function (t) {
    return el("tr", null, [el("td", null, [code(t.table)]), el("td", null, (t.writers || []).map(function (w) { return el("span", { class: "pill warn", text: w }); })), el("td", null, (t.readers || []).map(function (w) { return el("span", { class: "pill", text: w }); }))]);
  });
  fillTable("organization", data.organization, function (o) {
    return el("tr", null, [el("td", null, [code(o.dir)]), el("td", { text: "by " + o.layout }), el("td", null, (o.features || []).map(function (f) { return el("span", { class: "pill", text: f }); })), el("td", { text: o.reason })]);
  });
  fillTable("kernel-reasons", data.kernelReasons, function (k) {
    return el("tr", null, [el("td", null, [code(k.package)]), el("td", { text: String(k.units) }), el("td", { text: k.reason })]);
  });
  fillTable("cycles", data.cycles, function (c) {
    return el("tr", null, [el("td", { text: c.kind }), el("td", null, (c.members || []).map(function (m) { return el("span", { class: "pill warn", text: m }); }))]);
  });
  fillTable("diags", data.diagnostics, function (d) {
    return el("tr", null, [el("td", { text: d.kind }), el("td", null, [code(d.pos || d.package || "")]), el("td", { text: d.message + (d.hint ? " (" + d.hint + ")" : "") })]);
  });
  document.querySelectorAll("#order a[data-service]").forEach(function (a) {
    a.addEventListener("click", function () { showService(a.getAttribute("data-service")); if (cmap) { cmap.$(":selected").unselect(); cmap.getElementById(a.getAttribute("data-service")).select(); } });
  });
  document.getElementById("fit-map").addEventListener("click", function () { cmap && cmap.fit(undefined, 30); });
  document.getElementById("fit-pkg").addEventListener("click", function () { pgraph && pgraph.fit(undefined, 30); });
  document.getElementById("expand-pkg").addEventListener("click", function () {
    var all = true; (data.packages.nodes || []).forEach(function (p) { all = all && expanded[p.group]; });
    (data.packages.nodes || []).forEach(function (p) { expanded[p.group] = !all; }); drawPackages();
  });

  drawContextMap();
  drawPackages();
  var first = (data.order || [])[0];
  if (first) { showService(first.service); cmap.getElementById(first.service).select(); } else showService(null);
  document.body.setAttribute("data-ready", "true");
})();
