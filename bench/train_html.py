"""Train the HTML reader's block model on the development sets; report held-out scores.

    .venv/bin/pip install -e '.[train]'            # scikit-learn: training only
    .venv/bin/python bench/train_html.py --refresh # rows from the sets (cached in bench/out/), 5 folds, thresholds
    .venv/bin/python bench/train_html.py --ship    # and the shipped model, trained on every page

Rows: every block of the pages of ``kremlin/html`` (as one folder) and
``web/html``, judged by the HTML reader's rules (``extract.judge``) with the
features of ``block_features``. The text path's line model, one of those
features, is the fold model that never saw the page
(``bench/out/line_model_fold<k>.json`` of ``bench/train_cleaner.py --cv``, or
``--line-folds DIR``), so that its probabilities are as sure as on an unseen
page. Labels: kremlin exact (a block is a gold ``keep`` paragraph, a piece of
one, the title, or a ``drop`` line; anything else is left out); web noisy,
from the HTML extractor's lines, overruled by the gold snippets (a block
holding a ``with`` snippet, or a piece of one, is content, one holding a
``without`` snippet is not; these weigh ``SNIPPET_WEIGHT``).

Held-out: 5 folds by page (the line model's folds: a web page is its own
site), each page's blocks scored by the model of the fold that never saw it;
the thresholds are chosen on those held-out probabilities (web F1 with recall
at least ``MIN_RECALL``, then fewest pages losing text, kremlin's pages
perfect checked), and written into each fold model
(``bench/out/html_model_fold<k>.json``) for ``html_bench.py --held-out``.
Seeds are fixed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import pickle
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cleaner_data
import html_bench
from cleaner_data import norm
from cleaning_bench import _tool
from train_cleaner import trees_of

from corpusreader.corpus.cleaning import cleaner, line_model
from corpusreader.corpus.html import block_model
from corpusreader.corpus.html.block_features import (
    BASE,
    FEATURES,
    SMOOTH_FEATURES,
    base_rows,
    lexical_rows,
    smoothing_rows,
)
from corpusreader.corpus.html.dispatch import unit_keys
from corpusreader.corpus.html.extract import Judged, judge
from corpusreader.corpus.loading.files import read
from corpusreader.corpus.model import RawDocument, Source

OUT = Path(__file__).resolve().parent / "out"
SHIPPED = Path(__file__).resolve().parents[1] / "src/corpusreader/corpus/data/html_model.json"
FOLDS = 5
SEED = 0
PARAMS = {"max_iter": 150, "max_leaf_nodes": 15, "learning_rate": 0.1, "min_samples_leaf": 30, "l2_regularization": 1.0}
SECOND = {"max_iter": 60, "max_leaf_nodes": 8, "learning_rate": 0.1, "min_samples_leaf": 60, "l2_regularization": 1.0}
SNIPPET_WEIGHT = 20.0
SNIPPET_SCALE = 2.0  # the snippets weigh SNIPPET_WEIGHT times this (--snippet-scale; 1 and 3 scored alike held-out)
KREMLIN_SCALE = 2.0
LEXICON_MIN_PAGES = 8
LEXICON_CAP = 4.0
MIN_RECALL = 0.97
MAX_PAGES = 40
GRID_INSIDE = (0.03, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4)
GRID_OUTSIDE = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)
GRID_ANCHOR = (0.7, 0.8, 0.9, 1.01)


def fold_of(name: str) -> int:
    """The line model's folds (``train_cleaner.fold_of``)."""
    return html_bench.fold_of(name, FOLDS, SEED)


@dataclass
class Page:
    name: str
    set: str
    judged: Judged
    features: np.ndarray  # BASE (the lexical columns depend on a fold's lexicon)
    labels: np.ndarray  # 1 content, 0 boilerplate, nan unknown
    weights: np.ndarray


def _texts(judged: Judged) -> list[str]:
    return [norm(b.text) for b in judged.blocks]


def kremlin_labels(name: str, judged: Judged) -> tuple[list[float], list[float]]:
    gold = json.loads((cleaner_data.DEVSETS / "kremlin" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    keep = {norm(k) for k in gold["keep"]}
    keep_text = "\n".join(keep)
    drop = {norm(d) for d in gold["drop"]}
    title = norm(gold.get("title") or "")
    labels = []
    seen: set[str] = set()
    for i, (block, text) in enumerate(zip(judged.blocks, _texts(judged))):
        if block.skipped or not text or (text in seen and text in keep):
            labels.append(np.nan)  # a paragraph said again (a teaser of this page in a sidebar): unknown
        elif title and text == title and i != judged.title_index:
            labels.append(0.0)  # the title said again (a share button's text) is no body
        elif text in keep or (title and text == title) or (len(text) >= 25 and text in keep_text):
            labels.append(1.0)
        elif text in drop:
            labels.append(0.0)
        else:
            labels.append(np.nan)
    return labels, [1.0] * len(labels)


def web_labels(name: str, judged: Judged) -> tuple[list[float], list[float]]:
    gold = json.loads((cleaner_data.DEVSETS / "web" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    path = cleaner_data.DEVSETS / "web" / "html-extractor" / f"{name}.txt"
    extracted = [norm(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    extracted = [line for line in extracted if line]
    lines, whole = set(extracted), "\n".join(extracted)
    long_lines = [line for line in extracted if len(line) >= 30]
    with_ = [s for s in (norm(s) for s in gold["with"]) if s]
    without = [s for s in (norm(s) for s in gold["without"]) if s]
    agrees = all(s in whole for s in with_) and not any(s in whole for s in without)
    labels, weights = [], []
    for block, text in zip(judged.blocks, _texts(judged)):
        if block.skipped or not text:
            label, weight = np.nan, 0.0
        elif any(s in text for s in with_) or (len(text) >= 20 and any(text in s for s in with_)):
            label, weight = 1.0, SNIPPET_WEIGHT
        elif any(s in text for s in without):
            label, weight = 0.0, SNIPPET_WEIGHT
        elif text in lines or (len(text) >= 30 and text in whole) or any(line in text for line in long_lines):
            label, weight = 1.0, 1.0 if agrees else 0.5
        else:
            label, weight = 0.0, 1.0 if agrees else 0.5
        labels.append(label)
        weights.append(weight)
    return labels, weights


def build_pages(line_folds: Path) -> list[Page]:
    pages = []
    for set_name in ("kremlin", "web"):
        files = sorted((cleaner_data.DEVSETS / set_name / "html").glob("*.html"))
        raws = [r for r in (read(Source(str(f), f)) for f in files) if isinstance(r, RawDocument)]
        template = cleaner.template_from([unit_keys(raw) for raw in raws])
        for raw in raws:
            name = Path(raw.path).stem
            fold_model = line_folds / f"line_model_fold{fold_of(name)}.json"
            os.environ[line_model.MODEL_ENV] = str(fold_model)
            assert raw.page is not None
            judged = judge(raw, raw.page, template)
            labels, weights = (kremlin_labels if set_name == "kremlin" else web_labels)(name, judged)
            features = np.array(base_rows(judged), dtype=np.float64).reshape(-1, len(BASE))
            pages.append(Page(name, set_name, judged, features, np.array(labels), np.array(weights)))
    os.environ.pop(line_model.MODEL_ENV, None)
    return pages


def load_pages(refresh: bool, line_folds: Path) -> list[Page]:
    cache = OUT / "html_rows.pkl"
    if cache.exists() and not refresh:
        data = pickle.loads(cache.read_bytes())
        if data.get("features") == BASE:
            return data["pages"]
    started = time.time()
    pages = build_pages(line_folds)
    OUT.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps({"features": BASE, "pages": pages}))
    print(f"rows of {len(pages)} pages built in {time.time() - started:.0f} s", file=sys.stderr)
    return pages


def learn_lexicon(pages: list[Page]) -> dict[str, float]:
    """Each class or id word's log-odds of standing over a page's content rather than its chrome, counted once
    a page (a site, in the web set), for the words of at least ``LEXICON_MIN_PAGES`` web pages."""
    in_content: Counter[str] = Counter()
    in_chrome: Counter[str] = Counter()
    web = [p for p in pages if p.set == "web"]
    for p in web:
        content: set[str] = set()
        chrome: set[str] = set()
        for block, label in zip(p.judged.blocks, p.labels):
            if label == 1:
                content.update(block.names)
            elif label == 0:
                chrome.update(block.names)
        in_content.update(content)
        in_chrome.update(chrome)
    n = len(web)
    lexicon = {}
    for word in set(in_content) | set(in_chrome):
        a, b = in_content[word], in_chrome[word]
        if a + b >= LEXICON_MIN_PAGES:
            weight = math.log((a + 1) / (n + 2)) - math.log((b + 1) / (n + 2))
            lexicon[word] = round(max(-LEXICON_CAP, min(LEXICON_CAP, weight)), 3)
    return dict(sorted(lexicon.items()))


def features_of(page: Page, lexicon: dict[str, float]) -> np.ndarray:
    lexical = np.array(lexical_rows(page.judged, lexicon), dtype=np.float64).reshape(-1, len(FEATURES) - len(BASE))
    return np.hstack([page.features, lexical])


def fit(pages: list[Page], inputs: dict[str, np.ndarray], second: bool = False) -> HistGradientBoostingClassifier:
    """Stage one (or two) on the pages' rows (``inputs``: by page key)."""
    X = np.vstack([inputs[key(p)] for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([p.weights * (KREMLIN_SCALE if p.set == "kremlin" else 1.0) for p in pages])
    w = np.where(w == SNIPPET_WEIGHT, SNIPPET_WEIGHT * SNIPPET_SCALE, w)
    known = ~np.isnan(y)
    model = HistGradientBoostingClassifier(random_state=SEED, **(SECOND if second else PARAMS))
    model.fit(X[known], y[known], sample_weight=w[known])
    return model


def key(page: Page) -> str:
    return f"{page.set}/{page.name}"


def export(model: HistGradientBoostingClassifier, second: HistGradientBoostingClassifier | None,
           thresholds: tuple[float, float, float], lexicon: dict[str, float]) -> dict:
    inside, outside, anchor = thresholds
    data = {"made_by": "bench/train_html.py", "features": list(FEATURES), **trees_of(model),
            "inside": inside, "outside": outside, "anchor": anchor, "lexicon": lexicon}
    if second is not None:
        data["second"] = {"features": list(SMOOTH_FEATURES), **trees_of(second)}
    return data


def held_out(pages: list[Page], smooth: dict[str, np.ndarray] | None = None):
    """Each page's probabilities from the fold model that never saw it, the fold models and their lexicons
    (stage two with ``smooth``: each page's smoothing rows over its held-out stage-one probabilities)."""
    probabilities: dict[str, np.ndarray] = {}
    models, lexicons = [], []
    for k in range(FOLDS):
        started = time.time()
        training = [p for p in pages if fold_of(p.name) != k]
        lexicon = learn_lexicon(training)
        inputs = smooth if smooth is not None else {key(p): features_of(p, lexicon) for p in pages}
        model = fit(training, inputs, second=smooth is not None)
        models.append(model)
        lexicons.append(lexicon)
        for p in pages:
            if fold_of(p.name) == k:
                probabilities[key(p)] = model.predict_proba(inputs[key(p)])[:, 1]
        print(f"fold {k}: {time.time() - started:.0f} s, lexicon {len(lexicon)} words", file=sys.stderr)
    return probabilities, models, lexicons


def smoothing(pages: list[Page], first: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {key(p): np.array(smoothing_rows(first[key(p)].tolist(), p.features.tolist()),
                             dtype=np.float64).reshape(-1, len(SMOOTH_FEATURES)) for p in pages}


@dataclass
class WebGold:
    """A web page's snippets, and for each the blocks that hold it whole (none: it spans blocks)."""

    title: str
    texts: list[str]
    with_: list[tuple[str, list[int]]]
    without: list[tuple[str, list[int]]]


def web_golds(pages: list[Page]) -> dict[str, WebGold]:
    scorer = _tool("score_web")
    golds = {}
    for p in pages:
        if p.set != "web":
            continue
        gold = json.loads((cleaner_data.DEVSETS / "web" / "gold" / f"{p.name}.json").read_text(encoding="utf-8"))
        texts = [scorer.norm(b.text) for b in p.judged.blocks]
        title = scorer.norm(p.judged.title or "")

        def holders(snippet: str, texts: list[str] = texts) -> tuple[str, list[int]]:
            key = scorer.norm(snippet)
            return key, [i for i, t in enumerate(texts) if key in t]

        golds[p.name] = WebGold(title, texts, [holders(s) for s in gold["with"]],
                                [holders(s) for s in gold["without"]])
    return golds


def _found(gold: WebGold, key: str, holders: list[int], reasons: list, title_index: int | None) -> bool:
    if key in gold.title or any(reasons[i] is None and i != title_index for i in holders):
        return True
    if holders:
        return False
    body = " ".join([gold.title] + [t for i, t in enumerate(gold.texts) if reasons[i] is None and i != title_index])
    return key in body


def web_score(pages: list[Page], probabilities: dict[str, np.ndarray], thresholds,
              golds: dict[str, WebGold]) -> tuple[float, float, float, int]:
    """The shared scorer's counts over the web pages as the thresholds decide them (a snippet is found when
    a kept block holds it, or the kept text when it spans blocks)."""
    scorer = _tool("score_web")
    tp = fp = fn = tn = lost_pages = 0
    for p in pages:
        if p.set != "web":
            continue
        gold = golds[p.name]
        reasons = block_model.decide_from(p.judged, probabilities["web/" + p.name].tolist(), *thresholds)
        found = [_found(gold, key, h, reasons, p.judged.title_index) for key, h in gold.with_]
        kept = sum(_found(gold, key, h, reasons, p.judged.title_index) for key, h in gold.without)
        tp, fn = tp + sum(found), fn + len(found) - sum(found)
        fp, tn = fp + kept, tn + len(gold.without) - kept
        lost_pages += not all(found)
    precision, recall, f1, _ = scorer.scores(tp, fp, fn, tn)
    return f1, precision, recall, lost_pages


def kremlin_errors(pages: list[Page], probabilities: dict[str, np.ndarray], thresholds) -> tuple[int, int]:
    """Pages with a labelled block decided wrongly, and gold paragraphs lost (blocks labelled content removed)."""
    wrong = lost = 0
    for p in pages:
        if p.set != "kremlin":
            continue
        reasons = block_model.decide_from(p.judged, probabilities["kremlin/" + p.name].tolist(), *thresholds)
        bad = False
        for i, label in enumerate(p.labels):
            if np.isnan(label) or i == p.judged.title_index:
                continue
            kept = reasons[i] is None
            bad |= kept != (label == 1)
            lost += label == 1 and not kept
        wrong += bad
    return wrong, lost


def choose(pages: list[Page], probabilities: dict[str, np.ndarray]) -> tuple[tuple[float, float, float], tuple]:
    """The thresholds of best web F1 with recall at least ``MIN_RECALL`` and at most ``MAX_PAGES`` pages losing
    text (where none reaches both, of recall at least ``MIN_RECALL``); and their scores."""
    golds = web_golds(pages)
    rules = {key(p): np.array([float(r is None) for r in p.judged.reasons]) for p in pages}
    f1, precision, recall, lost = web_score(pages, rules, (0.5, 0.5, 1.01), golds)
    wrong, lost_k = kremlin_errors(pages, rules, (0.5, 0.5, 1.01))
    print(f"rules alone (held-out line model): web F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}), {lost} pages; "
          f"kremlin {wrong} pages wrong, {lost_k} lost")
    results = []
    for inside, outside, anchor in itertools.product(GRID_INSIDE, GRID_OUTSIDE, GRID_ANCHOR):
        if inside > outside or (anchor > 1 and inside != GRID_INSIDE[0]):
            continue
        thresholds = (inside, outside, anchor)
        results.append((web_score(pages, probabilities, thresholds, golds), thresholds))
    results.sort(key=lambda r: -r[0][0])
    for (f1, precision, recall, lost), thresholds in results[:12]:
        print(f"  {thresholds}: F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}), {lost} pages")
    good = ([r for r in results if r[0][2] >= MIN_RECALL and r[0][3] <= MAX_PAGES]
            or [r for r in results if r[0][2] >= MIN_RECALL] or results)
    best = max(good, key=lambda r: (round(r[0][0], 3), -r[0][3]))
    (f1, precision, recall, lost), thresholds = best
    wrong, lost_k = kremlin_errors(pages, probabilities, thresholds)
    print(f"chosen {thresholds}: web F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}), {lost} pages; "
          f"kremlin {wrong} pages wrong, {lost_k} paragraphs lost (held-out)")
    return thresholds, (f1, -lost, -wrong)


def main() -> int:
    global SNIPPET_SCALE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refresh", action="store_true", help="rebuild the rows from the development sets")
    parser.add_argument("--ship", action="store_true", help="also train the shipped model on every page")
    parser.add_argument("--line-folds", type=Path, default=OUT, help="where line_model_fold<k>.json are")
    parser.add_argument("--one-stage", action="store_true", help="no second stage over neighbours' probabilities")
    parser.add_argument("--snippet-scale", type=float, default=SNIPPET_SCALE)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args()
    SNIPPET_SCALE = args.snippet_scale
    pages = load_pages(args.refresh, args.line_folds)
    first, firsts, lexicons = held_out(pages)
    smooth, seconds = None, [None] * FOLDS
    print("stage one alone:", file=sys.stderr)
    thresholds, merit = choose(pages, first)
    (OUT / "html_held_out_one.pkl").write_bytes(pickle.dumps(first))
    if not args.one_stage:
        smooth = smoothing(pages, first)
        probabilities, seconds, _ = held_out(pages, smooth)
        (OUT / "html_held_out.pkl").write_bytes(pickle.dumps(probabilities))
        print("both stages:", file=sys.stderr)
        both, both_merit = choose(pages, probabilities)
        if both_merit[0] >= merit[0] + 0.002:
            thresholds = both
        else:  # the second stage is worth its time only where it adds to the held-out F1
            smooth, seconds = None, [None] * FOLDS
            print("stage one alone is shipped", file=sys.stderr)
    for k in range(FOLDS):
        data = export(firsts[k], seconds[k], thresholds, lexicons[k])
        (OUT / f"html_model_fold{k}.json").write_text(json.dumps(data), encoding="utf-8")
    if args.ship:
        lexicon = learn_lexicon(pages)
        one = fit(pages, {key(p): features_of(p, lexicon) for p in pages})
        two = fit(pages, smooth, second=True) if smooth is not None else None
        data = export(one, two, thresholds, lexicon)
        block_model.from_data(data)  # the shipped file must load
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{args.out}: {args.out.stat().st_size:,} bytes, {len(data['trees'])} trees, {len(lexicon)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
