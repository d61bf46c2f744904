"""The README's example of a user fuzzing their own code with oci_core.strategies, run as written."""

from __future__ import annotations

from tests.vectors import readme_example

MARKER = "<!-- example: strategies-fuzz -->"


def _example() -> str:
    return readme_example(MARKER)


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
