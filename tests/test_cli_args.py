"""The tool's commands, options and help texts (oci_core._cli_args)."""

from __future__ import annotations

import argparse

import pytest

from oci_core._cli_args import COMMANDS, EXIT_STATUS_TEXT, build_parser, size_argument


def test_every_command_is_defined_with_a_summary_a_description_and_an_example() -> None:
    parser = build_parser("oci-spec-core")
    for name, (summary, description, examples) in COMMANDS.items():
        assert summary and description and "%(prog)s" in examples, name
        assert parser.parse_known_args([name, "x", "y"])[0].command == name
    assert "130" in EXIT_STATUS_TEXT and "network failure" in EXIT_STATUS_TEXT


def test_options_before_or_after_the_command() -> None:
    parser = build_parser("x")
    before = parser.parse_args(["--json", "--insecure", "--trust-realm", "http://a:1", "ls", "r"])
    after = parser.parse_args(["ls", "--json", "--insecure", "--trust-realm", "http://a:1", "r"])
    both = parser.parse_args(["--trust-realm", "http://a:1", "ls", "--trust-realm", "http://b:2", "r"])
    assert before.trust_realm == ["http://a:1"] and after.trust_realm_more == ["http://a:1"]
    for args in (before, after):
        assert args.json and args.insecure and args.repository == "r"
    # The tool adds the command's realms to those before it.
    assert both.trust_realm == ["http://a:1"] and both.trust_realm_more == ["http://b:2"]
    plain = parser.parse_args(["ls", "r"])
    assert not plain.json and not plain.insecure and plain.retries == 3 and plain.timeout == 60.0
    assert plain.trust_realm == []


def test_aliases_and_defaults() -> None:
    parser = build_parser("x")
    assert parser.parse_args(["cp", "a", "b"]).command == "cp"
    assert parser.parse_args(["tags", "r"]).command == "tags"
    args = parser.parse_args(["blob", "-o", "f", "--continue", "r@sha256:x"])
    assert args.output == "f" and args.resume


@pytest.mark.parametrize("text", ["0", "1111", "9" * 19])
def test_size_takes_ascii_digits(text: str) -> None:
    assert size_argument(text) == int(text)


@pytest.mark.parametrize("text", ["", "-1", "1_0", "١", "1e3", "9" * 20, " 1"])
def test_size_refuses_anything_else(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        size_argument(text)
