"""Any bytes in a journal or a store file give a result or one clear error, never a traceback."""

from __future__ import annotations

import json
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store import journal, layout
from reader.store.model import make_document
from reader.store.state import OperationError, State
from reader.store.tinyfile import Damage

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Bytes that look like journal lines: real entries, cut, glued, flipped, or garbage.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


def _line(payload: bytes, honest: bool) -> bytes:
    checksum = zlib.crc32(payload) if honest else zlib.crc32(payload) ^ 1
    return b"%08x " % checksum + payload + b"\n"


@st.composite
def journals(draw: st.DrawFn) -> bytes:
    pieces = []
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 3))
        if choice == 0:  # a real entry
            seq = draw(st.integers(-2, 8))
            pieces.append(journal.encode(seq, [{"op": "del", "id": "قال", "doc_id": "d"}]))
        elif choice == 1:  # checksummed, but any JSON at all
            payload = json.dumps(draw(json_values), ensure_ascii=False).encode("utf-8")
            pieces.append(_line(payload, draw(st.booleans())))
        elif choice == 2:  # nested deep, with a good checksum
            pieces.append(_line(b"[" * draw(st.integers(1, 100_000)), True))
        else:
            pieces.append(draw(st.binary(max_size=60)))
    data = b"".join(pieces)
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


@SETTINGS
@given(journals())
def test_the_journal_reader_takes_any_bytes(data: bytes) -> None:
    scan = journal.scan(data)
    assert scan.good_end <= scan.size == len(data)
    seqs = [entry.seq for entry in scan.entries]
    assert all(isinstance(seq, int) for seq in seqs)
    for line, why in scan.damaged:
        assert isinstance(why, str) and line >= 1
        assert isinstance(scan.damage_summary(), str) and "\n" not in scan.damage_summary()
        assert isinstance(scan.lost(line), str)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode())))
def test_store_files_take_any_bytes(data: bytes) -> None:
    for read in (
        lambda: layout.read_store_file(data, strict=True),
        lambda: layout.read_store_file(data, strict=False),
        lambda: layout.parse_document(data, None, strict=False),
    ):
        try:
            read()
        except Damage as damage:
            assert str(damage) and "\n" not in str(damage)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "source", "status", "sha256", "span_count", "labels", "orphaned"]
        ),
        json_values,
    )
)
def test_a_manifest_with_any_rows_is_read_or_refused_in_one_line(row: dict) -> None:
    data = json.dumps(
        {
            "_meta": {"1": {"format": "reader-store", "version": 2, "seq": 3}},
            "documents": {"1": row},
        }
    ).encode()
    try:
        manifest = layout.read_store_file(data, strict=True)
    except Damage as damage:
        assert "\n" not in str(damage)
    else:
        assert isinstance(manifest, layout.Manifest)
        (read,) = manifest.rows.values()
        assert isinstance(read["labels"], dict) and isinstance(read["span_count"], int)
    lenient = layout.read_store_file(data, strict=False)
    assert isinstance(lenient, layout.Manifest)


@SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries(
            {"op": st.sampled_from(["span", "del", "doc", "rel", "unrel", "other"])},
            optional={
                "span": json_values,
                "doc": json_values,
                "rel": json_values,
                "id": json_values,
                "doc_id": json_values,
            },
        ),
        max_size=8,
    )
)
def test_replaying_any_operations_applies_them_or_says_why(ops: list[dict]) -> None:
    state = State()
    state.apply({"op": "doc", "doc": make_document("d", "نصٌّ قصير", None, "todo", None)})
    for number, op in enumerate(ops, 2):
        try:
            state.apply(op, number)
        except OperationError as error:
            assert str(error) and "\n" not in str(error)
