"""The app's words for causemap's codes: those of ``causemap.labels``, which the command line uses
too (one name for one thing in both)."""

from causemap.labels import *  # noqa: F403
from causemap.labels import __all__  # noqa: F401
