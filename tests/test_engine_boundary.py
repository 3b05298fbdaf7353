"""The engine never imports Textual: checked in a fresh interpreter, module by module."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import corpusreader.corpus as engine
names = sorted(m.name for m in pkgutil.walk_packages(engine.__path__, engine.__name__ + "."))
loaded_ui = {}
for name in names:
    importlib.import_module(name)
    ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
    if ui:
        loaded_ui[name] = ui[:3]
        break
print(json.dumps({"modules": names, "ui": loaded_ui}))
"""


def run_probe(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_no_engine_module_imports_textual_or_rich():
    report = run_probe(PROBE)
    assert len(report["modules"]) > 20, report["modules"]  # the walk found the engine
    assert report["ui"] == {}, f"engine module pulled in a UI library: {report['ui']}"


def test_the_commands_run_without_textual():
    code = (
        "import json, sys, contextlib, io\n"
        "from corpusreader.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    for argv in ([\"export\", \"--format\", \"jsonl\", \"--no-cache\"],\n"
        "                 [\"terms\", \"--format\", \"json\", \"--no-cache\"],\n"
        "                 [\"search\", \"security\", \"--format\", \"json\", \"--no-cache\"]):\n"
        "        main(argv)\n"
        "ui = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "sys.__stdout__.write(json.dumps({'ui': ui[:3], 'printed': len(out.getvalue())}))\n"
    )
    report = run_probe(code)
    assert report["printed"] > 1000
    assert report["ui"] == []
