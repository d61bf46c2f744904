"""What the command-line tool prints, for people and for ``--json`` (private, pure).

Every command's result is a :class:`Report`: the lines a person reads and
the JSON value a script parses. The JSON field names are part of the tool's
contract (docs/cli.md lists them): descriptors are written with the
image-spec's own member names (``mediaType``, ``digest``, ``size``,
``platform``, ``artifactType``, ``annotations``), everything else in
camelCase like them.

>>> raw = b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'
>>> report = inspect_document(raw, None, "index.json")
>>> report.lines[2:4], report.data["kind"]
(('mediaType: application/vnd.oci.image.index.v1+json', 'kind: index of 0'), 'index')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from . import _json
from ._fault import Fault
from .config import ImageConfig, chain_id, parse_image_config
from .descriptor import Descriptor
from .digest import Digest, compute_digest
from .errors import InvalidPlatformError, OCIError, RealmRefusedError, RegistryError, UnauthorizedError
from .manifest import ImageIndex, ImageManifest, detect_media_type, effective_artifact_type, parse_manifest
from .mediatypes import compression, info, is_config, is_distributable, parse_media_type
from .platform import Platform, best_match, format_platform, format_platform_all
from .reference import Reference, default_scheme, registry_host

__all__ = [
    "Report",
    "config_report",
    "describe_line",
    "descriptor_json",
    "document_report",
    "error_hint",
    "error_json",
    "error_lines",
    "inspect_document",
    "lines_of",
    "looks_like_config",
    "media_type_report",
    "pick_report",
    "platform_report",
    "reference_report",
    "render_json",
]

#: Members of a JSON image config that tell it from a manifest without a mediaType.
_CONFIG_MEMBERS: Final = ("rootfs", "architecture")


@dataclass(frozen=True, slots=True)
class Report:
    """One result: ``lines`` for a terminal, ``data`` (a JSON value) for ``--json``."""

    lines: tuple[str, ...]
    data: Mapping[str, object] = field(default_factory=dict[str, object])


def render_json(value: object) -> str:
    """One JSON document, indented, UTF-8 text (non-ASCII kept as is; the terminal escapes what it cannot show)."""
    return json.dumps(value, indent=2, ensure_ascii=False)


# -- descriptors --------------------------------------------------------------------------------


def descriptor_json(d: Descriptor) -> dict[str, object]:
    """A descriptor as the image-spec writes it (members in Go's order, empty ones left out)."""
    return d.to_json_object()


def describe_line(d: Descriptor) -> str:
    """A descriptor on one line: media type, digest, size, then what else it says."""
    parts = [d.media_type, str(d.digest), f"{d.size} bytes"]
    if d.platform is not None:
        parts.append(format_platform_all(d.platform))
    if d.artifact_type is not None:
        parts.append(f"artifactType {d.artifact_type}")
    if d.annotations:
        parts.append(f"{len(d.annotations)} annotations")
    if d.urls:
        parts.append(f"{len(d.urls)} urls")
    return "  ".join(parts)


# -- documents ----------------------------------------------------------------------------------


def looks_like_config(raw: bytes) -> bool:
    """Whether ``raw`` is a JSON object that reads as an image config rather than a manifest."""
    if detect_media_type(raw) is not None:
        return False
    try:
        document = _json.loads(raw)
    except Fault:
        return False
    return type(document) is dict and any(member in document for member in _CONFIG_MEMBERS)


def inspect_document(raw: bytes, content_type: str | None, source: str) -> Report:
    """Check a manifest, index or image config and describe it.

    ``content_type`` is the ``Content-Type`` the bytes were served with,
    which must agree with the body (a config type reads an image config);
    without one, a JSON object that has ``rootfs`` or ``architecture`` and no
    manifest shape is read as a config.

    :raises OCIError: the bytes are no valid document of that kind (with the JSON pointer of the fault).
    """
    if (content_type is None and looks_like_config(raw)) or (content_type is not None and is_config(content_type)):
        return config_report(parse_image_config(raw), raw, source)
    return document_report(parse_manifest(raw, media_type=content_type), source)


def _head(source: str, digest: Digest, size: int) -> tuple[list[str], dict[str, object]]:
    return [f"digest: {digest}", f"size: {size} bytes"], {"source": source, "digest": str(digest), "size": size}


def document_report(document: ImageManifest | ImageIndex, source: str) -> Report:
    """A manifest or an index: its kind, media type, what it lists, its subject and annotations."""
    lines, data = _head(source, document.digest, document.size)
    lines.append(f"mediaType: {document.media_type}")
    data["mediaType"] = document.media_type
    kind = effective_artifact_type(document)
    data["artifactType"] = kind
    if isinstance(document, ImageIndex):
        lines.append(f"kind: index of {len(document.manifests)}")
        lines += [f"  /manifests/{n}: {describe_line(entry)}" for n, entry in enumerate(document.manifests)]
        platforms = [format_platform_all(entry.platform) for entry in document.manifests if entry.platform is not None]
        if platforms:
            lines.append(f"platforms: {', '.join(platforms)}")
        data.update(kind="index", manifests=[descriptor_json(entry) for entry in document.manifests],
                    platforms=platforms)
    else:
        lines.append(f"kind: image manifest, artifact type {kind}")
        lines.append(f"  /config: {describe_line(document.config)}")
        lines += [f"  /layers/{n}: {describe_line(layer)}" for n, layer in enumerate(document.layers)]
        total = sum(layer.size for layer in document.layers)
        lines.append(f"layers: {len(document.layers)}, {total} bytes")
        data.update(kind="manifest", config=descriptor_json(document.config),
                    layers=[descriptor_json(layer) for layer in document.layers], layersSize=total)
    if document.subject is not None:
        lines.append(f"subject: {describe_line(document.subject)}")
    data["subject"] = None if document.subject is None else descriptor_json(document.subject)
    lines += [f"annotation {key}: {value}" for key, value in sorted(document.annotations.items())]
    data["annotations"] = dict(sorted(document.annotations.items()))
    return Report(tuple(lines), data)


def config_report(image: ImageConfig, raw: bytes, source: str) -> Report:
    """An image config: its platform, creation time, layers (diffIDs), chain ID and history."""
    lines, data = _head(source, compute_digest(raw), len(raw))
    platform = format_platform_all(image.platform())
    lines += ["kind: image config", f"platform: {platform}"]
    if image.created is not None:
        lines.append(f"created: {image.created}")
    diff_ids = [str(diff_id) for diff_id in image.rootfs.diff_ids]
    lines.append(f"layers (diff_ids): {len(diff_ids)}")
    chain = str(chain_id(image.rootfs.diff_ids)) if diff_ids else None
    if chain is not None:
        lines.append(f"chain ID: {chain}")
    lines.append(f"history: {len(image.history)} steps")
    data.update(kind="config", platform=platform, created=image.created, diffIDs=diff_ids, chainID=chain,
                history=len(image.history))
    return Report(tuple(lines), data)


# -- errors -------------------------------------------------------------------------------------


def error_lines(error: BaseException) -> list[str]:
    """What a failure prints on standard error: ``invalid: <reason>`` (and the ``^~~`` marker), or ``error: ...``."""
    if isinstance(error, OCIError):
        lines = [f"invalid: {error}"]
        if isinstance(error, RegistryError) and error.codes:
            lines.append(f"  registry error codes: {', '.join(error.codes)}")
        if error.marker:
            lines += error.marker.split("\n")  # each line led by the same prefix keeps the caret in place
        hint = error_hint(error)
        if hint is not None:
            lines.append(hint)
        return lines
    return [f"error: {error}"]


# What to try next, by the kind of refusal (the first match wins).
_HINTS: Final[tuple[tuple[type[BaseException], str], ...]] = (
    (RealmRefusedError, "hint: the registry's token server is on a private or loopback address; if you trust it,"
                        " name it with --trust-realm ORIGIN"),
    (UnauthorizedError, "hint: the registry refused the credentials sent (none, when none were found): give them"
                        " with --username and --password-stdin, or log in with docker, podman or skopeo"),
)


def error_hint(error: BaseException) -> str | None:
    """A line that says what to try next, for the refusals that have one."""
    for kind, hint in _HINTS:
        if isinstance(error, kind):
            return hint
    return None


def error_json(error: BaseException) -> dict[str, object]:
    """A failure as JSON: ``message``, ``type`` (the exception class), and where and what the registry said."""
    data: dict[str, object] = {"message": str(error), "type": type(error).__name__}
    if isinstance(error, OCIError):
        data["pointer"] = error.pointer
        if error.span is not None:
            data["span"] = list(error.span)
    if isinstance(error, RegistryError):
        data.update(status=error.status, codes=list(error.codes), temporary=error.temporary)
    return data


# -- the text commands ---------------------------------------------------------------------------


def media_type_report(text: str) -> Report:
    """What a media type is: its essence, family and role, compression, distributability, parameters.

    :raises InvalidMediaTypeError: ``text`` is not a media type.
    """
    parsed = parse_media_type(text)
    known = info(parsed)
    facts = [parsed.essence]
    if known is not None:
        facts.append(f"{known.family} {known.role}" + (" (deprecated)" if known.deprecated else ""))
    else:
        facts.append("not a type oci_core knows")
    compressed = compression(parsed)
    if compressed:
        facts.append(f"{compressed}-compressed")
    distributable = is_distributable(parsed)
    if not distributable:
        facts.append("non-distributable")
    facts += [f"{name}={value}" for name, value in parsed.parameters]
    data: dict[str, object] = {
        "input": text,
        "essence": parsed.essence,
        "known": known is not None,
        "family": None if known is None else known.family,
        "role": None if known is None else known.role,
        "deprecated": known is not None and known.deprecated,
        "compression": compressed,
        "distributable": distributable,
        "parameters": dict(parsed.parameters),
    }
    return Report((", ".join(facts),), data)


def reference_report(text: str, ref: Reference) -> Report:
    """A reference as ``docker pull`` reads it: the full form, the familiar one, registry, repository, tag, digest."""
    domain = ref.domain or ""
    host = registry_host(domain or None)
    scheme = default_scheme(domain or None)
    lines = [
        f"{text}: {ref}",
        f"  familiar: {ref.familiar()}",
        f"  registry: {domain or '(none)'} (API host {host}, {scheme})",
        f"  repository: {ref.path}",
    ]
    if ref.tag is not None:
        lines.append(f"  tag: {ref.tag}")
    if ref.digest is not None:
        lines.append(f"  digest: {ref.digest}")
    data: dict[str, object] = {
        "input": text,
        "reference": str(ref),
        "familiar": ref.familiar(),
        "registry": ref.domain,
        "apiHost": host,
        "scheme": scheme,
        "repository": ref.path,
        "tag": ref.tag,
        "digest": None if ref.digest is None else str(ref.digest),
    }
    return Report(tuple(lines), data)


def platform_report(text: str, found: Platform) -> Report:
    """A platform specifier and what it normalises to."""
    shown = format_platform_all(found)
    data: dict[str, object] = {"input": text, "platform": shown, **found.to_json_object()}
    return Report((f"{text}: {shown}",), data)


def pick_report(wanted: Platform, candidates: Sequence[Platform]) -> Report:
    """The best of ``candidates`` for ``wanted`` (containerd's ranking).

    :raises InvalidPlatformError: no candidate matches.
    """
    best = best_match(wanted, candidates)
    if best is None:
        raise InvalidPlatformError(f"no candidate matches {format_platform(wanted)}")
    line = f"best match for {format_platform(wanted)}: {format_platform(best)}"
    return Report((line,), {"wanted": format_platform(wanted), "best": format_platform(best)})


def lines_of(reports: Iterable[Report]) -> list[str]:
    """Every report's lines, in order."""
    return [line for report in reports for line in report.lines]
