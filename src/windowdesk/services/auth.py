"""Users, roles and passwords: scrypt hashes, lockout after 5 wrong passwords, roles checked here."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..store.models import User
from ..store.unit_of_work import Store
from .errors import AuthError, InvalidInput

ROLES = ("clerk", "supervisor", "admin")  # each role may do everything the ones before it may
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# scrypt cost: ~50 ms a check on the target PCs, so guessing is slow but logging in is not.
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True)
class Actor:
    """Who is acting: the authenticated user the audit log records and the services check."""

    name: str
    role: str

    def require(self, role: str) -> None:
        if ROLES.index(self.role) < ROLES.index(role):
            raise AuthError("role_refused", "", user=self.name, role=self.role, required=role)


ROLE_LABELS_ZH = {"clerk": "经办员", "supervisor": "审核员", "admin": "管理员"}


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
    if len(password) < 8:
        raise InvalidInput("password_too_short", "password", minimum=8)


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
        user = User(name=name, role=role, password_hash=hash_password(password), created_at=datetime.now())
        tx.session.add(user)
        tx.audit(user=actor.name, action="user.add", target=name, detail={"role": role}, rows=[user])


def authenticate(store: Store, name: str | None, password: str | None, *, now: datetime | None = None) -> Actor:
    """The acting user, or AuthError. Failures are counted (and audited) even though login is refused."""
    now = now or datetime.now()
    if not name:
        raise AuthError("not_logged_in", "user")
    with store.transaction() as tx:
        # Locked: two failed logins at the same moment (windows sharing PostgreSQL) must count as two.
        user = tx.session.execute(select(User).where(User.name == name).with_for_update()).scalar_one_or_none()
        if user is None or not user.active:
            raise AuthError("wrong_password", "password", user=name)  # an unknown name is not told apart
        if user.locked_until is not None and user.locked_until > now:
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
