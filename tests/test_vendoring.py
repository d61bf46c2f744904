"""The package works when copied under another package, as vendoring projects do."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from .vectors import ROOT

PACKAGE = ROOT / "oci_core"


def test_no_absolute_self_imports_and_only_the_standard_library() -> None:
    stdlib = set(sys.stdlib_module_names)
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots = [node.module.split(".")[0]]
            else:
                continue
            for root in roots:
                assert root != "oci_core", f"{path}: absolute import of oci_core"
                if path.name == "strategies.py" and root == "hypothesis":
                    continue
                assert root in stdlib, f"{path}: imports {root}, which is not in the standard library"


def test_vendored_copy_imports_and_works(tmp_path: Path) -> None:
    vendor = tmp_path / "somepkg" / "_vendor"
    vendor.mkdir(parents=True)
    (tmp_path / "somepkg" / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    shutil.copytree(PACKAGE, vendor / "oci_core", ignore=shutil.ignore_patterns("__pycache__"))
    modules = sorted(
        ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
        if path.stem != "__main__" and path.relative_to(PACKAGE).parts != ("__init__.py",)
        and path.stem != "strategies"
    )
    script = f"""
import importlib, sys
sys.path.insert(0, ".")
for name in {modules!r}:
    importlib.import_module("somepkg._vendor.oci_core." + name)
from somepkg._vendor.oci_core import digest, mediatypes, errors
d = digest.compute_digest(b"{{}}")
assert str(d) == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", d
assert mediatypes.is_index(mediatypes.OCI_IMAGE_INDEX)
try:
    digest.parse_digest("nope")
except errors.OCIError as exc:
    assert isinstance(exc, ValueError)
else:
    raise AssertionError("no error")
assert not any(m == "oci_core" or m.startswith("oci_core.") for m in sys.modules), "imported the installed copy"
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_importing_the_package_does_no_work() -> None:
    script = "import sys; import oci_core; print(sorted(m for m in sys.modules if m.startswith('oci_core')))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['oci_core']"
