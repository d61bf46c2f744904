"""Every case of spec-vectors/digest/, run against oci_core.digest and oci_core.digestset."""

from __future__ import annotations

from typing import Any

import pytest

from oci_core import digest, errors
from oci_core.digestset import DigestSet

from .vectors import cases, load

GO_DIGEST_ERRORS: dict[str, type[errors.OCIError]] = {
    "ErrDigestInvalidFormat": errors.InvalidDigestFormatError,
    "ErrDigestInvalidLength": errors.InvalidDigestLengthError,
    "ErrDigestUnsupported": errors.UnsupportedAlgorithmError,
    "ErrDigestAmbiguous": errors.AmbiguousDigestError,
    "ErrDigestNotFound": errors.DigestNotFoundError,
}


@pytest.mark.parametrize("case", cases("digest/parse.json"))
def test_parse(case: dict[str, Any]) -> None:
    if case["valid"]:
        parsed = digest.parse_digest(case["input"])
        assert (parsed.algorithm, parsed.encoded) == (case["algorithm"], case["encoded"])
        assert digest.parse_digest(str(parsed)) == parsed
        assert digest.new_digest(case["algorithm"], case["encoded"]) == case["input"]
        return
    expected = GO_DIGEST_ERRORS[case["error"]]
    with pytest.raises(expected) as caught:
        digest.parse_digest(case["input"])
    assert type(caught.value) is expected
    assert str(caught.value).startswith(case["error_message"])


@pytest.mark.parametrize("case", cases("digest/algorithm.json", id_keys=("algorithm", "case")))
def test_algorithm(case: dict[str, Any]) -> None:
    if case["op"] == "register":
        # We register nothing at run time (the table is data); what upstream's
        # RegisterAlgorithm checks is the algorithm grammar, which we expose.
        assert digest.is_algorithm_name(case["algorithm"]) is case["valid"]
        return
    assert case["op"] == "flag_set"
    args: list[str] = case["args"]
    chosen = args[args.index("-algorithm") + 1] if "-algorithm" in args else case["initial"]
    if case["valid"]:
        assert digest.parse_algorithm(chosen).name == case["expected"]
    else:
        with pytest.raises(GO_DIGEST_ERRORS[case["error"]]) as caught:
            digest.parse_algorithm(chosen)
        assert str(caught.value).startswith(case["error_message"])


@pytest.mark.parametrize("case", cases("digest/blake3.json"))
def test_blake3(case: dict[str, Any]) -> None:
    if case["op"] == "parse":
        parsed = digest.parse_digest(case["input"])
        assert (parsed.algorithm, parsed.encoded) == (case["algorithm"], case["encoded"])
        return
    # DEVIATIONS.md: the standard library has no BLAKE3, so blake3 digests
    # parse and compare but cannot be computed (asking to is a bad argument
    # value) or verified (the digest is data this library cannot check).
    assert case["op"] == "from_bytes"
    with pytest.raises(ValueError, match="unsupported digest algorithm 'blake3'") as caught:
        digest.compute_digest(bytes.fromhex(case["input_hex"]), case["algorithm"])
    assert not isinstance(caught.value, errors.OCIError)
    expected = digest.parse_digest(case["digest"])
    assert expected.algorithm == "blake3"
    with pytest.raises(errors.UnsupportedAlgorithmError):
        digest.verify_digest(expected, bytes.fromhex(case["input_hex"]))


@pytest.mark.parametrize("case", cases("digest/verifier-unsupported.json"))
def test_verifier_unsupported(case: dict[str, Any]) -> None:
    # Go panics; we refuse to make the Digest (or the verifier) at all.
    with pytest.raises(errors.InvalidDigestError):
        digest.DigestVerifier(case["digest"])


@pytest.mark.parametrize("case", cases("digest/digestset.json", id_keys=("query", "op")))
def test_digestset(case: dict[str, Any]) -> None:
    found = DigestSet.of(case["set"])
    if case["op"] == "lookup":
        if "error" in case:
            with pytest.raises(GO_DIGEST_ERRORS[case["error"]]):
                found.lookup(case["query"])
        else:
            assert found.lookup(case["query"]) == case["found"]
    elif case["op"] == "short_code_table":
        assert found.short_codes(case["min_length"]) == case["expected"]
    else:
        assert case["op"] in ("add_duplicate", "add_other_algorithm")
        assert len(found.with_digest(digest.parse_digest(case["add"]))) == case["expected_size"]


@pytest.mark.parametrize("case", cases("digest/oci-spec-examples.json"))
def test_oci_spec_examples(case: dict[str, Any]) -> None:
    text = case["input"]
    if case["grammar_valid"] is None:  # elided with "..." in the spec prose: not a digest
        with pytest.raises(errors.InvalidDigestError):
            digest.parse_digest(text, allow_unregistered=True)
        return
    assert case["grammar_valid"] is True
    assert str(digest.parse_digest(text, allow_unregistered=True)) == text
    if case["registered"]:
        assert str(digest.parse_digest(text)) == text
    else:
        with pytest.raises(errors.UnsupportedAlgorithmError):
            digest.parse_digest(text)


@pytest.mark.parametrize("case", cases("digest/ggcr-v1-hash.json"))
def test_ggcr_hash(case: dict[str, Any]) -> None:
    op = case["op"]
    if op == "NewHash":
        if case["valid"]:
            parsed = digest.parse_digest(case["input"])
            assert str(parsed) == case["string"]
            assert digest.parse_digest(case["input"]).algorithm == "sha256"
        else:
            with pytest.raises(errors.InvalidDigestError):
                digest.parse_digest(case["input"])
    elif op == "SHA256":
        computed = digest.compute_digest(case["input"].encode())
        assert (computed.algorithm, computed.encoded) == (case["algorithm"], case["hex"])
        hasher = digest.Digester()
        hasher.update(case["input"].encode())
        assert hasher.size == case["size"]
    else:
        assert op == "text_roundtrip"
        assert str(digest.new_digest(case["algorithm"], case["hex"])) == case["text"]


def test_every_digest_vector_file_has_a_runner() -> None:
    from .vectors import VECTORS

    files = sorted(p.name for p in (VECTORS / "digest").glob("*.json"))
    assert files == [
        "algorithm.json",
        "blake3.json",
        "digestset.json",
        "ggcr-v1-hash.json",
        "oci-spec-examples.json",
        "parse.json",
        "verifier-unsupported.json",
    ]
    assert load("digest/parse.json")["context"]["registered_algorithms"]["sha384"] == 48
