"""Errors the CLI turns into exit code 2 (bad input): they name the file, row or field and the reason."""

from __future__ import annotations

from ..domain.policy_loader import PolicyError
from ..domain.problems import Refusal
from ..domain.visit import CaseError
from ..services.errors import AuthError, InvalidInput


class UsageError(ValueError):
    """Input that is wrong in the command's own terms (a missing file, unreadable JSON)."""


# Everything here is the caller's to fix; anything else is an internal error (exit 1).
InputError = (UsageError, CaseError, Refusal, PolicyError, InvalidInput, AuthError)
