"""``corpusreader search``: text and JSON output, --queries, --limit, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import TEXTS

from corpusreader.cli import main
from corpusreader.corpus.text import folded_words


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["search", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_output_follows_the_contract(capsys):
    status, out, err = run(capsys, "Patrushef", "--format", "json", "--limit", "3")
    assert status == 0, err
    answer = json.loads(out)
    assert set(answer) == {"query", "elapsed_ms", "results"}
    assert answer["query"] == "Patrushef" and answer["elapsed_ms"] >= 0
    assert 1 <= len(answer["results"]) <= 3
    first = answer["results"][0]
    assert set(first) == {"path", "title", "paragraph", "score", "snippet", "spans"}
    assert first["path"].startswith("texts/") and isinstance(first["paragraph"], int)
    assert all(isinstance(span, list) and len(span) == 2 for span in first["spans"])


def test_text_output_is_readable(capsys):
    status, out, _ = run(capsys, "informaton securty", "--limit", "2")
    assert status == 0
    assert out.count("score ") == 2 and " 1. " in out and " 2. " in out
    assert "Information Security" in out or "information security" in out
    assert "\x1b[" not in out  # no colour when the output is not a terminal


def test_nothing_found_exits_1(capsys):
    status, out, err = run(capsys, "qqqzzzxxx")
    assert status == 1 and out == "" and "no match" in err
    status, out, _ = run(capsys, "qqqzzzxxx", "--format", "json")
    assert status == 1 and json.loads(out)["results"] == []


def test_queries_file_with_a_path_runs_one_index(capsys, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("Patrushef\n\ncybercrme convention\nqqqzzzxxx\n", encoding="utf-8")
    # argparse hands the first PATH to QUERY: it must still count as a path
    status, out, err = run(capsys, "--queries", str(queries), str(TEXTS), "--format", "json", "--limit", "2")
    assert status == 0, err
    answers = json.loads(out)
    assert [a["query"] for a in answers] == ["Patrushef", "cybercrme convention", "qqqzzzxxx"]
    assert answers[0]["results"][0]["path"].startswith(str(TEXTS))
    assert answers[2]["results"] == [] and all(a["elapsed_ms"] >= 0 for a in answers)


def test_queries_exit_1_only_when_every_query_misses(capsys, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("qqqzzzxxx\nxxxqqqzzz\n", encoding="utf-8")
    status, out, _ = run(capsys, "--queries", str(queries))
    assert status == 1 and out.count("== ") == 2


def test_usage_errors_exit_2(capsys, tmp_path):
    assert run(capsys)[0] == 2
    status, _, err = run(capsys, "security", "--limit", "0")
    assert status == 2 and "--limit" in err
    status, _, err = run(capsys, "--queries", str(tmp_path / "missing.txt"))
    assert status == 2 and "missing.txt" in err
    status, _, err = run(capsys, "security", str(tmp_path / "nowhere"))
    assert status == 2 and "nowhere" in err


def test_markup_and_escapes_in_documents_are_printed_inert(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(
        "A title\n\nThe [red]security[/red] council \x1b[31mmet\x1b[0m today, said the security council.\n",
        encoding="utf-8")
    status, out, err = run(capsys, "security council", str(tmp_path))
    assert status == 0, err
    assert "\x1b" not in out and "[red]security[/red]" in out


def test_the_installed_command_never_shows_a_traceback():
    done = subprocess.run([sys.executable, "-m", "corpusreader", "search", "--queries", "-", "--format", "json"],
                          input="open ended working grup\n\x00\x1b[31m\n" + "a" * 5000 + "\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(json.loads(done.stdout)) == 3


def test_json_output_escapes_c1_controls_and_line_separators(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Title\x85with\x9b31m C1\n\nThe security\u2028council met\x7f today; the security council spoke.\n",
        encoding="utf-8")
    status, out, err = run(capsys, "security council", str(tmp_path), "--format", "json")
    assert status == 0, err
    assert not any(ch in out for ch in "\x7f\x85\x9b\u2028\u2029") and out.count("\n") == 1
    assert json.loads(out)["results"]


# -- the query language and the new options (issue 14) ---------------------------------------------


def test_the_syntax_works_on_the_command_line(capsys):
    status, out, err = run(capsys, "security site:kremlin year:2021", "--format", "json", "--all")
    assert status == 0, err
    results = json.loads(out)["results"]
    assert results and all(r["path"].startswith("texts/002_") for r in results)
    status, out, _ = run(capsys, "Novo-Ogaryovo", "--format", "json")  # the place is metadata
    assert status == 0 and json.loads(out)["results"][0]["paragraph"] == -1
    status, out, err = run(capsys, "OEWG", "--format", "json", "--all")
    paths = {r["path"] for r in json.loads(out)["results"]}
    assert any(p.startswith("texts/002_") for p in paths)  # says "Open-Ended Working Group" only


def test_a_query_it_cannot_read_whole_is_a_note_not_an_error(capsys):
    status, out, err = run(capsys, 'security date:2021-13 "council', "--limit", "2")
    assert status == 0 and "Traceback" not in err
    assert "date:2021-13 left out" in err and "quote is not closed" in err


def test_sorted_by_date_and_grouped(capsys):
    status, out, _ = run(capsys, "security", "--format", "json", "--sort", "newest", "--group", "--all")
    results = json.loads(out)["results"]
    assert status == 0 and len({r["path"] for r in results}) == len(results) >= 3


def test_keyword_in_context_as_csv_and_text(capsys):
    import csv
    import io

    status, out, err = run(capsys, '"information security"', "--format", "kwic-csv", "--sort", "right")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["path", "title", "date", "paragraph", "left", "match", "right"] and len(rows) > 5
    assert {row[5].lower() for row in rows[1:]} == {"information security"}
    rights = [folded_words(row[6]) for row in rows[1:]]
    assert rights == sorted(rights)
    status, out, _ = run(capsys, "Patrushev", "--format", "kwic", "--context", "20")
    assert status == 0 and all(line[20:].startswith("  Patrushev  ") for line in out.splitlines())
    status, _, err = run(capsys, "security", "--sort", "left")
    assert status == 2 and "kwic" in err


def test_help_documents_the_syntax(capsys):
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert '"exact phrase"' in out and "date:2012-06..2014-02" in out and "speaker:" in out and "kwic-csv" in out
