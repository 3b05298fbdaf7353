"""Export the open document: a modal asking the format and the folder; notifies the path written.

The format and folder of the last export are offered again (kept in the state file).
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from ..corpus.export import ExportError, export_files, safe_stem
from ..corpus.model import Document
from ..state import ReaderState
from ..widgets.text_layout import visible

FORMATS = ("txt", "md", "html", "json")


def default_folder() -> str:
    try:
        return os.getcwd()
    except OSError:
        return str(Path.home())


class ExportScreen(ModalScreen[Path | None]):
    """Enter exports, Esc cancels; the engine refuses a folder inside the corpus and says why."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, document: Document, inputs: list[Path]) -> None:
        super().__init__()
        self.document = document
        self.inputs = inputs
        state = self._state()
        last = state.export_format if state is not None else None
        self.last_format = last if last in FORMATS else FORMATS[0]
        self.last_folder = (state.export_folder if state is not None else None) or default_folder()

    def _state(self) -> ReaderState | None:
        try:
            session = getattr(self.app, "session", None)
        except Exception:  # no app running (made outside one)
            return None
        return getattr(session, "state", None)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label("Export the open document", id="export-title")
            yield Label(Text(visible(self.document.display_title), overflow="ellipsis", no_wrap=True),
                        id="export-document")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(fmt, value=fmt == self.last_format, id=f"format-{fmt}")
            yield Label("Folder:")
            yield Input(self.last_folder, id="export-folder")
            yield Checkbox("Overwrite a file that exists", id="export-force")
            yield Label("", id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @property
    def format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return str(pressed.label) if pressed is not None else "txt"

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-folder")
    def export(self) -> None:
        folder = Path(os.path.expanduser(self.query_one("#export-folder", Input).value.strip() or "."))
        fmt = self.format
        target = folder / f"{safe_stem(self.document.path)}.json" if fmt == "json" else folder
        force = self.query_one("#export-force", Checkbox).value
        try:
            if folder.exists() and not folder.is_dir():
                raise ExportError(f"{folder} is not a folder")
            # What is typed here is a folder, even one named like a file ("x.txt").
            written = export_files([self.document], fmt, target, self.inputs, force=force, into_folder=True)
        except (ExportError, OSError) as error:
            self.query_one("#export-error", Label).update(Text(str(error)))
            return
        self.app.notify(f"Wrote {written[0]}", title="Exported", markup=False)
        self._remember(fmt, folder)
        self.dismiss(written[0])

    def _remember(self, fmt: str, folder: Path) -> None:
        """The next export dialog offers this format and folder again (the state file keeps them)."""
        state = self._state()
        if state is None:
            return
        state.export_format = fmt
        try:
            state.export_folder = str(folder.absolute())
        except OSError:
            state.export_folder = str(folder)
        save = getattr(getattr(self.app, "session", None), "save", None)
        if callable(save):
            save()

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
