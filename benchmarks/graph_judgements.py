"""Samples of a real graph for judging by hand, and the count of what was judged.

    python benchmarks/graph_judgements.py sample --workspace W --out benchmarks/judgements/NAME
    python benchmarks/graph_judgements.py score benchmarks/judgements/NAME

``sample`` builds the workspace's graph with its settings and writes three tables, each with an empty
verdict column to be filled by reading the rows against the written rules in
``benchmarks/judgements/RULES.md``:

- ``NAME-top30.md``: the 30 edges of highest belief (ties: more studies, then by name);
- ``NAME-random30.md``: 30 edges drawn at random (``--seed``, 0 by default) from the edges with belief
  above 0;
- ``NAME-variables40.md``: 40 variables drawn at random (the same random generator, after the edges);
- ``NAME-rest30.md``: 30 edges drawn at random (the same generator, after the variables) from the edges
  with belief above 0 outside the top 30. With few edges a plain random 30 shares many edges with the top
  30 (9 of 30 in ``pdfs-s16``), so comparing the top with the rest is the sharper test of the ranking.

Each edge row shows its sign, belief, studies and every sentence behind it with section, role and page.
``score`` counts the verdicts (``right`` / ``wrong`` for edges, ``usable`` / ``unusable`` for variables)
and, for edges, the verdicts by the section of the edge's strongest claim.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import this_checkout  # noqa: F401  (first: this checkout's causemap, not the installed one)

from causemap.graphbuilder.graph_service import build_workspace_graph
from causemap.workspace import Workspace

_VERDICT = re.compile(r"^\|\s*(\d+)\s*\|.*\|\s*(right|wrong|usable|unusable)\s*\|[^|]*\|\s*$")


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())


def _flags(e) -> str:
    flags = [f"sign {e.polarity or '?'}"]
    if e.hedged:
        flags.append("hedged")
    if e.negated or e.polarity == "0":
        flags.append("null")
    if e.relation == "correlational":
        flags.append("association")
    return ", ".join(flags)


def _edge_rows(graph, keys) -> list[str]:
    rows = [
        "| # | edge | sign | belief | studies | claims | evidence (section, role, page: sentence) "
        "| verdict | why |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, key in enumerate(keys, 1):
        edge = graph.edges[key]
        src, tgt = graph.variables[edge.source].label, graph.variables[edge.target].label
        evidence = sorted(edge.evidence, key=lambda e: -(e.reliability or 0.0))
        quotes = "<br>".join(
            f"[{e.provenance.section or '-'}, {e.role}, p{e.page}, r={e.reliability or 0:.2f}] "
            f"{_cell(e.quote)} *({_flags(e)})*"
            for e in evidence[:4]
        )
        if len(evidence) > 4:
            quotes += f"<br>... and {len(evidence) - 4} more"
        rows.append(
            f"| {i} | {_cell(src)} → {_cell(tgt)} | {edge.polarity or '?'} | {edge.belief:.3f} | "
            f"{edge.n_papers} | {edge.n_claims} | {quotes} |  |  |"
        )
    return rows


def sample(workspace: Path, out: Path, seed: int = 0) -> dict[str, str]:
    ws = Workspace.open(workspace)
    graph = build_workspace_graph(ws.store, ws.settings, min_belief=0.0)
    ranked = sorted(graph.edges, key=lambda k: (-graph.edges[k].belief, -graph.edges[k].n_papers, k[0], k[1]))
    top = ranked[:30]
    live = sorted(k for k, e in graph.edges.items() if e.belief > 0)
    rng = random.Random(seed)
    drawn = sorted(rng.sample(live, min(30, len(live))))
    variables = sorted(rng.sample(sorted(graph.variables), min(40, len(graph.variables))))
    top_keys = set(top)
    rest = [k for k in live if k not in top_keys]
    drawn_rest = sorted(rng.sample(rest, min(30, len(rest))))
    out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"Workspace `{workspace}`: {len(graph.variables)} variables, {len(graph.edges)} edges "
        f"({len(live)} with belief > 0). Judged by the rules in RULES.md.\n"
    )
    files = {}
    for suffix, title, rows in (
        ("top30", "The 30 edges of highest belief", _edge_rows(graph, top)),
        ("random30", f"30 random edges (belief > 0, seed {seed})", _edge_rows(graph, drawn)),
        (
            "rest30",
            f"30 random edges outside the top 30 (belief > 0, seed {seed})",
            _edge_rows(graph, drawn_rest),
        ),
        (
            "variables40",
            f"40 random variables (seed {seed})",
            ["| # | variable | aliases | verdict | why |", "|---|---|---|---|---|"]
            + [
                f"| {i} | {_cell(graph.variables[v].label)} | "
                f"{_cell('; '.join(graph.variables[v].aliases[:5]))} |  |  |"
                for i, v in enumerate(variables, 1)
            ],
        ),
    ):
        path = out.with_name(f"{out.name}-{suffix}.md")
        path.write_text(f"# {title}\n\n{header}\n" + "\n".join(rows) + "\n", encoding="utf-8")
        files[suffix] = str(path)
    return files


def score(prefix: Path) -> dict[str, object]:
    result: dict[str, object] = {}
    for suffix in ("top30", "random30", "rest30", "variables40"):
        path = prefix.with_name(f"{prefix.name}-{suffix}.md")
        if not path.exists():
            continue
        verdicts: Counter[str] = Counter()
        by_section: dict[str, Counter[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _VERDICT.match(line)
            if not match:
                continue
            verdict = match.group(2)
            verdicts[verdict] += 1
            section = re.search(r"\[(\w+|-), (finding|background)", line)
            if section:
                by_section.setdefault(section.group(1), Counter())[verdict] += 1
        result[suffix] = dict(verdicts)
        if by_section and suffix != "variables40":
            result[f"{suffix}_by_strongest_section"] = {k: dict(v) for k, v in sorted(by_section.items())}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--workspace", type=Path, required=True)
    s.add_argument("--out", type=Path, required=True, help="path prefix of the three tables")
    s.add_argument("--seed", type=int, default=0)
    c = sub.add_parser("score")
    c.add_argument("prefix", type=Path)
    args = parser.parse_args(argv)
    if args.command == "sample":
        print(json.dumps(sample(args.workspace, args.out, args.seed), indent=2))
    else:
        print(json.dumps(score(args.prefix), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
