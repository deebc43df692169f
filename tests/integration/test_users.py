"""Integration: users listed, disabled and enabled (never deleted), passwords reset and changed, the last admin
kept, one answer for unknown and wrong, failed logins of unknown names audited, the lockout's end."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from windowkit import PASSWORD

from windowdesk.services import auth, users
from windowdesk.services.errors import AuthError, InvalidInput, NotFound
from windowdesk.store.models import AuditEntry, User

NEW = "fresh-window-pass-7"


def audit(store) -> list[AuditEntry]:
    with store.reading() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def entries_since(store, start: int) -> list[tuple[str, str, str]]:
    return [(e.user, e.action, e.target) for e in audit(store)[start:]]


def login(store, name, password, **kw):
    return auth.authenticate(store, name, password, **kw)


def test_the_admin_lists_every_user(window):
    listed = users.list_users(window.store, window.admin)
    assert [(u["name"], u["role"], u["active"], u["locked_until"]) for u in listed] == [
        ("admin", "admin", True, None), ("clerk", "clerk", True, None), ("sup", "supervisor", True, None)]
    with pytest.raises(AuthError, match="role_refused"):
        users.list_users(window.store, window.supervisor)


def test_a_disabled_user_cannot_log_in_is_kept_and_can_be_enabled_again(window):
    start = len(audit(window.store))
    assert users.disable_user(window.store, window.admin, name="clerk") == \
        {"name": "clerk", "active": False, "changed": True}
    with pytest.raises(AuthError) as caught:
        login(window.store, "clerk", PASSWORD)
    assert caught.value.code == "wrong_password"  # the same words as a wrong password
    with window.store.reading() as s:
        assert s.execute(select(func.count(User.id)).where(User.name == "clerk")).scalar_one() == 1
    assert users.disable_user(window.store, window.admin, name="clerk")["changed"] is False
    assert users.enable_user(window.store, window.admin, name="clerk")["changed"] is True
    assert login(window.store, "clerk", PASSWORD).name == "clerk"
    assert entries_since(window.store, start) == [("admin", "user.disable", "clerk"),
                                                  ("clerk", "login.disabled", "clerk"),
                                                  ("admin", "user.enable", "clerk")]


def test_the_last_active_admin_cannot_be_disabled(window):
    with pytest.raises(InvalidInput, match="last_admin"):
        users.disable_user(window.store, window.admin, name="admin")
    auth.add_user(window.store, window.admin, name="admin2", role="admin", password=PASSWORD)
    users.disable_user(window.store, window.admin, name="admin")  # another admin is active now
    second = auth.Actor("admin2", "admin")
    with pytest.raises(InvalidInput, match="last_admin"):
        users.disable_user(window.store, second, name="admin2")
    users.enable_user(window.store, second, name="admin")
    assert login(window.store, "admin", PASSWORD).role == "admin"


def test_only_the_admin_manages_users_and_unknown_names_are_said(window):
    for call in (users.disable_user, users.enable_user):
        with pytest.raises(AuthError, match="role_refused"):
            call(window.store, window.supervisor, name="clerk")
    with pytest.raises(AuthError, match="role_refused"):
        users.reset_password(window.store, window.supervisor, name="clerk", password=NEW)
    with pytest.raises(NotFound, match="unknown_user"):
        users.disable_user(window.store, window.admin, name="nobody")


def test_reset_password_gives_a_checked_new_password_and_ends_a_lock(window):
    now = datetime.now()
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthError):
            login(window.store, "clerk", "wrong-password", now=now)
    with pytest.raises(AuthError, match="account_locked"):
        login(window.store, "clerk", PASSWORD, now=now)
    with pytest.raises(InvalidInput, match="password_common"):
        users.reset_password(window.store, window.admin, name="clerk", password="password123")
    start = len(audit(window.store))
    assert users.reset_password(window.store, window.admin, name="clerk", password=NEW) == {"name": "clerk"}
    assert login(window.store, "clerk", NEW).name == "clerk"
    with pytest.raises(AuthError, match="wrong_password"):
        login(window.store, "clerk", PASSWORD)
    assert entries_since(window.store, start)[0] == ("admin", "user.password_reset", "clerk")
    assert NEW not in "".join(e.detail for e in audit(window.store))


def test_enable_ends_a_lock_at_once(window):
    now = datetime.now()
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthError):
            login(window.store, "sup", "wrong-password", now=now)
    assert users.list_users(window.store, window.admin)[2]["locked_until"] is not None
    assert users.enable_user(window.store, window.admin, name="sup") == \
        {"name": "sup", "active": True, "changed": True, "unlocked": True}
    assert login(window.store, "sup", PASSWORD).name == "sup"


def test_each_user_changes_their_own_password_after_giving_the_current_one(window):
    with pytest.raises(AuthError, match="wrong_password"):
        users.change_own_password(window.store, window.clerk, current_password="not-it", new_password=NEW)
    with pytest.raises(InvalidInput, match="password_has_name") as caught:
        users.change_own_password(window.store, window.clerk, current_password=PASSWORD, new_password="clerk-2024")
    assert caught.value.field == "new_password"
    with pytest.raises(InvalidInput, match="password_unchanged"):
        users.change_own_password(window.store, window.clerk, current_password=PASSWORD, new_password=PASSWORD)
    start = len(audit(window.store))
    users.change_own_password(window.store, window.clerk, current_password=PASSWORD, new_password=NEW)
    assert login(window.store, "clerk", NEW).name == "clerk"
    assert entries_since(window.store, start)[0] == ("clerk", "user.password_change", "clerk")


def test_new_users_get_the_same_password_rules(window):
    for password, code in (("12345678", "password_sequence"), ("iloveyou", "password_common"),
                           ("wangwu88", "password_has_name"), ("zzzzzzzz", "password_repetitive")):
        with pytest.raises(InvalidInput, match=code):
            auth.add_user(window.store, window.admin, name="wangwu", role="clerk", password=password)


def test_an_unknown_name_is_answered_like_a_wrong_password_and_audited(window):
    start = len(audit(window.store))
    with pytest.raises(AuthError) as unknown:
        login(window.store, "nobody", "some-password")
    with pytest.raises(AuthError) as wrong:
        login(window.store, "clerk", "some-password")
    assert (unknown.value.code, unknown.value.field) == (wrong.value.code, wrong.value.field) == \
        ("wrong_password", "password")
    with pytest.raises(AuthError):
        login(window.store, "330383196105021236", "some-password")  # an ID number typed as the name
    assert entries_since(window.store, start) == [("nobody", "login.unknown", "nobody"),
                                                  ("clerk", "login.failed", "clerk"),
                                                  ("330383********1236", "login.unknown", "330383********1236")]
    assert "some-password" not in "".join(e.detail for e in audit(window.store))


def test_the_lock_ends_by_itself_and_attempts_during_it_do_not_extend_it(window):
    t0 = datetime(2026, 12, 4, 9, 0)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthError):
            login(window.store, "admin", "wrong-password", now=t0)
    for minute in range(0, 15, 3):  # someone keeps typing during the lock
        with pytest.raises(AuthError, match="account_locked"):
            login(window.store, "admin", "wrong-password", now=t0 + timedelta(minutes=minute))
    assert login(window.store, "admin", PASSWORD, now=t0 + timedelta(minutes=15)).role == "admin"
