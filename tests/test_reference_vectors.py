"""distribution/reference's own test tables (spec-vectors/reference/), and the containers/image fork's.

Each vector file has a runner that computes our answer for a case as a small
summary (the parsed parts, or the error's upstream identifier) and compares it
with the summary upstream asserts. A case we answer differently on purpose
is listed in DEVIATIONS with our answer, which the runner then asserts; each
listed answer must still differ from upstream's, so the list cannot go stale.
The reasons are in /work/notes/reference-deviations.md (spec-vectors/DEVIATIONS.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from oci_core import errors
from oci_core.digest import Digest
from oci_core.reference import (
    DEFAULT_DOMAIN,
    DEFAULT_TAG,
    DOMAIN_PATTERN,
    IDENTIFIER_PATTERN,
    LEGACY_DEFAULT_DOMAIN,
    MAX_PATH_LENGTH,
    OFFICIAL_REPOSITORY_PREFIX,
    PATH_PATTERN,
    REFERENCE_PATTERN,
    Reference,
    familiar_match,
    is_domain,
    parse_any_reference,
    parse_docker_reference,
    parse_name,
    parse_named,
    parse_normalized_reference,
    parse_reference,
    sort_references,
)

from .vectors import cases, load

Summary = dict[str, Any]

# Upstream error identifiers, by our exception class (exact type).
ERROR_IDS: dict[type[Exception], str] = {
    errors.InvalidReferenceError: "ErrReferenceInvalidFormat",
    errors.InvalidTagError: "ErrTagInvalidFormat",
    errors.NameContainsUppercaseError: "ErrNameContainsUppercase",
    errors.NameEmptyError: "ErrNameEmpty",
    errors.NameTooLongError: "ErrNameTooLong",
    errors.NameNotCanonicalError: "ErrNameNotCanonical",
    errors.InvalidDigestFormatError: "go-digest:ErrDigestInvalidFormat",
    errors.InvalidDigestLengthError: "go-digest:ErrDigestInvalidLength",
    errors.UnsupportedAlgorithmError: "go-digest:ErrDigestUnsupported",
    # A digest fault in a reference is both kinds of error; upstream names go-digest's.
    errors.ReferenceDigestFormatError: "go-digest:ErrDigestInvalidFormat",
    errors.ReferenceDigestLengthError: "go-digest:ErrDigestInvalidLength",
    errors.ReferenceUnsupportedAlgorithmError: "go-digest:ErrDigestUnsupported",
}

SHORT_DIGEST = "sha256:1234567890098765432112345667890098765"  # 37 hex digits: no sha256 digest
SHA512_INPUT = "validname@sha512:" + "f" * 128
FORK_LONG_NAME = "a/" * 128 + "a:tag"  # a 257-character name whose path is 255

# file -> case key -> our answer. Keys: the case's input (or a label built by key_of).
DEVIATIONS: dict[str, dict[str, Summary]] = {
    "reference/parse.json": {
        # sha512 is registered here (image spec, go-digest main), not in upstream's test binary.
        SHA512_INPUT: {
            "string": SHA512_INPUT,
            "name": "validname",
            "domain": "",
            "tag": None,
            "digest": "sha512:" + "f" * 128,
        },
    },
    "reference/with-tag-digest.json": {
        # A Digest is always valid for its algorithm; 37 hex digits is no sha256.
        f"WithTag test.com:8000/foo TAG5 pre={SHORT_DIGEST}": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest test.com/foo {SHORT_DIGEST} pre=None": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest foo {SHORT_DIGEST} pre=None": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest test.com:8000/foo {SHORT_DIGEST} pre=None": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest test.com:8000/foo {SHORT_DIGEST} pre=latest": {"error": "go-digest:ErrDigestInvalidLength"},
    },
    # The containers/image fork predates IPv6 domains, the path-only length limit
    # and sha512 in go-digest; we implement current distribution/reference.
    "reference/containers-image/parse.json": {
        # The fork limits the whole name (domain included) to 255; upstream now only the path (255 here).
        FORK_LONG_NAME: {
            "string": FORK_LONG_NAME,
            "name": FORK_LONG_NAME[:-4],
            "domain": "a",
            "tag": "tag",
            "digest": None,
        },
    },
    "reference/containers-image/with-name.json": {
        # The fork checks for "" and the length before the grammar; upstream matches the grammar first.
        "": {"error": "ErrReferenceInvalidFormat"},
        FORK_LONG_NAME: {"error": "ErrReferenceInvalidFormat"},
    },
    "reference/containers-image/with-tag-digest.json": {
        f"WithTag test.com:8000/foo TAG5 pre={SHORT_DIGEST}": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest test.com/foo {SHORT_DIGEST} pre=None": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest foo {SHORT_DIGEST} pre=None": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest test.com:8000/foo {SHORT_DIGEST} pre=None": {"error": "go-digest:ErrDigestInvalidLength"},
        f"WithDigest test.com:8000/foo {SHORT_DIGEST} pre=latest": {"error": "go-digest:ErrDigestInvalidLength"},
    },
}


def key_of(case: Summary) -> str:
    """A stable key for a case: its input, or its operands for composed cases."""
    if "op" in case and "name" in case:
        operand = case.get("tag") or case.get("digest")
        pre = case.get("pre_digest") if case["op"] == "WithTag" else case.get("pre_tag")
        return f"{case['op']} {case['name']} {operand} pre={pre}"
    if "unsorted" in case:
        return " ".join(case["unsorted"])
    if "pattern" in case:
        return f"{case['pattern']} ~ {case['reference']}"
    return str(case.get("input", case.get("base")))


def error_id(error: Exception) -> str:
    return ERROR_IDS.get(type(error), f"unexpected {type(error).__name__}")


def attempt(make: Callable[[], Summary]) -> Summary:
    try:
        return make()
    except errors.OCIError as error:
        return {"error": error_id(error)}


def domain_of(ref: Reference) -> str:
    return "" if ref.domain is None else ref.domain


# -- per-shape runners: (ours, upstream) ---------------------------------------------


def parse_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_reference(case["input"])
        return {
            "string": str(ref),
            "name": ref.name,
            "domain": domain_of(ref),
            "tag": ref.tag,
            "digest": None if ref.digest is None else str(ref.digest),
        }

    return attempt(run)


def parse_upstream(case: Summary) -> Summary:
    if not case["valid"]:
        return {"error": case["error"]}
    return {key: case[key] for key in ("string", "name", "domain", "tag", "digest")}


def with_name_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_name(case["input"])
        return {"domain": domain_of(ref), "path": ref.path}

    return attempt(run)


def with_name_upstream(case: Summary) -> Summary:
    if not case["valid"]:
        return {"error": case["error"]}
    return {"domain": case["domain"], "path": case["path"]}


def with_tag_digest_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_name(case["name"])
        if case["op"] == "WithTag":
            if case["pre_digest"] is not None:
                ref = ref.with_digest(case["pre_digest"])
            ref = ref.with_tag(case["tag"])
        else:
            if case["pre_tag"] is not None:
                ref = ref.with_tag(case["pre_tag"])
            ref = ref.with_digest(case["digest"])
        return {"string": str(ref)}

    return attempt(run)


def with_tag_digest_upstream(case: Summary) -> Summary:
    return {"string": case["expected"]}


def serialization_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_reference(case["input"])
        document = {"Description": case["description"], "Field": str(ref)}
        return {
            "name": ref.name,
            "tag": ref.tag,
            "digest": None if ref.digest is None else str(ref.digest),
            "json": json.dumps(document, separators=(",", ":")),
        }

    return attempt(run)


def serialization_upstream(case: Summary) -> Summary:
    if not case["valid"]:
        return {"error": case["error"]}
    return {key: case[key] for key in ("name", "tag", "digest", "json")}


def parse_named_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_named(case["input"])
        return {"domain": domain_of(ref), "path": ref.path}

    return attempt(run)


def parse_named_upstream(case: Summary) -> Summary:
    if not case["valid"]:
        return {"error": case["error"]}
    return {"domain": case["domain"], "path": case["path"]}


def validate_ours(case: Summary) -> Summary:
    try:
        parse_normalized_reference(case["input"])
    except errors.OCIError:
        return {"valid": False}
    return {"valid": True}


def validate_upstream(case: Summary) -> Summary:
    return {"valid": case["valid"]}


def repository_info_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_normalized_reference(case["input"])
        return {"familiar_name": ref.familiar_name, "string": str(ref), "domain": domain_of(ref), "path": ref.path}

    return attempt(run)


def repository_info_upstream(case: Summary) -> Summary:
    return {key: case[key] for key in ("familiar_name", "string", "domain", "path")}


def tag_and_digest_ours(case: Summary) -> Summary:
    if "op" not in case:

        def parsed() -> Summary:
            ref = parse_normalized_reference(case["input"])
            return {
                "string": str(ref),
                "familiar_string": ref.familiar(),
                "is_tagged": ref.tag is not None,
                "is_canonical": ref.digest is not None,
            }

        return attempt(parsed)
    base = parse_normalized_reference(case["base"])
    try:
        if case["op"] == "WithTag":
            base.with_tag(case["tag"])
        else:
            base.with_digest(case["digest"])
    except errors.OCIError:
        return {"valid": False}
    return {"valid": True}


def tag_and_digest_upstream(case: Summary) -> Summary:
    if "op" in case:
        return {"valid": case["valid"]}
    return {key: case[key] for key in ("string", "familiar_string", "is_tagged", "is_canonical")}


def any_reference_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_any_reference(case["input"])
        if isinstance(ref, Digest):
            return {"string": str(ref), "kind": "digest", "digest": str(ref)}
        assert ref == parse_reference(str(ref))
        return {"string": str(ref), "kind": "named"}

    return attempt(run)


def any_reference_upstream(case: Summary) -> Summary:
    if case["kind"] == "digest":
        return {"string": case["string"], "kind": "digest", "digest": case["digest"]}
    assert case["equivalent_to_parse_of_string"]
    return {"string": case["string"], "kind": "named"}


def split_hostname_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_normalized_reference(case["input"])
        return {"domain": domain_of(ref), "path": ref.path}

    return attempt(run)


def split_hostname_upstream(case: Summary) -> Summary:
    return {"domain": case["domain"], "path": case["path"]}


def familiar_match_ours(case: Summary) -> Summary:
    try:
        return {"match": familiar_match(case["pattern"], parse_any_reference(case["reference"]))}
    except errors.InvalidPatternError as error:
        # Go's words (path.ErrBadPattern) first, then what is malformed.
        return {"error": error.message.startswith("syntax error in pattern: ")}


def familiar_match_upstream(case: Summary) -> Summary:
    return {"error": True} if case.get("error") else {"match": case["match"]}


def docker_ref_ours(case: Summary) -> Summary:
    def run() -> Summary:
        ref = parse_docker_reference(case["input"])
        assert parse_reference(str(ref)) == ref
        return {"string": str(ref)}

    return attempt(run)


def docker_ref_upstream(case: Summary) -> Summary:
    return {"string": case["expected"]}


DIGEST1 = "sha256:" + "0123456789abcdef" * 4  # stands for upstream's math/rand digest


def sort_ours(case: Summary) -> Summary:
    unsorted = [text.replace("{digest1}", DIGEST1) for text in case["unsorted"]]
    return {"sorted": list(sort_references(unsorted))}


def sort_upstream(case: Summary) -> Summary:
    return {"sorted": [text.replace("{digest1}", DIGEST1) for text in case["expected"]]}


_DOMAIN_RE = re.compile(DOMAIN_PATTERN, re.ASCII)
_NAME_RE = re.compile(f"(?:({DOMAIN_PATTERN})/)?({PATH_PATTERN})", re.ASCII)
_REFERENCE_RE = re.compile(REFERENCE_PATTERN, re.ASCII)
_IDENTIFIER_RE = re.compile(f"({IDENTIFIER_PATTERN})", re.ASCII)


def regexp_ours(pattern: re.Pattern[str]) -> Callable[[Summary], Summary]:
    def run(case: Summary) -> Summary:
        match = pattern.fullmatch(case["input"])
        summary: Summary = {"match": match is not None}
        if match is not None and "subs" in case:
            summary["subs"] = [group or "" for group in match.groups()]
        return summary

    return run


def regexp_upstream(case: Summary) -> Summary:
    summary: Summary = {"match": case["match"]}
    if "subs" in case:
        summary["subs"] = case["subs"]
    return summary


RUNNERS: dict[str, tuple[Callable[[Summary], Summary], Callable[[Summary], Summary]]] = {
    "parse.json": (parse_ours, parse_upstream),
    "with-name.json": (with_name_ours, with_name_upstream),
    "with-tag-digest.json": (with_tag_digest_ours, with_tag_digest_upstream),
    "serialization.json": (serialization_ours, serialization_upstream),
    "parse-named.json": (parse_named_ours, parse_named_upstream),
    "normalize-validate.json": (validate_ours, validate_upstream),
    "normalize-repository-info.json": (repository_info_ours, repository_info_upstream),
    "normalize-tag-and-digest.json": (tag_and_digest_ours, tag_and_digest_upstream),
    "parse-any-reference.json": (any_reference_ours, any_reference_upstream),
    "normalized-split-hostname.json": (split_hostname_ours, split_hostname_upstream),
    "familiar-match.json": (familiar_match_ours, familiar_match_upstream),
    "parse-docker-ref.json": (docker_ref_ours, docker_ref_upstream),
    "sort.json": (sort_ours, sort_upstream),
    "regexp-domain.json": (regexp_ours(_DOMAIN_RE), regexp_upstream),
    "regexp-name.json": (regexp_ours(_NAME_RE), regexp_upstream),
    "regexp-reference.json": (regexp_ours(_REFERENCE_RE), regexp_upstream),
    "regexp-identifier.json": (regexp_ours(_IDENTIFIER_RE), regexp_upstream),
}


def check(relative: str, case: Summary) -> None:
    ours_of, upstream_of = RUNNERS[relative.rsplit("/", 1)[1]]
    ours, upstream = ours_of(case), upstream_of(case)
    deviation = DEVIATIONS.get(relative, {}).get(key_of(case))
    if deviation is None:
        assert ours == upstream
    else:
        assert deviation != upstream, "listed as a deviation but upstream agrees"
        assert ours == deviation


# -- every file whose runner is the table above, in one parametrisation --------------

# Each file's cases go through check(); the regexp files also hold the
# hand-written checkers to the grammar, below.
ID_KEYS: dict[str, tuple[str, ...]] = {"familiar-match.json": ("pattern",), "sort.json": ("unsorted",)}
PLAIN_FILES = [
    name
    for name in RUNNERS
    if name not in ("regexp-domain.json", "regexp-name.json", "regexp-reference.json")
]


@pytest.mark.parametrize(
    ("relative", "case"),
    [
        pytest.param(f"reference/{name}", param.values[0], id=f"{name}:{param.id}")
        for name in PLAIN_FILES
        for param in cases(f"reference/{name}", id_keys=ID_KEYS.get(name, ("name", "input", "op", "case")))
    ],
)
def test_vector_file(relative: str, case: Summary) -> None:
    check(relative, case)


@pytest.mark.parametrize("case", cases("reference/regexp-domain.json"))
def test_regexp_domain(case: Summary) -> None:
    check("reference/regexp-domain.json", case)
    # The hand-written checker agrees with the exported pattern.
    assert is_domain(case["input"]) == case["match"]


@pytest.mark.parametrize("case", cases("reference/regexp-name.json"))
def test_regexp_name(case: Summary) -> None:
    check("reference/regexp-name.json", case)
    # parse_name agrees with the grammar (no name here is over the length limit).
    try:
        ref = parse_name(case["input"])
    except errors.InvalidReferenceError:
        assert not case["match"]
    else:
        assert case["match"]
        if "subs" in case:
            assert [domain_of(ref), ref.path] == case["subs"]


@pytest.mark.parametrize("case", cases("reference/regexp-reference.json"))
def test_regexp_reference(case: Summary) -> None:
    check("reference/regexp-reference.json", case)
    try:
        ref = parse_reference(case["input"])
    except errors.OCIError:
        assert not case["match"]
    else:
        assert case["match"]
        assert [ref.name, ref.tag or "", ref.digest or ""] == case["subs"]


# grammar.json: the constants, and each composed upstream pattern against ours.

GRAMMAR = {entry["name"]: entry for entry in load("reference/grammar.json")["cases"]}
OURS_BY_UPSTREAM_NAME = {
    "domain_and_port": DOMAIN_PATTERN,
    "remote_name": PATH_PATTERN,
    "identifier": IDENTIFIER_PATTERN,
}


def test_grammar_constants() -> None:
    assert GRAMMAR["RepositoryNameTotalLengthMax"]["value"] == MAX_PATH_LENGTH
    assert GRAMMAR["defaultDomain"]["value"] == DEFAULT_DOMAIN
    assert GRAMMAR["legacyDefaultDomain"]["value"] == LEGACY_DEFAULT_DOMAIN
    assert GRAMMAR["officialRepoPrefix"]["value"] == OFFICIAL_REPOSITORY_PREFIX
    assert GRAMMAR["defaultTag"]["value"] == DEFAULT_TAG
    # "localhost" alone before a "/" is a domain.
    assert parse_normalized_reference("localhost/x").domain == GRAMMAR["localhost"]["value"]


def _python(go_pattern: str) -> re.Pattern[str]:
    return re.compile(go_pattern.replace("[[:xdigit:]]", "[0-9a-fA-F]"), re.ASCII)


def _corpus() -> list[str]:
    texts = []
    for name in ("regexp-domain", "regexp-name", "regexp-reference", "regexp-identifier", "parse", "with-name"):
        texts += [case["input"] for case in load(f"reference/{name}.json")["cases"]]
    return texts


@pytest.mark.parametrize("name", sorted(OURS_BY_UPSTREAM_NAME))
def test_grammar_patterns_agree_with_upstream(name: str) -> None:
    upstream = _python(GRAMMAR[name]["pattern"])
    ours = re.compile(OURS_BY_UPSTREAM_NAME[name], re.ASCII)
    for text in _corpus():
        assert (upstream.fullmatch(text) is None) == (ours.fullmatch(text) is None), text


def test_reference_pattern_agrees_with_upstream() -> None:
    upstream = _python(GRAMMAR["reference"]["pattern"])
    for text in _corpus():
        ours = _REFERENCE_RE.fullmatch(text)
        theirs = upstream.fullmatch(text)
        assert (ours is None) == (theirs is None), text
        if ours is not None and theirs is not None:
            assert ours.groups() == theirs.groups()


# -- the containers/image fork: same shapes, current grammar -------------------------

FORK_FILES = [
    name
    for name in sorted(RUNNERS)
    if name != "sort.json"  # the fork has no Sort
]


@pytest.mark.parametrize(
    ("relative", "case"),
    [
        pytest.param(f"reference/containers-image/{name}", param.values[0], id=f"{name}:{param.id}")
        for name in FORK_FILES
        for param in cases(f"reference/containers-image/{name}")
    ],
)
def test_containers_image_fork(relative: str, case: Summary) -> None:
    check(relative, case)


def test_every_vector_file_has_a_runner() -> None:
    from .vectors import VECTORS

    for path in (VECTORS / "reference").rglob("*.json"):
        if path.name != "grammar.json":
            assert path.name in RUNNERS, path
