"""What an export must leave alone: the corpus it was read from, known by identity, not by path.

- every file the corpus reads (device and inode after resolving links), so that
  neither a link nor a hard link in the output folder lets an export replace it;
- every folder named as input, and everything below it;
- every folder holding a file named as input (where its raw siblings live).

Nothing is written into either kind of folder: those are corpus folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .controls import printable
from .loading.files import discover
from .safe_write import ExportError, Identity, identity


def _identity_of(path: Path | str) -> Identity | None:
    try:
        return identity(os.stat(path))
    except (OSError, ValueError):
        return None


@dataclass
class CorpusGuard:
    files: set[Identity] = field(default_factory=set)
    trees: dict[Identity, str] = field(default_factory=dict)
    """Input folders (identity -> as named): nothing is written anywhere below them."""
    holders: dict[Identity, str] = field(default_factory=dict)
    """Folders holding an input file (identity -> that file): nothing is written directly in them."""

    @classmethod
    def of(cls, inputs: Iterable[Path]) -> CorpusGuard:
        guard = cls()
        inputs = list(inputs)
        for source in inputs:
            found = _identity_of(source)
            if found is None:
                continue
            if os.path.isdir(source):
                guard.trees[found] = str(source)
                continue
            guard.files.add(found)
            for folder in {os.path.dirname(os.path.abspath(source)), os.path.dirname(os.path.realpath(source))}:
                held = _identity_of(folder)
                if held is not None:
                    guard.holders.setdefault(held, str(source))
        sources, _, _ = discover([str(path) for path in inputs])
        guard.files.update(found for found in map(_identity_of, (s.file for s in sources)) if found)
        return guard

    def check_folder(self, folder: Path, target: Path | None = None) -> None:
        """Refuse to write into ``folder`` (the file ``target`` in it, if given) when it is a corpus folder."""
        shown = printable(str(target or folder))
        resolved = Path(os.path.realpath(folder))
        for level, ancestor in enumerate([resolved, *resolved.parents]):
            found = _identity_of(ancestor)
            if found is None:
                continue
            if found in self.trees:
                if level == 0 and target is None:
                    raise ExportError(f"{shown} is the corpus folder: refusing to write there")
                raise ExportError(f"{shown} is inside the corpus folder {printable(self.trees[found])}: "
                                  "refusing to write there")
            if level == 0 and found in self.holders:
                where = f"{shown}: its folder" if target is not None else shown
                raise ExportError(f"{where} holds the input file {printable(self.holders[found])}: "
                                  "refusing to write into a corpus folder")

    def check_file(self, target: Path) -> None:
        """Refuse a single-file target that is an input, a corpus folder, or in one."""
        if _identity_of(target) in self.files:
            raise ExportError(f"{printable(str(target))} is an input file: refusing to write over it")
        if _identity_of(target) in self.trees:
            raise ExportError(f"{printable(str(target))} is the corpus folder: refusing to write there")
        self.check_folder(target.parent, target)
