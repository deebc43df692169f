"""What the window offers to whom: the services enforce roles, the window only hides what would be refused."""

from __future__ import annotations

from ..services.auth import ROLES, Actor


def may(actor: Actor, role: str) -> bool:
    """True when `actor` holds `role` or a higher one (clerk < supervisor < admin)."""
    return ROLES.index(actor.role) >= ROLES.index(role)
