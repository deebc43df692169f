"""Users, roles and passwords: scrypt hashes, lockout after 5 wrong passwords, roles checked here.

The lockout rule (README, "Users and passwords"): 5 wrong passwords in a row lock the account for 15 minutes.
The lock ends by itself: attempts during it are recorded but neither counted nor make it longer, and the next
lock needs 5 new failures after it ends; an admin ends another user's lock at once (`user enable`,
`user reset-password`). A lock never outlasts 15 minutes after the fifth failure, so nobody at the keyboard
can lock an admin out for good: the admin's own password works again when the 15 minutes are up.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..domain import idnumber
from ..store.models import User
from ..store.unit_of_work import Store
from .errors import AuthError, InvalidInput
from .passwords import check_password

ROLES = ("clerk", "supervisor", "admin")  # each role may do everything the ones before it may
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# scrypt cost: ~50 ms a check on the target PCs, so guessing is slow but logging in is not.
_N, _R, _P = 2**14, 8, 1
UNKNOWN_USER_TARGET = 64  # an unknown name is recorded as typed, up to this many characters
_ID_LIKE = re.compile(r"\d{15}|\d{17}[\dXx]")


@dataclass(frozen=True)
class Actor:
    """Who is acting: the authenticated user the audit log records and the services check."""

    name: str
    role: str

    def require(self, role: str) -> None:
        if ROLES.index(self.role) < ROLES.index(role):
            raise AuthError("role_refused", "", user=self.name, role=self.role, required=role)


ROLE_LABELS_ZH = {"clerk": "经办员", "supervisor": "审核员", "admin": "管理员"}
_DUMMY_HASH = f"scrypt${_N}${_R}${_P}${'00' * 16}${'00' * 32}"  # what an unknown name's password is checked against


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                                   p=int(p), dklen=len(digest) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def check_new_user(name: str, role: str, password: str) -> None:
    if role not in ROLES:
        raise InvalidInput("invalid_role", "role", role=role[:40], known=", ".join(ROLES))
    if not name or len(name) > 64 or not name.isprintable() or name != name.strip():
        raise InvalidInput("invalid_user_name", "name", name=name[:64])
    check_password(password, user=name)


def create_first_admin(tx, *, name: str, password: str, now: datetime) -> None:
    """Only `init` calls this, on a database without users."""
    check_new_user(name, "admin", password)
    tx.session.add(User(name=name, role="admin", password_hash=hash_password(password), created_at=now))


def has_users(session) -> bool:
    return session.execute(select(func.count(User.id))).scalar_one() > 0


def add_user(store: Store, actor: Actor, *, name: str, role: str, password: str) -> None:
    actor.require("admin")
    check_new_user(name, role, password)
    with store.transaction() as tx:
        if tx.session.execute(select(User.id).where(User.name == name)).first():
            raise InvalidInput("user_exists", "name", user=name)
        tx.session.add(User(name=name, role=role, password_hash=hash_password(password),
                            created_at=datetime.now()))
        tx.audit(user=actor.name, action="user.add", target=name, detail={"role": role})


def _as_recorded(name: str) -> str:
    """A name typed at the login as the audit log keeps it: cut short, and masked if it is an ID number
    (someone may type the person's number into the wrong field)."""
    cut = name[:UNKNOWN_USER_TARGET]
    return idnumber.mask(cut) if _ID_LIKE.fullmatch(cut) else cut


def authenticate(store: Store, name: str | None, password: str | None, *, now: datetime | None = None) -> Actor:
    """The acting user, or AuthError. Failures are counted (and audited) even though login is refused."""
    now = now or datetime.now()
    if not name:
        raise AuthError("not_logged_in", "user")
    with store.transaction() as tx:
        # Locked: two failed logins at the same moment (windows sharing PostgreSQL) must count as two.
        user = tx.session.execute(select(User).where(User.name == name).with_for_update()).scalar_one_or_none()
        if user is None or not user.active:
            # Told apart from a wrong password neither by the words nor by the time taken (one scrypt either way).
            verify_password(password or "", _DUMMY_HASH)
            typed = _as_recorded(name)
            tx.audit(user=typed, action="login.unknown" if user is None else "login.disabled", target=typed)
            refusal = AuthError("wrong_password", "password", user=typed)
        elif user.locked_until is not None and user.locked_until > now:
            # Each attempt on a locked account goes on record (someone may be guessing), the password unchecked.
            tx.audit(user=name, action="login.refused", target=name,
                     detail={"locked_until": user.locked_until.isoformat(sep=" ", timespec="minutes")})
            refusal = AuthError("account_locked", "password", user=name, failures=MAX_FAILURES,
                                until=f"{user.locked_until:%H:%M}")
        elif password is not None and verify_password(password, user.password_hash):
            if user.failed_logins or user.locked_until:
                user.failed_logins = 0
                user.locked_until = None
            return Actor(name=user.name, role=user.role)
        else:
            user.failed_logins += 1
            locked = user.failed_logins >= MAX_FAILURES
            if locked:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
            tx.audit(user=name, action="login.locked" if locked else "login.failed", target=name,
                     detail={"failures": MAX_FAILURES if locked else user.failed_logins})
            refusal = (AuthError("wrong_password_locked", "password", user=name, minutes=LOCKOUT.seconds // 60)
                       if locked else AuthError("wrong_password", "password", user=name))
    # The transaction above committed the count and the audit entry; only then refuse.
    raise refusal
