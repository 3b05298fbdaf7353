"""``corpusreader terms`` and the ``terms`` of ``export --format json``, run as a user runs them,
scored as the shared tool scores them (tests/scoring.py) on the bundled corpus and on pages the
project does not have."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from scoring import terms_checks, terms_failures, terms_gold

CORPUSREADER = str(Path(sys.executable).with_name("corpusreader"))

PAGES = {
    "kremlin_meeting.txt": (
        "Meeting with Government members\n\nMay 12, 2022\n\n"
        "The President held a meeting with Government members via videoconference.\n\n"
        "The meeting was attended by Prime Minister Mikhail Mishustin Mishustin Mikhail Mishustin "
        "MikhailPrime Minister of the Russian Federation , Deputy Prime Minister Alexei Overchuk "
        "Overchuk Alexei Overchuk AlexeiDeputy Prime Minister , and other officials.\n\n"
        "Vladimir Putin: Good afternoon, colleagues. Today we will discuss our work in the Eurasian "
        "Economic Union (EAEU) and with the World Health Organization (WHO).\n\n"
        "The WHO has asked for data, and the EAEU partners are ready to help.\n"
    ),
    "mid_statement.txt": (
        "Statement by Deputy Prime Minister Aleksey Overchuk at the World Health Assembly\n\n"
        "Distinguished colleagues,\n\n"
        "The Eurasian Economic Union and Russia welcome UN General Assembly resolution A/RES/76/19 on "
        "cooperation, and we keep working with the WHO on it.\n\n"
        "The ICAO (International Civil Aviation Organization) reported on air travel.\n\n"
        "Thank you.\n"
    ),
    "briefing.txt": (
        "Briefing by Yuri Ushakov\n\n"
        "Presidential Aide Yury Ushakov told reporters in Vladivostok that resolution 73/27 and the "
        "draft A/C.1/77/L.23 were discussed with EAEU partners.\n\n"
        "Ushakov added that the talks would go on next month.\n"
    ),
}
GOLD = {
    "acronyms": [
        {"short": "EAEU", "long": "Eurasian Economic Union"},
        {"short": "WHO", "long": "World Health Organization"},
        {"short": "ICAO", "long": "International Civil Aviation Organization"},
    ],
    "entities": [
        {"name": "Alexei Overchuk", "aliases": ["Aleksey Overchuk"],
         "documents": ["kremlin_meeting.txt", "mid_statement.txt"]},
        {"name": "Yuri Ushakov", "aliases": ["Yury Ushakov"], "documents": ["briefing.txt"]},
        {"name": "76/19", "documents": ["mid_statement.txt"]},
        {"name": "73/27", "documents": ["briefing.txt"]},
        {"name": "L.23", "documents": ["briefing.txt"]},
        {"name": "Vladivostok", "documents": ["briefing.txt"]},
    ],
    "links": [
        {"term": "EAEU", "documents": ["kremlin_meeting.txt", "mid_statement.txt", "briefing.txt"]},
        {"term": "WHO", "documents": ["kremlin_meeting.txt", "mid_statement.txt"]},
    ],
    "roles": [
        {"name": "Mikhail Mishustin", "role": "Prime Minister of the Russian Federation"},
        {"name": "Yuri Ushakov", "role": "Presidential Aide"},
    ],
}


def run(*args):
    return subprocess.run([CORPUSREADER, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_bundled_corpus_scores_all_terms_checks():
    export = run("export", "texts", "--format", "json")
    assert export.returncode == 0, export.stderr
    gold = terms_gold()
    assert terms_checks(gold) == 21
    assert terms_failures(gold, json.loads(export.stdout)["terms"]) == []


def test_unseen_pages_score_all_terms_checks(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    export = run("export", str(pages), "--format", "json")
    assert export.returncode == 0, export.stderr
    assert terms_failures(GOLD, json.loads(export.stdout)["terms"]) == []


def test_terms_text_lists_kinds_and_references():
    result = run("terms", "texts")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in ("Acronyms (", "People (", "Places (", "Documents (", "Related documents"):
        assert heading in out
    assert "OEWG = Open-ended Working Group" in out
    assert "Nikolai Patrushev (Secretary of the Russian Federation Security Council)" in out


def test_terms_json_has_terms_and_references():
    result = run("terms", "texts", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {t["kind"] for t in data["terms"]} >= {"acronym", "person", "place", "document"}
    assert len(data["references"]) == 5
    for entry in data["references"]:
        for related in entry["related"]:
            assert related["path"] != entry["path"] and related["shared"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_missing_path_is_one_line_and_exit_2(fmt):
    result = run("terms", "no/such/folder", "--format", fmt)
    assert result.returncode == 2
    assert "no/such/folder" in result.stderr and "Traceback" not in result.stderr
