// The explorer page in a real browser: Debian's Chromium, headless, opens graph.html from a
// file URL and must draw the whole graph, filter it, find names, and show the sentences of
// the Iran → Pakistan strike on a click, without a single request beyond the file.
//
//   node --test tests/browser/        (tests/run.sh runs it on a fresh build)
//
// NEWSGRAPH_OUT is the directory of the exports (default out/); seeds/ holds the articles
// whose sentences the panel must show. NEWSGRAPH_SCREENSHOT, when set, is where the screenshot
// of the page with the panel open is saved (the README's is tests/browser/explorer.png);
// otherwise it goes to a temporary file.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { launch } from "./chromium.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT = resolve(process.env.NEWSGRAPH_OUT || join(REPO, "out"));
const PAGE = pathToFileURL(join(OUT, "graph.html")).href;
const graph = JSON.parse(readFileSync(join(OUT, "graph.json"), "utf8"));
const squash = (s) => s.replace(/\s+/g, " ").trim();
/** A piece of evidence's sentence, from graph.json's table of sentences. */
const sentenceOf = (evidence) => graph.graph.sentences[evidence.doc][String(evidence.sentence)];
const seedText = readdirSync(join(REPO, "seeds"))
  .filter((f) => f.endsWith(".txt"))
  .map((f) => squash(readFileSync(join(REPO, "seeds", f), "utf8")))
  .join("\n");

let browser;
let page;
const requests = [];
const problems = [];

before(async () => {
  browser = await launch();
  browser.context.on("request", (request) => requests.push(request.url()));
  page = await browser.context.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  await page.goto(PAGE);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
});

/** Counts the page shows: all entities and relations, and those the filters let through. */
const counts = () => page.$eval("#counts", (c) => ({ ...c.dataset, text: c.textContent }));
const label = (id) => graph.nodes.find((n) => n.id === id).label;

test("the page draws every entity and relation of graph.json", async () => {
  const c = await counts();
  assert.equal(Number(c.nodes), graph.nodes.length);
  assert.equal(Number(c.edges), graph.edges.length);
  assert.equal(Number(c.shownNodes), graph.nodes.length);
  assert.equal(Number(c.shownEdges), graph.edges.length);
  assert.match(c.text, new RegExp(`^${graph.nodes.length} entities · ${graph.edges.length} relations`));
  const drawn = await page.evaluate(() => {
    const cy = window.newsgraph.cy;
    return {
      nodes: cy.nodes().map((n) => n.data("label")).sort(),
      edges: cy.edges().length,
      visible: cy.elements(":visible").length,
      canvases: document.querySelectorAll("#cy canvas").length,
    };
  });
  assert.deepEqual(drawn.nodes, graph.nodes.map((n) => n.label).sort());
  assert.equal(drawn.edges, graph.edges.length);
  assert.equal(drawn.visible, graph.nodes.length + graph.edges.length);
  assert.ok(drawn.canvases > 0, "Cytoscape drew no canvas");
});

test("a click on the Iran → Pakistan strike shows its sentences from the seeds", async () => {
  const edge = graph.edges.find((e) => e.source === "iran" && e.target === "pakistan" && e.relation === "struck");
  assert.ok(edge, "graph.json has no iran → pakistan struck edge");
  // Bring the edge into view, then click where Chromium drew it: the point of its middle
  // stretch (where it stands apart from its parallel edges) farthest from every entity.
  const point = await page.evaluate(() => {
    const { cy, data } = window.newsgraph;
    const i = data.edges.findIndex((e) => data.nodes[e.source].id === "iran" && data.nodes[e.target].id === "pakistan"
      && data.relations[e.relation].name === "struck");
    const e = cy.getElementById("e" + i);
    cy.fit(e.connectedNodes(), 150);
    const [p0, p2] = [e.sourceEndpoint(), e.targetEndpoint()];
    const c = (e.controlPoints() || [])[0] || { x: (p0.x + p2.x) / 2, y: (p0.y + p2.y) / 2 };
    const on = (t) => ({ // the quadratic Bézier curve Cytoscape draws, in model coordinates
      x: (1 - t) ** 2 * p0.x + 2 * (1 - t) * t * c.x + t ** 2 * p2.x,
      y: (1 - t) ** 2 * p0.y + 2 * (1 - t) * t * c.y + t ** 2 * p2.y,
    });
    const room = (p) => Math.min(...cy.nodes().map((n) => {
      const q = n.position();
      return Math.hypot(p.x - q.x, p.y - q.y) - n.width() / 2;
    }));
    let best = on(0.5);
    for (let t = 0.3; t <= 0.7; t += 0.05) if (room(on(t)) > room(best)) best = on(t);
    const box = document.getElementById("cy").getBoundingClientRect();
    const [zoom, pan] = [cy.zoom(), cy.pan()];
    return { x: box.left + pan.x + zoom * best.x, y: box.top + pan.y + zoom * best.y };
  });
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector("#panel .evidence-item");
  const panel = await page.evaluate(() => ({
    title: document.querySelector("#panel h2").textContent,
    meta: document.querySelector("#panel .meta").textContent,
    items: [...document.querySelectorAll("#panel .evidence-item")].map((li) => ({
      sentence: li.querySelector("blockquote").textContent,
      trigger: li.querySelector("mark").textContent,
      source: li.querySelector(".source").textContent,
    })),
  }));
  assert.equal(panel.title, `${label("iran")} → ${label("pakistan")}`);
  assert.match(panel.meta, new RegExp(`^struck · ${edge.weight} sentences? in ${edge.documents.length} documents?`));
  const limit = await page.evaluate(() => window.newsgraph.data.evidence_limit);
  assert.equal(panel.items.length, Math.min(edge.evidence.length, limit));
  panel.items.forEach((item, k) => {
    const evidence = edge.evidence[k];
    assert.equal(item.sentence, sentenceOf(evidence));
    assert.equal(item.trigger, evidence.trigger);
    assert.ok(item.source.includes(`document ${evidence.doc}`), item.source);
    assert.ok(item.source.includes(evidence.modality), item.source);
    if (evidence.date) assert.ok(item.source.includes(`event date ${evidence.date}`), item.source);
  });
  const fromSeeds = panel.items.filter((item) => seedText.includes(squash(item.sentence)));
  assert.ok(fromSeeds.length > 0, "no sentence of the panel is in seeds/");

  const shot = process.env.NEWSGRAPH_SCREENSHOT || join(mkdtempSync(join(tmpdir(), "newsgraph-shot-")), "explorer.png");
  await page.screenshot({ path: shot });
});

test("filters by relation, type and date", async () => {
  const byRelation = (r) => graph.edges.filter((e) => e.relation === r).length;
  await page.click('#relation-filter input[data-name="struck"]');
  assert.equal(Number((await counts()).shownEdges), graph.edges.length - byRelation("struck"));
  await page.click('#relation-filter input[data-name="struck"]');
  assert.equal(Number((await counts()).shownEdges), graph.edges.length);

  // Hiding a type hides its entities and their relations.
  const officials = new Set(graph.nodes.filter((n) => n.type === "Official").map((n) => n.id));
  await page.click('#type-filter input[data-name="Official"]');
  let c = await counts();
  assert.equal(Number(c.shownNodes), graph.nodes.length - officials.size);
  assert.equal(Number(c.shownEdges), graph.edges.filter((e) => !officials.has(e.source) && !officials.has(e.target)).length);
  await page.click('#type-filter input[data-name="Official"]');

  // Relations of at least two sentences.
  await page.fill("#min-weight", "2");
  await page.dispatchEvent("#min-weight", "change");
  assert.equal(Number((await counts()).shownEdges), graph.edges.filter((e) => e.weight >= 2).length);
  assert.equal(await page.evaluate(() => window.newsgraph.cy.edges().length), graph.edges.filter((e) => e.weight >= 2).length);
  await page.fill("#min-weight", "1");
  await page.dispatchEvent("#min-weight", "change");

  // One day: the relations dated that day, with or without the undated ones.
  const days = [...new Set(graph.edges.flatMap((e) => e.evidence.map((v) => v.date).filter(Boolean)))].sort();
  const day = days[days.length - 1];
  const onDay = graph.edges.filter((e) => e.evidence.some((v) => v.date === day)).length;
  const undated = graph.edges.filter((e) => !e.evidence.some((v) => v.date)).length;
  await page.fill("#date-from", day);
  await page.dispatchEvent("#date-from", "change");
  c = await counts();
  assert.equal(Number(c.shownEdges), onDay + undated);
  await page.click("#undated");
  c = await counts();
  assert.equal(Number(c.shownEdges), onDay);
  await page.click("#isolated");
  c = await counts();
  const ends = new Set(graph.edges.filter((e) => e.evidence.some((v) => v.date === day)).flatMap((e) => [e.source, e.target]));
  assert.equal(Number(c.shownNodes), ends.size);
  await page.click("#reset");
  c = await counts();
  assert.equal(Number(c.shownNodes), graph.nodes.length);
  assert.equal(Number(c.shownEdges), graph.edges.length);
  const drawn = await page.evaluate(() => [window.newsgraph.cy.nodes().length, window.newsgraph.cy.edges().length]);
  assert.deepEqual(drawn, [graph.nodes.length, graph.edges.length]);
});

test("search finds a name by any of its spellings", async () => {
  // An entity known by another spelling than its label (the first in id order, one of
  // several words if there is one), looked for by that spelling in lower case.
  const other = (n) => n.aliases.find((a) => a !== n.label && a.includes(" ")) || n.aliases.find((a) => a !== n.label);
  const entity = graph.nodes.find((n) => other(n)?.includes(" ")) || graph.nodes.find(other);
  assert.ok(entity, "graph.json has no entity with an alias");
  await page.fill("#search", other(entity).toLowerCase());
  const options = await page.$$eval("#matches li", (items) => items.map((li) => li.textContent));
  const k = options.findIndex((o) => o.startsWith(entity.label));
  assert.ok(k >= 0, `no match for ${other(entity)}: ${options}`);
  await page.click(`#matches li:nth-child(${k + 1})`);
  await page.waitForFunction((name) => document.querySelector("#panel h2")?.textContent === name, entity.label);
  const panel = await page.textContent("#panel");
  assert.ok(panel.includes(entity.type) && panel.includes(entity.id), panel);
  const selected = await page.evaluate(() => window.newsgraph.cy.$("node:selected").map((n) => n.data("label")));
  assert.deepEqual(selected, [entity.label]);
});

test("the page makes no request beyond its own file, and reports no error", () => {
  assert.ok(requests.length > 0, "no request seen at all");
  const elsewhere = requests.filter((url) => url !== PAGE && !url.startsWith("data:"));
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(problems, []);
});
