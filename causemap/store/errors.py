"""What can go wrong when opening or using a workspace's store, each as its own error."""

from __future__ import annotations

from causemap.errors import CausemapError


class WorkspaceError(CausemapError, RuntimeError):
    """A workspace that cannot be used as asked (newer schema, missing claim, unreachable server, ...)."""


class NewerSchemaError(WorkspaceError):
    """The database was written by a newer causemap; opening it would risk what that version stored."""


class StoreConnectionError(WorkspaceError):
    """The database server cannot be reached, or refuses the credentials; the message names the server."""
