"""What the services refuse, as values: bad input, refused by role or state, not found (domain.problems)."""

from __future__ import annotations

from ..domain.problems import Refusal


class ServiceError(Refusal):
    """Base: a stable code, the field where there is one, and parameters; wording/problems.py says it."""


class InvalidInput(ServiceError):
    """The request itself is wrong (exit code 2)."""


class NotFound(InvalidInput):
    pass


class Refused(InvalidInput):
    """The request is well-formed but the rules refuse it (uninsured date, closed day, enrolled twice...)."""


class NotInitialised(InvalidInput):
    pass


class AuthError(ServiceError):
    """Wrong password, locked account, or a role that may not do this."""
