"""Pre-defined annotation keys of the OCI image spec (annotations.md).

The keys are plain strings, spelled as ``specs-go/v1/annotations.go`` spells
them. Typed accessors over an annotation map come with a later change.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AUTHORS",
    "BASE_IMAGE_DIGEST",
    "BASE_IMAGE_NAME",
    "CREATED",
    "DESCRIPTION",
    "DOCUMENTATION",
    "LICENSES",
    "REF_NAME",
    "REVISION",
    "SOURCE",
    "TITLE",
    "URL",
    "VENDOR",
    "VERSION",
]

#: Date and time the image was built, RFC 3339.
CREATED: Final = "org.opencontainers.image.created"
#: Contact details of the people or organisation responsible for the image.
AUTHORS: Final = "org.opencontainers.image.authors"
#: URL to find more information on the image.
URL: Final = "org.opencontainers.image.url"
#: URL to get documentation on the image.
DOCUMENTATION: Final = "org.opencontainers.image.documentation"
#: URL to get source code for building the image.
SOURCE: Final = "org.opencontainers.image.source"
#: Version of the packaged software.
VERSION: Final = "org.opencontainers.image.version"
#: Source control revision identifier for the packaged software.
REVISION: Final = "org.opencontainers.image.revision"
#: Name of the distributing entity, organisation or individual.
VENDOR: Final = "org.opencontainers.image.vendor"
#: SPDX license expression for the software in the image.
LICENSES: Final = "org.opencontainers.image.licenses"
#: Name of the reference for a target, in an image layout's index.json.
REF_NAME: Final = "org.opencontainers.image.ref.name"
#: Human-readable title of the image.
TITLE: Final = "org.opencontainers.image.title"
#: Human-readable description of the software packaged in the image.
DESCRIPTION: Final = "org.opencontainers.image.description"
#: Digest of the image this image is based on.
BASE_IMAGE_DIGEST: Final = "org.opencontainers.image.base.digest"
#: Image reference of the image this image is based on.
BASE_IMAGE_NAME: Final = "org.opencontainers.image.base.name"
