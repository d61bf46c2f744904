"""Model references as model-runner names them (private; exported by :mod:`oci_core.models`).

model-runner (``distribution/client.go``) names models with conventions of
its own on top of the OCI reference grammar (:mod:`oci_core.reference`):

* a name without a registry and without a namespace is in the ``ai/``
  namespace (``gemma3`` is ``ai/gemma3``); a name with no tag has ``latest``;
  the name (not the tag) is lower-cased; surrounding white space is removed;
* ``hf.co/`` is read as ``huggingface.co/`` (Hugging Face's short domain);
* a model's ID is the sha256 digest of its manifest (``sha256:<64 hex>``),
  written also as the 64 hex digits alone or their first 12 (the short ID),
  as Docker writes image IDs; a name that looks like one is looked up among
  the IDs the caller knows (model-runner's local store) and replaced by the
  full ID, or left as it is;
* a Hugging Face reference (``huggingface.co/org/repo:Q4_K_M``) names a
  repository on the Hub and a file selector (the tag, for GGUF repositories
  the quantization), at the revision ``main``.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from .._kinds import check_fields
from ..digest import Digest, compute_digest
from ..errors import AmbiguousDigestError, InvalidReferenceError
from ..reference import Reference, parse_normalized_reference
from ._strings import GO_SPACE, ascii_lower

__all__ = [
    "DEFAULT_MODEL_NAMESPACE",
    "DEFAULT_MODEL_TAG",
    "HUGGING_FACE_DOMAIN",
    "HUGGING_FACE_SHORT_DOMAIN",
    "HuggingFaceReference",
    "is_hugging_face_reference",
    "is_model_digest",
    "is_model_id",
    "model_id",
    "normalize_model_name",
    "parse_hugging_face_reference",
    "parse_model_reference",
    "short_model_id",
    "with_default_tag",
]

DEFAULT_MODEL_NAMESPACE: Final = "ai"
DEFAULT_MODEL_TAG: Final = "latest"
HUGGING_FACE_DOMAIN: Final = "huggingface.co"
HUGGING_FACE_SHORT_DOMAIN: Final = "hf.co"
_HF_PREFIXES: Final = (HUGGING_FACE_DOMAIN + "/", HUGGING_FACE_SHORT_DOMAIN + "/")
_HEX: Final = frozenset("0123456789abcdef")
_SHA256: Final = "sha256:"
# A Hugging Face repository ID: [namespace/]name, each of letters, digits, "-", "_", "." (at most 96 characters each).
_HF_PART: Final = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?", re.ASCII)
_TAG: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", re.ASCII)


def _text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"a model name must be a str, got {type(text).__name__}")
    return str(text)  # a subclass's own methods are not trusted


def _parsed_text(text: object) -> str:
    # A parser's input is data (errors.py): anything but text is answered in words.
    if not isinstance(text, str):
        raise InvalidReferenceError(f"a model reference must be a str, got {type(text).__name__}")
    return str(text)


def is_model_id(text: str) -> bool:
    """Whether ``text`` looks like a model ID without its algorithm: 12 or 64 lower-case hex digits.

    >>> is_model_id("1234567890ab"), is_model_id("1234567890AB"), is_model_id("abc123")
    (True, False, False)
    """
    value = _text(text)
    return len(value) in (12, 64) and set(value) <= _HEX


def is_model_digest(text: str) -> bool:
    """Whether ``text`` is a model ID in full: ``sha256:`` and 64 lower-case hex digits."""
    value = _text(text)
    return value.startswith(_SHA256) and len(value) == 71 and set(value[7:]) <= _HEX


def model_id(manifest: bytes) -> Digest:
    """A model's ID: the sha256 digest of its manifest's exact bytes."""
    return compute_digest(manifest)


def short_model_id(identifier: str) -> str:
    """The short form of a model ID: its first 12 hex digits (``sha256:`` dropped).

    >>> short_model_id("sha256:" + "0123456789ab" + "c" * 52)
    '0123456789ab'
    """
    value = _text(identifier)
    hexits = value[7:] if value.startswith(_SHA256) else value
    if len(hexits) != 64 or not set(hexits) <= _HEX:
        raise InvalidReferenceError("a model ID is sha256: and 64 lower-case hex digits", text=value)
    return hexits[:12]


def _resolve(identifier: str, known: Iterable[str]) -> str | None:
    found: list[str] = []
    for full in known:
        full = _text(full)
        if not is_model_digest(full):
            continue
        hexits = full[7:]
        matches = (len(identifier) == 12 and hexits[:12] == identifier) or identifier in (full, hexits)
        if matches and full not in found:
            found.append(full)
    if len(found) > 1:
        raise AmbiguousDigestError(f"the short model ID {identifier!r} matches {len(found)} models", text=identifier)
    return found[0] if found else None


def normalize_model_name(text: str, *, model_ids: Iterable[str] = ()) -> str:
    """A model name as model-runner normalises it (``Client.normalizeModelName``).

    >>> normalize_model_name("gemma3"), normalize_model_name("hf.co/org/Model:Q4_K_M")
    ('ai/gemma3:latest', 'huggingface.co/org/model:Q4_K_M')

    White space around it is removed (an empty name stays empty);
    ``hf.co/`` becomes ``huggingface.co/``; a name that looks like a model
    ID (:func:`is_model_id`, :func:`is_model_digest`) becomes the full ID of
    the one of ``model_ids`` it names, or is left as it is. Otherwise a name
    without a registry (a first component with a ``.``) or a ``/`` gets the
    ``ai/`` namespace, a missing or empty tag becomes ``latest``, and the
    name (not the tag) is lower-cased (ASCII only).

    The result is a string, not checked against the reference grammar:
    :func:`parse_model_reference` does both.

    :raises AmbiguousDigestError: a short ID matches more than one of ``model_ids``.
    """
    if isinstance(model_ids, (str, bytes, bytearray, memoryview)) or not isinstance(model_ids, Iterable):
        raise TypeError(f"model_ids must be an iterable of str, got {type(model_ids).__name__}")
    value = _text(text).strip(GO_SPACE)
    if not value:
        return value
    if value.startswith(HUGGING_FACE_SHORT_DOMAIN + "/"):
        value = HUGGING_FACE_DOMAIN + "/" + value[len(HUGGING_FACE_SHORT_DOMAIN) + 1 :]
    if is_model_id(value) or is_model_digest(value):
        return _resolve(value, model_ids) or value
    slash = value.rfind("/")
    colon = value.rfind(":")
    name, tag = value, DEFAULT_MODEL_TAG
    if colon > slash:
        name = value[:colon]
        tag = value[colon + 1 :] or DEFAULT_MODEL_TAG
    first = name.find("/")
    has_registry = first > 0 and "." in name[:first]
    if not has_registry and "/" not in name:
        name = f"{DEFAULT_MODEL_NAMESPACE}/{name}"
    return f"{ascii_lower(name)}:{tag}"


def parse_model_reference(text: str) -> Reference:
    """A model name as a checked reference: :func:`normalize_model_name`, then the OCI grammar.

    >>> str(parse_model_reference("gemma3"))
    'docker.io/ai/gemma3:latest'

    Names without a registry are on Docker Hub (``docker.io``), as for images.

    :raises InvalidReferenceError: the name is a model ID (resolve it with
        :func:`normalize_model_name` and ``model_ids``), or breaks the
        reference grammar once normalised.
    """
    value = _parsed_text(text)
    normalized = normalize_model_name(value)
    if is_model_id(normalized) or is_model_digest(normalized):
        raise InvalidReferenceError("is a model ID, not a name: resolve it against the models you have", text=value)
    return parse_normalized_reference(normalized)


def is_hugging_face_reference(text: str) -> bool:
    """Whether a reference names a Hugging Face repository (``huggingface.co/`` or ``hf.co/``)."""
    return _text(text).startswith(_HF_PREFIXES)


@dataclass(frozen=True, slots=True)
class HuggingFaceReference:
    """A Hugging Face model reference: the repository, the revision (always ``main``), the tag."""

    repository: str
    revision: str = "main"
    tag: str = DEFAULT_MODEL_TAG

    def __post_init__(self) -> None:
        check_fields(self, (("repository", (str,)), ("revision", (str,)), ("tag", (str,))))


def parse_hugging_face_reference(text: str) -> HuggingFaceReference:
    """Read ``huggingface.co/<repository>[:<tag>]`` (or ``hf.co/...``) (model-runner ``parseHFReference``).

    >>> parse_hugging_face_reference("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q8_0")
    HuggingFaceReference(repository='bartowski/Llama-3.2-1B-Instruct-GGUF', revision='main', tag='Q8_0')

    The repository keeps its case (the Hub's API is case-sensitive); the tag
    defaults to ``latest``; the revision is always ``main`` (the tag picks a
    file, not a git revision). The repository is one or two names of ASCII
    letters, digits, ``-``, ``_`` and ``.`` (not first or last), of at most
    96 characters each; the tag follows the OCI tag grammar.

    :raises InvalidReferenceError: not a Hugging Face reference, or a
        repository or tag outside those rules.
    """
    value = _parsed_text(text)
    prefix = next((p for p in _HF_PREFIXES if value.startswith(p)), None)
    if prefix is None:
        raise InvalidReferenceError("is not a Hugging Face reference (huggingface.co/ or hf.co/)", text=value)
    rest = value[len(prefix) :]
    repository, colon, tag = rest.partition(":")
    parts = repository.split("/")
    offset = len(prefix)
    if not 1 <= len(parts) <= 2 or any(_HF_PART.fullmatch(part) is None for part in parts):
        raise InvalidReferenceError(
            "invalid Hugging Face repository: [namespace/]name of letters, digits, '-', '_' and '.'",
            text=value,
            span=(offset, offset + len(repository)),
        )
    if colon and tag and _TAG.fullmatch(tag) is None:
        raise InvalidReferenceError("invalid tag format", text=value, span=(offset + len(repository) + 1, len(value)))
    return HuggingFaceReference(repository, "main", tag or DEFAULT_MODEL_TAG)


def with_default_tag(text: str) -> str:
    """``text`` with ``:latest`` added unless it has a tag or a digest after its last ``/`` (model-runner's CLI search).

    >>> with_default_tag("ai/stable-diffusion"), with_default_tag("ai/stable-diffusion:Q4")
    ('ai/stable-diffusion:latest', 'ai/stable-diffusion:Q4')

    Only the separators are looked at; the text is not checked.
    """
    value = _text(text)
    slash = value.rfind("/")
    if value.rfind(":") > slash or value.rfind("@") > slash:
        return value
    return value + ":" + DEFAULT_MODEL_TAG
