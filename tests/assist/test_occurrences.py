"""Tag-all: the other occurrences of a tagged text, folded like search, clitics outside."""

from reader.assist import tag_all


def texts(text, suggestions):
    return [text[s.start : s.end] for s in suggestions]


def test_clitic_forms_tag_the_name_only():
    text = "زار تركيا، ثم وتركيا ولتركيا بتركيا والتركية"
    found = tag_all(text, [("تركيا", "place")], existing=[(4, 9)])
    assert texts(text, found) == ["تركيا", "تركيا", "تركيا"]
    starts = [text.index("وتركيا") + 1, text.index("ولتركيا") + 2, text.index("بتركيا") + 1]
    assert [s.start for s in found] == starts
    assert {s.label for s in found} == {"place"} and found[0].suggester.startswith("tag-all/")


def test_search_normalisation_and_contracted_article():
    text = "القدس، وَالقُدْس، للقدس، الـقـدس، القدسي"
    found = tag_all(text, [("القدس", "place")])
    assert texts(text, found) == ["القدس", "القُدْس", "قدس", "الـقـدس"]


def test_never_inside_a_word_and_longest_first():
    text = "أردوغانية أردوغان رجب طيب أردوغان"
    found = tag_all(text, [("أردوغان", "actor"), ("رجب طيب أردوغان", "actor")])
    assert texts(text, found) == ["أردوغان", "رجب طيب أردوغان"]
