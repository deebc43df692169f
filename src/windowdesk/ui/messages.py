"""Turning what the services raise into the line a page shows, in the window's language, and showing it."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ..domain.problems import Problem, Refusal
from ..wording import render

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020; font-weight: bold;"
INFO_STYLE = "color: #1b5e20;"


def problem_text(problem: Problem) -> str:
    """One problem in the window's language (wording/problems.py through the loaded translation)."""
    return render.message(problem, QCoreApplication.translate)


def problems_text(problems: Iterable[Problem]) -> str:
    """Several problems (a roster row's, a policy file's) as one line."""
    return render.joined(problems, QCoreApplication.translate)


def error_text(exc: BaseException) -> str:
    """What the clerk reads: a refusal in the catalogue's words, and never the text of an unexpected
    exception (it can hold an ID number from a query's parameters), only its class."""
    if isinstance(exc, Refusal):
        return problems_text(exc.problems)
    log.error("unexpected %s in the window", type(exc).__name__, exc_info=False)
    return problem_text(Problem("internal_error", "", {"kind": type(exc).__name__}))


def show(label: QLabel, text: str, *, error: bool) -> None:
    label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
    label.setText(text)
