"""Errors a user can act on. The command line turns them into a message and an exit status."""

from __future__ import annotations


class CausemapError(Exception):
    """Something the user asked for cannot be done; the message says what and why."""

    exit_code = 1


class UsageError(CausemapError):
    """The request itself is wrong (unknown variable, bad option combination): exit status 2."""

    exit_code = 2
