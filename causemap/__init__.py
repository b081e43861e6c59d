"""causemap: literature-backed causal graphs and research plans from a collection of papers.

The stages live in sibling folders of this one in the repository (``ingest/``, ``graphbuilder/``,
``planner/``, ``ui/``) and are installed under this package (``causemap.ingest``, ...). A Python started
in a checkout finds this folder first, before the installed package, and would then miss the stages; so
when the stages are not inside this folder but beside it, the folder that holds them joins this package's
search path. Installed or not, from any working directory, ``causemap.graphbuilder`` is importable.
"""

from pathlib import Path as _Path

_here = _Path(__file__).resolve().parent
if not (_here / "graphbuilder").is_dir() and (_here.parent / "graphbuilder" / "__init__.py").is_file():
    __path__.append(str(_here.parent))  # noqa: F821 (a package's __path__ is defined by the import system)

del _Path, _here
