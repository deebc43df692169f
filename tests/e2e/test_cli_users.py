"""E2E: `user list|disable|enable|reset-password|passwd` as a subprocess (cli.md); the password rules at `user add`."""

from __future__ import annotations

import json

from sqlalchemy import select
from test_cli_window import cli, opened, refusal, template, window  # noqa: F401 (fixtures)
from windowkit import PASSWORD

from windowdesk.services import auth
from windowdesk.store.models import AuditEntry

NEW = "fresh-window-pass-7"


def last_actions(path, n: int) -> list[tuple[str, str, str]]:
    with opened(path) as store, store.reading() as s:
        rows = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(n)).scalars().all()
    return [(e.user, e.action, e.target) for e in reversed(rows)]


def as_admin(tmp_path, window, *args, **env):
    return cli(tmp_path, "user", *args, "--db", window.path, "--json", user="admin", password=PASSWORD, **env)


def test_user_list_json(window, tmp_path):
    done = as_admin(tmp_path, window, "list")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)["users"]
    assert [(u["name"], u["role"], u["active"], u["locked_until"]) for u in listed] == [
        ("admin", "admin", True, None), ("clerk", "clerk", True, None), ("sup", "supervisor", True, None)]
    assert set(listed[0]) == {"name", "role", "active", "locked_until", "created_at"}
    by_clerk = cli(tmp_path, "user", "list", "--db", window.path, "--json", user="clerk", password=PASSWORD)
    assert refusal(by_clerk)["code"] == "role_refused"


def test_disable_then_enable_a_user(window, tmp_path):
    done = as_admin(tmp_path, window, "disable", "clerk")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"name": "clerk", "active": False, "changed": True}
    as_clerk = cli(tmp_path, "user", "passwd", "--db", window.path, "--json", user="clerk", password=PASSWORD,
                   new_password=NEW)
    assert refusal(as_clerk)["code"] == "wrong_password"  # a disabled user cannot log in
    listed = json.loads(as_admin(tmp_path, window, "list").stdout)["users"]
    assert [u["active"] for u in listed if u["name"] == "clerk"] == [False]  # kept, never deleted
    enabled = cli(tmp_path, "user", "enable", "clerk", "--db", window.path, user="admin", password=PASSWORD)
    assert (enabled.returncode, enabled.stdout) == (0, "user clerk enabled\n")
    assert last_actions(window.path, 3) == [("admin", "user.disable", "clerk"), ("clerk", "login.disabled", "clerk"),
                                            ("admin", "user.enable", "clerk")]


def test_the_last_admin_cannot_be_disabled(window, tmp_path):
    error = refusal(as_admin(tmp_path, window, "disable", "admin"))
    assert (error["code"], error["field"], error["message"]) == ("last_admin", "name", "admin 是唯一可用的管理员，不能停用")


def test_reset_password_from_the_environment(window, tmp_path):
    weak = as_admin(tmp_path, window, "reset-password", "clerk", new_password="password1")
    assert refusal(weak)["code"] == "password_common"
    missing = as_admin(tmp_path, window, "reset-password", "clerk")
    assert refusal(missing)["code"] == "new_password_missing"
    done = as_admin(tmp_path, window, "reset-password", "clerk", new_password=NEW)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"name": "clerk", "changed": True}
    with opened(window.path) as store:
        assert auth.authenticate(store, "clerk", NEW).name == "clerk"
    unknown = as_admin(tmp_path, window, "reset-password", "nobody", new_password=NEW)
    assert refusal(unknown)["code"] == "unknown_user"


def test_passwd_changes_the_acting_users_own_password(window, tmp_path):
    done = cli(tmp_path, "user", "passwd", "--db", window.path, user="sup", password=PASSWORD, new_password=NEW)
    assert (done.returncode, done.stdout) == (0, "user sup has a new password\n"), done.stderr
    with opened(window.path) as store:
        assert auth.authenticate(store, "sup", NEW).role == "supervisor"
    assert last_actions(window.path, 1) == [("sup", "user.password_change", "sup")]
    wrong = cli(tmp_path, "user", "passwd", "--db", window.path, "--json", user="sup", password=PASSWORD,
                new_password="another-good-pass")
    assert refusal(wrong)["code"] == "wrong_password"  # the old password is no longer the current one


def test_user_add_refuses_a_trivial_password(window, tmp_path):
    for password, code in (("12345678", "password_sequence"), ("        ", "password_blank"),
                           ("wangwu2024", "password_has_name"), ("aaaaaaaaaa", "password_repetitive")):
        done = cli(tmp_path, "user", "add", "wangwu", "--role", "clerk", "--db", window.path, "--json",
                   user="admin", password=PASSWORD, new_password=password)
        assert refusal(done)["code"] == code, password
