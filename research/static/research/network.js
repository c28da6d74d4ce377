// The admin's network page: a force layout of the co-occurrence network, drawn in SVG.
// Data comes from the page's JSON block (json_script); no inline script (CSP), and text is
// only ever set with textContent.
"use strict";

(function () {
  const holder = document.getElementById("network-data");
  const svg = document.getElementById("network");
  const panel = document.getElementById("edge-panel");
  if (!holder || !svg) return;
  const data = JSON.parse(holder.textContent);
  const NS = "http://www.w3.org/2000/svg";
  const WIDTH = 1000, HEIGHT = 720, MARGIN = 30;

  // A seeded generator: the same graph is laid out the same way on every load.
  let seed = 17;
  function random() {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  const nodes = data.nodes.map((node, index) => {
    const angle = index * 2.399963;  // golden angle: a spiral, heaviest in the middle
    const radius = 30 * Math.sqrt(index + 1);
    return { ...node, x: WIDTH / 2 + radius * Math.cos(angle), y: HEIGHT / 2 + radius * Math.sin(angle), dx: 0, dy: 0 };
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges = data.edges.map((edge) => ({ ...edge, a: byId.get(edge.source), b: byId.get(edge.target) }));

  // Fruchterman-Reingold: every pair repels, edges attract (more for heavier ones),
  // a weak pull to the centre keeps separate groups on screen; the step cools down.
  function layout() {
    const area = (WIDTH - 2 * MARGIN) * (HEIGHT - 2 * MARGIN);
    const k = Math.sqrt(area / Math.max(nodes.length, 1));
    let temperature = WIDTH / 8;
    const rounds = nodes.length > 150 ? 220 : 320;
    for (let round = 0; round < rounds; round++) {
      for (const node of nodes) { node.dx = 0; node.dy = 0; }
      for (let i = 0; i < nodes.length; i++) {
        const u = nodes[i];
        for (let j = i + 1; j < nodes.length; j++) {
          const v = nodes[j];
          let x = u.x - v.x, y = u.y - v.y;
          let d2 = x * x + y * y;
          if (d2 < 0.01) { x = random() - 0.5; y = random() - 0.5; d2 = 0.5; }
          const force = (k * k) / d2;
          u.dx += x * force; u.dy += y * force;
          v.dx -= x * force; v.dy -= y * force;
        }
      }
      for (const edge of edges) {
        const x = edge.a.x - edge.b.x, y = edge.a.y - edge.b.y;
        const d = Math.sqrt(x * x + y * y) || 0.01;
        const force = (d / k) * (0.15 + 0.1 * Math.log(edge.weight));
        edge.a.dx -= x * force; edge.a.dy -= y * force;
        edge.b.dx += x * force; edge.b.dy += y * force;
      }
      for (const node of nodes) {
        node.dx += (WIDTH / 2 - node.x) * 0.01;
        node.dy += (HEIGHT / 2 - node.y) * 0.01;
        const d = Math.sqrt(node.dx * node.dx + node.dy * node.dy) || 0.01;
        const step = Math.min(d, temperature);
        node.x = Math.min(WIDTH - MARGIN, Math.max(MARGIN, node.x + (node.dx / d) * step));
        node.y = Math.min(HEIGHT - MARGIN, Math.max(MARGIN, node.y + (node.dy / d) * step));
      }
      temperature = Math.max(temperature * 0.985, 1);
    }
  }

  function element(name, attributes, parent) {
    const made = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
    if (parent) parent.appendChild(made);
    return made;
  }

  function recordUrl(kind, id) {
    return data.urls[kind].replace("/0/", "/" + id + "/");
  }

  function link(parent, href, text, className) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    parent.appendChild(a);
    return a;
  }

  function showEdge(edge, group) {
    for (const selected of svg.querySelectorAll(".edge.selected")) selected.classList.remove("selected");
    group.classList.add("selected");
    panel.replaceChildren();
    const title = document.createElement("h3");
    title.textContent = edge.a.name + " — " + edge.b.name;
    panel.appendChild(title);
    const counts = document.createElement("p");
    counts.className = "research-meta";
    counts.textContent = "weight " + edge.weight + ": " + edge.counts.statement + " statement(s), " +
      edge.counts.sentence + " sentence(s), " + edge.counts.source + " source(s)";
    panel.appendChild(counts);
    if (edge.statements.length) {
      const heading = document.createElement("h4");
      heading.textContent = "Statements";
      panel.appendChild(heading);
      const list = document.createElement("ul");
      list.className = "edge-statements";
      for (const id of edge.statements.slice(0, data.shown)) {
        const statement = data.statements[id];
        if (!statement) continue;
        const item = document.createElement("li");
        item.appendChild(document.createTextNode(statement.speaker + ": "));
        link(item, recordUrl("source", statement.source) + "#statement-" + id, "“" + statement.text + "”", "passage-link");
        list.appendChild(item);
      }
      panel.appendChild(list);
      if (edge.statements.length > data.shown) {
        link(panel, data.urls.statements + "?id__in=" + edge.statements.join(","),
          "All " + edge.statements.length + " statements");
      }
    }
    if (edge.sources.length) {
      const heading = document.createElement("h4");
      heading.textContent = "Named together in";
      panel.appendChild(heading);
      const list = document.createElement("ul");
      list.className = "edge-sources";
      for (const id of edge.sources.slice(0, data.shown)) {
        const item = document.createElement("li");
        link(item, recordUrl("source", id), data.sources[id] || "Source " + id, "source-link");
        list.appendChild(item);
      }
      panel.appendChild(list);
      if (edge.sources.length > data.shown) {
        const more = document.createElement("p");
        more.className = "research-meta";
        more.textContent = "and " + (edge.sources.length - data.shown) + " more sources";
        panel.appendChild(more);
      }
    }
  }

  function draw() {
    const maxWeight = Math.max(1, ...edges.map((edge) => edge.weight));
    const edgeLayer = element("g", { class: "edges" }, svg);
    edges.forEach((edge, index) => {
      const group = element("g", { class: "edge", id: "edge-" + index, "data-source": edge.source, "data-target": edge.target }, edgeLayer);
      const ends = { x1: edge.a.x.toFixed(1), y1: edge.a.y.toFixed(1), x2: edge.b.x.toFixed(1), y2: edge.b.y.toFixed(1) };
      const width = (0.6 + 4 * Math.sqrt(edge.weight / maxWeight)).toFixed(2);
      element("line", { ...ends, class: "edge-line", "stroke-width": width }, group);
      element("line", { ...ends, class: "edge-hit" }, group);
      element("title", {}, group).textContent = edge.a.name + " — " + edge.b.name + " (weight " + edge.weight + ")";
      group.addEventListener("click", () => showEdge(edge, group));
    });
    const nodeLayer = element("g", { class: "nodes" }, svg);
    const labelled = new Set(nodes.slice(0, 30).map((node) => node.id));
    for (const node of nodes) {
      const anchor = element("a", { class: "node node-" + node.type, id: "node-" + node.id.replace(":", "-"), href: recordUrl(node.type, node.record_id) }, nodeLayer);
      const radius = (3 + 2.2 * Math.sqrt(node.degree)).toFixed(1);
      element("circle", { cx: node.x.toFixed(1), cy: node.y.toFixed(1), r: radius }, anchor);
      element("title", {}, anchor).textContent = node.name + " (" + node.type + ", " + node.degree + " edges, weight " + node.weight + ")";
      if (labelled.has(node.id)) {
        element("text", { x: (node.x + Number(radius) + 2).toFixed(1), y: (node.y + 4).toFixed(1) }, anchor).textContent = node.name;
      }
    }
    svg.setAttribute("data-drawn", String(nodes.length));
  }

  layout();
  draw();
})();
