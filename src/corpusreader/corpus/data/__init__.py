"""Word knowledge kept as data, and its one loader.

A word list ``<name>.txt`` holds one entry a line (an entry may have spaces in
it: ``United States``, ``see also``); blank lines and lines starting with
``#`` are left out. Site profiles are in ``sites.json``. The files ship inside
the package, and the cache's engine fingerprint covers them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


def _read(file_name: str) -> str:
    return files(__name__).joinpath(file_name).read_text(encoding="utf-8")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt``, in the file's order."""
    stripped = (line.strip() for line in _read(f"{name}.txt").splitlines())
    return tuple(line for line in stripped if line and not line.startswith("#"))


@cache
def word_list(name: str, fold: bool = False) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set; folded to lower case when ``fold``."""
    return frozenset(entry.casefold() if fold else entry for entry in entries(name))


@cache
def json_data(name: str) -> Any:
    """The parsed contents of ``<name>.json``."""
    return json.loads(_read(f"{name}.json"))
