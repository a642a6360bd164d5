"""Assertions shared by the rule tests: the texts one rule flags, other rules ignored."""
from __future__ import annotations


def flagged(check, text: str, rule: str, fmt: str = "txt") -> list[str]:
    """The exact texts flagged by one rule (other rules are ignored)."""
    return [f.text for f in check(text, fmt) if f.rule == rule]


def assert_flags(check, text: str, rule: str, expected: str, fmt: str = "txt") -> None:
    found = flagged(check, text, rule, fmt)
    assert expected in found, f"{rule}: expected {expected!r} in {found!r}"


def assert_clean(check, text: str, rule: str, fmt: str = "txt") -> None:
    found = flagged(check, text, rule, fmt)
    assert found == [], f"{rule}: unexpected {found!r}"
