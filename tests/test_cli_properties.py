"""Properties of the tool's pure modules: arbitrary input gives a value or an OCIError; plans keep their order."""

from __future__ import annotations

import argparse

from hypothesis import given
from hypothesis import strategies as st

from oci_core import errors
from oci_core._cli_args import size_argument
from oci_core._cli_plan import (
    LayoutTarget,
    RegistryTarget,
    Tree,
    parse_location,
    plan_transfer,
    read_document,
    split_layout_argument,
)
from oci_core._cli_policy import MAX_RETRY_AFTER, retry_delay
from oci_core._cli_progress import Meter, human_bytes, human_duration
from oci_core._cli_render import error_json, error_lines, inspect_document
from oci_core.descriptor import describe
from oci_core.manifest import build_image_index, build_image_manifest
from oci_core.mediatypes import OCI_IMAGE_CONFIG, OCI_LAYER_GZIP

texts = st.text(max_size=300) | st.text(alphabet="oci:/.-_@:abcAZ09", max_size=60)


@given(texts, st.booleans())
def test_any_location_text_gives_a_location_or_an_oci_error(text: str, exists: bool) -> None:
    try:
        location = parse_location(text, is_dir=lambda path: exists)
    except errors.OCIError:
        return
    assert isinstance(location, (LayoutTarget, RegistryTarget))
    if isinstance(location, LayoutTarget):
        rebuilt = location.path + (f":{location.name}" if location.name is not None else "")
        assert "oci:" + rebuilt == text


@given(texts)
def test_a_layout_argument_splits_back_into_its_text(text: str) -> None:
    try:
        target = split_layout_argument(text, is_dir=lambda path: False)
    except errors.OCIError:
        return
    assert target.path + (f":{target.name}" if target.name is not None else "") == text


@given(st.binary(max_size=400) | st.sampled_from([b"{}", b'{"schemaVersion":2}', b'{"rootfs":{}}', b"[1]"]))
def test_inspect_of_any_bytes_gives_a_report_or_an_oci_error(raw: bytes) -> None:
    failure: errors.OCIError | None = None
    report = None
    try:
        report = inspect_document(raw, None, "x")
    except errors.OCIError as error:
        failure = error
    if failure is not None:
        assert error_lines(failure)[0].startswith("invalid: ")
        assert error_json(failure)["type"] == type(failure).__name__
    else:
        assert report is not None and report.data["size"] == len(raw)


@given(st.text(max_size=30))
def test_size_arguments(text: str) -> None:
    try:
        value = size_argument(text)
    except argparse.ArgumentTypeError:
        return
    assert str(value) == text.lstrip("0") or (value == 0 and set(text) == {"0"})


@given(st.integers(0, 20), st.integers(0, 20), st.one_of(st.none(), st.integers(100, 599)),
       st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)),
       st.sampled_from(["GET", "HEAD", "PUT", "POST", "PATCH", "DELETE"]))
def test_a_retry_waits_a_bounded_time_and_stops(attempt: int, retries: int, status: int | None,
                                                after: float | None, method: str) -> None:
    delay = retry_delay(attempt, retries, status=status, retry_after=after, method=method)
    if attempt >= retries:
        assert delay is None
    assert delay is None or 0.0 <= delay <= MAX_RETRY_AFTER


@given(st.integers(0, 1 << 62), st.one_of(st.none(), st.integers(0, 1 << 62)),
       st.floats(0, 1e6), st.floats(0, 1e6))
def test_a_meter_always_draws(done: int, total: int | None, started: float, later: float) -> None:
    meter = Meter("x", total=total, started=started)
    line = meter.line(done, started + later)
    assert line.startswith("x  ") and human_bytes(done) in line
    assert meter.finish(done, started + later).startswith("x  ")
    assert ":" in human_duration(later)


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    """An index of up to four images whose layers come from a small shared pool."""
    pool = [describe(bytes([n]) * (n + 1), OCI_LAYER_GZIP) for n in range(5)]
    images = []
    for number in range(draw(st.integers(1, 4))):
        layers = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
        config = describe(b'{"n":%d}' % number, OCI_IMAGE_CONFIG)
        raw, descriptor = build_image_manifest(config, layers)
        images.append(Tree(read_document(descriptor, raw)))
    raw, descriptor = build_image_index([tree.document.descriptor for tree in images])
    return Tree(read_document(descriptor, raw), tuple(images))


@given(trees())
def test_a_plan_moves_each_blob_once_and_before_what_needs_it(tree: Tree) -> None:
    steps = plan_transfer(tree)
    blobs = [step.descriptor.digest for step in steps if step.kind == "blob"]
    assert len(blobs) == len(set(blobs))
    position: dict[tuple[str, str], int] = {}
    for index, step in enumerate(steps):
        position.setdefault((step.kind, step.descriptor.digest), index)
    for child in tree.children:
        manifest = child.document
        put = position[("manifest", manifest.digest)]
        assert put < position[("manifest", tree.document.digest)]
        for blob in (manifest.parsed.config, *manifest.parsed.layers):  # type: ignore[union-attr]
            assert position[("blob", blob.digest)] < put
    assert steps[-1].root and steps[-1].kind == "manifest"
    for index, step in enumerate(steps):
        if step.kind == "check":
            assert steps[step.end].descriptor == step.descriptor and step.end > index
