"""Actors after role cues, claims after reporting verbs, with their speaker."""

import pytest

from reader.assist import LABELS, suggest


def spans(text, label):
    return [(text[s.start : s.end], s) for s in suggest(text, only=[label])]


def test_person_after_title_without_the_title():
    text = "استقبل الرئيس الفلسطيني محمود عباس وزير الخارجية الأمريكي أنتوني بلينكن"
    assert [t for t, _ in spans(text, "actor")] == ["محمود عباس", "أنتوني بلينكن"]


def test_organisation_with_its_head_noun():
    text = "وأعلنت وزارة الصحة أن حركة «حماس» وحركة فتح اتفقتا"
    assert [t for t, _ in spans(text, "actor")] == ["وزارة الصحة", "حركة فتح"]


def test_claim_after_inna_has_the_speaker():
    text = "قال الرئيس محمود عباس إن المفاوضات ستُستأنف قريبًا. ثم غادر."
    [(clause, claim)] = spans(text, "claim")
    assert clause == "المفاوضات ستُستأنف قريبًا"
    assert claim.speaker is not None
    assert text[claim.speaker[0] : claim.speaker[1]] == "محمود عباس"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("وأكدت الوزارة: «لن نقبل بذلك» في بيانها.", "لن نقبل بذلك"),
        ("وأضاف بأن الوضع هادئ\nسطر آخر", "الوضع هادئ"),
        ('نفى المتحدث "أي تدخل" أمس.', "أي تدخل"),
    ],
)
def test_claim_markers(text, clause):
    assert [t for t, _ in spans(text, "claim")] == [clause]


def test_unknown_label_is_refused():
    with pytest.raises(ValueError, match="no suggester for person"):
        suggest("نص", only=["person"])
    assert set(LABELS) == {"date", "place", "actor", "claim"}


def test_claim_without_a_known_speaker():
    text = "وأوضح أن الاجتماع تأجل"
    [(clause, claim)] = spans(text, "claim")
    assert clause == "الاجتماع تأجل" and claim.speaker is None


def test_suggestions_come_sorted_and_limited():
    text = "قال الرئيس محمود عباس في رام الله أمس إن الوضع صعب"
    result = suggest(text)
    assert result == sorted(result, key=lambda s: (s.start, s.end, s.label))
    assert {s.label for s in result} == {"actor", "place", "date", "claim"}
    assert {s.label for s in suggest(text, only=["date", "place"])} == {"date", "place"}
