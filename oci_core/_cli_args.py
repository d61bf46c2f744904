"""The command-line tool's commands, options and ``--help`` texts (private, pure).

:func:`build_parser` makes the :class:`argparse.ArgumentParser`; building it
reads nothing and prints nothing (the shell parses and prints). Each
command's help reads like a manual page: what it does, the arguments, the
options, an example, and the exit statuses, which every command shares.

>>> parser = build_parser("oci-spec-core")
>>> args = parser.parse_args(["pull", "--platform", "linux/arm64", "nginx", "out"])
>>> args.command, args.reference, args.layout, args.platform
('pull', 'nginx', 'out', 'linux/arm64')
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Final, Protocol

from .digest import CANONICAL_ALGORITHM

__all__ = ["COMMANDS", "EXIT_STATUS_TEXT", "build_parser", "size_argument"]

EXIT_STATUS_TEXT: Final = """\
exit status:
  0    done
  1    invalid input, or refused by the registry (its status and error codes are shown)
  2    usage: an unknown command or option, a missing argument
  3    network failure: no connection, a broken one, or "try later" answers past --retries
  130  interrupted (Ctrl-C); no partial file is left under its final name"""

_REFERENCES: Final = """\
References are read as `docker pull` reads them: nginx is docker.io/library/nginx:latest,
localhost:5000/app:v1 is served over http (localhost-like registries), anything else over https.
skopeo's docker:// prefix is accepted. Credentials come from the docker config.json or podman
auth.json that go-containerregistry reads (credential helpers are run), else --username and
--password-stdin, else none."""

# name -> (one-line summary, description, examples)
COMMANDS: Final[dict[str, tuple[str, str, str]]] = {
    "manifest": (
        "print an image's manifest, exactly as the registry stored it",
        "Fetch the manifest (or index) REF names and write its bytes to standard output, unchanged,\n"
        "after checking them against the digest asked for and the one the registry announced.\n"
        "With --platform, an index is resolved to the manifest it offers for that platform.",
        "  %(prog)s localhost:5000/app:v1\n  %(prog)s --platform linux/arm64 docker.io/library/alpine:3.20 | jq .",
    ),
    "digest": (
        "print the digest of images in a registry, or of files",
        "For each TARGET: a file that exists (or - for standard input) is hashed, like sha256sum in\n"
        "digest form; anything else is an image reference, whose manifest digest is asked for with a\n"
        "HEAD request (a GET when the registry does not say). Each target gets its own line; a bad\n"
        "one is reported on standard error and does not hide the others.",
        "  %(prog)s localhost:5000/app:v1\n  %(prog)s examples/config.json examples/manifest.json",
    ),
    "config": (
        "print an image's config (the JSON blob its manifest names)",
        "Fetch REF's manifest (for an index, the manifest for --platform, by default this machine's\n"
        "platform), then its config blob, verified by digest and size, and write its bytes to\n"
        "standard output.",
        "  %(prog)s localhost:5000/app:v1 | jq .config",
    ),
    "blob": (
        "download a blob, verified as it is written",
        "Stream the blob REF@DIGEST names to standard output, or to FILE with -o. A file is written\n"
        "under FILE.part and renamed to FILE once its size and digest are verified; with --continue\n"
        "an interrupted download resumes where FILE.part ends.",
        "  %(prog)s -o layer.tar.gz localhost:5000/app@sha256:4c1d20cd...\n"
        "  %(prog)s --continue -o layer.tar.gz localhost:5000/app@sha256:4c1d20cd...",
    ),
    "ls": (
        "list the tags of a repository (every page)",
        "List every tag of REPO, following the registry's pages.",
        "  %(prog)s localhost:5000/app\n  %(prog)s --omit-digest-tags --full-ref ghcr.io/org/app",
    ),
    "catalog": (
        "list the repositories of a registry (every page)",
        "List every repository the registry's catalog holds (distribution's /v2/_catalog).",
        "  %(prog)s localhost:5000",
    ),
    "referrers": (
        "list the manifests that refer to an image (signatures, SBOMs, attestations)",
        "List the referrers of REF's manifest: through the registry's referrers API, or through the\n"
        "fallback tag (sha256-<hex>) where the registry has no such API. --artifact-type keeps those\n"
        "of one type.",
        "  %(prog)s localhost:5000/app:v1\n  %(prog)s --artifact-type application/spdx+json localhost:5000/app:v1",
    ),
    "pull": (
        "pull an image into an OCI image layout directory",
        "Copy REF into the OCI image layout DIR (created if need be): every platform of an index, or\n"
        "the one --platform names. Blobs are streamed, verified as they are written, and renamed into\n"
        "blobs/ once whole; blobs the layout already holds are skipped. index.json lists the image\n"
        "under NAME (DIR:NAME), by default REF's tag.",
        "  %(prog)s localhost:5000/app:v1 ./app-layout\n  %(prog)s --platform linux/arm64 nginx:1.25 ./nginx:arm64",
    ),
    "push": (
        "push an image from an OCI image layout directory",
        "Push the image index.json lists under NAME (DIR:NAME; without a name, the only image there)\n"
        "to REF: blobs the registry already has are skipped, manifests go before the index that\n"
        "lists them, and the image gets REF's tag (else NAME, else latest).",
        "  %(prog)s ./app-layout:v1 localhost:5000/app:v1",
    ),
    "copy": (
        "copy an image between registries and layouts, digests unchanged",
        "Copy SRC to DST, each a registry reference or an OCI image layout (oci:DIR[:NAME]). Every\n"
        "manifest keeps its exact bytes, so digests do not change. Within one registry, blobs are\n"
        "mounted from SRC's repository; blobs and manifests DST already has are skipped. With\n"
        "--referrers, the manifests that refer to what is copied (signatures, SBOMs) are copied too.\n"
        "DST's tag defaults to SRC's.",
        "  %(prog)s localhost:5000/app:v1 localhost:5001/app:v1\n"
        "  %(prog)s --referrers localhost:5000/app:v1 oci:./backup:v1\n"
        "  %(prog)s oci:./backup:v1 registry.example/app:v1",
    ),
    "tag": (
        "give an image in a registry another tag",
        "Fetch REF's manifest and put the same bytes under NEWTAG in the same repository.",
        "  %(prog)s localhost:5000/app:v1 stable",
    ),
    "delete": (
        "delete an image's manifest from its registry",
        "Delete the manifest REF names. A tag is resolved to its digest first (registries delete by\n"
        "digest), which removes every tag of that manifest.",
        "  %(prog)s localhost:5000/app@sha256:4c1d20cd...",
    ),
    "inspect": (
        "check and describe manifests, indexes and image configs",
        "For each TARGET (a file, - for standard input, oci:DIR[:NAME] for an image in a layout, or an\n"
        "image reference): check it against its specification and describe it: its digest and size,\n"
        "kind, platforms, layers and their sizes, artifact type, subject, annotations. A fault is\n"
        "reported with the JSON pointer of the member at fault.",
        "  %(prog)s examples/manifest.json\n  %(prog)s oci:./app-layout:v1\n  %(prog)s localhost:5000/app:v1",
    ),
    "verify": (
        "check a file against a digest (and a size)",
        "Hash FILE (- for standard input) and compare it with DIGEST, and its length with --size.",
        "  %(prog)s examples/config.json sha256:121e50ae99755494c2b28d720d9c2feb276d958b2cd89ef04a727adc858839e7"
        " --size 1111",
    ),
    "media-type": (
        "parse media types and tell what they are",
        "Parse each MEDIA-TYPE (RFC 6838, with parameters) and tell its family and role, compression\n"
        "and whether it may be distributed.",
        '  %(prog)s "application/vnd.oci.image.layer.v1.tar+zstd"',
    ),
    "reference": (
        "parse image references as docker pull reads them",
        "Parse each REFERENCE and show its full and familiar forms, registry (and the host and scheme\n"
        "its API is reached at), repository, tag and digest.",
        "  %(prog)s nginx localhost:5000/app:v1",
    ),
    "platform": (
        "parse and normalise platform specifiers (containerd syntax)",
        "Parse each PLATFORM and print its normal form; with --pick, the best of the later platforms\n"
        "for the first (containerd's ranking).",
        "  %(prog)s --pick linux/arm64 linux/arm/v7 linux/arm64/v8 linux/amd64",
    ),
    "layout": (
        "check an OCI image layout directory",
        "Check DIR: its oci-layout file and index.json, every blob index.json reaches against the digest\n"
        "and size its descriptor gives, every layer's diffID against its image config (gzip layers are\n"
        "decompressed as they are read), and list the blobs nothing reaches.",
        "  %(prog)s ./app-layout",
    ),
}


def size_argument(text: str) -> int:
    """A ``--size`` value: ASCII decimal digits only (``int()`` would take ``١٢`` and ``1_000``)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        raise argparse.ArgumentTypeError(f"must be a size in bytes (decimal digits), got {text!r}")
    return int(text)


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 3:
        raise argparse.ArgumentTypeError(f"must be a count (decimal digits), got {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    if not (text.isascii() and text.replace(".", "", 1).isdigit()) or len(text) > 8 or float(text) <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return float(text)


def _output_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On the top parser the defaults are set; on each command they are suppressed,
    # so that an option given before the command is not reset by the command's parser.
    group = parser.add_argument_group("output options")
    group.add_argument("--json", action="store_true", default=False if top else argparse.SUPPRESS,
                       help="write one JSON document on standard output (field names: docs/cli.md)")
    group.add_argument("-q", "--quiet", action="store_true", default=False if top else argparse.SUPPRESS,
                       help="no progress on standard error, even on a terminal")


def _network_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # As for the output options: defaults on the top parser only, so that either place works.
    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group("registry options")
    group.add_argument("--insecure", action="store_true", default=default(False),
                       help="allow plain http and unverified TLS for every registry (localhost-like registries"
                            " use http anyway)")
    group.add_argument("--username", "-u", default=default(None),
                       help="the user name for the registry the command writes to (else the one it reads from)")
    group.add_argument("--password-stdin", action="store_true", default=default(False),
                       help="read the password (or token) from standard input; needs --username")
    # A command's own parser starts from an empty namespace: its realms are kept apart and added to the top's.
    group.add_argument("--trust-realm", action="append", default=default([]), metavar="ORIGIN",
                       dest="trust_realm" if top else "trust_realm_more",
                       help="a token server on a private or loopback address to trust, e.g."
                            " http://127.0.0.1:5001 (repeatable)")
    group.add_argument("--retries", type=_count, default=default(3), metavar="N",
                       help="how often to retry a request that met a broken connection or a"
                            " 'try later' answer (Retry-After honoured; default 3)")
    group.add_argument("--timeout", type=_seconds, default=default(60.0), metavar="SECONDS",
                       help="how long to wait for the network at any one time (default 60)")


def _platform_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--platform", metavar="PLATFORM", help=f"{what} (os/arch[/variant], e.g. linux/arm64)")


class _Commands(Protocol):
    """What ``add_subparsers()`` returns, as far as this module uses it."""

    def add_parser(
        self,
        name: str,
        *,
        aliases: Sequence[str] = ...,
        help: str | None = ...,
        description: str | None = ...,
        epilog: str | None = ...,
        formatter_class: type[argparse.HelpFormatter] = ...,
    ) -> argparse.ArgumentParser: ...


def _command(
    commands: _Commands,
    name: str,
    *,
    network: bool,
    aliases: tuple[str, ...] = (),
) -> argparse.ArgumentParser:
    summary, description, examples = COMMANDS[name]
    parser = commands.add_parser(
        name,
        aliases=list(aliases),
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.\n\n{description}"
        + (f"\n\n{_REFERENCES}" if network else ""),
        epilog=f"example:\n{examples}\n\n{EXIT_STATUS_TEXT}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _output_options(parser, top=False)
    if network:
        _network_options(parser, top=False)
    return parser


def build_parser(prog: str) -> argparse.ArgumentParser:
    """The tool's parser, its usage lines led by ``prog`` (the name the user ran it by)."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog=prog,
        description="Pull, push, copy, list and inspect container images in registries and OCI image layouts,\n"
        "and check OCI and Docker image documents, digests and media types: a zero-dependency crane.",
        epilog=f"Run '{prog} COMMAND --help' for a command's manual.\n\n{EXIT_STATUS_TEXT}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"oci_core {__version__}")
    _output_options(parser, top=True)
    _network_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    manifest = _command(commands, "manifest", network=True)
    manifest.add_argument("reference", metavar="REF")
    _platform_option(manifest, "resolve an index to the manifest for this platform")

    digest = _command(commands, "digest", network=True)
    digest.add_argument("targets", nargs="+", metavar="TARGET",
                        help="a file, - for standard input, or an image reference")
    digest.add_argument("--algorithm", "-a", default=CANONICAL_ALGORITHM, choices=("sha256", "sha384", "sha512"),
                        help="the algorithm files are hashed with (default sha256)")
    digest.add_argument("--full-ref", action="store_true", help="print references as REPOSITORY@DIGEST")
    _platform_option(digest, "the digest of the manifest an index offers for this platform")

    config = _command(commands, "config", network=True)
    config.add_argument("reference", metavar="REF")
    _platform_option(config, "the platform to pick from an index (default: this machine's)")

    blob = _command(commands, "blob", network=True)
    blob.add_argument("reference", metavar="REF@DIGEST")
    blob.add_argument("-o", "--output", metavar="FILE",
                      help="write to FILE (through FILE.part) instead of standard output")
    blob.add_argument("--continue", dest="resume", action="store_true",
                      help="resume an interrupted download into FILE.part")

    ls = _command(commands, "ls", network=True, aliases=("tags",))
    ls.add_argument("repository", metavar="REPO")
    ls.add_argument("--full-ref", action="store_true", help="print REPOSITORY:TAG instead of TAG")
    ls.add_argument("-O", "--omit-digest-tags", action="store_true",
                    help="leave out tags like sha256-<hex> (referrers fallback tags)")

    catalog = _command(commands, "catalog", network=True)
    catalog.add_argument("registry", metavar="REGISTRY", help="a registry host, e.g. localhost:5000")
    catalog.add_argument("--full-ref", action="store_true", help="print REGISTRY/REPOSITORY instead of REPOSITORY")

    referrers = _command(commands, "referrers", network=True)
    referrers.add_argument("reference", metavar="REF")
    referrers.add_argument("--artifact-type", metavar="TYPE", help="only the referrers of this artifact type")

    pull = _command(commands, "pull", network=True)
    pull.add_argument("reference", metavar="REF")
    pull.add_argument("layout", metavar="DIR[:NAME]")
    _platform_option(pull, "pull only the manifest an index offers for this platform (default: every platform)")
    pull.add_argument("--continue", dest="resume", action="store_true", help="resume interrupted blob downloads")
    pull.add_argument("--referrers", action="store_true", help="pull the image's referrers too")

    push = _command(commands, "push", network=True)
    push.add_argument("layout", metavar="DIR[:NAME]")
    push.add_argument("reference", metavar="REF")
    push.add_argument("--referrers", action="store_true", help="push the layout's referrers of the image too")

    copy = _command(commands, "copy", network=True, aliases=("cp",))
    copy.add_argument("source", metavar="SRC")
    copy.add_argument("destination", metavar="DST")
    _platform_option(copy, "copy only the manifest an index offers for this platform (default: every platform)")
    copy.add_argument("--referrers", action="store_true", help="copy the referrers of every manifest copied too")
    copy.add_argument("--continue", dest="resume", action="store_true",
                      help="resume interrupted blob downloads into a layout")

    tag = _command(commands, "tag", network=True)
    tag.add_argument("reference", metavar="REF")
    tag.add_argument("new_tag", metavar="NEWTAG")

    delete = _command(commands, "delete", network=True)
    delete.add_argument("reference", metavar="REF")

    inspect = _command(commands, "inspect", network=True)
    inspect.add_argument("targets", nargs="+", metavar="TARGET",
                         help="a file, - for standard input, oci:DIR[:NAME], or an image reference")
    inspect.add_argument("--media-type", help="the Content-Type a file was served with, which must agree with it")
    _platform_option(inspect, "describe the manifest an index offers for this platform")

    verify = _command(commands, "verify", network=False)
    verify.add_argument("file", metavar="FILE", help="the file (- for standard input)")
    verify.add_argument("digest", metavar="DIGEST")
    verify.add_argument("--size", type=size_argument, default=None, help="the size the file must have, in bytes")

    media_type = _command(commands, "media-type", network=False)
    media_type.add_argument("media_types", nargs="+", metavar="MEDIA-TYPE")

    reference = _command(commands, "reference", network=False)
    reference.add_argument("references", nargs="+", metavar="REFERENCE", help="e.g. nginx or ghcr.io/o/r:v1@sha256:...")
    reference.add_argument("--strict", action="store_true", help="no Docker normalisation (distribution's Parse)")

    which = _command(commands, "platform", network=False)
    which.add_argument("platforms", nargs="+", metavar="PLATFORM",
                       help="e.g. linux/aarch64 or windows(10.0.17763)/amd64")
    which.add_argument("--host", help="the host platform that fills a lone OS or architecture")
    which.add_argument("--pick", action="store_true", help="pick the best of the later platforms for the first")

    layout = _command(commands, "layout", network=False)
    layout.add_argument("directory", metavar="DIR")
    return parser
