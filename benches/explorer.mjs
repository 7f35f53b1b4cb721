// Responsiveness of the explorer page (graph.html) in Debian's Chromium, headless, for the
// graphs of the directories given: load to first drawing, redraw after a filter, a frame of
// panning and zooming, a click to the evidence panel, a search, and drawing every relation
// (Reset filters, on a graph that opens with its best-attested relations only).
// benches/explorer.sh builds the graphs and runs this; see BENCHMARKS.md.
//
//   node benches/explorer.mjs DIR...        (each DIR holds a graph.html)
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { launch } from "../tests/browser/chromium.mjs";

const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function measure(dir) {
  const page = pathToFileURL(resolve(join(dir, "graph.html"))).href;
  const mb = statSync(join(dir, "graph.html")).size / 1e6;
  const loads = [];
  const result = { dir, mb };
  for (let run = 0; run < RUNS; run++) {
    const browser = await launch();
    try {
      const tab = await browser.context.newPage();
      await tab.goto(page, { timeout: 300_000 });
      await tab.waitForSelector("body[data-ready=true]", { timeout: 300_000 });
      // From the start of navigation to the second frame after the script ran: the graph is
      // on screen (performance.now() counts from the navigation's start).
      loads.push(await tab.evaluate(() => new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => done(Math.round(performance.now())))))));
      if (run > 0) continue;
      Object.assign(result, await tab.evaluate(() => {
        const { cy, data } = window.newsgraph;
        return { nodes: data.nodes.length, edges: data.edges.length, opening: [cy.nodes().length, cy.edges().length] };
      }));
      // A filter: hide and show the most common relation, to the frame after each.
      result.filter = await tab.evaluate(async () => {
        const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const boxes = [...document.querySelectorAll("#relation-filter input")];
        const box = boxes.reduce((a, b) => (Number(a.parentElement.querySelector(".n").textContent.replace(/,/g, ""))
          >= Number(b.parentElement.querySelector(".n").textContent.replace(/,/g, "")) ? a : b));
        const times = [];
        for (let k = 0; k < 6; k++) {
          const t = performance.now();
          box.click();
          await frame();
          times.push(performance.now() - t);
        }
        return times;
      });
      // Panning and zooming: 120 frames of small steps, the time between frames.
      result.frames = await tab.evaluate(async () => {
        const { cy } = window.newsgraph;
        const times = [];
        let last = performance.now();
        for (let k = 0; k < 120; k++) {
          if (k % 2) cy.panBy({ x: 7, y: 3 });
          else cy.zoom({ level: cy.zoom() * (k % 40 < 20 ? 1.03 : 1 / 1.03), renderedPosition: { x: 400, y: 300 } });
          await new Promise((done) => requestAnimationFrame(done));
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        cy.fit(undefined, 30);
        return times;
      });
      // A click on the heaviest edge whose ends lie apart (a click between two overlapping
      // entities lands on an entity), to its evidence in the panel.
      result.click = await tab.evaluate(async () => {
        const { cy, data } = window.newsgraph;
        const apart = (e) => {
          const [s, t] = [e.source().position(), e.target().position()];
          return Math.hypot(s.x - t.x, s.y - t.y) > 3 * (e.source().width() + e.target().width());
        };
        const edge = cy.edges().filter(apart).max((e) => data.edges[Number(e.id().slice(1))].weight).ele;
        cy.fit(edge.connectedNodes(), 200);
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        // The point of the edge farthest from every entity drawn (one may lie on its line).
        const box = document.getElementById("cy").getBoundingClientRect();
        const [s, t] = [edge.source().renderedPosition(), edge.target().renderedPosition()];
        const others = cy.nodes().map((n) => [n.renderedPosition(), n.renderedWidth() / 2]);
        let best = null;
        for (let k = 1; k < 20; k++) {
          const p = { x: s.x + ((t.x - s.x) * k) / 20, y: s.y + ((t.y - s.y) * k) / 20 };
          const room = Math.min(...others.map(([q, r]) => Math.hypot(p.x - q.x, p.y - q.y) - r));
          if (!best || room > best.room) best = { ...p, room };
        }
        return { x: box.left + best.x, y: box.top + best.y, weight: data.edges[Number(edge.id().slice(1))].weight };
      });
      const before = Date.now();
      await tab.mouse.click(result.click.x, result.click.y);
      await tab.waitForSelector("#panel .evidence-item");
      await tab.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      result.click.ms = Date.now() - before;
      // A search: a prefix typed, to the list of matches.
      const name = await tab.evaluate(() => window.newsgraph.data.nodes[0].label.slice(0, 4));
      const typed = Date.now();
      await tab.fill("#search", name);
      await tab.waitForSelector("#matches li");
      result.search = Date.now() - typed;
      await tab.fill("#search", "");
      // Every relation drawn: Reset filters, to the frame after it.
      result.all = await tab.evaluate(async () => {
        const t = performance.now();
        document.getElementById("reset").click();
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return { ms: performance.now() - t, drawn: window.newsgraph.cy.elements().length };
      });
    } finally {
      await browser.close();
    }
  }
  result.load = loads;
  return result;
}

const fmt = (x) => x.toFixed(0);
for (const dir of process.argv.slice(2)) {
  const r = await measure(dir);
  console.log(
    `${r.dir}: ${r.nodes} nodes, ${r.edges} edges, ${r.mb.toFixed(1)} MB page | ` +
      `load to first frame median ${fmt(median(r.load))} ms (runs ${r.load.join(", ")}) | ` +
      `filter toggle median ${fmt(median(r.filter))} ms, max ${fmt(Math.max(...r.filter))} | ` +
      `pan/zoom frame median ${fmt(median(r.frames))} ms, p95 ${fmt(percentile(r.frames, 0.95))} | ` +
      `click to evidence panel ${r.click.ms} ms (edge of weight ${r.click.weight}) | search ${r.search} ms | ` +
      `opens with ${r.opening[0]} nodes, ${r.opening[1]} edges drawn; all ${r.all.drawn} elements drawn (Reset) ${fmt(r.all.ms)} ms`,
  );
}
