"""A problem in words: its code's template from the catalogue, translated, with its parameters filled in."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..domain.problems import Problem
from .problems import CONTEXT, PARAM_WORDS, PROBLEMS, SEPARATOR

Translate = Callable[[str, str], str]  # (context, Chinese source text) -> the text in the reader's language


def as_is(context: str, text: str) -> str:
    return text


class _Params(dict):
    def __missing__(self, key: str) -> str:  # a template naming a parameter the problem lacks keeps its braces
        return "{" + key + "}"


def _param(name: str, value: object, translate: Translate) -> str:
    words = PARAM_WORDS.get(name, {}).get(str(value))
    return str(value) if words is None else translate(CONTEXT, words)


def message(problem: Problem, translate: Translate = as_is) -> str:
    """The sentence for `problem`; a code without an entry reads as a generic input error naming its code."""
    template = PROBLEMS.get(problem.code)
    params = _Params({k: _param(k, v, translate) for k, v in problem.params.items()})
    params.setdefault("field", problem.field)
    if template is None:
        params["field"] = f"{problem.field} ({problem.code})" if problem.field else problem.code
        template = PROBLEMS["invalid_input"]
    return translate(CONTEXT, template).format_map(params)


def joined(problems: Iterable[Problem], translate: Translate = as_is) -> str:
    """Several problems as one text, each sentence once, in order (a roster row's, a policy file's)."""
    separator = translate(CONTEXT, SEPARATOR)
    return separator.join(dict.fromkeys(message(p, translate) for p in problems))
