"""The fast paths (bisect over sorted spans) against the definitions written out plainly."""

from hypothesis import given
from hypothesis import strategies as st

from reader.review.agreement import compare
from reader.review.kappa import token_labels, tokens
from reader.review.merge import merge_document
from reader.review.spans import Span

LABELS = ["actor", "place"]
spans = st.lists(
    st.builds(
        lambda start, length, label: Span(start, start + length, label),
        st.integers(0, 40),
        st.integers(1, 10),
        st.sampled_from(LABELS),
    ),
    max_size=12,
    unique=True,
)


@given(spans, spans)
def test_overlap_hits_as_defined(a, b):
    counts = compare(a, b).overall
    assert counts.a_hit == sum(
        any(x.label == y.label and x.start < y.end and y.start < x.end for y in b) for x in a
    )
    assert counts.b_hit == sum(
        any(x.label == y.label and x.start < y.end and y.start < x.end for x in a) for y in b
    )
    assert counts.exact == len(set(a) & set(b))


@given(st.text(alphabet="اب ج\n", max_size=50), spans)
def test_token_labels_as_defined(text, marked):
    ranges = tokens(text)
    expected = []
    for start, end in ranges:
        covering = [s for s in marked if s.start < end and start < s.end]
        best = min(covering, key=lambda s: (s.end - s.start, s.start, s.label), default=None)
        expected.append(None if best is None else best.label)
    assert token_labels(ranges, marked) == expected


@given(spans, spans)
def test_merge_keeps_every_span_once(a, b):
    result = merge_document({"huda": a, "omar": b})
    agreed = {x.span for x in result.agreed}
    assert agreed == set(a) & set(b)
    for name, mine in (("huda", a), ("omar", b)):
        in_conflicts = [s for c in result.conflicts for s in c.versions[name]]
        assert sorted(in_conflicts) == sorted(set(mine) - agreed)
    # groups are disjoint, in order, and each span lies inside its group
    for before, after in zip(result.conflicts, result.conflicts[1:], strict=False):
        assert before.end <= after.start
    for c in result.conflicts:
        assert all(c.start <= s.start and s.end <= c.end for v in c.versions.values() for s in v)
