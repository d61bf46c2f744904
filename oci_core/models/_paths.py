"""Where a model's layers go: file paths from ``org.cncf.model.filepath``, checked so none can escape (private).

A model artifact names the file each layer becomes in its layer's
``org.cncf.model.filepath`` annotation (model-runner, modctl), relative to
the directory the model is unpacked in. The annotation is data from the
registry, so :func:`safe_relative_path` accepts only a path that stays in
that directory on every file system a caller may write it to, and says which
rule a refused one breaks. A path is refused when it:

* is empty, absolute (``/etc/passwd``), or longer than 4096 bytes (Linux's
  ``PATH_MAX``), or has a component longer than 255 bytes (``NAME_MAX``);
* has an empty component (``a//b``, a trailing ``/``), or a ``.`` or ``..``
  component: paths are taken as written, never cleaned, so ``a/../b`` is
  refused rather than read as ``b``;
* holds a backslash (Windows' separator), a colon (a drive letter, ``C:``,
  or an NTFS stream, ``file:stream``), NUL or another control character
  (C0, DEL, C1), or one of ``< > " | ? *`` (which Windows refuses in names);
* has a component ending in ``.`` or a space (Windows strips them, so
  ``.. `` and ``...`` would become ``..``), or one that is a Windows device
  name (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0`` to ``COM9``, ``LPT0`` to ``LPT9``,
  the superscript-digit ``COM¹``… and ``CONIN$``/``CONOUT$``, in any case,
  with or without an extension);
* holds a look-alike of ``/``, ``\\`` or ``.``. The list is Unicode's
  confusables (``confusables.txt``) for those three, restricted to symbols
  and punctuation (letters such as KATAKANA NO are left alone), plus the two
  signs Windows' "best fit" code pages turn into a backslash (¥ in code page
  932, ₩ in 949); and any character whose NFKC form contains ``/``, ``\\``,
  ``.``, ``:`` or another refused character (FULLWIDTH SOLIDUS, ONE DOT
  LEADER, TWO DOT LEADER, SMALL FULL STOP, FULLWIDTH COLON, …), since a
  normalising tool would turn it into one. A lone surrogate is refused too.

Laying out a whole model (:func:`model_layout`) also refuses two layers that
would become the same file: equal paths with different content, paths equal
once case is folded and Unicode is normalised to NFC (macOS and Windows
file systems fold case, so the second file would overwrite the first), and
a file whose path is a directory on another layer's path (``a`` and
``a/b``). The same path with the same digest twice is one file (a layer
repeated). The offending annotation is named by its JSON pointer.
"""

# pyright: reportUnnecessaryIsInstance=false
# (the entry points check their arguments' Python types at run time, as the error contract asks)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, cast

from .._fault import Fault
from .._kinds import check_fields
from ..descriptor import Descriptor
from ..errors import LayerPathCollisionError, LayerPathError, UnsafeLayerPathError
from ..manifest import ImageManifest
from ._mediatypes import ANNOTATION_FILEPATH, LayerInfo, LayerKind, classify_layer
from ._strings import ascii_lower

__all__ = [
    "MAX_COMPONENT_BYTES",
    "MAX_PATH_BYTES",
    "LayerFile",
    "ModelLayout",
    "layer_file_path",
    "model_layout",
    "safe_relative_path",
    "sanitize_relative_path",
]

#: The longest path accepted, in UTF-8 bytes (Linux ``PATH_MAX``).
MAX_PATH_BYTES: Final = 4096
#: The longest component accepted, in UTF-8 bytes (``NAME_MAX``).
MAX_COMPONENT_BYTES: Final = 255

# Characters refused anywhere, and what each is.
_REFUSED: Final[Mapping[str, str]] = MappingProxyType(
    {
        "\\": "a backslash (the path separator on Windows)",
        ":": "a colon (a drive letter or an NTFS stream on Windows)",
        "<": "'<', which Windows refuses in file names",
        ">": "'>', which Windows refuses in file names",
        '"': "'\"', which Windows refuses in file names",
        "|": "'|', which Windows refuses in file names",
        "?": "'?', which Windows refuses in file names",
        "*": "'*', which Windows refuses in file names",
    }
)
# Look-alikes of "/", "\" and "." that NFKC leaves as they are (confusables.txt, symbols and punctuation).
_LOOKALIKES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "\u2044": "/",  # FRACTION SLASH
        "\u2215": "/",  # DIVISION SLASH
        "\u2571": "/",  # BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT
        "\u27cb": "/",  # MATHEMATICAL RISING DIAGONAL
        "\u29f8": "/",  # BIG SOLIDUS
        "\u1735": "/",  # PHILIPPINE SINGLE PUNCTUATION
        "\U0001d23a": "/",  # GREEK INSTRUMENTAL NOTATION SYMBOL-47
        "\u2216": "\\",  # SET MINUS
        "\u27cd": "\\",  # MATHEMATICAL FALLING DIAGONAL
        "\u29f5": "\\",  # REVERSE SOLIDUS OPERATOR
        "\u29f9": "\\",  # BIG REVERSE SOLIDUS
        "\u2572": "\\",  # BOX DRAWINGS LIGHT DIAGONAL UPPER LEFT TO LOWER RIGHT
        "\u00a5": "\\",  # YEN SIGN: code page 932's best fit for U+005C
        "\u20a9": "\\",  # WON SIGN: code page 949's best fit for U+005C
        "\u0701": ".",  # SYRIAC SUPRALINEAR FULL STOP
        "\u0702": ".",  # SYRIAC SUBLINEAR FULL STOP
        "\ua60e": ".",  # VAI FULL STOP
        "\U00010a50": ".",  # KHAROSHTHI PUNCTUATION DOT
        "\U0001d16d": ".",  # MUSICAL SYMBOL COMBINING AUGMENTATION DOT
    }
)
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Every character refused wherever it is, that a plain search finds (C1 controls included).
_ASCII_REFUSED: Final = re.compile(r'[\x00-\x1f\x7f-\x9f\\:<>"|?*]')
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# What a character's NFKC form may not contain: the path syntax above, and control characters.
_NFKC_REFUSED: Final = re.compile(r"[/\\.:<>\"|?*\x00-\x1f\x7f-\x9f]")
_DEVICES: Final = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789\u00b9\u00b2\u00b3"}
)
_DRIVE: Final = re.compile(r"[A-Za-z]:")


def _unsafe(message: str, text: str, span: tuple[int, int]) -> Fault:
    return Fault(message, text=text, span=span, kind=UnsafeLayerPathError)


def _character(text: str, index: int) -> Fault:
    char = text[index]
    span = (index, index + 1)
    if char == "\x00":
        return _unsafe("holds NUL", text, span)
    if _CONTROL.match(char):
        return _unsafe(f"holds the control character U+{ord(char):04X}", text, span)
    if char in _REFUSED:
        what = _REFUSED[char]
        if char == ":" and _DRIVE.match(text):
            what = "a drive letter (Windows)"
        return _unsafe(f"holds {what}", text, span)
    if _SURROGATE.match(char):
        return _unsafe(f"holds the lone surrogate U+{ord(char):04X}", text, span)
    name = unicodedata.name(char, "?")
    if char in _LOOKALIKES:
        return _unsafe(f"holds U+{ord(char):04X} {name}, a look-alike of {_LOOKALIKES[char]!r}", text, span)
    normal = unicodedata.normalize("NFKC", char)
    return _unsafe(f"holds U+{ord(char):04X} {name}, which NFKC turns into {normal!r}", text, span)


def _first_refused_character(text: str) -> int | None:
    """The index of the first character refused anywhere in a path, or ``None``."""
    hit = _ASCII_REFUSED.search(text)
    first = len(text) if hit is None else hit.start()
    if not text.isascii():
        for index in range(first):
            char = text[index]
            if char >= "\x80" and (
                char in _LOOKALIKES
                or _SURROGATE.match(char) is not None
                or _NFKC_REFUSED.search(unicodedata.normalize("NFKC", char)) is not None
            ):
                return index
    return None if hit is None else first


def _check(text: str) -> None:
    """Raise a fault at the first rule ``text`` breaks as a relative file path."""
    if not text:
        raise _unsafe("is empty", text, (0, 0))
    # The length first, so that everything after it looks at 4096 characters at most.
    encoded = len(text) if len(text) > MAX_PATH_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if encoded > MAX_PATH_BYTES:
        raise _unsafe(f"is longer than {MAX_PATH_BYTES} bytes", text, (0, len(text)))
    index = _first_refused_character(text)
    if index is not None:
        raise _character(text, index)
    if text.startswith("/"):
        raise _unsafe("is absolute", text, (0, 1))
    start = 0
    for component in text.split("/"):
        span = (start, start + len(component))
        start += len(component) + 1
        if not component:
            raise _unsafe("has an empty component (a '//' or a trailing '/')", text, span)
        if component == "." or component == "..":
            raise _unsafe(f"has a {component!r} component", text, span)
        if component.endswith((".", " ")):
            raise _unsafe("has a component ending in '.' or ' ', which Windows strips", text, span)
        if ascii_lower(component).partition(".")[0] in _DEVICES:
            raise _unsafe(f"has the Windows device name {component!r} as a component", text, span)
        size = len(component.encode("utf-8"))
        if size > MAX_COMPONENT_BYTES:
            raise _unsafe(f"has a component of {size} bytes, over the limit of {MAX_COMPONENT_BYTES}", text, span)


def safe_relative_path(text: str) -> str:
    """``text`` when it is a relative file path that stays in its directory on every file system, else an error.

    >>> safe_relative_path("text_encoder/model.safetensors")
    'text_encoder/model.safetensors'
    >>> safe_relative_path("../etc/passwd")
    Traceback (most recent call last):
      ...
    oci_core.errors.UnsafeLayerPathError: has a '..' component: '../etc/passwd'

    The rules are in the module docstring; the path is never rewritten.
    Use it for any name from a model artifact, tar entries included.

    :raises UnsafeLayerPathError: the first rule broken, with ``span`` on the
        offending part.
    """
    if not isinstance(text, str):
        raise TypeError(f"path must be a str, got {type(text).__name__}")
    path = str(text)  # a subclass's own methods are not trusted
    try:
        _check(path)
    except Fault as fault:
        raise fault.as_error(UnsafeLayerPathError) from None
    return path


_POINTER: Final = "/annotations/" + ANNOTATION_FILEPATH.replace("~", "~0").replace("/", "~1")


def _annotation(descriptor: Descriptor, pointer: str) -> str:
    text = descriptor.annotations.get(ANNOTATION_FILEPATH)
    if text is None:
        raise Fault("is required but missing: the layer names no file", pointer=pointer, kind=LayerPathError)
    try:
        _check(text)
    except Fault as fault:
        fault.pointer = pointer
        raise
    return text


def layer_file_path(descriptor: Descriptor) -> str:
    """The relative path a model layer becomes: its ``org.cncf.model.filepath`` annotation, checked.

    >>> from oci_core.descriptor import describe
    >>> layer_file_path(describe(b"GGUF", "application/vnd.docker.ai.gguf.v3",
    ...                          annotations={"org.cncf.model.filepath": "model/model.gguf"}))
    'model/model.gguf'

    :raises UnsafeLayerPathError: the annotation breaks a rule of
        :func:`safe_relative_path`; ``pointer`` names the annotation
        (``/annotations/org.cncf.model.filepath``), ``text`` is its value.
    :raises LayerPathError: the layer has no such annotation.
    """
    if not isinstance(descriptor, Descriptor):
        raise TypeError(f"descriptor must be a Descriptor, got {type(descriptor).__name__}")
    try:
        return _annotation(descriptor, _POINTER)
    except Fault as fault:
        raise fault.as_error(LayerPathError) from None


# -- a whole model --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LayerFile:
    """One file of a model: the layer, where it goes, what it is, and its position in the manifest."""

    path: str
    layer: Descriptor
    info: LayerInfo
    index: int

    def __post_init__(self) -> None:
        check_fields(self, (("path", (str,)), ("layer", (Descriptor,)), ("info", (LayerInfo,)), ("index", (int,))))


@dataclass(frozen=True, slots=True)
class ModelLayout:
    """The files a model's layers become (:func:`model_layout`), and the layers that name none."""

    files: tuple[LayerFile, ...]
    unnamed: tuple[Descriptor, ...] = ()

    def __post_init__(self) -> None:
        check_fields(self, (("files", (tuple,), (LayerFile,)), ("unnamed", (tuple,), (Descriptor,))))

    def of_kind(self, kind: LayerKind) -> tuple[LayerFile, ...]:
        """The files of one kind, in manifest order."""
        return tuple(f for f in self.files if f.info.kind is kind)

    @property
    def weights(self) -> tuple[LayerFile, ...]:
        """The weight files, in manifest order (shards in their order)."""
        return self.of_kind(LayerKind.WEIGHTS)


def _fold(path: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", path).casefold().split("/"))


def model_layout(source: ImageManifest | Iterable[Descriptor], *, model_format: str = "") -> ModelLayout:
    """Lay a model's layers out as the files they become, every path checked and no two colliding.

    >>> from oci_core.descriptor import describe
    >>> a = describe(b"a", "application/vnd.docker.ai.gguf.v3", annotations={"org.cncf.model.filepath": "m.gguf"})
    >>> b = describe(b"b", "application/vnd.docker.ai.license", annotations={"org.cncf.model.filepath": "M.GGUF"})
    >>> [f.path for f in model_layout([a]).files]
    ['m.gguf']
    >>> model_layout([a, b])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    oci_core.errors.LayerPathCollisionError: /layers/1/...: is the same file as layer 0's 'm.gguf' once case is ...

    ``source`` is a manifest or its layers. Layers without the annotation are
    listed in ``unnamed`` (model-runner's legacy packaging finds those by media
    type); ``model_format`` is passed on to :func:`classify_layer`.

    :raises UnsafeLayerPathError: a path breaks a rule of :func:`safe_relative_path`.
    :raises LayerPathCollisionError: two layers would become the same file,
        or one a file where another needs a directory.
    """
    if not isinstance(model_format, str):  # before the layers: a manifest without any never passes it on
        raise TypeError(f"model_format must be a str, got {type(model_format).__name__}")
    given: object = source
    if isinstance(given, ImageManifest):
        layers: tuple[object, ...] = given.layers
    elif isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise TypeError(f"source must be an ImageManifest or an iterable of Descriptor, got {type(given).__name__}")
    else:
        layers = tuple(cast("Iterable[object]", given))
    files: list[LayerFile] = []
    unnamed: list[Descriptor] = []
    by_key: dict[tuple[str, ...], LayerFile] = {}
    directories: dict[tuple[str, ...], LayerFile] = {}
    try:
        for index, layer in enumerate(layers):
            if not isinstance(layer, Descriptor):
                raise TypeError(f"layers must be Descriptor values, got {type(layer).__name__}")
            if ANNOTATION_FILEPATH not in layer.annotations:
                unnamed.append(layer)
                continue
            pointer = f"/layers/{index}{_POINTER}"
            path = _annotation(layer, pointer)
            key = _fold(path)
            entry = LayerFile(path, layer, classify_layer(layer, model_format=model_format), index)
            earlier = by_key.get(key)
            if earlier is not None:
                if earlier.path == path and earlier.layer.digest == layer.digest:
                    continue  # the same file twice: one file
                raise _collision(entry, earlier, pointer, "is the same file as")
            parent = directories.get(key)
            if parent is not None:
                raise _collision(entry, parent, pointer, "is a directory on the path of")
            for depth in range(1, len(key)):
                prefix = key[:depth]
                clash = by_key.get(prefix)
                if clash is not None:
                    raise _collision(entry, clash, pointer, "needs as a directory the file of")
                directories.setdefault(prefix, entry)
            by_key[key] = entry
            files.append(entry)
    except Fault as fault:
        raise fault.as_error(LayerPathError) from None
    return ModelLayout(tuple(files), tuple(unnamed))


def _collision(entry: LayerFile, earlier: LayerFile, pointer: str, relation: str) -> Fault:
    how = ""
    if relation == "is the same file as":
        how = " with other content" if earlier.path == entry.path else " once case is folded (macOS, Windows)"
    return Fault(
        f"{relation} layer {earlier.index}'s {earlier.path!r}{how}",
        pointer=pointer,
        text=entry.path,
        kind=LayerPathCollisionError,
    )


# -- model-runner's repair ------------------------------------------------------------------------------


def _go_clean(path: str) -> str:
    """Go's ``path.Clean`` (lexical: ``.`` and empty components dropped, ``..`` taken back)."""
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    cleaned = "/".join(parts)
    if rooted:
        return "/" + cleaned
    return cleaned or "."


def sanitize_relative_path(text: str) -> str:
    """model-runner's repair of a path packaged from outside its root (``bundle.sanitizeRelativePath``).

    >>> sanitize_relative_path("../../home/user/text_encoder/model.safetensors")
    'home/user/text_encoder/model.safetensors'

    Go's ``path.Clean``, then every leading ``../`` dropped (``".."`` alone
    gives ``""``). modctl writes such paths when a model is packaged by an
    absolute path. This never makes a path safe by itself: check the result
    with :func:`safe_relative_path`; :func:`model_layout` does not repair.
    """
    if not isinstance(text, str):
        raise TypeError(f"path must be a str, got {type(text).__name__}")
    cleaned = _go_clean(str(text))
    start = 0
    while cleaned.startswith("../", start):  # find the end of the leading "../" run, then cut once
        start += 3
    cleaned = cleaned[start:]
    return "" if cleaned == ".." else cleaned
