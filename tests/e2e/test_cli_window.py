"""E2E: the stateful commands (init, user add, settle-visit, void) as a subprocess on a database in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from windowkit import PASSWORD, add_person, make_window

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.domain.case_json import parse_visit
from windowdesk.services import auth
from windowdesk.services.settlement import settle_visit
from windowdesk.services.setup import open_store
from windowdesk.services.window import describe_window
from windowdesk.store.models import (
    AuditEntry,
    Person,
    ReceiptCounter,
    Reversal,
    Setting,
    Settlement,
    User,
)

WINDOWDESK = Path(sys.executable).parent / ("windowdesk.exe" if os.name == "nt" else "windowdesk")
ADMIN_PASSWORD = "admin-secret-1"
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
LONGGANG_HASH = load_policy("longgang-2022").content_hash
SETTLE_FIELDS = {"in_scope", "tilt", "paid", "reimbursed", "patient_pays", "year_to_date", "steps"}


def cli(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `windowdesk`; keyword arguments become WINDOWDESK_<NAME> variables (nothing inherited from ours)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WINDOWDESK_")}
    environment.update({f"WINDOWDESK_{name.upper()}": value for name, value in env.items()})
    return subprocess.run([str(WINDOWDESK), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=environment, cwd=cwd, stdin=subprocess.DEVNULL, timeout=60)


@contextmanager
def opened(path):
    store = open_store(str(path))
    try:
        yield store
    finally:
        store.engine.dispose()


def count(path, model, *where) -> int:
    with opened(path) as store, store.reading() as s:
        return s.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def setting(path, key: str) -> str:
    with opened(path) as store, store.reading() as s:
        return s.get(Setting, key).value


def init(tmp_path, db, *extra: str, password: str = ADMIN_PASSWORD) -> subprocess.CompletedProcess:
    return cli(tmp_path, "init", "--db", db, "--admin", "admin", "--json", *extra, password=password)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One window initialised in-process (users admin, sup, clerk with PASSWORD), copied for each test."""
    built = make_window(tmp_path_factory.mktemp("template"))
    built.store.engine.dispose()  # the last connection's close checkpoints the WAL into the file
    return Path(built.path)


@pytest.fixture
def window(template, tmp_path):
    path = tmp_path / "window.sqlite"
    shutil.copyfile(template, path)
    store = open_store(str(path))
    yield SimpleNamespace(path=str(path), store=store, clerk=auth.Actor("clerk", "clerk"))
    store.engine.dispose()


def refusal(done: subprocess.CompletedProcess) -> dict:
    """The `{"error": {...}}` of a --json refusal: exit 2, the only document on stdout, its message on stderr too."""
    assert done.returncode == 2, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"error"} and set(document["error"]) == {"code", "field", "message"}, document
    error = document["error"]
    assert error["message"] and error["message"] in done.stderr
    return error


def write_visit(tmp_path, document, name="visit.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, ensure_ascii=False),
                    encoding="utf-8")
    return path


# --- init -----------------------------------------------------------------------------------------------------

def test_init_creates_the_window_and_its_admin(tmp_path):
    db = tmp_path / "w.sqlite"
    done = init(tmp_path, db, "--policy", "longgang-2022", "--window", "LG-01", "--name", "龙港一号窗口")
    assert done.returncode == 0, done.stderr
    ended = "政策 longgang-2022 已于 2025-12-31 结束执行：此后出院的就诊不能按它结算"
    assert json.loads(done.stdout) == {"window_id": "LG-01", "window_name": "龙港一号窗口",
                                       "policy": "longgang-2022", "policy_hash": LONGGANG_HASH, "created": True,
                                       "changed": ["policy", "window_id", "window_name"],
                                       "warnings": [{"code": "policy_ended", "message": ended}]}
    assert f"windowdesk init: warning: {ended}" in done.stderr  # the preset ended on 2025-12-31
    with opened(db) as store, store.reading() as s:
        users = s.execute(select(User.name, User.role, User.password_hash)).all()
        entries = s.execute(select(AuditEntry.user, AuditEntry.action)).all()
    assert [(name, role) for name, role, _ in users] == [("admin", "admin")]
    assert users[0][2].startswith("scrypt$") and ADMIN_PASSWORD not in users[0][2]
    assert entries == [("admin", "init")]


def test_init_warns_of_a_policy_ending_within_30_days_and_keeps_the_text_it_read(tmp_path):
    ends = date.today() + timedelta(days=10)
    text = (Path(__file__).parents[1] / "fixtures" / "example-2024.toml").read_text("utf-8")
    text = text.replace("effective_from = 2024-01-01", f"effective_from = {date.today().year - 1}-01-01")
    policy = tmp_path / "ending.toml"
    policy.write_text(text.replace("effective_to = 2024-12-31", f"effective_to = {ends.isoformat()}"), "utf-8")
    db = tmp_path / "w.sqlite"
    done = init(tmp_path, db, "--policy", policy, "--window", "EX-01", "--name", "示例窗口")
    assert done.returncode == 0, done.stderr
    message = f"政策 example-2024 将于 {ends.isoformat()} 结束执行，请及时更新政策"
    assert json.loads(done.stdout)["warnings"] == [{"code": "policy_ends_soon", "message": message}]
    assert done.stderr == f"windowdesk init: warning: {message}\n"
    policy.unlink()  # moved away: the window keeps the policy it was given
    renamed = init(tmp_path, db, "--name", "新名")
    assert renamed.returncode == 0, renamed.stderr
    assert json.loads(renamed.stdout)["policy"] == str(policy)
    with opened(db) as store:
        assert describe_window(store).policy.effective_to == ends


def test_init_again_changes_only_what_is_given_and_keeps_records(tmp_path):
    db = tmp_path / "w.sqlite"
    assert init(tmp_path, db, "--policy", "longgang-2022", "--window", "LG-01", "--name", "旧名").returncode == 0
    with opened(db) as store:
        admin = auth.authenticate(store, "admin", ADMIN_PASSWORD)
        auth.add_user(store, admin, name="clerk", role="clerk", password=PASSWORD)
        number = add_person(store)
        settle_visit(store, auth.Actor("clerk", "clerk"), id_number=number, visit=parse_visit(STAY))
    entries = count(db, AuditEntry)

    renamed = init(tmp_path, db, "--name", "新名")
    assert renamed.returncode == 0, renamed.stderr
    assert json.loads(renamed.stdout) == {"window_id": "LG-01", "window_name": "新名", "policy": "longgang-2022",
                                          "policy_hash": LONGGANG_HASH, "created": False,
                                          "changed": ["window_name"], "warnings": []}
    repoliced = init(tmp_path, db, "--policy", "dezhou-2020")
    assert repoliced.returncode == 0, repoliced.stderr
    assert json.loads(repoliced.stdout)["changed"] == ["policy"]
    assert (setting(db, "window_name"), setting(db, "policy"), setting(db, "window_id")) == \
        ("新名", "dezhou-2020", "LG-01")
    assert (count(db, User), count(db, Person), count(db, Settlement)) == (2, 1, 1)
    assert count(db, AuditEntry) == entries + 2
    assert count(db, AuditEntry, AuditEntry.action == "settings.change", AuditEntry.user == "admin") == 2


def test_init_again_needs_the_admins_password(window, tmp_path):
    refused = cli(tmp_path, "init", "--db", window.path, "--admin", "admin", "--name", "新名", "--json",
                  password="not-the-password")
    error = refusal(refused)
    assert (error["code"], error["field"], error["message"]) == ("wrong_password", "password", "用户名或密码错误")
    assert "not-the-password" not in refused.stdout + refused.stderr
    assert setting(window.path, "window_name") == "测试窗口"
    by_clerk = cli(tmp_path, "init", "--db", window.path, "--admin", "clerk", "--name", "新名", password=PASSWORD)
    assert by_clerk.returncode == 2 and "用户 clerk（经办员）无此权限，需要管理员权限" in by_clerk.stderr
    assert by_clerk.stdout == ""  # human mode: the refusal goes to stderr only
    assert setting(window.path, "window_name") == "测试窗口"


@pytest.mark.parametrize("command", [
    ["user", "add", "x", "--role", "clerk"],
    ["settle-visit", "330383196105021001", "--input", "visit.json"],
])
def test_a_never_initialised_database_is_refused_and_not_created(tmp_path, command):
    write_visit(tmp_path, STAY)
    db = tmp_path / "never.sqlite"
    refused = cli(tmp_path, *command, "--db", db, user="admin", password=ADMIN_PASSWORD, new_password="new-pass-1")
    assert refused.returncode == 2, refused.stderr
    assert "windowdesk init" in refused.stderr
    assert not db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["visit.json"]


def test_a_failed_first_init_leaves_no_file(tmp_path):
    refused = cli(tmp_path, "init", "--db", tmp_path / "w.sqlite", "--policy", "longgang-2022", "--window", "LG-01",
                  "--admin", "admin")  # no WINDOWDESK_PASSWORD
    assert refused.returncode == 2 and "WINDOWDESK_PASSWORD" in refused.stderr
    # cli.md: "Bad input never leaves partial writes."
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- user add -------------------------------------------------------------------------------------------------

def test_admin_adds_a_user(window, tmp_path):
    done = cli(tmp_path, "user", "add", "李会计", "--role", "supervisor", "--db", window.path, "--json",
               user="admin", password=PASSWORD, new_password="li-kuaiji-pass")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"name": "李会计", "role": "supervisor"}
    with opened(window.path) as store:
        assert auth.authenticate(store, "李会计", "li-kuaiji-pass") == auth.Actor("李会计", "supervisor")
        with store.reading() as s:
            last = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    assert (last.user, last.action, last.target) == ("admin", "user.add", "李会计")


@pytest.mark.parametrize(("actor", "env"), [
    ("clerk", {"new_password": "newbie-pass"}),       # role refused
    ("admin", {}),                                    # no password for the new user
])
def test_user_add_refusals(window, tmp_path, actor, env):
    refused = cli(tmp_path, "user", "add", "newbie", "--role", "clerk", "--db", window.path, "--user", actor,
                  password=PASSWORD, **env)
    assert refused.returncode == 2, refused.stderr
    if actor == "admin":
        assert "新用户的密码来自 WINDOWDESK_NEW_PASSWORD（或终端提示输入）" in refused.stderr
    else:
        assert "用户 clerk（经办员）无此权限，需要管理员权限" in refused.stderr
    assert count(window.path, User, User.name == "newbie") == 0


# --- settle-visit ---------------------------------------------------------------------------------------------

def test_settle_visit_json(window, tmp_path):
    number = add_person(window.store)
    visit = write_visit(tmp_path, STAY)
    done = cli(tmp_path, "settle-visit", number, "--input", visit, "--db", window.path, "--json",
               user="clerk", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) == SETTLE_FIELDS | {"settlement_id", "receipt_no"}
    # By hand (see tests/integration/test_settlement_store.py): a dibao person's county stay under longgang-2022.
    assert (doc["in_scope"], doc["tilt"], doc["reimbursed"], doc["patient_pays"]) == \
        ("33000.00", True, "31260.00", "4740.00")
    assert doc["paid"] == {"basic": "24300.00", "critical": "0.00", "assistance": "6960.00",
                           "supplementary": "0.00", "relief": "0.00", "backstop": "0.00"}
    assert doc["year_to_date"]["critical_base"] == "8700.00"
    assert doc["receipt_no"] == "LG-01-00000001"
    with opened(window.path) as store, store.reading() as s:
        row = s.get(Settlement, doc["settlement_id"])
        last = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
        assert (row.receipt_no, row.created_by, row.reimbursed, row.voided) == \
            ("LG-01-00000001", "clerk", Decimal("31260.00"), False)
    assert (last.user, last.action, last.target) == ("clerk", "settlement.create", doc["settlement_id"])
    assert number not in last.detail

    # The `{"visit": ...}` wrapper of a settle case is read too; the series goes on.
    wrapped = write_visit(tmp_path, {"visit": {**STAY, "admitted": "2024-04-01", "discharged": "2024-04-03"}},
                          name="case.json")
    again = cli(tmp_path, "settle-visit", number, "--input", wrapped, "--db", window.path, "--json", "--user", "clerk",
                password=PASSWORD)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["receipt_no"] == "LG-01-00000002"


def test_settle_visit_human_text(window, tmp_path):
    number = add_person(window.store)
    done = cli(tmp_path, "settle-visit", number, "--input", write_visit(tmp_path, STAY), "--db", window.path,
               user="clerk", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "LG-01-00000001" in done.stdout and "31260.00" in done.stdout and "4740.00" in done.stdout


@pytest.mark.parametrize(("document", "code", "field", "names"), [
    ({k: v for k, v in STAY.items() if k != "total"}, "missing_field", "visit.total", "缺少 visit.total"),
    ({**STAY, "in_region": "yes"}, "not_a_boolean", "visit.in_region", "visit.in_region"),
    # I63.9 is not a special disease
    ({**STAY, "kind": "outpatient_special"}, "diagnosis_not_covered", "visit.diagnosis", "I63.9"),
    # malformed: the message names the file
    ('{"kind": "inpatient", ', "malformed_json", "input", "visit.json"),
])
def test_bad_visit_is_exit_2_naming_the_field(window, tmp_path, document, code, field, names):
    number = add_person(window.store)
    refused = cli(tmp_path, "settle-visit", number, "--input", write_visit(tmp_path, document), "--db", window.path,
                  "--json", user="clerk", password=PASSWORD)
    error = refusal(refused)
    assert (error["code"], error["field"]) == (code, field)
    assert names in error["message"]
    assert number not in refused.stdout + refused.stderr
    assert count(window.path, Settlement) == 0 and count(window.path, ReceiptCounter) == 0


def test_settle_visit_with_a_wrong_password_is_refused(window, tmp_path):
    number = add_person(window.store)
    refused = cli(tmp_path, "settle-visit", number, "--input", write_visit(tmp_path, STAY), "--db", window.path,
                  user="clerk", password="wrong-password")
    assert refused.returncode == 2 and "用户名或密码错误" in refused.stderr and refused.stdout == ""
    assert count(window.path, Settlement) == 0


def test_settle_visit_uninsured_is_exit_2_with_the_id_masked(window, tmp_path):
    number = add_person(window.store, insured=(date(2024, 6, 1), date(2024, 12, 31)))
    refused = cli(tmp_path, "settle-visit", number, "--input", write_visit(tmp_path, STAY), "--db", window.path,
                  "--json", user="clerk", password=PASSWORD)
    assert refused.returncode == 2
    error = json.loads(refused.stdout)["error"]
    assert (error["code"], error["field"]) == ("not_insured", "visit.admitted")
    assert error["message"] == "入院日期 2024-03-01 不在参保期内（参保期：2024-06-01~2024-12-31）"
    assert number not in refused.stdout + refused.stderr
    assert count(window.path, Settlement) == 0


# --- void -----------------------------------------------------------------------------------------------------

@pytest.fixture
def settled(window):
    number = add_person(window.store)
    return settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY))


def test_supervisor_voids_json(window, settled, tmp_path):
    done = cli(tmp_path, "void", settled.settlement_id, "--reason", "重复结算", "--db", window.path, "--json",
               "--user", "sup", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert {k: v for k, v in doc.items() if k != "voided_at"} == {
        "settlement_id": settled.settlement_id, "receipt_no": "LG-01-00000001", "voided": True,
        "reason": "重复结算", "voided_by": "sup", "later_settlements": []}  # no later settlement of the year
    assert doc["voided_at"][:4].isdigit()
    with opened(window.path) as store, store.reading() as s:
        reversal = s.execute(select(Reversal)).scalar_one()
        assert s.get(Settlement, settled.settlement_id).voided is True
    assert (reversal.settlement_id, reversal.reason, reversal.voided_by) == (settled.settlement_id, "重复结算", "sup")

    again = cli(tmp_path, "void", settled.settlement_id, "--reason", "再次", "--db", window.path, "--user", "sup",
                password=PASSWORD)
    assert again.returncode == 2 and f"结算单 {settled.settlement_id} 已作废" in again.stderr
    assert count(window.path, Reversal) == 1


@pytest.mark.parametrize(("user", "which", "code", "message"), [
    ("clerk", "settled", "role_refused", "用户 clerk（经办员）无此权限，需要审核员权限"),
    ("sup", "unknown", "settlement_not_found",
     "本窗口没有结算单号或票据号为 00000000-0000-0000-0000-000000000000 的结算"),
])
def test_void_refusals(window, settled, tmp_path, user, which, code, message):
    target = settled.settlement_id if which == "settled" else "00000000-0000-0000-0000-000000000000"
    refused = cli(tmp_path, "void", target, "--reason", "x", "--db", window.path, "--json", user=user,
                  password=PASSWORD)
    error = refusal(refused)
    assert (error["code"], error["message"]) == (code, message)
    assert count(window.path, Reversal) == 0
