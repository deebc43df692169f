"""Refusals as the CLI prints them: exit code 2, `{"error": {"code", "field", "message"}}` with --json (cli.md)."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.problems import Problem, Refusal
from ..wording import language, render


class UsageError(Refusal, ValueError):
    """Input that is wrong in the command's own terms (a missing file, unreadable JSON, a bad option)."""


# Everything here is the caller's to fix (exit 2); anything else is an internal error (exit 1).
InputError = (Refusal,)


def message(refusal: Refusal) -> str:
    """The refusal's sentences in the reader's language (WINDOWDESK_LANG; Chinese by default)."""
    return joined_message(refusal.problems)


def joined_message(problems: Iterable[Problem]) -> str:
    return render.joined(problems, language.translator(language.chosen()))


def problem_message(problem: Problem) -> str:
    return render.message(problem, language.translator(language.chosen()))


def worded(problem: Problem) -> dict:
    """A finding in a --json report (package verify, db check): its code, field and sentence."""
    return {"code": problem.code, "field": problem.field, "message": problem_message(problem)}


def error_object(refusal: Refusal) -> dict:
    """The contract's error document: the first problem's code and field, every problem's words."""
    return {"error": {"code": refusal.code, "field": refusal.field, "message": message(refusal)}}
