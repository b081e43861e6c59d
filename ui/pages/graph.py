"""Graph: the interactive knowledge graph, its candidate DAGs, edge evidence, variables and exports."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from causemap.errors import CausemapError
from causemap.graphbuilder import graph_service
from causemap.graphbuilder.exporters import EXPORTERS, export_graph
from causemap.models import ClaimRole, StudyDesign
from causemap.ui import state
from causemap.ui.graph_select import GraphQuery, select
from causemap.ui.graph_view import edge_choices, network_html
from causemap.ui.labels import (
    contradiction_kind,
    design_label,
    edge_polarity,
    polarity_breakdown,
    polarity_label,
    role_label,
)
from causemap.ui.layout import LAYOUTS
from causemap.ui.undo import undo_button

WHOLE_GRAPH = 0  # the candidate selector's "no DAG: the whole knowledge graph"
NETWORK_HEIGHT = 620
EVIDENCE, CONTRADICTIONS, VARIABLES, EXPORT = "Edge evidence", "Contradictions", "Variables", "Export"
SECTIONS = [EVIDENCE, CONTRADICTIONS, VARIABLES, EXPORT]
RELATIONS = ["causal", "correlational"]

ws = state.workspace()
st.title("Graph")
state.show_flashes()
full, note = state.graph_for_page(ws)
if full is None:
    st.stop()  # being built: its progress is shown, and the page reruns when it is done
if note:
    st.info(note)
if not full.variables:
    st.info("No graph yet: ingest papers on the Library page and extract claims on the Claims page.")
    st.stop()

labels = {vid: v.label for vid, v in full.variables.items()}
by_label = sorted(labels, key=lambda vid: labels[vid].lower())


def name(vid: str) -> str:
    return labels.get(vid, vid)


with st.sidebar:
    st.markdown("**Graph filters**")
    min_belief = st.slider(
        "Minimum belief", 0.0, 1.0, float(ws.settings.graph.min_belief), 0.05, key="graph_min_belief"
    )
    max_edges = st.number_input(
        "Strongest edges shown",
        min_value=1,
        max_value=max(len(full.edges), 1),
        value=min(ws.settings.ui.graph_edges, max(len(full.edges), 1)),
        step=50,
        key="graph_max_edges",
        help="The page draws at most this many edges, the strongest (highest belief) first.",
    )
    designs = st.multiselect(
        "Study designs", [d.value for d in StudyDesign], format_func=design_label, key="graph_designs"
    )
    roles = st.multiselect(
        "Claims that are",
        [r.value for r in ClaimRole],
        format_func=role_label,
        key="graph_roles",
        help="A paper's own finding, or background it restates from earlier work.",
    )
    relations = st.multiselect("Relation", RELATIONS, key="graph_relations")
    contested_only = st.checkbox("Only contested edges", key="graph_contested")
    st.caption("An edge is drawn when some of its evidence matches every filter.")

search_col, hops_col, layout_col, show_col = st.columns([3, 1, 2, 2])
focus = search_col.selectbox(
    "Centre on a variable",
    by_label,
    index=None,
    format_func=name,
    placeholder="Type to search the variables…",
    key="graph_focus",
)
hops = hops_col.number_input("Steps around it", 1, 5, 1, key="graph_hops", disabled=focus is None)
layout_name = layout_col.selectbox("Layout", list(LAYOUTS), format_func=LAYOUTS.get, key="graph_layout")
query = GraphQuery(
    min_belief=min_belief,
    max_edges=int(max_edges),
    designs=tuple(designs),
    roles=tuple(roles),
    relations=tuple(relations),
    contested_only=contested_only,
    focus=focus,
    hops=int(hops),
)
selection = select(full, query)
graph = selection.graph
ranks = [c.rank for c in graph.candidates]
rank = show_col.selectbox(
    "Show",
    [WHOLE_GRAPH, *ranks],
    format_func=lambda r: "the knowledge graph (cycles kept)" if r == WHOLE_GRAPH else f"candidate DAG #{r}",
    key="graph_candidate",
)
dag = next((c for c in graph.candidates if c.rank == rank), None)
around = f" within {query.hops} step(s) of **{name(selection.focus)}**" if selection.focus else ""
st.caption(
    f"Showing {len(graph.edges)} of the {selection.matching} edges that match{around} "
    f"({selection.total} in the whole graph), between {len(graph.variables)} variables; "
    f"{len(graph.contradictions)} contradictions among them. Green increases, red decreases, grey no "
    "effect, purple mixed or unknown; width is belief; dashed is contested."
    + (" Raise *Strongest edges shown* in the sidebar to see more." if selection.truncated else "")
)

if graph.edges:
    st.iframe(
        network_html(
            graph,
            dag,
            NETWORK_HEIGHT,
            positions=state.graph_layout(layout_name, graph, dag),
            focus=selection.focus,
        ),
        height=NETWORK_HEIGHT + 40,
        alt="causal knowledge graph",
    )
else:
    st.warning("No edge passes the filters.")

if dag is not None:
    with st.expander(f"What candidate DAG #{dag.rank} dropped ({len(dag.dropped)} edges)", expanded=True):
        if not dag.dropped:
            st.write("Nothing: the edges shown are already acyclic.")
        for dropped in dag.dropped:
            s, t = dropped.edge
            st.markdown(f"- **{name(s)} → {name(t)}**: {dropped.reason}")

# One section at a time: rendering the variable forms' long option lists for every rerun would slow the
# page down in the browser by seconds on a large graph.
counts = {
    EVIDENCE: len(graph.edges),
    CONTRADICTIONS: len(graph.contradictions),
    VARIABLES: len(full.variables),
}
section = st.segmented_control(
    "Section",
    SECTIONS,
    default=EVIDENCE,
    format_func=lambda s: f"{s} ({counts[s]})" if s in counts else s,
    key="graph_section",
    label_visibility="collapsed",
)

if section in (EVIDENCE, None):
    choices = edge_choices(graph)
    chosen = st.selectbox("Edge", list(choices), key="graph_edge") if choices else None
    if chosen is not None:
        edge = graph.edges[choices[chosen]]
        breakdown = polarity_breakdown(edge.polarity_counts)
        st.caption(
            f"belief {edge.belief:.2f} · {edge_polarity(edge.polarity, edge.polarity_counts)}"
            + (f" ({breakdown})" if breakdown else "")
            + f" · {edge.n_papers} paper(s), {edge.n_claims} claim(s)"
            + (" · contested" if edge.contradiction else "")
        )
        for ev in edge.evidence:
            flags = [
                design_label(ev.design),
                role_label(ev.role),
                polarity_label(ev.polarity),
                ev.state.value,
            ]
            flags += [f for f, on in (("hedged", ev.hedged), ("negated", ev.negated)) if on]
            st.markdown(
                f"> {ev.quote}\n\n— *{ev.title or ev.paper_id[:12]}*, p. {ev.page} · {' · '.join(flags)}"
            )

if section == CONTRADICTIONS:
    if not graph.contradictions:
        st.write("No contradiction among the edges shown.")
    for c in graph.contradictions:
        with st.container(border=True):
            st.markdown(
                f"**{name(c.source)} → {name(c.target)}** ({contradiction_kind(c.kind)}): {c.description}"
            )
            for side, evidence in (("for", c.supporting), ("against", c.opposing)):
                for ev in evidence[:5]:
                    st.caption(f"{side}: “{ev.quote}” — {ev.title or ev.paper_id[:12]}, p. {ev.page}")


def decide(action: str, call: Callable[[], object]) -> None:
    try:
        call()
    except (CausemapError, ValueError) as exc:
        st.error(f"{action} failed: {exc}")
        return
    state.mark_written()
    state.flash("success", f"{action}: done. The graph was rebuilt with your decision.")
    st.rerun()


if section == VARIABLES:
    note_col, undo_col = st.columns([3, 2])
    note_col.caption("Decisions are kept in the workspace and replayed whenever the graph is rebuilt.")
    with undo_col:
        undo_button(ws, "variables", key="graph_undo")
    merge_col, rename_col, split_col = st.columns(3)
    with merge_col, st.form("graph_merge_form"):
        st.markdown("**Merge** variables that name the same thing")
        merge_ids = st.multiselect("Variables", by_label, format_func=name, key="graph_merge_ids")
        merge_label = st.text_input("Name of the merged variable (optional)", key="graph_merge_label")
        if st.form_submit_button("Merge", key="graph_merge"):
            decide(
                "Merge",
                lambda: graph_service.merge_variables(ws.store, full, merge_ids, merge_label.strip() or None),
            )
    with rename_col, st.form("graph_rename_form"):
        st.markdown("**Rename** a variable")
        rename_id = st.selectbox("Variable", by_label, format_func=name, key="graph_rename_id")
        rename_label = st.text_input("New name", key="graph_rename_label")
        if st.form_submit_button("Rename", key="graph_rename"):
            decide(
                "Rename",
                lambda: graph_service.rename_variable(ws.store, full, rename_id, rename_label.strip()),
            )
    with split_col:
        st.markdown("**Split** surface forms off a variable")
        split_id = st.selectbox("Variable", by_label, format_func=name, key="graph_split_id")
        with st.form("graph_split_form"):
            aliases = st.multiselect(
                "Forms to split off", full.variables[split_id].aliases, key="graph_split_aliases"
            )
            if st.form_submit_button("Split", key="graph_split"):
                decide("Split", lambda: graph_service.split_variable(ws.store, full, split_id, aliases))
    with st.expander(f"All {len(full.variables)} variables"):
        st.dataframe(
            [{"variable": v.label, "also written as": ", ".join(v.aliases)} for v in full.variables.values()],
            hide_index=True,
        )

if section == EXPORT:
    st.caption(
        f"The graph at minimum belief {min_belief:.2f}, as `causemap graph --min-belief {min_belief:g} "
        "--export FORMAT` writes it. DAGitty and GML hold one DAG: the candidate chosen above, else the "
        "top one."
    )
    exportable = full.filtered(min_belief)
    export_rank = rank if rank != WHOLE_GRAPH else None
    for column, (fmt, exporter) in zip(st.columns(len(EXPORTERS)), EXPORTERS.items(), strict=True):
        if exporter.acyclic and not exportable.candidates:
            column.caption(f"{fmt}: needs a candidate DAG, and the graph has none")
            continue
        column.download_button(
            fmt.upper() if len(fmt) <= 4 else fmt.capitalize(),
            # Deferred: each format is written only when its button is clicked.
            lambda fmt=fmt: export_graph(exportable, fmt, export_rank),
            file_name=f"causemap-graph{exporter.suffix}",
            key=f"graph_download_{fmt}",
            # A download changes nothing on the page: rerunning it redraws the network and leaves the other
            # export buttons disabled until that run ends (seen in CI as a 90 s wait on the next button).
            on_click="ignore",
        )
