"""Proposals that analyse data: testable implications and negative controls (kind "refutation"),
DoWhy's refuters of the target estimate, adjustment sets, instruments and front-door sets (kind
"identification"), and variables to measure (kind "measurement").

They are made by responsibility in ``implication_items`` (the candidates' testable implications),
``target_checks`` (negative controls and DoWhy's refuters of the target effect) and
``identification_items`` (how the target effect is identified, and what to measure); this module
gathers them for the planner."""

from __future__ import annotations

from causemap.planner.identification_items import identification_items
from causemap.planner.implication_items import IMPLICATION_TEST, implication_items
from causemap.planner.target_checks import (
    negative_control_item,
    negative_control_items,
    refuter_action,
    refuter_items,
    refuter_text,
    usable_controls,
)

__all__ = [
    "IMPLICATION_TEST",
    "identification_items",
    "implication_items",
    "negative_control_item",
    "negative_control_items",
    "usable_controls",
    "refuter_action",
    "refuter_items",
    "refuter_text",
]
