"""The example of docs/strategies.md (once the README holds it, the README's), run as written."""

from __future__ import annotations

import re

from tests.vectors import ROOT

MARKER = "<!-- example: strategies-fuzz -->"
PLACES = (ROOT / "README.md", ROOT / "docs" / "strategies.md")


def _example() -> str:
    """The first Python block after the marker, in the README if it has it, else in docs/strategies.md."""
    for place in PLACES:
        text = place.read_text(encoding="utf-8")
        if MARKER in text:
            match = re.search(r"```python\n(.*?)```", text.split(MARKER, 1)[1], re.DOTALL)
            assert match is not None, f"{place.name} lost the example after its marker"
            return match.group(1)
    raise AssertionError(f"no {MARKER} in README.md or docs/strategies.md")


def test_the_example_is_about_ten_lines_of_the_users_own_fuzzing() -> None:
    code = _example()
    lines = [line for line in code.splitlines() if line.strip() and not line.startswith(("from ", "import "))]
    assert len(lines) <= 10, lines
    assert "from oci_core import strategies" in code and "register_type_strategies()" in code
    assert "st.from_type(" in code and "@given(" in code


def test_the_example_runs() -> None:
    code = _example()
    namespace: dict[str, object] = {"__name__": "docs_example"}
    exec(compile(code, "<docs-strategies>", "exec"), namespace)
    assert callable(namespace["pinned"]) and callable(namespace["test_pinned_reads_back"])


def test_a_broken_function_fails_the_example() -> None:
    # The example's property can fail: with a function that drops the digest, running it raises.
    code = _example()
    broken = code.replace('return f"{ref.name}@{digest}"', 'return f"{ref.name}"')
    assert broken != code
    namespace: dict[str, object] = {"__name__": "docs_example"}
    try:
        exec(compile(broken, "<docs-strategies>", "exec"), namespace)
    except AssertionError:
        return
    raise AssertionError("the example passed with a function that loses the digest")
