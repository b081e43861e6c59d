"""Names the command line checks before it loads anything: the formats a graph is exported in.

The exporters' registry (``graphbuilder.exporters.EXPORTERS``) is the truth; it is named here too so
that ``causemap graph --export FORMAT`` refuses an unknown format without importing the graph stage,
the store or SQLAlchemy (``tests/core/test_api.py`` keeps the two equal).
"""

EXPORT_FORMATS = ("json", "graphml", "dot", "dagitty", "gml")
