"""Hypothesis properties of the strict JSON reader and the Go-compatible writer."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from oci_core import _json, errors
from oci_core._fault import Fault

# -- strict JSON -------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=["Cs"]).filter(lambda c: _json.forbidden_char(c) < 0)),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8).filter(
        lambda k: _json.forbidden_char(k) < 0), children, max_size=4),
    max_leaves=20,
)


def _same(read: object, written: object) -> bool:
    """Equal, where a float Go writes without a fraction ("1e+21", "100") may read back as an int."""
    if type(written) is float:
        return type(read) in (int, float) and float(read) == written  # type: ignore[arg-type]
    if type(written) is list:
        return type(read) is list and len(read) == len(written) and all(map(_same, read, written))
    if type(written) is dict:
        return type(read) is dict and read.keys() == written.keys() and all(_same(read[k], written[k]) for k in written)
    return type(read) is type(written) and read == written


@given(json_values)
def test_writer_output_reads_back_to_the_same_value(value: _json.JSON) -> None:
    raw = _json.dumps(value)
    assert _same(_json.loads(raw, max_depth=None), value)
    assert _same(json.loads(raw), value)
    assert b"<" not in raw and b">" not in raw and b"&" not in raw


@given(json_values)
def test_reader_agrees_with_json_on_valid_documents(value: _json.JSON) -> None:
    raw = json.dumps(value, ensure_ascii=False).encode()
    assert _json.loads(raw, max_depth=None) == json.loads(raw)


@given(st.binary(max_size=512))
@example(b"\xef\xbb\xbf[]")
@example(b"[" * 70 + b"]" * 70)
@example(b'{"a":1,"a":2}')
def test_arbitrary_bytes_give_a_value_or_invalid_document(raw: bytes) -> None:
    try:
        _json.loads(raw)
    except Fault as fault:
        refusal: errors.OCIError | None = fault.as_error(errors.InvalidDocumentError)
    else:
        refusal = None
    assert refusal is None or (str(refusal) and refusal.pointer is not None)


JSON_PIECES = ["{", "}", "[", "]", '"a"', ":", ",", "1", "true", '"\\ud800"', '"\\u0000"', " ", "NaN", "1e999"]


@given(st.lists(st.sampled_from(JSON_PIECES), max_size=30))
def test_json_shaped_noise_gives_a_value_or_invalid_document(pieces: list[str]) -> None:
    raw = "".join(pieces).encode()
    try:
        value = _json.loads(raw)
    except Fault:
        return
    assert json.loads(raw) == value
