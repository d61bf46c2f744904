"""Fuzz the image layout and annotation readers: index.json, annotation accessors, blob paths that never escape."""

from __future__ import annotations

from _harness import document_seeds, instrumented, main, refused_or, text

with instrumented():
    from oci_core import annotations, layout


def test_one_input(data: bytes) -> None:
    index = refused_or(lambda: layout.parse_index(data))
    if index is not None:
        refused_or(lambda: layout.find_ref_name(index, "v1"))  # type: ignore[arg-type]
    value = text(data)
    path = refused_or(lambda: layout.blob_path(value))
    if isinstance(path, str):
        assert path.startswith("blobs/") and ".." not in path.split("/") and "\\" not in path and "\x00" not in path
    for accessor in (annotations.created, annotations.ref_name, annotations.base_name, annotations.base_digest,
                     annotations.title, annotations.licenses):
        refused_or(lambda: accessor({key: value for key in annotations.__dict__.values() if isinstance(key, str)}))  # noqa: B023


if __name__ == "__main__":
    main(test_one_input, document_seeds)
