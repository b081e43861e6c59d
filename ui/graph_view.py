"""The Graph page's interactive network: one self-contained HTML document, usable offline.

vis-network draws it (pan, zoom, drag). Its JavaScript comes from the pyvis package, which bundles
vis-network 9.1.2, and is inlined into the page: nothing is fetched from a CDN. Every edge carries its
evidence (quotes with paper and page) in the document, so clicking an edge shows them in the side panel
without a round trip to the server.

Edges are coloured by polarity, as wide as their belief, and dashed when the evidence is contested.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from string import Template
from typing import Any

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Edge

VIS_NETWORK = ("lib", "vis-9.1.2", "vis-network.min.js")  # inside the pyvis package
POLARITY_COLOURS = {"+": "#2e7d32", "-": "#c62828", "0": "#757575", None: "#6a1b9a"}
POLARITY_NAMES = {"+": "increases", "-": "decreases", "0": "no effect", None: "mixed or unknown"}
DROPPED_COLOUR = "#bdbdbd"
MAX_QUOTES_PER_EDGE = 25
LARGE_GRAPH_NODES = 120  # above this, vis-network's "improved layout" is too slow to be worth it


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's JavaScript, read from the pyvis package (installed with causemap)."""
    path = resources.files("pyvis").joinpath(*VIS_NETWORK)
    return path.read_text(encoding="utf-8")


def edge_width(belief: float) -> float:
    return round(1.0 + 7.0 * max(0.0, min(belief, 1.0)), 2)


def network_data(
    graph: KnowledgeGraph,
    dag: CandidateDAG | None = None,
    max_quotes: int = MAX_QUOTES_PER_EDGE,
) -> dict[str, Any]:
    """Nodes, edges and per-edge evidence for vis-network.

    With ``dag``, only its edges are drawn in colour; the edges it dropped are drawn grey and thin,
    with the reason in their tooltip and panel.
    """
    kept = set(dag.edges) if dag is not None else None
    dropped = {tuple(d.edge): d.reason for d in dag.dropped} if dag is not None else {}
    degree: dict[str, int] = {}
    edges, evidence = [], {}
    for index, ((source, target), edge) in enumerate(graph.edges.items()):
        if kept is not None and (source, target) not in kept and (source, target) not in dropped:
            continue  # below the belief filter when the DAG was built, or not part of this reading
        edge_id = f"e{index}"
        reason = dropped.get((source, target))
        degree[source] = degree.get(source, 0) + 1
        degree[target] = degree.get(target, 0) + 1
        edges.append(_vis_edge(edge_id, edge, reason))
        evidence[edge_id] = _edge_panel(graph, edge, reason, max_quotes)
    nodes = [
        {
            "id": v.id,
            "label": v.label,
            "title": v.label + (f"\nalso: {', '.join(v.aliases)}" if v.aliases else ""),
            "value": degree.get(v.id, 0) + 1,
        }
        for v in graph.variables.values()
        if v.id in degree or kept is None
    ]
    return {"nodes": nodes, "edges": edges, "evidence": evidence}


def _vis_edge(edge_id: str, edge: Edge, dropped_reason: str | None) -> dict[str, Any]:
    summary = (
        f"belief {edge.belief:.2f} · {POLARITY_NAMES.get(edge.polarity, edge.polarity)} · "
        f"{edge.n_papers} paper(s), {edge.n_claims} claim(s)" + (" · contested" if edge.contradiction else "")
    )
    if dropped_reason is not None:
        return {
            "id": edge_id,
            "from": edge.source,
            "to": edge.target,
            "arrows": "to",
            "color": _colour(DROPPED_COLOUR),
            "width": 1,
            "dashes": [2, 6],
            "title": f"dropped from this DAG: {dropped_reason}\n{summary}",
        }
    return {
        "id": edge_id,
        "from": edge.source,
        "to": edge.target,
        "arrows": "to",
        "color": _colour(POLARITY_COLOURS.get(edge.polarity, POLARITY_COLOURS[None])),
        "width": edge_width(edge.belief),
        "dashes": bool(edge.contradiction),
        "title": summary,
    }


def _colour(colour: str) -> dict[str, Any]:
    # The same colour when selected or hovered: a selected edge must still show its polarity.
    return {"color": colour, "highlight": colour, "hover": colour, "inherit": False}


def _edge_panel(
    graph: KnowledgeGraph, edge: Edge, dropped_reason: str | None, max_quotes: int
) -> dict[str, Any]:
    label = {v.id: v.label for v in graph.variables.values()}
    return {
        "source": label.get(edge.source, edge.source),
        "target": label.get(edge.target, edge.target),
        "belief": round(edge.belief, 3),
        "polarity": POLARITY_NAMES.get(edge.polarity, str(edge.polarity)),
        "polarity_counts": dict(edge.polarity_counts),
        "n_papers": edge.n_papers,
        "n_claims": edge.n_claims,
        "designs": [str(getattr(d, "value", d)) for d in edge.designs],
        "contested": bool(edge.contradiction),
        "dropped": dropped_reason,
        "evidence": [
            {
                "quote": e.quote,
                "paper": e.title or e.paper_id[:12],
                "page": e.page,
                "design": e.design.value,
                "polarity": e.polarity,
                "hedged": e.hedged,
                "negated": e.negated,
                "state": e.state.value,
            }
            for e in edge.evidence[:max_quotes]
        ],
        "more": max(0, len(edge.evidence) - max_quotes),
    }


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element, whatever text the papers contain."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def network_html(
    graph: KnowledgeGraph,
    dag: CandidateDAG | None = None,
    height: int = 620,
    max_quotes: int = MAX_QUOTES_PER_EDGE,
) -> str:
    """A complete HTML document showing ``graph`` (or one candidate DAG of it), with the evidence panel."""
    data = network_data(graph, dag, max_quotes)
    return _PAGE.substitute(
        vis_js=vis_network_js(),
        data=_script_json(data),
        height=height,
        improved_layout="false" if len(data["nodes"]) > LARGE_GRAPH_NODES else "true",
        legend=_legend_html(),
    )


def _legend_html() -> str:
    items = [
        f'<span><i style="background:{POLARITY_COLOURS[p]}"></i>{POLARITY_NAMES[p]}</span>'
        for p in ("+", "-", "0", None)
    ]
    items.append("<span>width = belief</span><span>dashed = contested</span>")
    return "".join(items)


def narrowed(
    graph: KnowledgeGraph, designs: Iterable[str] = (), variables: Iterable[str] = ()
) -> KnowledgeGraph:
    """The part of ``graph`` the user asked to see: edges with evidence from one of ``designs``, and
    edges touching one of ``variables`` (each filter ignored when empty). Nothing is recomputed."""
    wanted_designs, wanted_vars = set(designs), set(variables)
    edges = {
        key: edge
        for key, edge in graph.edges.items()
        if (not wanted_designs or wanted_designs & {str(getattr(d, "value", d)) for d in edge.designs})
        and (not wanted_vars or wanted_vars & set(key))
    }
    if not wanted_designs and not wanted_vars:
        return graph
    keep = {v for key in edges for v in key} | wanted_vars
    return KnowledgeGraph(
        variables={vid: v for vid, v in graph.variables.items() if vid in keep},
        edges=edges,
        contradictions=[c for c in graph.contradictions if (c.source, c.target) in edges],
        candidates=[
            CandidateDAG(
                c.rank,
                c.score,
                [e for e in c.edges if e in edges],
                [d for d in c.dropped if tuple(d.edge) in edges],
            )
            for c in graph.candidates
        ],
    )


def edge_choices(graph: KnowledgeGraph, edges: Iterable[tuple[str, str]] | None = None) -> dict[str, tuple]:
    """Edges by a readable name ("smoking → lung cancer (0.91)"), strongest first, for a select box."""
    label = {v.id: v.label for v in graph.variables.values()}
    keys = list(edges) if edges is not None else list(graph.edges)
    keys.sort(key=lambda k: -graph.edges[k].belief)
    return {
        f"{label.get(s, s)} → {label.get(t, t)} ({graph.edges[(s, t)].belief:.2f})": (s, t) for s, t in keys
    }


_PAGE = Template(
    """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>
  body { margin:0; font-family: "Source Sans Pro", system-ui, sans-serif; font-size:14px; color:#262730; }
  #wrap { display:flex; gap:8px; height:${height}px; }
  #net { flex:1 1 68%; border:1px solid #ddd; border-radius:6px; min-width:0; }
  #panel { flex:1 1 32%; overflow-y:auto; border:1px solid #ddd; border-radius:6px; padding:8px 10px; }
  #panel h4 { margin:2px 0 6px 0; font-size:15px; }
  #panel .meta { color:#555; font-size:12px; margin-bottom:6px; }
  #panel blockquote { margin:6px 0; padding:4px 8px; border-left:3px solid #90caf9; background:#f7f9fc;
    font-size:13px; }
  #panel .cite { color:#555; font-size:12px; margin:0 0 8px 11px; }
  #legend { font-size:12px; color:#555; margin-top:4px; }
  #legend span { margin-right:14px; }
  #legend i { display:inline-block; width:18px; height:4px; margin-right:4px; vertical-align:middle; }
  div.vis-tooltip { position:absolute; visibility:hidden; padding:5px; white-space:pre-line;
    background:#f5f4ed; border:1px solid #808074; border-radius:3px; font-size:12px; pointer-events:none;
    z-index:5; max-width:360px; }
</style></head>
<body>
<div id="wrap"><div id="net"></div>
<div id="panel"><div class="meta">Click an edge to see its evidence; drag to move, scroll to zoom.</div></div>
</div>
<div id="legend">${legend}</div>
<script>${vis_js}</script>
<script>
(function () {
  const data = ${data};
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const options = {
    layout: { improvedLayout: ${improved_layout} },
    nodes: { shape: "dot", scaling: { min: 8, max: 28 }, font: { size: 14 }, color: "#90a4ae" },
    edges: { smooth: { type: "continuous" }, arrows: { to: { scaleFactor: 0.6 } } },
    physics: { solver: "barnesHut", stabilization: { iterations: 200, fit: true },
               barnesHut: { gravitationalConstant: -6000, springLength: 140 } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.edges.length > 500 },
  };
  const network = new vis.Network(document.getElementById("net"), { nodes, edges }, options);
  const panel = document.getElementById("panel");

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function showEdge(id) {
    const info = data.evidence[id];
    if (!info) return;
    panel.replaceChildren();
    panel.appendChild(el("h4", info.source + " \\u2192 " + info.target));
    const signs = { "+": "increases", "-": "decreases", "0": "no effect" };
    const counts = Object.entries(info.polarity_counts).filter(([k, v]) => v > 0)
      .map(([k, v]) => v + " \u00d7 " + (signs[k] || k)).join(", ");
    panel.appendChild(el("div", "belief " + info.belief + " \\u00b7 " + info.polarity + " \\u00b7 " +
      info.n_papers + " paper(s), " + info.n_claims + " claim(s)" + (counts ? " \\u00b7 " + counts : "") +
      (info.contested ? " \\u00b7 contested" : ""), "meta"));
    if (info.designs.length) panel.appendChild(el("div", "designs: " + info.designs.join(", "), "meta"));
    if (info.dropped) panel.appendChild(el("div", "dropped from this DAG: " + info.dropped, "meta"));
    info.evidence.forEach(function (ev) {
      panel.appendChild(el("blockquote", ev.quote, "quote"));
      const flags = [ev.design, ev.polarity ? "polarity " + ev.polarity : "",
                     ev.hedged ? "hedged" : "", ev.negated ? "negated" : "", ev.state].filter(Boolean);
      const where = ev.paper + ", p. " + ev.page;
      panel.appendChild(el("div", where + " \\u00b7 " + flags.join(" \\u00b7 "), "cite"));
    });
    if (info.more) panel.appendChild(el("div", "\\u2026 and " + info.more + " more", "meta"));
    panel.dataset.edge = id;
  }
  function showNode(id) {
    const node = nodes.get(id);
    panel.replaceChildren();
    panel.appendChild(el("h4", node.label));
    panel.appendChild(el("div", node.title, "meta"));
    const linked = network.getConnectedEdges(id);
    panel.appendChild(el("div", linked.length + " edge(s); click one to see its evidence.", "meta"));
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });  // hold still once laid out; dragging still works
    document.body.dataset.ready = "1";
  });
  // For tests and scripts: where an edge's midpoint is on screen, and the panel renderer.
  window.causemap = {
    network: network,
    showEdge: showEdge,
    edgeIds: function () { return edges.getIds(); },
    edgePoint: function (id) {
      const e = network.body.edges[id];
      const p = e && e.edgeType && e.edgeType.getPoint ? e.edgeType.getPoint(0.5) : null;
      if (p) return network.canvasToDOM(p);
      const pos = network.getPositions([e.fromId, e.toId]);
      const a = pos[e.fromId], b = pos[e.toId];
      return network.canvasToDOM({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    },
  };
})();
</script>
</body></html>
"""
)
