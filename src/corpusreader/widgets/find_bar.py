"""The find bar under the reading pane: a query box and the hit count (``3/17``).

It also shows what a search or a term jump highlighted (``Search:``, ``Term:``).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class FindBar(Horizontal):
    """Hidden until ``/``; Enter returns to the text with the hits kept, Esc clears them."""

    BINDINGS = [Binding("escape", "close", "Clear find", id="find.close")]

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Done(Message):
        """Enter: back to the text, hits kept."""

    class Closed(Message):
        """Esc: hits cleared, bar hidden."""

    def compose(self) -> ComposeResult:
        yield Label("Find:", id="find-label")
        yield Input(placeholder="text in this document", id="find-input", compact=True)
        yield Label("", id="find-count")

    @property
    def typed_text(self) -> str:
        return self.query_one("#find-input", Input).value

    def open(self) -> None:
        self.query_one("#find-label", Label).update("Find:")
        self.display = True
        box = self.query_one("#find-input", Input)
        self.screen.set_focus(box)  # at once: the keys typed right after "/" belong to the box
        box.select_all()

    def set_label(self, label: str) -> None:
        self.query_one("#find-label", Label).update(label)

    def show_marking(self, label: str, text: str) -> None:
        """Show what a jump highlighted (a search, a term) without taking the focus."""
        self.set_label(label)
        self.query_one("#find-input", Input).value = text
        self.display = True

    def set_count(self, current: int, total: int) -> None:
        label = self.query_one("#find-count", Label)
        if not self.typed_text:
            label.update("")
        elif total == 0:
            label.update("no match")
        else:
            label.update(f"{current}/{total}")

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def action_close(self) -> None:
        self.query_one("#find-input", Input).value = ""
        self.display = False
        self.post_message(self.Closed())
