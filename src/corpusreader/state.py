"""What the reader remembers between runs: the last document, where each was left, the theme,
the export dialog's last format and folder.

Kept in the user's state folder (platformdirs), never in the corpus folder. A
missing file is an empty state; one that cannot be used (not a regular file:
a named pipe, a device, a folder; over the size cap; not UTF-8; corrupt or
nested too deeply) is an empty state and one line saying so, never a hang or
an error. The keymap in the config folder is read the same way. Writes go
through a temporary file and a rename (the exports' ``write_atomic``), so a
crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "corpusreader"
FILE_NAME = "state.json"
MAX_POSITIONS = 1000
STATE_MAX_BYTES = 4 << 20
"""A thousand positions of long paths fit many times over."""
KEYMAP_MAX_BYTES = 256 << 10
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class UnusableFile(Exception):
    """A file of ours that is there but cannot be used, with the reason in a few words."""


def read_own_file(path: Path, max_bytes: int) -> str | None:
    """The text of one of the program's own files, or None if there is none.

    Only a regular file is read (opened without blocking, checked on the open
    descriptor), at most ``max_bytes``, as UTF-8; anything else raises ``UnusableFile``.
    """
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnusableFile((error.strerror or str(error)).lower()) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            from .corpus.loading.files import file_kind

            raise UnusableFile(f"not a regular file: {file_kind(mode)}")
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise UnusableFile((error.strerror or str(error)).lower()) from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise UnusableFile(f"larger than {max_bytes // 1024} KB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnusableFile("not UTF-8") from None


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
    export_format: str | None = None
    export_folder: str | None = None
    problem: str | None = field(default=None, compare=False)
    """Why the saved state was ignored (one line for the user), or None; never saved."""

    def to_json(self) -> dict:
        return {
            "version": 1,
            "last_document": self.last_document,
            "positions": {key: list(value) for key, value in self.positions.items()},
            "theme": self.theme,
            "export_format": self.export_format,
            "export_folder": self.export_folder,
        }

    def remember(self, key: str, position: tuple[int, int]) -> None:
        self.positions.pop(key, None)
        self.positions[key] = (int(position[0]), int(position[1]))
        while len(self.positions) > MAX_POSITIONS:
            del self.positions[next(iter(self.positions))]


def load_state(path: Path | None = None) -> ReaderState:
    """The saved state; an empty one if there is none, or (with its ``problem``) if it cannot be used."""
    path = path or state_file()
    try:
        text = read_own_file(path, STATE_MAX_BYTES)
        data = json.loads(text) if text is not None else {}
    except UnusableFile as error:
        return ReaderState(problem=f"{path}: ignored: {error}")
    except RecursionError:
        return ReaderState(problem=f"{path}: ignored: nested too deeply")
    except ValueError as error:
        return ReaderState(problem=f"{path}: ignored: not JSON: {error}")
    if not isinstance(data, dict):
        return ReaderState(problem=f"{path}: ignored: not a JSON object")
    state = ReaderState()
    if isinstance(data.get("last_document"), str):
        state.last_document = data["last_document"]
    if isinstance(data.get("theme"), str):
        state.theme = data["theme"]
    for name in ("export_format", "export_folder"):
        if isinstance(data.get(name), str):
            setattr(state, name, data[name])
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
        write_atomic(path or state_file(), json.dumps(state.to_json()), force=True, mode=0o600)  # private
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
        text = read_own_file(path, KEYMAP_MAX_BYTES)
        if text is None:
            return {}, None
        data = tomllib.loads(text)
    except RecursionError:
        return {}, f"{path}: ignored: nested too deeply"
    except (UnusableFile, ValueError) as error:
        return {}, f"{path}: ignored: {error}"
    keymap = {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}
    skipped = len(data) - len(keymap)
    return keymap, (f"{path}: {skipped} entries that are not 'id = \"keys\"' ignored" if skipped else None)
