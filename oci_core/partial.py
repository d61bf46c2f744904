"""Images as values: what go-containerregistry's ``v1/partial`` computes, from raw pieces.

Referrers (distribution-spec, "Listing Referrers", "Referrers Tag Schema"):
:func:`referrers_tag`, :func:`referrer_descriptor`, :func:`referrers_index`,
:func:`add_referrer`, :func:`remove_referrer` and :func:`filter_referrers`
compute each step of the fallback a client follows when a registry has no
referrers API.

>>> referrers_tag("sha256:" + "0" * 64) == "sha256-" + "0" * 64
True
"""

from __future__ import annotations

from ._referrers import (
    add_referrer,
    filter_referrers,
    referrer_descriptor,
    referrers_index,
    referrers_tag,
    remove_referrer,
)

__all__ = [
    "add_referrer",
    "filter_referrers",
    "referrer_descriptor",
    "referrers_index",
    "referrers_tag",
    "remove_referrer",
]
