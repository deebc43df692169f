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
            raise AuthError(f"user {self.name!r} ({self.role}) may not do this: {role} role required",
                            f"用户 {self.name}（{ROLE_LABELS_ZH[self.role]}）无此权限，需要{ROLE_LABELS_ZH[role]}权限")


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
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name or len(name) > 64 or not name.isprintable() or name != name.strip():
        raise InvalidInput(f"bad user name {name!r}")
    if len(password) < 8:
        raise InvalidInput("the password must have at least 8 characters", "密码至少 8 位")


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
            raise InvalidInput(f"user {name!r} exists already", f"用户 {name} 已存在")
        tx.session.add(User(name=name, role=role, password_hash=hash_password(password),
                            created_at=datetime.now()))
        tx.audit(user=actor.name, action="user.add", target=name, detail={"role": role})


def authenticate(store: Store, name: str | None, password: str | None, *, now: datetime | None = None) -> Actor:
    """The acting user, or AuthError. Failures are counted (and audited) even though login is refused."""
    now = now or datetime.now()
    if not name:
        raise AuthError("no user given: use --user or WINDOWDESK_USER", "请先登录")
    with store.transaction() as tx:
        # Locked: two failed logins at the same moment (windows sharing PostgreSQL) must count as two.
        user = tx.session.execute(select(User).where(User.name == name).with_for_update()).scalar_one_or_none()
        if user is None or not user.active:
            raise AuthError(f"unknown user {name!r}", "用户名或密码错误")
        if user.locked_until is not None and user.locked_until > now:
            # Each attempt on a locked account goes on record (someone may be guessing), the password unchecked.
            tx.audit(user=name, action="login.refused", target=name,
                     detail={"locked_until": user.locked_until.isoformat(sep=" ", timespec="minutes")})
            refusal = AuthError(f"user {name!r} is locked until {user.locked_until:%H:%M} after "
                                f"{MAX_FAILURES} wrong passwords",
                                f"密码连续错误 {MAX_FAILURES} 次，账户锁定至 {user.locked_until:%H:%M}")
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
            refusal = AuthError(f"wrong password for {name!r}"
                                + (f"; locked for {LOCKOUT.seconds // 60} minutes" if locked else ""),
                                "用户名或密码错误" + ("，账户已锁定 15 分钟" if locked else ""))
    # The transaction above committed the count and the audit entry; only then refuse.
    raise refusal
