"""oci_core.digest beyond the upstream vectors: the value, computing, streaming, verifying."""

from __future__ import annotations

import copy
import hashlib
import pickle

import pytest

from oci_core import digest, errors

from .hostile import assert_linear

SHA256_EMPTY_OBJECT = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"


def test_digest_is_a_validated_str() -> None:
    d = digest.Digest(SHA256_EMPTY_OBJECT)
    assert isinstance(d, str)
    assert d == SHA256_EMPTY_OBJECT
    assert hash(d) == hash(SHA256_EMPTY_OBJECT)
    assert type(str(d)) is str
    assert repr(d) == f"Digest('{SHA256_EMPTY_OBJECT}')"
    assert d.hex == d.encoded
    with pytest.raises(errors.InvalidDigestLengthError):
        digest.Digest("sha256:abc")


def test_digest_survives_pickle_and_copy() -> None:
    d = digest.parse_digest(SHA256_EMPTY_OBJECT)
    for clone in (pickle.loads(pickle.dumps(d)), copy.copy(d), copy.deepcopy(d)):
        assert type(clone) is digest.Digest
        assert clone == d


def test_digest_has_no_instance_dict() -> None:
    d = digest.parse_digest(SHA256_EMPTY_OBJECT)
    with pytest.raises(AttributeError):
        d.extra = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("algorithm", ["sha256", "sha384", "sha512"])
def test_compute_matches_hashlib(algorithm: str) -> None:
    data = b"oci_core" * 1000
    expected = f"{algorithm}:{hashlib.new(algorithm, data).hexdigest()}"
    assert digest.compute_digest(data, algorithm) == expected
    assert digest.compute_digest(bytearray(data), algorithm) == expected
    assert digest.compute_digest(memoryview(data), algorithm) == expected


def test_compute_unknown_algorithm_is_a_bad_argument_value() -> None:
    for algorithm in ("md5", "blake3", "SHA256"):
        for make in (lambda a: digest.compute_digest(b"", a), digest.Digester):
            with pytest.raises(ValueError, match="unsupported digest algorithm") as caught:
                make(algorithm)
            assert not isinstance(caught.value, errors.OCIError)


@pytest.mark.parametrize("data", ["text", 5, None, ["a"], object()])
def test_wrong_kinds_of_data_are_type_errors_not_hashlib_messages(data: object) -> None:
    calls = (
        lambda: digest.compute_digest(data),  # type: ignore[arg-type]
        lambda: digest.Digester().update(data),  # type: ignore[arg-type]
        lambda: digest.verify_digest(digest.compute_digest(b""), data),  # type: ignore[arg-type]
        lambda: digest.DigestVerifier(digest.compute_digest(b"")).update(data),  # type: ignore[arg-type]
    )
    for call in calls:
        with pytest.raises(TypeError, match=f"^data must be bytes-like .*, got {type(data).__name__}$"):
            call()


def test_non_contiguous_buffers_are_hashed_by_their_bytes() -> None:
    strided = memoryview(b"abcdef")[::2]
    assert digest.compute_digest(strided) == digest.compute_digest(b"ace")
    hasher = digest.Digester()
    hasher.update(strided)
    assert hasher.digest() == digest.compute_digest(b"ace") and hasher.size == 3


def test_digester_streams() -> None:
    hasher = digest.Digester("sha512")
    for chunk in (b"a", b"", bytearray(b"bc"), memoryview(b"def")):
        hasher.update(chunk)
    assert hasher.size == 6
    assert hasher.algorithm == "sha512"
    assert hasher.digest() == digest.compute_digest(b"abcdef", "sha512")


def test_digester_size_counts_bytes_not_items() -> None:
    hasher = digest.Digester()
    hasher.update(memoryview(bytes(range(16))).cast("I"))
    assert hasher.size == 16


def test_verify_digest() -> None:
    digest.verify_digest(digest.parse_digest(SHA256_EMPTY_OBJECT), b"{}")
    with pytest.raises(errors.DigestMismatchError) as caught:
        digest.verify_digest(digest.parse_digest(SHA256_EMPTY_OBJECT), b"[]")
    assert not isinstance(caught.value, errors.SizeMismatchError)
    assert SHA256_EMPTY_OBJECT in str(caught.value)


def test_verifier_refuses_extra_bytes_as_soon_as_they_arrive() -> None:
    verifier = digest.DigestVerifier(digest.parse_digest(SHA256_EMPTY_OBJECT), size=2)
    verifier.update(b"{")
    with pytest.raises(errors.SizeMismatchError):
        verifier.update(b"}}")


def test_verifier_refuses_short_content() -> None:
    verifier = digest.DigestVerifier(digest.parse_digest(SHA256_EMPTY_OBJECT), size=2)
    verifier.update(b"{")
    with pytest.raises(errors.SizeMismatchError):
        verifier.verify()


def test_verifier_refuses_wrong_content_of_right_size() -> None:
    verifier = digest.DigestVerifier(digest.parse_digest(SHA256_EMPTY_OBJECT), size=2)
    verifier.update(b"[]")
    with pytest.raises(errors.DigestMismatchError):
        verifier.verify()


def test_verifier_without_size_and_success() -> None:
    verifier = digest.DigestVerifier(digest.parse_digest(SHA256_EMPTY_OBJECT))
    verifier.update(b"{}")
    verifier.verify()
    assert verifier.expected == SHA256_EMPTY_OBJECT


@pytest.mark.parametrize("size", [True, 2.0, "2"])
def test_verifier_refuses_sizes_of_the_wrong_kind(size: object) -> None:
    with pytest.raises(TypeError, match="size must be an int or None"):
        digest.DigestVerifier(digest.parse_digest(SHA256_EMPTY_OBJECT), size=size)  # type: ignore[arg-type]


def test_a_negative_size_is_a_bad_argument_not_a_size_mismatch() -> None:
    with pytest.raises(ValueError, match="size must not be negative") as caught:
        digest.DigestVerifier(digest.parse_digest(SHA256_EMPTY_OBJECT), size=-1)
    assert not isinstance(caught.value, errors.OCIError)


def test_verifier_accepts_digest_text() -> None:
    verifier = digest.DigestVerifier(SHA256_EMPTY_OBJECT)  # type: ignore[arg-type]
    verifier.update(b"{}")
    verifier.verify()


@pytest.mark.parametrize(
    "text",
    [
        "sha256:" + "a" * 63 + "\n",
        "sha256:" + "a" * 64 + "\n",
        "sha256:" + "٣" * 64,  # Arabic-Indic digit: Unicode \d, not hex
        "sha256:" + "A" * 64,
        "sha256：" + "a" * 64,  # full-width colon
        " sha256:" + "a" * 64,
        "sha256 :" + "a" * 64,
    ],
)
def test_python_traps_are_refused(text: str) -> None:
    with pytest.raises(errors.InvalidDigestError):
        digest.parse_digest(text)


@pytest.mark.parametrize("value", [None, 5, b"sha256:" + b"a" * 64, ["sha256"], 1.5])
def test_non_strings_are_refused_with_an_oci_error(value: object) -> None:
    with pytest.raises(errors.InvalidDigestFormatError):
        digest.parse_digest(value)  # type: ignore[arg-type]
    with pytest.raises(errors.UnsupportedAlgorithmError):
        digest.parse_algorithm(value)  # type: ignore[arg-type]
    assert digest.is_algorithm_name(value) is False
    # Not parsers: the wrong kind of object is a TypeError.
    with pytest.raises(TypeError, match="algorithm must be a str"):
        digest.new_digest(value, "a")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Digest\\(\\) takes a str"):
        digest.Digest(value)  # type: ignore[arg-type]


def test_str_subclass_input_is_judged_by_its_text() -> None:
    class Text(str):
        pass

    parsed = digest.parse_digest(Text(SHA256_EMPTY_OBJECT))
    assert type(parsed) is digest.Digest
    assert digest.parse_digest(parsed) is not None


def test_a_str_subclass_cannot_lie_its_way_past_the_fast_path() -> None:
    class Liar(str):
        def startswith(self, *args: object) -> bool:
            return True

        def __str__(self) -> str:
            return "sha256:" + "0" * 64

    # "sha999:" has the shape of "sha256:" once hex digits are masked.
    with pytest.raises(errors.UnsupportedAlgorithmError):
        digest.parse_digest(Liar("sha999:" + "0" * 64))
    assert str.__str__(digest.parse_digest(Liar(SHA256_EMPTY_OBJECT))) == SHA256_EMPTY_OBJECT


def test_algorithms_are_validated_and_pickle() -> None:
    with pytest.raises(TypeError):
        digest.Algorithm(5, 64, hashlib.sha256)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="breaks the algorithm grammar"):
        digest.Algorithm("SHA256", 64, hashlib.sha256)
    with pytest.raises(TypeError):
        digest.Algorithm("x", True, None)
    with pytest.raises(ValueError, match="must be positive"):
        digest.Algorithm("x", 0, None)
    with pytest.raises(TypeError, match="callable"):
        digest.Algorithm("x", 1, "sha256")  # type: ignore[arg-type]
    for algorithm in digest.ALGORITHMS.values():
        for clone in (pickle.loads(pickle.dumps(algorithm)), copy.deepcopy(algorithm)):
            assert type(clone) is digest.Algorithm and clone == algorithm


def test_allow_unregistered() -> None:
    text = "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564"
    with pytest.raises(errors.UnsupportedAlgorithmError) as caught:
        digest.parse_digest(text)
    assert caught.value.span == (0, len("sha256+b64u"))
    parsed = digest.parse_digest(text, allow_unregistered=True)
    assert parsed.algorithm == "sha256+b64u"
    with pytest.raises(errors.UnsupportedAlgorithmError):
        digest.verify_digest(parsed, b"")
    with pytest.raises(errors.InvalidDigestFormatError):
        digest.parse_digest("sha256+b64u:a!b", allow_unregistered=True)


def test_error_spans_point_at_the_fault() -> None:
    with pytest.raises(errors.InvalidDigestFormatError) as caught:
        digest.parse_digest("sha256:" + "a" * 10 + "G" + "a" * 53)
    assert caught.value.span == (17, 18)
    with pytest.raises(errors.InvalidDigestFormatError) as caught:
        digest.parse_digest("Sha256:abc")
    assert caught.value.span == (0, 1)
    with pytest.raises(errors.InvalidDigestLengthError) as short:
        digest.parse_digest("sha512:abc")
    assert short.value.span == (7, 10)


def test_algorithm_table_is_read_only_data() -> None:
    assert {name: a.encoded_length for name, a in digest.ALGORITHMS.items()} == {
        "sha256": 64,
        "sha384": 96,
        "sha512": 128,
        "blake3": 64,
    }
    with pytest.raises(TypeError):
        digest.ALGORITHMS["md5"] = digest.ALGORITHMS["sha256"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        digest.ALGORITHMS["sha256"].encoded_length = 1
    assert digest.ALGORITHMS["sha256"] == digest.Algorithm("sha256", 64, hashlib.sha256)
    assert hash(digest.ALGORITHMS["sha256"]) == hash(digest.Algorithm("sha256", 64, hashlib.sha256))


def test_parse_is_linear_on_hostile_input() -> None:

    for text in (
        "sha256:" + "a" * 1_000_000,
        "a+" * 500_000 + ":x",
        "a+" * 500_000 + "A:x",
        "a" * 1_000_000 + "+:x",
        "a" * 1_000_000,
        ":" * 1_000_000,
        "foo:" + "=" * 1_000_000 + "!",
    ):
        with pytest.raises(errors.InvalidDigestError):
            digest.parse_digest(text)
        assert_linear(digest.parse_digest, text)
