"""The oci_core command-line tool: the one place in the package that reads files.

    python3 -m oci_core inspect examples/manifest.json
    python3 -m oci_core digest examples/config.json
    python3 -m oci_core verify examples/config.json sha256:121e50ae...
    python3 -m oci_core media-type "application/vnd.oci.image.layer.v1.tar+zstd"
    python3 -m oci_core reference nginx localhost:5000/app:v1
    python3 -m oci_core platform --pick linux/arm64 linux/arm/v7 linux/arm64/v8 linux/amd64

Every command exits 0 when the input is valid, 1 when it is not (the reason
on standard error, as the library words it), and 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from . import __version__, _json, config, descriptor, digest, manifest, mediatypes, platform, reference
from ._fault import Fault
from .errors import InvalidPlatformError, OCIError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main"]

_CHUNK = 1 << 20


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def _describe(d: descriptor.Descriptor) -> str:
    parts = [d.media_type, str(d.digest), f"{d.size} bytes"]
    if d.platform is not None:
        parts.append(platform.format_platform_all(d.platform))
    if d.artifact_type is not None:
        parts.append(f"artifactType {d.artifact_type}")
    if d.annotations:
        parts.append(f"{len(d.annotations)} annotations")
    return "  ".join(parts)


def _inspect(raw: bytes, content_type: str | None) -> list[str]:
    """Check a manifest, index or image config and describe it."""
    lines = [f"digest: {digest.compute_digest(raw)}", f"size: {len(raw)} bytes"]
    if content_type is None and manifest.detect_media_type(raw) is None and _looks_like_config(raw):
        image = config.parse_image_config(raw)
        lines.append("kind: image config")
        lines.append(f"platform: {platform.format_platform_all(image.platform())}")
        if image.created is not None:
            lines.append(f"created: {image.created}")
        lines.append(f"layers (diff_ids): {len(image.rootfs.diff_ids)}")
        if image.rootfs.diff_ids:
            lines.append(f"chain ID: {config.chain_id(image.rootfs.diff_ids)}")
        lines.append(f"history: {len(image.history)} steps")
        return lines
    document = manifest.parse_manifest(raw, media_type=content_type)
    lines.append(f"mediaType: {document.media_type}")
    if isinstance(document, manifest.ImageIndex):
        lines.append(f"kind: index of {len(document.manifests)}")
        lines += [f"  /manifests/{n}: {_describe(entry)}" for n, entry in enumerate(document.manifests)]
    else:
        lines.append(f"kind: image manifest, artifact type {manifest.effective_artifact_type(document)}")
        lines.append(f"  /config: {_describe(document.config)}")
        lines += [f"  /layers/{n}: {_describe(layer)}" for n, layer in enumerate(document.layers)]
    if document.subject is not None:
        lines.append(f"subject: {_describe(document.subject)}")
    lines += [f"annotation {key}: {value}" for key, value in sorted(document.annotations.items())]
    return lines


def _looks_like_config(raw: bytes) -> bool:
    try:
        document = _json.loads(raw)
    except Fault:
        return False
    return type(document) is dict and ("rootfs" in document or "architecture" in document)


def _cmd_inspect(args: argparse.Namespace) -> list[str]:
    return _inspect(_read(args.file), args.media_type)


def _cmd_digest(args: argparse.Namespace) -> list[str]:
    lines = []
    for path in args.files:
        hasher = digest.Digester(args.algorithm)
        if path == "-":
            hasher.update(sys.stdin.buffer.read())
        else:
            with open(path, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    hasher.update(chunk)
        lines.append(f"{hasher.digest()}  {path}")
    return lines


def _cmd_verify(args: argparse.Namespace) -> list[str]:
    verifier = digest.DigestVerifier(digest.parse_digest(args.digest), size=args.size)
    if args.file == "-":
        verifier.update(sys.stdin.buffer.read())
    else:
        with open(args.file, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                verifier.update(chunk)
    verifier.verify()
    return [f"{args.file}: OK"]


def _size(text: str) -> int:
    """A ``--size`` value: ASCII decimal digits only (``int()`` would take ``١٢`` and ``1_000``)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        raise argparse.ArgumentTypeError(f"must be a size in bytes (decimal digits), got {text!r}")
    return int(text)


def _cmd_media_type(args: argparse.Namespace) -> list[str]:
    lines = []
    for text in args.media_types:
        parsed = mediatypes.parse_media_type(text)
        known = mediatypes.info(parsed)
        facts = [parsed.essence]
        if known is not None:
            facts.append(f"{known.family} {known.role}" + (" (deprecated)" if known.deprecated else ""))
        else:
            facts.append("not a type oci_core knows")
        compression = mediatypes.compression(parsed)
        if compression:
            facts.append(f"{compression}-compressed")
        if not mediatypes.is_distributable(parsed):
            facts.append("non-distributable")
        facts += [f"{name}={value}" for name, value in parsed.parameters]
        lines.append(", ".join(facts))
    return lines


def _cmd_reference(args: argparse.Namespace) -> list[str]:
    lines = []
    for text in args.references:
        ref = reference.parse_reference(text) if args.strict else reference.parse_normalized_reference(text)
        domain = ref.domain or ""
        lines.append(f"{text}: {ref}")
        lines.append(f"  familiar: {ref.familiar()}")
        lines.append(f"  registry: {domain or '(none)'} (API host {reference.registry_host(domain or None)},"
                     f" {reference.default_scheme(domain or None)})")
        lines.append(f"  repository: {ref.path}")
        if ref.tag is not None:
            lines.append(f"  tag: {ref.tag}")
        if ref.digest is not None:
            lines.append(f"  digest: {ref.digest}")
    return lines


def _cmd_platform(args: argparse.Namespace) -> list[str]:
    try:
        host = platform.parse_platform(args.host) if args.host else None
    except InvalidPlatformError as exc:
        raise InvalidPlatformError(f"--host: {exc.message}", text=exc.text, span=exc.span) from None
    wanted = [platform.parse_platform(text, host=host) for text in args.platforms]
    lines = [f"{text}: {platform.format_platform_all(found)}" for text, found in zip(args.platforms, wanted)]
    if args.pick:
        if len(wanted) < 2:
            raise InvalidPlatformError("--pick needs a wanted platform and at least one candidate")
        best = platform.best_match(wanted[0], wanted[1:])
        if best is None:
            raise InvalidPlatformError(f"no candidate matches {platform.format_platform(wanted[0])}")
        lines.append(f"best match for {platform.format_platform(wanted[0])}: {platform.format_platform(best)}")
    return lines


def _program_name() -> str:
    """How the user ran the tool: the console script's name, or ``python3 -m oci_core``."""
    invoked = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return "python3 -m oci_core" if invoked in ("", "__main__.py", "-c") else invoked


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program_name(),
        description="Check OCI and Docker image documents, digests and media types.",
    )
    parser.add_argument("--version", action="version", version=f"oci_core {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    inspect = commands.add_parser("inspect", help="read and check a manifest, index or image config")
    inspect.add_argument("file", help="the document ('-' for standard input)")
    inspect.add_argument("--media-type", help="the Content-Type it was served with, which must agree with the body")
    inspect.set_defaults(run=_cmd_inspect)

    compute = commands.add_parser("digest", help="print the digest of files")
    compute.add_argument("files", nargs="+", metavar="file")
    compute.add_argument("--algorithm", "-a", default=digest.CANONICAL_ALGORITHM, choices=("sha256", "sha384", "sha512"))
    compute.set_defaults(run=_cmd_digest)

    verify = commands.add_parser("verify", help="check a file against a digest (and size)")
    verify.add_argument("file", help="the file ('-' for standard input)")
    verify.add_argument("digest")
    verify.add_argument("--size", type=_size, default=None, help="the size the file must have, in bytes")
    verify.set_defaults(run=_cmd_verify)

    media_type = commands.add_parser("media-type", help="parse media types and tell what they are")
    media_type.add_argument("media_types", nargs="+", metavar="media-type")
    media_type.set_defaults(run=_cmd_media_type)
    ref = commands.add_parser("reference", help="parse image references as docker pull reads them")
    ref.add_argument("references", nargs="+", metavar="reference", help="e.g. nginx or ghcr.io/o/r:v1@sha256:...")
    ref.add_argument("--strict", action="store_true", help="no Docker normalisation (distribution's Parse)")
    ref.set_defaults(run=_cmd_reference)

    which = commands.add_parser("platform", help="parse and normalise platform specifiers (containerd syntax)")
    which.add_argument("platforms", nargs="+", metavar="platform", help="e.g. linux/aarch64 or windows(10.0.17763)/amd64")
    which.add_argument("--host", help="the host platform that fills a lone OS or architecture")
    which.add_argument("--pick", action="store_true", help="pick the best of the later platforms for the first")
    which.set_defaults(run=_cmd_platform)
    return parser


def _tolerant_streams() -> None:
    # Text the tool repeats (annotations, references) may not fit the
    # terminal's encoding; escape it rather than fail with a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; return the exit status."""
    _tolerant_streams()
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], list[str]] = args.run
    try:
        lines = run(args)
    except OCIError as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        if exc.marker:
            print(exc.marker, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head -1``): stop quietly, and keep the
        # interpreter's final flush from reporting the closed pipe again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 0


if __name__ == "__main__":
    sys.exit(main())
