"""Fixtures: the textbook DAGs, frozen, so that any mutation by the code under test raises."""

from __future__ import annotations

import networkx as nx
import pytest
from planner_graphs import TEXTBOOK


@pytest.fixture
def textbook() -> dict[str, nx.DiGraph]:
    return {name: nx.freeze(nx.DiGraph(edges)) for name, edges in TEXTBOOK.items()}
