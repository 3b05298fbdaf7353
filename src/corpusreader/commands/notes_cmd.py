"""``corpusreader notes``: the marks and notes, with their citations, as Markdown or JSON.

Read from the notes file alone (``corpus/notes.py``): no corpus is loaded, the
marks carry their citations. A notes file that cannot be used is one line on
standard error; the (empty) export still goes out.
"""

from __future__ import annotations

import sys

from ..corpus.controls import inert, json_text, printable
from ..corpus.notes import Mark, NotesStore


def render_markdown(marks: list[Mark], searches: list[str]) -> str:
    """Each mark as a heading (title, paragraph), its note, the paragraph quoted and the citation."""
    from ..corpus.export import md_escape

    def md(text: str) -> str:
        return md_escape(inert(text))

    out = ["# Notes", ""]
    if not marks:
        out += ["No marks yet.", ""]
    for mark in marks:
        out += [f"## {md(mark.title)}, {mark.number}", ""]
        if mark.note:
            out += [f"**Note:** {md(mark.note)}", ""]
        out += [f"> {md(' '.join(mark.excerpt.split()))}", "", f"— {md(mark.citation)}", ""]
    if searches:
        out += ["## Saved searches", ""]
        out += [f"- {md(query)}" for query in searches]
        out.append("")
    return "\n".join(out)


def render_json(marks: list[Mark], searches: list[str]) -> str:
    return json_text({"marks": [mark.to_json() for mark in marks], "saved_searches": searches}, indent=1) + "\n"


def run(args) -> int:
    store = NotesStore()
    marks, searches = store.marks(), store.saved_searches()
    if store.problem:
        print(f"corpusreader: notes: {printable(store.problem)}", file=sys.stderr)
    render = render_json if args.format == "json" else render_markdown
    sys.stdout.write(render(marks, searches))
    return 0
