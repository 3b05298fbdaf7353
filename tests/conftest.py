"""Shared fixtures; the Hypothesis profiles; and a run that passed no test fails, so CI never
lands an empty suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests try the same examples on every run (seeded from each test, nothing replayed
# from a database), so a CI run can be reproduced. To search for new failures with random
# examples: `pytest --hypothesis-profile=explore tests/test_clean_properties.py`.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)  # random examples, failures remembered
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep state and cache of tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or os.environ.get("CORPUSREADER_ALLOW_EMPTY"):
        return
    passed = len(reporter.stats.get("passed", []))
    if exitstatus == 0 and passed == 0 and not session.config.option.collectonly:
        reporter.write_line("no test passed: failing the run", red=True)
        session.exitstatus = 1
