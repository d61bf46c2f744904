"""oci_core.errors: the hierarchy, the one-line message, the span marker."""

from __future__ import annotations

import pickle

import pytest

from oci_core import errors


def test_every_data_error_is_a_value_error_and_an_oci_error() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        if cls is errors.LocalProtocolError:
            continue
        assert issubclass(cls, errors.OCIError)
        assert issubclass(cls, ValueError)


def test_misuse_is_not_a_data_error() -> None:
    assert issubclass(errors.LocalProtocolError, RuntimeError)
    assert not issubclass(errors.LocalProtocolError, ValueError)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (errors.InvalidDigestFormatError, errors.InvalidDigestError),
        (errors.InvalidDigestLengthError, errors.InvalidDigestError),
        (errors.UnsupportedAlgorithmError, errors.InvalidDigestError),
        (errors.SizeMismatchError, errors.DigestMismatchError),
        (errors.NameTooLongError, errors.InvalidReferenceError),
        (errors.InvalidDescriptorError, errors.InvalidDocumentError),
        (errors.InvalidIndexError, errors.InvalidManifestError),
        (errors.AmbiguousManifestError, errors.InvalidManifestError),
        (errors.InvalidConfigError, errors.InvalidDocumentError),
        (errors.ReferenceDigestFormatError, errors.InvalidReferenceError),
        (errors.ReferenceDigestFormatError, errors.InvalidDigestFormatError),
        (errors.ReferenceDigestLengthError, errors.InvalidDigestLengthError),
        (errors.ReferenceUnsupportedAlgorithmError, errors.UnsupportedAlgorithmError),
        (errors.ReferenceUnsupportedAlgorithmError, errors.InvalidReferenceDigestError),
    ],
)
def test_families(child: type[errors.OCIError], parent: type[errors.OCIError]) -> None:
    assert issubclass(child, parent)


def test_digest_format_length_and_algorithm_are_kept_apart() -> None:
    classes = {errors.InvalidDigestFormatError, errors.InvalidDigestLengthError, errors.UnsupportedAlgorithmError}
    for cls in classes:
        assert not any(issubclass(cls, other) for other in classes - {cls})


def test_message_with_text_and_position() -> None:
    err = errors.InvalidReferenceError("invalid reference format", text="a//b", span=(1, 3))
    assert str(err) == "invalid reference format: 'a//b' at position 1"
    assert err.marker == "a//b\n ^~"
    assert (err.message, err.text, err.span, err.pointer) == ("invalid reference format", "a//b", (1, 3), None)


def test_message_with_pointer() -> None:
    err = errors.InvalidManifestError("must be a non-negative int64, got -1", pointer="/layers/3/size")
    assert str(err) == "/layers/3/size: must be a non-negative int64, got -1"
    assert err.marker == ""
    root = errors.InvalidDocumentError("document is empty", pointer="")
    assert str(root) == "(document root): document is empty"


def test_long_text_is_windowed_in_message_and_marker() -> None:
    text = "a" * 10_000 + "!" + "b" * 10_000
    err = errors.InvalidReferenceError("invalid reference format", text=text, span=(10_000, 10_001))
    assert len(str(err)) < 200
    shown, marker = err.marker.split("\n")
    assert shown[marker.index("^")] == "!"


def test_unprintable_pointer_does_not_break_str() -> None:
    err = errors.InvalidDocumentError("bad key", pointer="/\udc00")
    assert str(err).encode("utf-8") == b"/\\udc00: bad key"


def test_pickle_round_trip_keeps_location() -> None:
    err = errors.InvalidDigestLengthError("invalid checksum digest length", text="sha256:ab", span=(7, 9))
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is errors.InvalidDigestLengthError
    assert (back.message, back.text, back.span, back.pointer) == (err.message, err.text, err.span, err.pointer)
    assert str(back) == str(err)


def test_reference_twin_of_a_digest_error() -> None:
    original = errors.InvalidDigestLengthError("invalid checksum digest length", text="sha256:ab", span=(7, 9))
    twin = errors.InvalidReferenceDigestError.from_digest_error(original, "repo@sha256:ab", (12, 14))
    assert type(twin) is errors.ReferenceDigestLengthError
    assert (twin.message, twin.text, twin.span) == (original.message, "repo@sha256:ab", (12, 14))
