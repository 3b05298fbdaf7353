"""What the reader remembers between runs: the last document, where each was left, the theme.

Kept in the user's state folder (platformdirs), never in the corpus folder. A
missing, unreadable or corrupt file is an empty state, never an error; writes go
through a temporary file and a rename (the exports' ``write_atomic``), so a
crash never leaves half a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "corpusreader"
FILE_NAME = "state.json"
MAX_POSITIONS = 1000


def state_dir() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP_NAME, appauthor=False))


def state_file() -> Path:
    return state_dir() / FILE_NAME


@dataclass
class ReaderState:
    """``positions`` maps a document's key (its resolved file path) to (paragraph, offset)."""

    last_document: str | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    theme: str | None = None

    def to_json(self) -> dict:
        return {
            "version": 1,
            "last_document": self.last_document,
            "positions": {key: list(value) for key, value in self.positions.items()},
            "theme": self.theme,
        }

    def remember(self, key: str, position: tuple[int, int]) -> None:
        self.positions.pop(key, None)
        self.positions[key] = (int(position[0]), int(position[1]))
        while len(self.positions) > MAX_POSITIONS:
            del self.positions[next(iter(self.positions))]


def load_state(path: Path | None = None) -> ReaderState:
    """The saved state, or an empty one if there is none or it cannot be read."""
    path = path or state_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ReaderState()
    if not isinstance(data, dict):
        return ReaderState()
    state = ReaderState()
    if isinstance(data.get("last_document"), str):
        state.last_document = data["last_document"]
    if isinstance(data.get("theme"), str):
        state.theme = data["theme"]
    positions = data.get("positions")
    if isinstance(positions, dict):
        for key, value in positions.items():
            if (isinstance(key, str) and isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
                state.positions[key] = (value[0], value[1])
    return state


def save_state(state: ReaderState, path: Path | None = None) -> bool:
    """Write the state atomically; False (and nothing else) if it cannot be written."""
    from .corpus.export import ExportError, write_atomic  # not needed for the first frame

    try:
        # ASCII escapes: a key from an undecodable file name (lone surrogates) still writes, and reads back.
        write_atomic(path or state_file(), json.dumps(state.to_json()), force=True)
    except (OSError, ExportError):  # ExportError: the path is a folder
        return False
    return True


def keymap_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "keymap.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The user's key remapping (binding id = "keys"), and a one-line problem if the file is bad.

    ``keymap.toml`` in the user's config folder, e.g. ``"reader.next_document" = "ctrl+n,right_square_bracket"``.
    """
    import tomllib

    path = path or keymap_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return {}, f"{path}: ignored: {error}"
    keymap = {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}
    skipped = len(data) - len(keymap)
    return keymap, (f"{path}: {skipped} entries that are not 'id = \"keys\"' ignored" if skipped else None)
