"""Static types of the foundation's public API, checked by mypy --strict (and run by pytest)."""

from __future__ import annotations

import sys

from oci_core import digest, errors, mediatypes
from oci_core.digestset import DigestSet

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def test_public_types() -> None:
    d = digest.parse_digest("sha256:" + "a" * 64)
    assert_type(d, digest.Digest)
    assert_type(d.algorithm, str)
    assert_type(d.encoded, str)
    assert_type(digest.compute_digest(b"x"), digest.Digest)
    assert_type(digest.new_digest("sha256", "a" * 64), digest.Digest)
    assert_type(digest.parse_algorithm("sha256").encoded_length, int)
    hasher = digest.Digester()
    assert_type(hasher.size, int)
    assert_type(hasher.digest(), digest.Digest)
    assert_type(DigestSet.of([str(d)]).lookup("aa"), digest.Digest)
    assert_type(DigestSet(frozenset({d})).with_digest(d), DigestSet)
    assert_type(DigestSet([d]).short_codes(4), "dict[digest.Digest, str]")
    assert_type(digest.Algorithm("sha256", 64, None).encoded_length, int)

    m = mediatypes.parse_media_type(mediatypes.OCI_IMAGE_MANIFEST)
    assert_type(m, mediatypes.MediaType)
    assert_type(m.essence, str)
    assert_type(m.suffix, "str | None")
    assert_type(m.parameters, "tuple[tuple[str, str], ...]")
    assert_type(mediatypes.is_index(m), bool)
    assert_type(mediatypes.compression(m), "mediatypes.Compression | None")
    assert_type(mediatypes.MediaType("a", "b", [("c", "d")]), mediatypes.MediaType)
    assert_type(mediatypes.KNOWN[mediatypes.OCI_LAYER].role, mediatypes.Role)
    assert_type(mediatypes.KNOWN[mediatypes.OCI_LAYER].family, mediatypes.Family)
    assert mediatypes.MAX_PARAMETERS == 64
    constant: str = mediatypes.OCI_IMAGE_INDEX
    assert_type(constant, str)

    err = errors.InvalidDigestError("x")
    assert_type(err.pointer, "str | None")
    assert_type(err.span, "tuple[int, int] | None")
    assert_type(err.marker, str)
    assert isinstance(err, ValueError)
