"""A hover card's post stops where the sentence goes on (issue 15: posts of their page)."""

from __future__ import annotations

from corpusreader.corpus.terms.cards import find_cards, mask


def test_post_stops_before_the_next_card_across_a_bound_space():
    # the site binds "and" to the next word with a no-break space
    text = ("Regional Governor Ivan Petrov Petrov Ivan Petrov IvanGovernor of Tver Region and\xa0Emergencies "
            "Minister Oleg Sidorov Sidorov Oleg Sidorov Oleg briefed the President.")
    cards, spans = find_cards(0, text)
    assert [(c.name, c.role) for c in cards] == [("Ivan Petrov", "Governor of Tver Region"),
                                                 ("Oleg Sidorov", None)]
    assert " ".join(mask(text, spans).split()) == (
        "Regional Governor Ivan Petrov and Emergencies Minister Oleg Sidorov briefed the President.")


def test_post_never_ends_in_another_persons_name():
    text = ("The talks were attended by Aide Ivan Petrov Petrov Ivan Petrov IvanAide to the President and\xa0Vice "
            "Chancellor of\xa0Ruritania Karl-Heinz Brenner.")
    cards, spans = find_cards(0, text)
    assert [(c.name, c.role) for c in cards] == [("Ivan Petrov", "Aide to the President")]
    assert "Vice Chancellor of\xa0Ruritania Karl-Heinz Brenner." in mask(text, spans)


def test_a_post_with_and_inside_is_kept_whole():
    for role in ("Special Representative for Environmental Protection, Ecology and Transport",
                 "Chairman of the Management Board and CEO of Gazprom Neft"):
        cards, _ = find_cards(0, f"Then Ivan Petrov Petrov Ivan Petrov Ivan{role} , spoke.")
        assert [c.role for c in cards] == [role]
