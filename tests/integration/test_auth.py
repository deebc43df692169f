"""Integration: users, scrypt passwords, lockout after 5 wrong passwords, role refusals, and their audit entries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from windowkit import PASSWORD, add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.services import auth
from windowdesk.services.errors import AuthError, InvalidInput
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, Reversal, User
from windowdesk.wording.render import message

T0 = datetime(2024, 6, 3, 9, 0)
VISIT = {"kind": "outpatient_special", "hospital_level": "township", "in_region": True, "diagnosis": "E11.9",
         "admitted": "2024-05-01", "discharged": "2024-05-01", "total": "100.00"}


def user(store, name: str) -> User:
    with store.reading() as s:
        return s.execute(select(User).where(User.name == name)).scalar_one()


def audit(store) -> list[AuditEntry]:
    with store.reading() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def fail(store, name: str, times: int, now: datetime) -> None:
    for _ in range(times):
        with pytest.raises(AuthError):
            auth.authenticate(store, name, "wrong-password", now=now)


def test_password_hashes_are_scrypt_never_the_password(window):
    hashes = [user(window.store, name).password_hash for name in ("admin", "sup", "clerk")]
    for stored in hashes:
        scheme, n, r, p, salt, digest = stored.split("$")
        assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
        assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
        assert PASSWORD not in stored
        assert auth.verify_password(PASSWORD, stored) and not auth.verify_password(PASSWORD + "x", stored)
    assert len(set(hashes)) == 3  # same password, different salts


def test_four_wrong_passwords_then_the_right_one_works_and_resets(window):
    fail(window.store, "clerk", 4, T0)
    assert user(window.store, "clerk").failed_logins == 4
    assert auth.authenticate(window.store, "clerk", PASSWORD, now=T0) == auth.Actor("clerk", "clerk")
    assert user(window.store, "clerk").failed_logins == 0
    # Had the count not been reset, the next failure would be the fifth and lock the account.
    fail(window.store, "clerk", 4, T0)
    assert auth.authenticate(window.store, "clerk", PASSWORD, now=T0).name == "clerk"


def test_five_wrong_passwords_lock_for_15_minutes(window):
    fail(window.store, "clerk", 4, T0)
    with pytest.raises(AuthError, match="wrong_password_locked") as caught:
        auth.authenticate(window.store, "clerk", "wrong-password", now=T0)
    assert message(caught.value.problem) == "用户名或密码错误，账户已锁定 15 分钟"
    assert user(window.store, "clerk").locked_until == T0 + timedelta(minutes=15)

    for later in (T0, T0 + timedelta(minutes=1), T0 + timedelta(minutes=14, seconds=59)):
        with pytest.raises(AuthError, match="account_locked"):
            auth.authenticate(window.store, "clerk", PASSWORD, now=later)
    assert auth.authenticate(window.store, "clerk", PASSWORD, now=T0 + timedelta(minutes=15)).name == "clerk"
    assert user(window.store, "clerk").locked_until is None
    # Other users are untouched by the clerk's lock.
    assert auth.authenticate(window.store, "sup", PASSWORD, now=T0).role == "supervisor"


def test_login_failures_are_audited_without_the_password(window):
    start = len(audit(window.store))
    fail(window.store, "clerk", 5, T0)
    entries = audit(window.store)[start:]
    assert [(e.user, e.action, e.target) for e in entries] == \
        [("clerk", "login.failed", "clerk")] * 4 + [("clerk", "login.locked", "clerk")]
    assert [e.detail for e in entries] == [f'{{"failures":{n}}}' for n in (1, 2, 3, 4, 5)]
    assert all("wrong-password" not in e.detail for e in entries)
    # A successful login changes nothing in the log.
    auth.authenticate(window.store, "sup", PASSWORD, now=T0)
    assert len(audit(window.store)) == start + 5


def test_attempts_on_a_locked_account_are_audited_and_do_not_extend_the_lock(window):
    fail(window.store, "clerk", 5, T0)
    start = len(audit(window.store))
    for password in (PASSWORD, "wrong-password"):
        with pytest.raises(AuthError, match="account_locked .*until=09:15"):
            auth.authenticate(window.store, "clerk", password, now=T0 + timedelta(minutes=3))
    entries = audit(window.store)[start:]
    assert [(e.user, e.action, e.target, e.detail) for e in entries] == \
        [("clerk", "login.refused", "clerk", '{"locked_until":"2024-06-03 09:15"}')] * 2
    assert (user(window.store, "clerk").locked_until, user(window.store, "clerk").failed_logins) == \
        (T0 + timedelta(minutes=15), 0)


@pytest.mark.parametrize(("name", "password"), [("nobody", PASSWORD), (None, PASSWORD), ("", PASSWORD)])
def test_unknown_or_missing_user_is_refused(window, name, password):
    with pytest.raises(AuthError):
        auth.authenticate(window.store, name, password, now=T0)


@pytest.mark.parametrize("role", ["clerk", "supervisor"])
def test_only_an_admin_adds_users(window, role):
    actor = window.clerk if role == "clerk" else window.supervisor
    start = len(audit(window.store))
    with pytest.raises(AuthError, match="role_refused .*required=admin"):
        auth.add_user(window.store, actor, name="newbie", role="clerk", password="newbie-pass")
    with window.store.reading() as s:
        assert s.execute(select(User).where(User.name == "newbie")).first() is None
    assert len(audit(window.store)) == start


def test_admin_adds_a_user_who_can_log_in(window):
    start = len(audit(window.store))
    auth.add_user(window.store, window.admin, name="王五", role="supervisor", password="wangwu-pass")
    added = user(window.store, "王五")
    assert added.role == "supervisor" and added.active and added.failed_logins == 0
    assert auth.authenticate(window.store, "王五", "wangwu-pass", now=T0) == auth.Actor("王五", "supervisor")
    entries = audit(window.store)[start:]
    assert [(e.user, e.action, e.target, e.detail) for e in entries] == \
        [("admin", "user.add", "王五", '{"role":"supervisor"}')]
    assert "wangwu-pass" not in entries[0].detail


def test_user_names_are_unique(window):
    start = len(audit(window.store))
    with pytest.raises(InvalidInput, match="user_exists"):
        auth.add_user(window.store, window.admin, name="clerk", role="admin", password="other-pass")
    with window.store.reading() as s:
        assert s.execute(select(func.count()).select_from(User).where(User.name == "clerk")).scalar_one() == 1
    assert user(window.store, "clerk").role == "clerk"
    assert len(audit(window.store)) == start


@pytest.mark.parametrize(("name", "role", "password"), [
    ("x", "cashier", "long-enough"),
    ("x", "clerk", "short"),
    (" padded", "clerk", "long-enough"),
    ("", "clerk", "long-enough"),
])
def test_bad_new_users_are_invalid_input(window, name, role, password):
    with pytest.raises(InvalidInput):
        auth.add_user(window.store, window.admin, name=name, role=role, password=password)
    with window.store.reading() as s:
        assert s.execute(select(func.count()).select_from(User)).scalar_one() == 3


@pytest.mark.parametrize(("role", "may_void"), [("clerk", False), ("supervisor", True), ("admin", True)])
def test_who_may_void(window, role, may_void):
    actor = {"clerk": window.clerk, "supervisor": window.supervisor, "admin": window.admin}[role]
    number = add_person(window.store, diseases=("E11",))
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(VISIT), now=T0)
    if may_void:
        result = void_settlement(window.store, actor, settlement_id=settled.settlement_id, reason="错误", now=T0)
        assert result["voided_by"] == actor.name
    else:
        with pytest.raises(AuthError, match="role_refused .*required=supervisor") as caught:
            void_settlement(window.store, actor, settlement_id=settled.settlement_id, reason="错误", now=T0)
        assert message(caught.value.problem) == "用户 clerk（经办员）无此权限，需要审核员权限"  # roles in words
    with window.store.reading() as s:
        voided_by = s.execute(select(Reversal.voided_by)).scalars().all()
    assert voided_by == ([actor.name] if may_void else [])


@pytest.mark.parametrize("role", ["clerk", "supervisor", "admin"])
def test_every_role_may_settle(window, role):
    actor = {"clerk": window.clerk, "supervisor": window.supervisor, "admin": window.admin}[role]
    number = add_person(window.store, diseases=("E11",))
    settled = settle_visit(window.store, actor, id_number=number, visit=parse_visit(VISIT), now=T0)
    assert audit(window.store)[-1].user == actor.name and settled.receipt_no == "LG-01-00000001"
