"""The Graph page's interactive network: one self-contained HTML document, usable offline.

vis-network draws it (pan, zoom, drag). Its JavaScript comes from the pyvis package, which bundles
vis-network 9.1.2, and is inlined into the page: nothing is fetched from a CDN. Every edge carries its
evidence (quotes with paper and page) in the document, so clicking an edge shows them in the side panel
without a round trip to the server.

Edges are coloured by polarity, as wide as their belief, and dashed when the evidence is contested.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from string import Template
from typing import Any

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Edge
from causemap.ui.labels import (
    design_label,
    edge_polarity,
    polarity_breakdown,
    polarity_label,
    role_label,
)

VIS_NETWORK = ("lib", "vis-9.1.2", "vis-network.min.js")  # inside the pyvis package
POLARITY_COLOURS = {"+": "#2e7d32", "-": "#c62828", "0": "#757575", None: "#6a1b9a"}
LEGEND_NAMES = {"+": "increases", "-": "decreases", "0": "no effect", None: "mixed or unknown"}
DROPPED_COLOUR = "#bdbdbd"
NODE_COLOUR, FOCUS_COLOUR = "#90a4ae", "#ff8f00"
MAX_QUOTES_PER_EDGE = 25
MAX_LABEL_CHARS = 40  # longer names are cut on the canvas; the tooltip and panel show them whole
LARGE_GRAPH_NODES = 120  # above this, vis-network's "improved layout" is too slow to be worth it
CURVED_EDGES_UP_TO = 400  # curved edges cost a Bezier per edge per frame; straight ones above this
Position = tuple[float, float]


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's JavaScript, read from the pyvis package (installed with causemap)."""
    path = resources.files("pyvis").joinpath(*VIS_NETWORK)
    return path.read_text(encoding="utf-8")


def edge_width(belief: float) -> float:
    return round(1.0 + 7.0 * max(0.0, min(belief, 1.0)), 2)


def short_label(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "\u2026"


def network_data(
    graph: KnowledgeGraph,
    dag: CandidateDAG | None = None,
    max_quotes: int = MAX_QUOTES_PER_EDGE,
    positions: Mapping[str, Position] | None = None,
    focus: str | None = None,
) -> dict[str, Any]:
    """Nodes, edges and per-edge evidence for vis-network.

    With ``dag``, only its edges are drawn in colour; the edges it dropped are drawn grey and thin,
    with the reason in their tooltip and panel. With ``positions``, nodes are placed there and the
    browser runs no physics. ``focus`` is drawn larger and in another colour.
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
    nodes = []
    for v in graph.variables.values():
        if v.id not in degree and kept is not None and v.id != focus:
            continue
        node: dict[str, Any] = {
            "id": v.id,
            "label": short_label(v.label),
            "name": v.label,
            "title": v.label + (f"\nalso: {', '.join(v.aliases)}" if v.aliases else ""),
            "value": degree.get(v.id, 0) + 1,
        }
        if positions is not None and v.id in positions:
            node["x"], node["y"] = (round(c, 1) for c in positions[v.id])
        if v.id == focus:
            node.update(color=FOCUS_COLOUR, value=max(node["value"], 6) * 2, font={"size": 18, "bold": True})
        nodes.append(node)
    return {"nodes": nodes, "edges": edges, "evidence": evidence, "focus": focus}


def _vis_edge(edge_id: str, edge: Edge, dropped_reason: str | None) -> dict[str, Any]:
    summary = (
        f"belief {edge.belief:.2f} · {edge_polarity(edge.polarity, edge.polarity_counts)} · "
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
        "polarity": edge_polarity(edge.polarity, edge.polarity_counts),
        "breakdown": polarity_breakdown(edge.polarity_counts),
        "n_papers": edge.n_papers,
        "n_claims": edge.n_claims,
        "designs": [design_label(d) for d in edge.designs],
        "contested": bool(edge.contradiction),
        "dropped": dropped_reason,
        "evidence": [
            {
                "quote": e.quote,
                "paper": e.title or e.paper_id[:12],
                "page": e.page,
                "design": design_label(e.design),
                "role": role_label(e.role),
                "polarity": polarity_label(e.polarity),
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
    positions: Mapping[str, Position] | None = None,
    focus: str | None = None,
) -> str:
    """A complete HTML document showing ``graph`` (or one candidate DAG of it), with the evidence panel.

    With ``positions`` (see ``causemap.ui.layout``) the drawing is fixed and appears at once; without,
    vis-network's physics lays it out in the browser.
    """
    data = network_data(graph, dag, max_quotes, positions, focus)
    options = {
        "layout": {"improvedLayout": len(data["nodes"]) <= LARGE_GRAPH_NODES},
        "nodes": {
            "shape": "dot",
            "scaling": {"min": 8, "max": 28, "label": {"enabled": True, "min": 12, "max": 20}},
            "font": {"size": 14},
            "color": NODE_COLOUR,
        },
        "edges": {
            "smooth": {"type": "continuous"} if len(data["edges"]) <= CURVED_EDGES_UP_TO else False,
            "arrows": {"to": {"scaleFactor": 0.6}},
        },
        "physics": (
            False
            if positions is not None
            else {
                "solver": "barnesHut",
                "stabilization": {"iterations": 200, "fit": True},
                "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
            }
        ),
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": len(data["edges"]) > 500,
            "hideEdgesOnZoom": len(data["edges"]) > 500,
        },
    }
    return _PAGE.substitute(
        vis_js=vis_network_js(),
        data=_script_json(data),
        options=_script_json(options),
        height=height,
        legend=_legend_html(),
    )


def _legend_html() -> str:
    items = [
        f'<span><i style="background:{POLARITY_COLOURS[p]}"></i>{LEGEND_NAMES[p]}</span>'
        for p in ("+", "-", "0", None)
    ]
    items.append("<span>width = belief</span><span>dashed = contested</span>")
    return "".join(items)


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
  const options = ${options};
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
    panel.appendChild(el("div", "belief " + info.belief + " \\u00b7 " + info.polarity + " \\u00b7 " +
      info.n_papers + " paper(s), " + info.n_claims + " claim(s)" +
      (info.breakdown ? " (" + info.breakdown + ")" : "") +
      (info.contested ? " \\u00b7 contested" : ""), "meta"));
    if (info.designs.length) panel.appendChild(el("div", "designs: " + info.designs.join(", "), "meta"));
    if (info.dropped) panel.appendChild(el("div", "dropped from this DAG: " + info.dropped, "meta"));
    info.evidence.forEach(function (ev) {
      panel.appendChild(el("blockquote", ev.quote, "quote"));
      const flags = [ev.design, ev.role, ev.polarity, ev.hedged ? "hedged" : "",
                     ev.negated ? "negated" : "", ev.state].filter(Boolean);
      const where = ev.paper + ", p. " + ev.page;
      panel.appendChild(el("div", where + " \\u00b7 " + flags.join(" \\u00b7 "), "cite"));
    });
    if (info.more) panel.appendChild(el("div", "\\u2026 and " + info.more + " more", "meta"));
    panel.dataset.edge = id;
  }
  function showNode(id) {
    const node = nodes.get(id);
    panel.replaceChildren();
    panel.appendChild(el("h4", node.name));
    panel.appendChild(el("div", node.title, "meta"));
    const linked = network.getConnectedEdges(id);
    panel.appendChild(el("div", linked.length + " edge(s); click one to see its evidence.", "meta"));
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  function ready() {
    if (document.body.dataset.ready) return;
    if (data.focus) {
      network.selectNodes([data.focus]);
      showNode(data.focus);
    }
    document.body.dataset.ready = "1";
  }
  if (options.physics === false) {
    // Placed in Python: the first frame drawn is the layout.
    network.once("afterDrawing", ready);
    window.requestAnimationFrame(function () { window.requestAnimationFrame(ready); });
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });  // hold still once laid out; dragging still works
      ready();
    });
  }
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
