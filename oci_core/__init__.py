"""oci_core: a pure, zero-dependency, strictly typed core for the OCI specifications.

Import the submodules you need; importing the package itself does no work::

    from oci_core import digest, reference, mediatypes, platform, manifest

The distribution on PyPI is ``oci-spec-core``. (``oci-core`` is an unrelated
Oracle package that also installs a module named ``oci_core``.)
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
