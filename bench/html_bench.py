"""Score HTML pages read directly against the text renderings of the same pages; pages a second.

    .venv/bin/python bench/html_bench.py            # both dev sets, HTML and text, scores and speed
    .venv/bin/python bench/html_bench.py --why      # and the web set's lost snippets by the reason that removed them
    .venv/bin/python bench/html_bench.py --sets web --kinds html    # the web set's HTML only
    .venv/bin/python bench/html_bench.py --held-out # each page by the fold models that never saw it
                                                    # (bench/out/html_model_fold<k>.json of train_html.py,
                                                    #  line_model_fold<k>.json of train_cleaner.py --cv)
    .venv/bin/python bench/html_bench.py --rules-only  # the block model switched off

For each set (``../shared/devsets/kremlin`` and ``web``) the pages are read
and cleaned in this process, one after another, with the corpus's template
as the export computes it: ``html/`` by the HTML reader, ``raw/`` (the
``w3m -dump`` rendering of the same pages) by the text cleaner. Scores come
from the shared scorers' own functions (``score_cleaning`` for kremlin, as one
folder and one file at a time; ``score_web`` for web). Pages a second are CPU
time of this process, reading (decoding, parsing) and cleaning together; the
``news`` line is the web pages of 30 to 100 KB, the issue's typical news page.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import time
import unicodedata
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cleaner_data
from cleaning_bench import _as_export, score_gold, score_web

from corpusreader.corpus.cleaning import cleaner, line_model
from corpusreader.corpus.html import block_model
from corpusreader.corpus.html.dispatch import clean_raw, unit_keys
from corpusreader.corpus.loading.files import read
from corpusreader.corpus.model import Document, RawDocument, Source

SETS = {"kremlin": cleaner_data.DEVSETS / "kremlin", "web": cleaner_data.DEVSETS / "web"}
OUT = Path(__file__).resolve().parent / "out"
HELD_OUT: dict[str, Path] = {}
"""With ``--held-out``: where the fold models are, for ``line`` and ``html``."""


def fold_of(name: str, folds: int = 5, seed: int = 0) -> int:
    """A page's fold, the line model's (``train_cleaner.fold_of``): a web page is its own site."""
    return zlib.crc32(f"{seed}:{name}".encode()) % folds


def use_fold_models(path: str) -> None:
    """Point the models at the fold that never saw this page (``--held-out``); the shipped ones otherwise."""
    if not HELD_OUT:
        return
    k = fold_of(Path(path).stem)
    os.environ[line_model.MODEL_ENV] = str(HELD_OUT["line"] / f"line_model_fold{k}.json")
    if os.environ.get(block_model.MODEL_ENV) != "off":
        os.environ[block_model.MODEL_ENV] = str(HELD_OUT["html"] / f"html_model_fold{k}.json")


def read_folder(folder: Path, suffix: str, sizes: tuple[int, int] | None = None) -> tuple[list[RawDocument], float]:
    """The folder's pages read (decoded, and for HTML parsed), and the CPU seconds it took."""
    files = sorted(folder.glob(f"*{suffix}"))
    if sizes:
        files = [f for f in files if sizes[0] <= f.stat().st_size <= sizes[1]]
    started = time.process_time()
    raws = [r for r in (read(Source(str(f), f)) for f in files) if isinstance(r, RawDocument)]
    return raws, time.process_time() - started


def clean_folder(raws: list[RawDocument], together: bool) -> tuple[list[Document], float]:
    """Each page cleaned, with the folder's template when ``together``; CPU seconds."""
    started = time.process_time()
    template = cleaner.template_from([unit_keys(raw) for raw in raws]) if together else frozenset()
    documents = []
    for raw in raws:
        use_fold_models(raw.path)
        documents.append(clean_raw(raw, template))
    return documents, time.process_time() - started


def as_text_named(documents: list[Document]) -> list[dict]:
    """Exports named as the gold names the text renderings (``<id>.txt``)."""
    out = []
    for document in documents:
        exported = _as_export(document)
        exported["path"] = str(Path(document.path).with_suffix(".txt"))
        out.append(exported)
    return out


def run_set(name: str, kind: str, why: bool) -> None:
    folder = SETS[name] / ("html" if kind == "html" else "raw")
    raws, reading = read_folder(folder, ".html" if kind == "html" else ".txt")
    documents, cleaning = clean_folder(raws, together=True)
    rate = len(raws) / (reading + cleaning)
    if name == "kremlin":
        print(f"kremlin {kind:4} as one folder: {score_gold(SETS[name] / 'gold', as_text_named(documents))}")
        alone, alone_time = clean_folder(raws, together=False)
        print(f"kremlin {kind:4} one at a time: {score_gold(SETS[name] / 'gold', as_text_named(alone))}")
    else:
        print(f"web     {kind:4}: {score_web(as_text_named(documents))}")
        if why and kind == "html":
            lost_by_reason(documents)
    print(f"        {kind:4} {len(raws)} pages, {rate:.0f} pages/s (read {reading:.1f} s, clean {cleaning:.1f} s CPU)")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def lost_by_reason(documents: list[Document]) -> None:
    """Each lost 'with' snippet of the web set by the reason of the removed block that held it."""
    import json

    by_stem = {Path(d.path).stem: d for d in documents}
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted((SETS["web"] / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        document = by_stem.get(path.stem)
        if document is None:
            counts["page not read"] += len(gold["with"])
            continue
        body = _norm("\n".join([document.title or "", *document.paragraphs]))
        for snippet in gold["with"]:
            key = _norm(snippet)
            if key in body:
                continue
            reason = next((r.reason for r in document.removed if key in _norm(r.text)), "split across blocks")
            counts[str(reason)] += 1
    print("        lost 'with' snippets by reason: " + ", ".join(f"{r} {n}" for r, n in counts.most_common()))


def news_speed() -> None:
    raws, reading = read_folder(SETS["web"] / "html", ".html", (30_000, 100_000))
    _, cleaning = clean_folder(raws, together=False)
    print(f"news    html {len(raws)} pages of 30-100 KB, one core: {len(raws) / (reading + cleaning):.0f} pages/s "
          f"(read {reading:.1f} s, clean {cleaning:.1f} s CPU)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="*", default=["kremlin", "web"], choices=sorted(SETS))
    parser.add_argument("--kinds", nargs="*", default=["html", "text"], choices=["html", "text"])
    parser.add_argument("--why", action="store_true", help="the web set's lost snippets by removal reason")
    parser.add_argument("--held-out", action="store_true", help="each page by the fold models that never saw it")
    parser.add_argument("--folds", type=Path, default=OUT, help="where html_model_fold<k>.json are")
    parser.add_argument("--line-folds", type=Path, default=OUT, help="where line_model_fold<k>.json are")
    parser.add_argument("--rules-only", action="store_true", help="the block model switched off")
    parser.add_argument("--no-speed", action="store_true", help="no news pages' speed")
    args = parser.parse_args()
    if args.rules_only:
        os.environ[block_model.MODEL_ENV] = "off"
    if args.held_out:
        HELD_OUT.update(line=args.line_folds, html=args.folds)
    for name in args.sets:
        for kind in args.kinds:
            run_set(name, kind, args.why)
    if not args.no_speed:
        if HELD_OUT:  # speed with the shipped models
            HELD_OUT.clear()
            os.environ.pop(line_model.MODEL_ENV, None)
            os.environ.pop(block_model.MODEL_ENV, None)
        news_speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
