//! Where each entity goes in a drawing: a force-directed layout computed at export, so that
//! Gephi (GEXF `viz:position`) and the explorer open the graph readable without running one.
//!
//! The layout is ForceAtlas2, Gephi's own, as the [fa2] crate of the graphology project
//! implements it (Barnes–Hut repulsion from [`BARNES_HUT_NODES`] nodes), with the settings graphology infers
//! from the graph's order (strong gravity, which keeps separate components together) and a
//! gravity of 1, which keeps the small components close to the large one. It
//! runs on one thread from positions on a phyllotaxis spiral, so it is deterministic, and the
//! coordinates are rounded, so the exports stay byte-for-byte reproducible. The result is
//! scaled to a density that does not depend on the graph's size.
//!
//! Entities without edges take no part: in a force layout of everything they drift far out
//! and squeeze the graph into a knot. They stand in a grid beside it instead.
//!
//! [fa2]: https://crates.io/crates/fa2

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use fa2::{FA2Data, FA2Settings};

use crate::export::Format;
use crate::graph::KnowledgeGraph;

/// Iterations of ForceAtlas2: [`ITERATIONS`] for a graph of up to a few hundred linked
/// entities, else as many as [`NODE_ITERATIONS`] node moves allow (the cost grows with
/// nodes × iterations), at least [`MIN_ITERATIONS`]. Measured on generated corpora: at a
/// thousand entities the drawing is as good after 100 iterations as after 300 (linked
/// entities as close, relative to any two, and as many of an entity's neighbours among its
/// nearest); at 4,500 entities 40 iterations leave it visibly looser than 56.
const ITERATIONS: usize = 300;
const NODE_ITERATIONS: usize = 100_000;
const MIN_ITERATIONS: usize = 60;
/// From this many linked entities on, repulsion is approximated with a Barnes–Hut tree
/// (of opening angle [`BARNES_HUT_THETA`]) instead of summed over every pair: the exact sum
/// costs n² per iteration and, at a thousand entities, took as long as extracting 10 MB of
/// text. graphology switches at 2,048 nodes because it also lays out small graphs in a
/// browser, frame by frame.
const BARNES_HUT_NODES: usize = 500;
/// The Barnes–Hut opening angle: a group of entities is one mass for an entity farther than
/// its width divided by θ. Gephi's default is 1.2, graphology's 0.5. Measured on the generated
/// corpora, θ = 1 halves the layout's cost against 0.5 (360 M instructions instead of 720 M at
/// 10 MB, a thousand linked entities) and draws as well: linked entities as close, relative
/// to any two (mean distance 0.478 of that of any two at 10 MB and 100 MB, against 0.477 and
/// 0.482), and as many of an entity's neighbours among its nearest (5.1 % and 3.3 %, against
/// 5.0 % and 3.1 %).
const BARNES_HUT_THETA: f64 = 1.0;
/// Side of the square each linked entity gets on average, in layout units (GEXF's, about a
/// pixel at Gephi's zoom 1).
const SPACING: f64 = 90.0;
/// Node size (GEXF `viz:size`) of an entity without edges, and its growth with the square
/// root of the weighted degree (the number of sentences of its edges).
const BASE_SIZE: f64 = 3.0;
const SIZE_PER_SQRT_DEGREE: f64 = 1.5;
/// Pull towards the centre (graphology's inferred 0.05 lets small components drift off).
const GRAVITY: f64 = 1.0;
/// The grid of entities without edges: its distance from the graph, and the width and
/// height of a cell (wide enough for a name under each).
const GRID_GAP: f64 = 120.0;
const GRID_CELL: (f64, f64) = (150.0, 40.0);

impl Format {
    /// Whether the export places the entities in a drawing, which takes the graph's layout.
    pub fn draws(self) -> bool {
        matches!(self, Format::Gexf | Format::Html)
    }
}

/// Position and size of every entity, in the order of [`KnowledgeGraph::entities`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub(crate) nodes: Vec<Placement>,
}

/// One entity's place: centre and size (a radius), rounded to tenths.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placement {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) size: f64,
}

impl Layout {
    /// The layout of `graph`, its linked entities at `positions` (see [`Links::positions`]).
    fn of(graph: &KnowledgeGraph, positions: &[Option<(f64, f64)>]) -> Self {
        let index = places(graph);
        let mut weighted_degree = vec![0usize; index.len()];
        for edge in graph.edges() {
            weighted_degree[index[edge.source.id.as_str()]] += edge.weight();
            weighted_degree[index[edge.target.id.as_str()]] += edge.weight();
        }
        let sizes: Vec<f64> = weighted_degree
            .iter()
            .map(|&d| BASE_SIZE + SIZE_PER_SQRT_DEGREE * (d as f64).sqrt())
            .collect();
        let mut placed = positions.to_vec();
        // The others in a grid to the right of the graph, centred on its axis: rows of
        // names, so cells are wider than tall.
        let right = placed
            .iter()
            .zip(&sizes)
            .filter_map(|(p, size)| p.map(|(x, _)| x + size))
            .fold(0.0f64, f64::max);
        let unlinked: Vec<usize> = (0..placed.len()).filter(|&i| placed[i].is_none()).collect();
        let columns = unlinked.len().isqrt().max(1);
        let rows = unlinked.len().div_ceil(columns);
        for (k, &i) in unlinked.iter().enumerate() {
            let (row, column) = ((k / columns) as f64, (k % columns) as f64);
            let x = right + GRID_GAP + column * GRID_CELL.0;
            let y = (row - (rows as f64 - 1.0) / 2.0) * GRID_CELL.1;
            placed[i] = Some((x, y));
        }
        let round = |v: f64| (v * 10.0).round() / 10.0 + 0.0;
        Layout {
            nodes: placed
                .into_iter()
                .zip(sizes)
                .map(|(p, size)| {
                    let (x, y) = p.expect("every entity is placed");
                    Placement {
                        x: round(x),
                        y: round(y),
                        size: round(size),
                    }
                })
                .collect(),
        }
    }
}

/// A graph's [`Layout`], computed once, by the first export that draws the graph (GEXF and
/// the explorer page show the same one), or its ForceAtlas2 part ahead of time
/// ([`LazyLayout::start`]).
#[derive(Debug, Default)]
pub(crate) struct LazyLayout {
    /// Where each linked entity goes ([`Links::positions`]), shared with the task that
    /// computes it ahead of time.
    positions: Arc<OnceLock<Positions>>,
    layout: OnceLock<Layout>,
}

impl LazyLayout {
    /// Starts computing where `graph`'s linked entities go, on a thread of the pool. That
    /// depends on which entities are linked, not on the weights of the links, so it can run
    /// while the graph's evidence is still being sorted, and beside the exports that draw
    /// nothing: ForceAtlas2 runs on one thread, and would otherwise hold up the drawing
    /// exports. Whoever needs the layout first waits for the task (or, if the pool has not
    /// started it yet, computes the positions itself: they are the same).
    pub(crate) fn start(&self, graph: &KnowledgeGraph) {
        let links = Links::of(graph);
        let positions = Arc::clone(&self.positions);
        rayon::spawn(move || {
            positions.get_or_init(|| links.positions());
        });
    }

    /// The layout of `graph`, which must be the graph this was started with, if it was.
    pub(crate) fn get(&self, graph: &KnowledgeGraph) -> &Layout {
        self.layout.get_or_init(|| {
            let positions = self.positions.get_or_init(|| Links::of(graph).positions());
            Layout::of(graph, positions)
        })
    }
}

impl Clone for LazyLayout {
    /// A clone computes its own layout unless this one's is done: a graph builder cloned
    /// before its last edges may grow into another graph.
    fn clone(&self) -> Self {
        LazyLayout {
            positions: Arc::new(self.positions.as_ref().clone()),
            layout: self.layout.clone(),
        }
    }
}

/// Where each entity goes, by place in [`KnowledgeGraph::entities`]: None for an entity
/// without edges, which ForceAtlas2 does not place.
type Positions = Vec<Option<(f64, f64)>>;

/// The shape of a graph that ForceAtlas2 draws: its linked entities and their links.
struct Links {
    /// The number of entities.
    entities: usize,
    /// The entities with edges (by their place in [`KnowledgeGraph::entities`]), in order.
    linked: Vec<usize>,
    /// The pairs of linked entities, each once, as places in `linked`, sorted.
    links: Vec<(usize, usize)>,
}

impl Links {
    fn of(graph: &KnowledgeGraph) -> Self {
        let index = places(graph);
        let mut pairs = HashSet::new();
        for edge in graph.edges() {
            let (s, t) = (
                index[edge.source.id.as_str()],
                index[edge.target.id.as_str()],
            );
            pairs.insert((s.min(t), s.max(t)));
        }
        let mut is_linked = vec![false; index.len()];
        for &(s, t) in &pairs {
            (is_linked[s], is_linked[t]) = (true, true);
        }
        let linked: Vec<usize> = (0..index.len()).filter(|&i| is_linked[i]).collect();
        // The linked entities, renumbered for the layout.
        let mut slot = vec![usize::MAX; index.len()];
        for (k, &i) in linked.iter().enumerate() {
            slot[i] = k;
        }
        let mut links: Vec<(usize, usize)> =
            pairs.into_iter().map(|(s, t)| (slot[s], slot[t])).collect();
        links.sort_unstable();
        Links {
            entities: index.len(),
            linked,
            links,
        }
    }

    /// Where ForceAtlas2 puts each linked entity.
    fn positions(self) -> Positions {
        let mut placed = vec![None; self.entities];
        if !self.linked.is_empty() {
            let positions = force_atlas(self.linked.len(), &self.links);
            for (&i, xy) in self.linked.iter().zip(positions) {
                placed[i] = Some(xy);
            }
        }
        placed
    }
}

/// Each entity's place in [`KnowledgeGraph::entities`], by id.
fn places(graph: &KnowledgeGraph) -> HashMap<&str, usize> {
    graph
        .entities()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect()
}

/// ForceAtlas2 positions of `n` nodes linked by `links` (pairs of indices), scaled so
/// that the drawing's bounding square has [`SPACING`]² per node, centred on the origin.
fn force_atlas(n: usize, links: &[(usize, usize)]) -> Vec<(f64, f64)> {
    let mut data = FA2Data::<f64>::with_capacity(n, links.len());
    // A phyllotaxis spiral: every node apart from the others, no randomness.
    let golden_angle = std::f64::consts::PI * (3.0 - 5.0f64.sqrt());
    for i in 0..n {
        let (radius, angle) = ((i as f64 + 0.5).sqrt(), i as f64 * golden_angle);
        data.add_node_with_position(radius * angle.cos(), radius * angle.sin());
    }
    for &(s, t) in links {
        data.add_edge(s, t);
    }
    let iterations = (NODE_ITERATIONS / n).clamp(MIN_ITERATIONS, ITERATIONS);
    let mut settings = FA2Settings::from_graph_order(n).gravity(GRAVITY);
    if n >= BARNES_HUT_NODES {
        settings = settings.with_barnes_hut_theta(BARNES_HUT_THETA);
    }
    let mut layout = settings.build(data);
    layout.run(iterations);
    let positions: Vec<(f64, f64)> = layout.data().positions().collect();
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &positions {
        (min_x, max_x) = (min_x.min(x), max_x.max(x));
        (min_y, max_y) = (min_y.min(y), max_y.max(y));
    }
    let extent = (max_x - min_x).max(max_y - min_y);
    let scale = if extent > 0.0 {
        SPACING * (n as f64).sqrt() / extent
    } else {
        0.0
    };
    let (mid_x, mid_y) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    positions
        .into_iter()
        .map(|(x, y)| ((x - mid_x) * scale, (y - mid_y) * scale))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::edge::Evidence;
    use crate::entity::{Entity, EntityType};
    use crate::graph::GraphBuilder;
    use crate::schema::tests::kind;

    fn graph() -> KnowledgeGraph {
        let mut g = GraphBuilder::new();
        for name in [
            "Vakaria", "Bakaria", "Tessaly", "Orlan", "Lone One", "Lone Two",
        ] {
            g.add_entity(Entity::new(name, EntityType::State));
        }
        for (i, (s, t)) in [
            ("vakaria", "bakaria"),
            ("bakaria", "tessaly"),
            ("vakaria", "orlan"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut ev = Evidence::placeholder("d", None);
            ev.sentence = i;
            g.add_relation(s, kind("struck"), t, ev, None);
        }
        let mut ev = Evidence::placeholder("d", None);
        ev.sentence = 9;
        g.add_relation("vakaria", kind("struck"), "bakaria", ev, None);
        g.finish()
    }

    #[test]
    fn deterministic_finite_and_rounded() {
        let (a, b) = (graph().layout().clone(), graph().layout().clone());
        assert_eq!(a, b);
        assert_eq!(a.nodes.len(), 6);
        for p in &a.nodes {
            for v in [p.x, p.y, p.size] {
                assert!(v.is_finite() && (v * 10.0).fract() == 0.0, "{p:?}");
            }
        }
    }

    /// A layout started ahead of time is the one computed when first needed, and a graph
    /// grown from a clone of the builder gets its own.
    #[test]
    fn a_layout_started_ahead_is_the_same() {
        let started = graph();
        started.start_layout();
        assert_eq!(started.layout(), graph().layout());
        let mut builder = GraphBuilder::new();
        for name in ["Vakaria", "Bakaria", "Tessaly"] {
            builder.add_entity(Entity::new(name, EntityType::State));
        }
        builder.add_relation(
            "vakaria",
            kind("struck"),
            "bakaria",
            Evidence::placeholder("d", None),
            None,
        );
        let mut grown = builder.clone();
        grown.add_relation(
            "bakaria",
            kind("struck"),
            "tessaly",
            Evidence::placeholder("d", None),
            None,
        );
        let (small, grown) = (builder.finish(), grown.finish());
        small.start_layout();
        let tessaly = |g: &KnowledgeGraph| {
            let i = g.entities().position(|e| e.id == "tessaly").unwrap();
            g.layout().nodes[i]
        };
        assert_eq!(tessaly(&small).size, BASE_SIZE);
        assert!(tessaly(&grown).size > BASE_SIZE, "{:?}", tessaly(&grown));
        assert_ne!(small.layout().nodes[0], grown.layout().nodes[0]);
    }

    #[test]
    fn unlinked_entities_stand_aside_and_size_grows_with_weighted_degree() {
        let g = graph();
        let layout = g.layout();
        let place: BTreeMap<&str, Placement> = g
            .entities()
            .map(|e| e.id.as_str())
            .zip(layout.nodes.iter().copied())
            .collect();
        let linked = ["vakaria", "bakaria", "tessaly", "orlan"];
        let right = linked
            .iter()
            .map(|id| place[id].x + place[id].size)
            .fold(f64::MIN, f64::max);
        for id in ["lone-one", "lone-two"] {
            assert!(
                place[id].x > right,
                "{id} at {:?}, the graph ends at {right}",
                place[id]
            );
            assert_eq!(place[id].size, BASE_SIZE);
        }
        // Vakaria: 3 sentences; Orlan: 1.
        assert!(place["vakaria"].size > place["orlan"].size);
        assert!(place["orlan"].size > BASE_SIZE);
        // Linked entities do not overlap.
        for (i, a) in linked.iter().enumerate() {
            for b in &linked[i + 1..] {
                let (p, q) = (place[a], place[b]);
                let distance = ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt();
                assert!(
                    distance > p.size + q.size,
                    "{a} and {b} overlap: {p:?} {q:?}"
                );
            }
        }
    }

    #[test]
    fn empty_and_edgeless_graphs_are_placed() {
        assert!(KnowledgeGraph::new().layout().nodes.is_empty());
        let mut g = GraphBuilder::new();
        g.add_entity(Entity::new("Alone", EntityType::Place));
        let g = g.finish();
        let layout = g.layout();
        assert_eq!(layout.nodes.len(), 1);
        assert!(layout.nodes[0].x.is_finite());
    }
}
