"""Which files an ingest reads, and what it passes over in the folders it walks, with the reason.

A path named on the command line is read whatever its name (a hidden file named explicitly is meant);
a path that cannot be read (missing, a broken or looping link, an unsupported type) is a failure. Inside
a folder, nothing vanishes without a word: hidden files and folders, links that loop or point nowhere,
files of types causemap does not read, folders it may not list and files reached twice are each
reported as passed over, with why. Symbolic links to files and folders are followed (a folder of links
to papers is common); a link back into a folder being walked is a loop and is not followed.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from causemap.ingest.readers import SUPPORTED_SUFFIXES, FailureCode


@dataclass
class WalkResult:
    """Files to read, in order; named paths that cannot be read (with a failure code and why); what
    folder walks passed over (``{"path", "reason"}``)."""

    files: list[Path] = field(default_factory=list)
    unusable: list[tuple[Path, FailureCode, str]] = field(default_factory=list)
    passed_over: list[dict[str, str]] = field(default_factory=list)


def _unsupported(path: Path) -> str:
    return (
        f"unsupported file type {path.suffix or '(none)'!r}; causemap reads {', '.join(SUPPORTED_SUFFIXES)}"
    )


def _link_problem(path: Path) -> str | None:
    """Why the link ``path`` cannot be followed (loop, or pointing nowhere), else None."""
    try:
        path.stat()
    except OSError as exc:
        target = os.readlink(path) if path.is_symlink() else "?"
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop: {path} -> {target} leads back to itself"
        if exc.errno == errno.ENOENT:
            return f"broken link: points to {target}, which does not exist"
        return f"cannot follow the link to {target}: {exc.strerror or exc}"
    return None


class _Walker:
    def __init__(self) -> None:
        self.result = WalkResult()
        self._seen: dict[Path, Path] = {}  # real path -> the path it was first reached by

    def pass_over(self, path: Path, reason: str) -> None:
        self.result.passed_over.append({"path": str(path), "reason": reason})

    def add_file(self, path: Path, named: bool) -> None:
        real = path.resolve()
        first = self._seen.get(real)
        if first is not None:
            if not named or first != path:
                self.pass_over(path, f"same file as {first}, already read")
            return
        self._seen[real] = path
        self.result.files.append(path)

    def named(self, path: Path) -> None:
        """A path given by the user."""
        problem = _link_problem(path) if path.is_symlink() else None
        if problem is not None:
            self.result.unusable.append((path, "not_found", problem))
        elif path.is_dir():
            real = path.resolve()
            if real in self._seen:
                self.pass_over(path, f"same folder as {self._seen[real]}, already searched")
            else:
                self._seen[real] = path
                self.folder(path, ancestors=(real,))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                self.add_file(path, named=True)
            else:
                self.result.unusable.append((path, "unsupported", _unsupported(path)))
        elif path.exists():
            self.result.unusable.append((path, "not_found", "not a regular file (a device, pipe or socket)"))
        else:
            self.result.unusable.append((path, "not_found", "not found"))

    def folder(self, folder: Path, ancestors: tuple[Path, ...]) -> None:
        try:
            # Real entries before links, so that a link to a file of the folder is the duplicate.
            entries = sorted(os.scandir(folder), key=lambda entry: (entry.is_symlink(), entry.name))
        except OSError as exc:
            self.pass_over(folder, f"cannot list this folder: {exc.strerror or exc}")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                kind = "folder" if entry.is_dir() else "file"
                self.pass_over(path, f"hidden {kind} (its name starts with a dot); name it to read it")
                continue
            if entry.is_symlink():
                problem = _link_problem(path)
                if problem is not None:
                    self.pass_over(path, problem)
                    continue
            if entry.is_dir():
                real = path.resolve()
                if real in ancestors:
                    self.pass_over(path, f"link loop: leads back to {real}, a folder being searched")
                elif real in self._seen:
                    self.pass_over(path, f"same folder as {self._seen[real]}, already searched")
                else:
                    self._seen[real] = path
                    self.folder(path, (*ancestors, real))
            elif entry.is_file():
                if path.suffix.lower() in SUPPORTED_SUFFIXES:
                    self.add_file(path, named=False)
                else:
                    self.pass_over(path, _unsupported(path))
            else:
                self.pass_over(path, "not a regular file (a device, pipe or socket)")


def walk_paths(paths: Iterable[Path | str]) -> WalkResult:
    """Files to read from ``paths`` (folders walked recursively, in name order, links last), and what
    was not.

    >>> walk_paths(["/nonexistent/paper.pdf"]).unusable
    [(PosixPath('/nonexistent/paper.pdf'), 'not_found', 'not found')]
    """
    walker = _Walker()
    for raw in paths:
        walker.named(Path(raw))
    return walker.result
