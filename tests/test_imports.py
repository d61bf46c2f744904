"""The import rule of the package, read from the source (an AST walk over oci_core/*.py).

A public module imports only public names from other public modules, and
private (underscored) names only from private (underscored) modules: what
one public module keeps private is its own business, and what several
modules share lives in a private module under a public name there
(``oci_core._documents.read_descriptor``, ``oci_core._json.kind``). The same
holds for attributes reached through an imported module (``descriptor._read``).
Imports are relative (the package is vendored under other names).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "oci_core"
MODULES = sorted(PACKAGE.glob("*.py"))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_name(path: Path) -> str:
    return path.stem


def violations(path: Path) -> list[str]:
    """Every import in ``path`` that breaks the rule, as ``line: what``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    modules: dict[str, str] = {}  # a local name bound to a sibling module -> that module's name
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] == "oci_core":
                found.append(f"{node.lineno}: absolute import of {node.module} (the package is vendored)")
                continue
            if node.level != 1:
                continue
            if node.module is None:  # from . import x: x is a module
                for alias in node.names:
                    modules[alias.asname or alias.name] = alias.name
                continue
            source = node.module.split(".")[0]
            found.extend(
                f"{node.lineno}: {alias.name} from the public module {source}"
                for alias in node.names
                if _private(alias.name) and not _private(source)
            )
        elif isinstance(node, ast.Import):
            found.extend(
                f"{node.lineno}: absolute import of {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] == "oci_core"
            )
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
            source = modules[node.value.id]
            if _private(node.attr) and not _private(source):
                found.append(
                    f"{node.lineno}: {node.value.id}.{node.attr}, a private name of the public module {source}"
                )
    return found


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_modules_import_only_public_names_of_public_modules(path: Path) -> None:
    assert violations(path) == []


def test_the_walk_sees_a_violation(tmp_path: Path) -> None:
    # The rule's own check: a module that breaks it is reported, line by line.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from .descriptor import _read\nfrom ._json import kind\nfrom . import manifest\n"
        "manifest._parse\nimport oci_core.x\n",
        encoding="utf-8",
    )
    assert violations(sample) == [
        "1: _read from the public module descriptor",
        "5: absolute import of oci_core.x",
        "4: manifest._parse, a private name of the public module manifest",
    ]
