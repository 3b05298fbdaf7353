"""The cleaner's vocabulary: members are the exported strings, in JSON and through the cache."""

from __future__ import annotations

import json

from helpers import clean_page

from corpusreader.corpus.loading.cache import document_from_row, document_to_row
from corpusreader.corpus.vocab import CardKind, Protection, Reason, Role


def test_members_are_their_strings():
    assert Reason.DATE == "metadata: date" and Role.TITLE == "title"
    assert Protection.SPEAKER_LINE == "speaker line" and CardKind.PERSON == "person"
    assert json.dumps([Reason.PLACE, Reason.PAGE_HEADER]) == '["metadata: place", "page header (above the title)"]'
    assert f"{Reason.TEMPLATE}" == str(Reason.TEMPLATE) == "repeated on other pages"


def test_values_are_unique():
    for vocabulary in (Role, Reason, Protection, CardKind):
        values = [member.value for member in vocabulary]
        assert len(values) == len(set(values))


def test_reasons_of_a_cleaned_page_survive_json_and_the_cache():
    document = clean_page("kremlin_meeting.txt")
    reasons = [r.reason for r in document.removed]
    assert {Reason.DATE, Reason.TIME, Reason.PLACE, Reason.NAME_CARD} <= set(reasons)
    assert all(isinstance(reason, Reason) for reason in reasons)
    assert json.loads(json.dumps(reasons)) == [str(reason) for reason in reasons]

    again = document_from_row(document.path, document_to_row(document))
    assert again == document
    back = [r.reason for r in again.removed]
    assert all(type(reason) is str for reason in back)  # plain text from the cache ...
    assert back == reasons and [Reason(reason) for reason in back] == reasons  # ... equal to the members
    assert {c.kind for c in again.cards} == {CardKind.PERSON, CardKind.GLOSSARY}
