"""The reader's footer: the keys in force and what they do, on one line, drawn by one widget.

It looks like Textual's ``Footer`` (same theme colours, the palette key on the
right) but is a single widget, where ``Footer`` mounts a widget per key and
composes them again on every focus change: about 40 ms of the first frame.
A click on a key presses it.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

_DIM = Style(dim=True)


class KeyBar(Widget):
    """The keys of the focused widget, its screen and the app that show in a footer."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--palette { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each key drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """(key, shown key, description, enabled) of the keys to show, and the palette's."""
        keys, actions, palette = [], set(), None
        for key, (_, binding, enabled, _) in self.screen.active_bindings.items():
            entry = (key, self.app.get_key_display(binding), binding.description, enabled)
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = entry
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(entry)
        return keys, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        keys, palette = self._keys()
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        tail = None
        if palette is not None:
            tail = Text.assemble(("▏", self.get_component_rich_style("key-bar--palette")),
                                 (f"{palette[1]} ", key_style), (f"{palette[2]} ", description_style))
        room = max(0, self.size.width - (tail.cell_len if tail is not None else 0))
        for key, shown, description, enabled in keys:  # spans in cells: what a click's x counts
            entry = Text.assemble((f" {shown} ", key_style if enabled else key_style + _DIM),
                                  (f"{description} ", description_style if enabled else description_style + _DIM))
            if tail is not None and text.cell_len + entry.cell_len > room:
                break  # too many keys: whole keys only, and the palette's stays, on the right
            start = text.cell_len
            text.append_text(entry)
            self._spans.append((start, text.cell_len, key))
        if palette is not None and tail is not None:
            key = palette[0]
            text.append(" " * (room - text.cell_len))
            self._spans.append((text.cell_len, text.cell_len + tail.cell_len, key))
            text.append_text(tail)
        return text

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
