"""The term index of a large corpus is built with worker processes; the result must not
depend on it: the same terms, spellings and occurrences as in one process."""

from conftest import ROOT, TEXTS

from corpusreader.corpus.loading.pipeline import build_corpus
from corpusreader.corpus.terms import background as terms_background
from corpusreader.corpus.terms.index import TermIndex


def _documents():
    corpus, _ = build_corpus([str(TEXTS), str(ROOT / "tests" / "pages")])
    assert len(corpus.documents) >= 10
    return corpus.documents


def test_workers_give_the_same_index_as_one_process(monkeypatch):
    documents = _documents()
    alone = TermIndex.build(documents).to_json()
    monkeypatch.setattr(terms_background, "MIN_DOCUMENTS", 1)  # workers even for 11 documents
    answers = []
    real_result = terms_background.Background._result

    def result(self, future):
        answers.append(real_result(self, future))
        return answers[-1]

    monkeypatch.setattr(terms_background.Background, "_result", result)
    assert TermIndex.build(documents).to_json() == alone
    assert len(answers) == 4 and None not in answers  # symbols, long forms, two parts of grams


def test_a_worker_that_cannot_start_leaves_the_work_to_the_parent(monkeypatch):
    documents = _documents()
    alone = TermIndex.build(documents).to_json()

    class NoProcesses:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes here")

    monkeypatch.setattr(terms_background, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(terms_background, "ProcessPoolExecutor", NoProcesses)
    assert TermIndex.build(documents).to_json() == alone


def test_a_failing_task_falls_back_to_the_parent(monkeypatch):
    documents = _documents()
    alone = TermIndex.build(documents).to_json()
    monkeypatch.setattr(terms_background, "MIN_DOCUMENTS", 1)
    # the worker's long-form task finds no kept texts when the symbols task is skipped
    real_submit = terms_background.ProcessPoolExecutor.submit

    def submit(self, fn, *args, **kwargs):
        if fn is terms_background._symbols_task:
            fn, args = terms_background._texts, ()  # raises in the worker: nothing kept
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(terms_background.ProcessPoolExecutor, "submit", submit)
    assert TermIndex.build(documents).to_json() == alone
