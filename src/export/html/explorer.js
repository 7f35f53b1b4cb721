// newsgraph explorer: draws the embedded graph with Cytoscape.js, filters it, and shows the
// evidence of a relation on a click. Everything it needs is in this page; it loads nothing.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("newsgraph-data").textContent);
  // Past this many elements, drawing shortcuts keep panning and zooming smooth.
  const LARGE = 2000;
  // A graph of more relations opens with this many drawn (the best attested): Cytoscape
  // takes seconds to draw tens of thousands of edges, and a picture of them reads as a knot.
  const DRAWN = 5000;

  const $ = (id) => document.getElementById(id);

  /** An element with attributes and children (strings become text: data never becomes HTML). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "style") node.style.cssText = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const types = data.types;
  const relations = data.relations;
  const nodes = data.nodes;
  const edges = data.edges;
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));

  // Distinct evidence dates of each edge, sorted (ISO dates compare as strings).
  const edgeDates = edges.map((e) => [...new Set(e.evidence.map((v) => v.date).filter(Boolean))].sort());
  const allDates = [...new Set(edgeDates.flat())].sort();

  const large = nodes.length + edges.length > LARGE;

  // ---- filters --------------------------------------------------------------------------

  const relationShown = relations.map(() => true);
  const typeShown = types.map(() => true);
  const relationCount = relations.map((_, r) => edges.filter((e) => e.relation === r).length);
  const typeCount = types.map((_, t) => nodes.filter((n) => n.type === t).length);

  function checkbox(swatch, name, count, onChange) {
    const input = el("input", { type: "checkbox", checked: true, "data-name": name });
    input.addEventListener("change", () => onChange(input.checked));
    return el("label", { class: "check" }, input, swatch, name, el("span", { class: "n" }, count.toLocaleString("en")));
  }
  relations.forEach((r, i) => {
    if (!relationCount[i]) return;
    const swatch = el("span", { class: "line", style: `background:${r.color}` });
    $("relation-filter").append(checkbox(swatch, r.name, relationCount[i], (on) => { relationShown[i] = on; applyFilters(); }));
  });
  types.forEach((t, i) => {
    if (!typeCount[i]) return;
    const swatch = el("span", { class: "swatch", style: `background:${t.color}` });
    $("type-filter").append(checkbox(swatch, t.name, typeCount[i], (on) => { typeShown[i] = on; applyFilters(); }));
  });
  const dateFrom = $("date-from");
  const dateTo = $("date-to");
  if (allDates.length) {
    for (const input of [dateFrom, dateTo]) {
      input.min = allDates[0];
      input.max = allDates[allDates.length - 1];
    }
    dateFrom.value = allDates[0];
    dateTo.value = allDates[allDates.length - 1];
  } else {
    dateFrom.disabled = dateTo.disabled = true;
  }
  // A large graph opens with its best-attested relations only, at most DRAWN of them: the
  // least number of sentences that keeps to it (lower it in the filter to see more).
  const minWeight = $("min-weight");
  const heaviest = edges.reduce((m, e) => Math.max(m, e.weight), 1);
  minWeight.max = String(heaviest);
  const openingWeight = (() => {
    const atLeast = new Array(heaviest + 2).fill(0);
    for (const e of edges) atLeast[e.weight]++;
    for (let w = heaviest; w >= 1; w--) atLeast[w] += atLeast[w + 1];
    let w = 1;
    while (atLeast[w] > DRAWN && w < heaviest) w++;
    return w;
  })();
  minWeight.value = String(openingWeight);
  $("isolated").checked = openingWeight > 1;
  for (const id of ["date-from", "date-to", "undated", "isolated", "min-weight"]) $(id).addEventListener("change", applyFilters);
  $("reset").addEventListener("click", () => {
    document.querySelectorAll("#filters input[type=checkbox]").forEach((c) => { c.checked = c.id !== "isolated"; });
    relationShown.fill(true);
    typeShown.fill(true);
    dateFrom.value = allDates[0] || "";
    dateTo.value = allDates[allDates.length - 1] || "";
    minWeight.value = "1";
    applyFilters();
  });

  const visibleNodes = new Uint8Array(nodes.length);
  const visibleEdges = new Uint8Array(edges.length);

  /** Which entities and relations the filters let through, into visibleNodes/visibleEdges. */
  function computeVisibility() {
    const from = dateFrom.value || "0000-00-00";
    const to = dateTo.value || "9999-99-99";
    const undated = $("undated").checked;
    const isolatedHidden = $("isolated").checked;
    const least = Math.max(1, Number(minWeight.value) || 1);
    nodes.forEach((n, i) => { visibleNodes[i] = typeShown[n.type] ? 1 : 0; });
    const linked = new Uint8Array(nodes.length);
    edges.forEach((e, i) => {
      const dates = edgeDates[i];
      const inRange = dates.length ? dates.some((d) => d >= from && d <= to) : undated;
      const shown = relationShown[e.relation] && inRange && e.weight >= least && visibleNodes[e.source] && visibleNodes[e.target];
      visibleEdges[i] = shown ? 1 : 0;
      if (shown) linked[e.source] = linked[e.target] = 1;
    });
    if (isolatedHidden) nodes.forEach((_, i) => { visibleNodes[i] &= linked[i]; });
  }


  // ---- the drawing ----------------------------------------------------------------------

  // Only what the filters let through is handed to Cytoscape, whose cost grows with every
  // element it holds, shown or not; a filter adds and removes elements.
  function nodeElement(i) {
    const n = nodes[i];
    const type = types[n.type];
    return {
      group: "nodes",
      data: { id: "n" + i, label: n.label, color: type.color, shape: type.shape, size: 2 * n.size },
      position: { x: n.x, y: n.y },
    };
  }
  function edgeElement(i) {
    const e = edges[i];
    const relation = relations[e.relation];
    return {
      group: "edges",
      data: {
        id: "e" + i,
        source: "n" + e.source,
        target: "n" + e.target,
        color: relation.color,
        arrow: relation.symmetric ? "none" : "triangle",
        width: Math.min(1 + Math.log2(e.weight), 6),
      },
    };
  }
  computeVisibility();
  const drawnNodes = visibleNodes.slice();
  const drawnEdges = visibleEdges.slice();
  const elements = [];
  drawnNodes.forEach((shown, i) => { if (shown) elements.push(nodeElement(i)); });
  drawnEdges.forEach((shown, i) => { if (shown) elements.push(edgeElement(i)); });

  // The view that fits what is drawn, from the positions and sizes the exporter wrote:
  // Cytoscape's own fit measures every element, labels included, which takes seconds on a
  // large graph.
  function wholeView(padding) {
    const box = $("cy").getBoundingClientRect();
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    nodes.forEach((n, i) => {
      if (!drawnNodes[i]) return;
      x1 = Math.min(x1, n.x - n.size);
      y1 = Math.min(y1, n.y - n.size);
      x2 = Math.max(x2, n.x + n.size);
      y2 = Math.max(y2, n.y + n.size + 14);
    });
    if (x1 > x2) return { zoom: 1, pan: { x: box.width / 2, y: box.height / 2 } };
    const zoom = Math.min(4, Math.max(0.02, Math.min((box.width - 2 * padding) / Math.max(x2 - x1, 1),
      (box.height - 2 * padding) / Math.max(y2 - y1, 1))));
    return { zoom, pan: { x: box.width / 2 - zoom * (x1 + x2) / 2, y: box.height / 2 - zoom * (y1 + y2) / 2 } };
  }

  const cy = cytoscape({
    container: $("cy"),
    elements,
    layout: { name: "preset", fit: false },
    ...wholeView(30),
    minZoom: 0.02,
    maxZoom: 6,
    boxSelectionEnabled: false,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : "auto",
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          shape: "data(shape)",
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": 11,
          "min-zoomed-font-size": 7,
          "text-valign": "bottom",
          "text-margin-y": 2,
          color: "#1c2127",
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          "border-width": 1,
          "border-color": "#ffffff",
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "data(arrow)",
          "arrow-scale": 0.9,
          // Haystack edges are straight and cheap; on a small graph bezier ones keep the
          // parallel relations of a pair apart and carry arrowheads.
          "curve-style": large ? "haystack" : "bezier",
          opacity: 0.85,
        },
      },
      { selector: "node:selected, node.focus", style: { "border-width": 3, "border-color": "#111111", "z-index": 10 } },
      { selector: "edge:selected", style: { width: 7, opacity: 1, "z-index": 10, "underlay-color": "#ffd54a", "underlay-opacity": 0.8, "underlay-padding": 4 } },
    ],
  });

  function applyFilters() {
    computeVisibility();
    cy.batch(() => {
      const gone = [];
      drawnEdges.forEach((drawn, i) => { if (drawn && !visibleEdges[i]) gone.push(cy.getElementById("e" + i)); });
      drawnNodes.forEach((drawn, i) => { if (drawn && !visibleNodes[i]) gone.push(cy.getElementById("n" + i)); });
      cy.collection(gone).remove();
      const added = [];
      visibleNodes.forEach((shown, i) => { if (shown && !drawnNodes[i]) added.push(nodeElement(i)); });
      visibleEdges.forEach((shown, i) => { if (shown && !drawnEdges[i]) added.push(edgeElement(i)); });
      cy.add(added);
    });
    drawnNodes.set(visibleNodes);
    drawnEdges.set(visibleEdges);
    updateCounts();
  }

  function updateCounts() {
    const shownNodes = visibleNodes.reduce((a, b) => a + b, 0);
    const shownEdges = visibleEdges.reduce((a, b) => a + b, 0);
    const counts = $("counts");
    counts.dataset.nodes = String(nodes.length);
    counts.dataset.edges = String(edges.length);
    counts.dataset.shownNodes = String(shownNodes);
    counts.dataset.shownEdges = String(shownEdges);
    const of = (shown, total) => (shown === total ? total.toLocaleString("en") : `${shown.toLocaleString("en")} of ${total.toLocaleString("en")}`);
    counts.textContent = `${of(shownNodes, nodes.length)} entities · ${of(shownEdges, edges.length)} relations · ${data.documents.length.toLocaleString("en")} documents`;
  }

  // ---- search ---------------------------------------------------------------------------

  /** Lower case without accents, so that "Erdogan" finds "Erdoğan". */
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const searchIndex = nodes.map((n) => [n.label, ...n.aliases].map(fold));
  const matches = $("matches");
  let active = -1;

  function search() {
    const query = fold($("search").value.trim());
    matches.replaceChildren();
    active = -1;
    if (!query) return;
    const found = [];
    for (let i = 0; i < nodes.length && found.length < 30; i++) {
      const names = searchIndex[i];
      const rank = names[0].startsWith(query) ? 0 : names.some((a) => a.includes(query)) ? 1 : -1;
      if (rank >= 0) found.push([rank, i]);
    }
    found.sort((a, b) => a[0] - b[0] || nodes[a[1]].label.localeCompare(nodes[b[1]].label));
    for (const [, i] of found.slice(0, 15)) {
      const n = nodes[i];
      const alias = n.aliases.find((a) => a !== n.label && fold(a).includes(query));
      matches.append(el("li", { role: "option", "data-node": i, onclick: () => pick(i) },
        el("span", { class: "swatch", style: `background:${types[n.type].color};margin-right:6px` }), n.label,
        alias ? el("span", { class: "alias" }, ` (${alias})`) : null));
    }
  }

  function pick(i) {
    matches.replaceChildren();
    $("search").value = nodes[i].label;
    focusNode(i);
  }

  $("search").addEventListener("input", search);
  $("search").addEventListener("keydown", (event) => {
    const items = [...matches.children];
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((li, k) => li.setAttribute("aria-selected", String(k === active)));
      event.preventDefault();
    } else if (event.key === "Enter" && items.length) {
      pick(Number(items[Math.max(active, 0)].dataset.node));
    } else if (event.key === "Escape") {
      matches.replaceChildren();
    }
  });

  function focusNode(i) {
    if (!visibleNodes[i]) {
      // A search finds what the filters hide: show it (and its type) again.
      typeShown[nodes[i].type] = true;
      const box = document.querySelector(`#type-filter input[data-name="${types[nodes[i].type].name}"]`);
      if (box) box.checked = true;
      $("isolated").checked = false;
      applyFilters();
    }
    const node = cy.getElementById("n" + i);
    cy.elements().unselect();
    node.select();
    cy.animate({ fit: { eles: node.closedNeighborhood(), padding: 60 }, duration: large ? 0 : 300 });
    showNode(i);
  }

  // ---- the panel ------------------------------------------------------------------------

  const panel = $("panel");

  function documentLine(doc) {
    const title = doc.title || doc.id;
    const safeUrl = doc.url && /^https?:\/\//i.test(doc.url) ? doc.url : null;
    return safeUrl
      ? el("a", { href: safeUrl, target: "_blank", rel: "noopener noreferrer" }, title)
      : el("span", {}, title);
  }

  /** The sentence with its trigger marked; offsets are Unicode code points within it. */
  function sentenceWithTrigger(text, [start, end]) {
    const chars = Array.from(text);
    const a = Math.max(0, Math.min(start, chars.length));
    const b = Math.max(a, Math.min(end, chars.length));
    return el("blockquote", {}, chars.slice(0, a).join(""), el("mark", {}, chars.slice(a, b).join("")), chars.slice(b).join(""));
  }

  function showEdge(i) {
    const e = edges[i];
    const relation = relations[e.relation];
    const source = nodes[e.source];
    const target = nodes[e.target];
    const documents = new Set(e.evidence.map((v) => data.sentences[v.sentence].doc));
    const arrow = relation.symmetric ? " ⟷ " : " → ";
    const facts = [];
    if (e.role) facts.push(["role", e.role]);
    if (e.cameo) facts.push(["CAMEO", e.cameo]);
    if (e.plover) facts.push(["PLOVER", e.plover]);
    if (edgeDates[i].length) facts.push(["dates", edgeDates[i].join(", ")]);
    const items = e.evidence.map((v) => {
      const sentence = data.sentences[v.sentence];
      const doc = data.documents[sentence.doc];
      const caller = v.caller !== undefined && nodeIndex.has(v.caller) ? nodes[nodeIndex.get(v.caller)].label : null;
      return el("li", { class: "evidence-item" },
        sentenceWithTrigger(sentence.text, v.trigger),
        el("div", { class: "source" },
          documentLine(doc),
          el("span", {}, `document ${doc.id}, sentence ${sentence.index + 1}`),
          doc.published ? el("span", {}, `published ${doc.published}`) : null,
          el("span", {}, v.date ? `event date ${v.date}` : "no event date"),
          el("span", { class: `badge ${v.modality}` }, v.modality),
          caller ? el("span", {}, `call placed by ${caller}`) : null));
    });
    const omitted = e.weight - e.evidence.length;
    panel.replaceChildren(
      el("h2", { class: "edge-title" }, source.label, arrow, target.label),
      el("p", { class: "meta" },
        el("span", { class: "relation-name", style: `color:${relation.color}` }, relation.name),
        ` · ${e.weight} sentence${e.weight === 1 ? "" : "s"} in ${documents.size} document${documents.size === 1 ? "" : "s"}`),
      facts.length ? el("dl", {}, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])) : null,
      el("ol", { class: "evidence" }, items),
      omitted > 0 ? el("p", { class: "hint" }, `${omitted} more sentence${omitted === 1 ? "" : "s"}: every one is in graph.json and the RDF exports.`) : null);
    panel.dataset.edge = String(i);
    delete panel.dataset.node;
  }

  function showNode(i) {
    const n = nodes[i];
    const facts = [["type", types[n.type].name], ["id", n.id], ["mentions", n.mentions]];
    if (n.wikidata) {
      facts.push(["Wikidata", el("a", { href: `https://www.wikidata.org/wiki/${encodeURIComponent(n.wikidata)}`, target: "_blank", rel: "noopener noreferrer" }, n.wikidata)]);
    }
    const aliases = n.aliases.filter((a) => a !== n.label);
    if (aliases.length) facts.push(["aliases", aliases.join(" · ")]);
    const links = [];
    edges.forEach((e, k) => {
      if (e.source !== i && e.target !== i) return;
      const relation = relations[e.relation];
      const other = nodes[e.source === i ? e.target : e.source];
      const direction = relation.symmetric ? "with" : e.source === i ? "→" : "←";
      links.push(el("li", {},
        el("span", { class: "relation-name", style: `color:${relation.color}` }, relation.name), ` ${direction} `,
        el("a", { class: "edge-link", onclick: () => selectEdge(k) }, other.label), ` (${e.weight})`));
    });
    panel.replaceChildren(
      el("h2", {}, n.label),
      el("dl", {}, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      links.length ? el("ul", { class: "links" }, links) : el("p", { class: "hint" }, "No relation."));
    panel.dataset.node = String(i);
    delete panel.dataset.edge;
  }

  function selectEdge(k) {
    cy.elements().unselect();
    cy.getElementById("e" + k).select(); // nothing when the filters hide it
    showEdge(k);
  }

  cy.on("tap", "edge", (event) => selectEdge(Number(event.target.id().slice(1))));
  cy.on("tap", "node", (event) => {
    const i = Number(event.target.id().slice(1));
    showNode(i);
  });

  updateCounts();
  // For tests and the curious: the Cytoscape instance and the embedded data.
  window.newsgraph = { cy, data, showEdge: selectEdge, showNode };
  document.body.dataset.ready = "true";
})();
