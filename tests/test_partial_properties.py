"""Properties of oci_core.partial: referrers tags always parse as tags; wrong kinds of objects give TypeError.

The last property covers every public callable of partial, layout,
layerdigest and annotations: handed objects of the wrong kinds, each raises a
TypeError or a ValueError (an OCIError among them), never anything else.
"""

from __future__ import annotations

import inspect
import re
import string
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from oci_core import annotations as annotations_module
from oci_core import errors, layerdigest, layout, partial
from oci_core.descriptor import describe
from oci_core.digest import ALGORITHMS, DIGEST_PATTERN, Digest, parse_digest
from oci_core.manifest import ImageIndex
from oci_core.partial import referrers_tag
from oci_core.reference import TAG_PATTERN, parse_reference
from oci_core.strategies import digests

_TAG = re.compile(TAG_PATTERN).fullmatch

_component = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)


@st.composite
def grammar_digests(draw: st.DrawFn) -> str:
    """Any digest of the grammar, long enough to be truncated on both sides; unregistered algorithms only."""
    components = draw(st.lists(_component, min_size=1, max_size=7))
    separators = draw(st.lists(st.sampled_from("+._-"), min_size=len(components) - 1, max_size=len(components) - 1))
    algorithm = components[0] + "".join(sep + part for sep, part in zip(separators, components[1:], strict=True))
    if algorithm in ALGORITHMS:
        algorithm = "x" + algorithm
    encoded = draw(st.text(string.ascii_letters + string.digits + "=_-", min_size=1, max_size=150))
    return f"{algorithm}:{encoded}"


def _assert_is_tag(tag: str, digest: str) -> None:
    assert _TAG(tag) is not None, (digest, tag)
    assert parse_reference(f"registry.example/repo:{tag}").tag == tag
    algorithm, _, encoded = digest.partition(":")
    assert tag == f"{algorithm[:32]}-{encoded[:64]}".replace("+", "-").replace("=", "-")


@given(digests())
def test_tags_of_registered_digests_parse_as_tags(digest: Digest) -> None:
    tag = referrers_tag(digest)
    _assert_is_tag(tag, digest)
    assert tag == f"{digest.algorithm}-{digest.encoded[:64]}"


@given(grammar_digests())
def test_tags_of_grammar_digests_parse_as_tags(text: str) -> None:
    assert re.fullmatch(DIGEST_PATTERN, text)
    _assert_is_tag(referrers_tag(text), text)
    _assert_is_tag(referrers_tag(parse_digest(text, allow_unregistered=True)), text)


@given(st.text(max_size=80))
def test_arbitrary_text_gives_a_tag_or_a_digest_error(text: str) -> None:
    try:
        tag = referrers_tag(text)
    except errors.InvalidDigestError:
        return
    _assert_is_tag(tag, text)


# -- wrong kinds of objects ----------------------------------------------------------------------

_WRONG: list[object] = [None, 3, True, 1.5, b"sha256:", "sha256:", [], {}, object(), (1,), ImageIndex(manifests=()),
                        describe(b"", "a/b"), Digest("sha256:" + "a" * 64)]
_PROTOCOLS = {"Describable", "Image", "ImageCore", "Index", "Layer", "WithRawConfig", "WithRawManifest"}


def _public_callables() -> list[tuple[str, Callable[..., object], int]]:
    found = []
    for module in (partial, layout, layerdigest, annotations_module):
        for name in module.__all__:
            value = getattr(module, name)
            if not callable(value) or name in _PROTOCOLS:
                continue
            parameters = inspect.signature(value).parameters.values()
            positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
            required = [p for p in parameters if p.default is p.empty and p.kind in positional]
            found.append((f"{module.__name__}.{name}", value, len(required)))
    return found


@given(st.data())
def test_wrong_kinds_of_objects_give_a_type_or_value_error_never_anything_else(data: st.DataObject) -> None:
    _, function, count = data.draw(st.sampled_from(_public_callables()), label="function")
    arguments = data.draw(st.lists(st.sampled_from(_WRONG), min_size=count, max_size=count), label="arguments")
    try:
        function(*arguments)
    except (TypeError, ValueError):  # an OCIError is a ValueError: the data was bad
        pass
