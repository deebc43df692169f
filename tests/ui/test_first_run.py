"""The first run: the window on a database that does not exist opens the wizard, which sets the window up
from nothing (keyboard only, errors at the field); then the admin logs in and a settlement is made."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select
from imekit import commit
from test_settlement_page import click_settle, look_up, type_visit
from uikit import answered
from windowkit import add_person

from windowdesk.resources import resources_dir
from windowdesk.services import settings
from windowdesk.services.setup import open_store
from windowdesk.store.models import AuditEntry, Settlement, User
from windowdesk.ui import app as ui_app
from windowdesk.ui.first_run_wizard import FirstRunWizard
from windowdesk.ui.login_dialog import LoginDialog
from windowdesk.ui.main_window import MainWindow

ADMIN_PASSWORD = "first-run-1"


def show(qtbot, wizard: QWizard) -> None:
    """As exec() shows it: on top, the active window (the keyboard goes to it)."""
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()


def enter(qtbot, wizard: QWizard) -> None:
    """Enter in the page's focused field: the wizard's default button (下一步, 完成)."""
    qtbot.keyClick(wizard.focusWidget() or wizard.currentPage(), Qt.Key.Key_Return)


def type_into(qtbot, edit, text: str) -> None:
    """Typed into a cleared field: Latin keys, or Chinese as the input method commits it."""
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        commit(edit, text)


def fill(qtbot, wizard: FirstRunWizard, *, policy_ref: str = "longgang-2022", paper: str = "A4",
         county_key: str = "", demo: bool = False) -> None:
    """Every page through, with what a new office types; each page must pass before the next shows."""
    assert wizard.currentPage() is wizard.folder_page
    enter(qtbot, wizard)
    assert wizard.currentPage() is wizard.window_page and wizard.window_page.window_id.hasFocus()
    type_into(qtbot, wizard.window_page.window_id, "LG-09")
    type_into(qtbot, wizard.window_page.window_name, "龙港市芦浦镇结算窗口")
    enter(qtbot, wizard)
    page = wizard.policy_page
    assert wizard.currentPage() is page
    answered()  # the presets come through an op
    if policy_ref.endswith(".toml"):
        page.choose_file(policy_ref)  # what 从文件选择… does with the file chosen
        answered()
    page.policy.setCurrentIndex([c.ref for c in page.choices].index(policy_ref))
    enter(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page and wizard.admin_page.password.hasFocus()
    type_into(qtbot, wizard.admin_page.password, ADMIN_PASSWORD)
    type_into(qtbot, wizard.admin_page.again, ADMIN_PASSWORD)
    enter(qtbot, wizard)
    assert wizard.currentPage() is wizard.receipt_page
    (wizard.receipt_page.a4 if paper == "A4" else wizard.receipt_page.a5).setChecked(True)
    type_into(qtbot, wizard.receipt_page.county_key, county_key)
    enter(qtbot, wizard)
    assert wizard.currentPage() is wizard.finish_page
    wizard.finish_page.demo.setChecked(demo)


@pytest.fixture(autouse=True)
def _no_message_box(monkeypatch):
    """A message box before the main window would block the test: what it would say fails it instead."""
    def told(text: str) -> None:
        pytest.fail(f"the window told: {text}")
    monkeypatch.setattr(ui_app, "tell", told)


@pytest.fixture
def shown_windows(monkeypatch):
    """The main window main() opens, closed at once instead of running the event loop."""
    shown: list[MainWindow] = []

    def fake_loop(app) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(ui_app, "run_event_loop", fake_loop)
    yield shown
    for w in shown:
        w.close()
        w.deleteLater()


def test_from_nothing_to_a_working_window_then_a_settlement(qtbot, monkeypatch, tmp_path, shown_windows):
    db = tmp_path / "office" / "window.sqlite"
    seen: dict = {}

    def drive_wizard(wizard: FirstRunWizard) -> int:
        show(qtbot, wizard)
        assert wizard.folder_page.folder.text() == str(db.parent)  # --db named it: shown, not changed
        assert wizard.folder_page.database_label.text() == f"数据库文件：{db}"
        fill(qtbot, wizard, county_key="ab" * 16)
        seen["summary"] = wizard.finish_page.summary.text()
        enter(qtbot, wizard)  # 完成
        return wizard.result()

    def drive_login(dialog: LoginDialog) -> int:
        assert dialog.user_edit.text() == "admin"  # the admin just made
        store = open_store(str(db))  # somebody on the roster to settle for (the roster import has its own tests)
        seen["person"] = add_person(store, name="王五")
        store.engine.dispose()
        qtbot.keyClicks(dialog.password_edit, ADMIN_PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(FirstRunWizard, "exec", drive_wizard)
    monkeypatch.setattr(LoginDialog, "exec", drive_login)
    assert ui_app.main(str(db)) == 0
    assert "政策：龙港市 医保纾困·携手共富 2022（2022-10-01 至 2025-12-31）" in seen["summary"]
    assert "已于 2025-12-31 结束" in seen["summary"]  # every shipped preset has ended: said before 完成
    (main,) = shown_windows
    answered()
    assert main.window_label.text() == "窗口 LG-09 龙港市芦浦镇结算窗口"
    assert main.user_label.text() == "管理员：admin"
    page = main.settlement_page
    look_up(qtbot, page, seen["person"])
    type_visit(qtbot, page)
    click_settle(qtbot, page)
    store = open_store(str(db))
    try:
        with store.reading() as session:
            (row,) = session.execute(select(Settlement)).scalars()
            assert (row.created_by, row.total) == ("admin", Decimal("36000.00"))
            assert settings.get(session, settings.PAGE_SIZE) == "A4"
            assert settings.get(session, settings.POLICY) == "longgang-2022"
            assert [u.name for u in session.execute(select(User)).scalars()] == ["admin"]
            actions = list(session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
        assert store.keys.county_key == bytes.fromhex("ab" * 16)  # in the key file, never the database
        assert actions[:3] == ["init", "settings.change", "county_key.set"]
    finally:
        store.engine.dispose()


def test_cancelling_the_wizard_leaves_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(FirstRunWizard, "exec", lambda wizard: QWizard.DialogCode.Rejected)
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: pytest.fail("no login without a window"))
    assert ui_app.main(str(tmp_path / "none.sqlite")) == 0
    assert not (tmp_path / "none.sqlite").exists()


@pytest.fixture
def wizard(qtbot, tmp_path):
    w = FirstRunWizard(str(tmp_path / "window.sqlite"))
    show(qtbot, w)
    return w


def test_errors_are_said_at_their_field_and_the_page_waits(qtbot, wizard, tmp_path):
    enter(qtbot, wizard)
    page = wizard.window_page
    enter(qtbot, wizard)  # nothing typed
    assert wizard.currentPage() is page
    assert page.errors.text(page.window_id) == "请填写窗口编号" and page.window_id.hasFocus()
    type_into(qtbot, page.window_id, "LG-09")
    enter(qtbot, wizard)
    assert page.errors.text(page.window_id) == "" and page.errors.text(page.window_name) == "请填写窗口名称"
    type_into(qtbot, page.window_name, "芦浦")
    enter(qtbot, wizard)
    answered()
    enter(qtbot, wizard)  # the first preset
    admin = wizard.admin_page
    type_into(qtbot, admin.password, "short")
    enter(qtbot, wizard)
    assert admin.errors.text(admin.password) == "密码至少 8 位"
    type_into(qtbot, admin.password, ADMIN_PASSWORD)
    type_into(qtbot, admin.again, ADMIN_PASSWORD + "x")
    enter(qtbot, wizard)
    assert wizard.currentPage() is admin and admin.errors.text(admin.again) == "两次输入的密码不一致"
    assert admin.again.hasFocus()
    type_into(qtbot, admin.again, ADMIN_PASSWORD)
    enter(qtbot, wizard)
    receipt = wizard.receipt_page
    type_into(qtbot, receipt.county_key, "xyz")
    enter(qtbot, wizard)
    assert wizard.currentPage() is receipt and receipt.errors.text(receipt.county_key) == "县级密钥应为十六进制字符"
    receipt.county_key.clear()
    enter(qtbot, wizard)  # the key is optional
    assert wizard.currentPage() is wizard.finish_page
    assert not (tmp_path / "window.sqlite").exists()  # nothing is written before 完成


def test_a_policy_file_is_checked_and_its_period_named(qtbot, wizard, tmp_path):
    enter(qtbot, wizard)
    type_into(qtbot, wizard.window_page.window_id, "LG-09")
    type_into(qtbot, wizard.window_page.window_name, "芦浦")
    enter(qtbot, wizard)
    answered()
    page = wizard.policy_page
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\n', encoding="utf-8")
    page.choose_file(str(broken))
    answered()
    assert "broken.toml" in page.errors.text(page.policy) and page.chosen().preset
    page.choose_file(str(resources_dir() / "demo" / "demo-longgang-2026.toml"))
    answered()
    choice = page.chosen()
    assert (choice.preset, choice.state) == (False, "in_force")
    assert page.errors.text(page.policy) == ""
    assert page.details.text().endswith("有效期：2026-01-01 至 2027-12-31")
    assert page.state.text() == "执行中，至 2027-12-31"
    page.policy.setCurrentIndex([c.ref for c in page.choices].index("linan-2024"))
    assert page.state.text() == "已于 2024-12-31 结束：结算将被拒绝，请换用本年度的政策"
    assert "【已结束】" in page.policy.currentText()


def test_the_demo_window_is_built_beside_and_opened_first(qtbot, monkeypatch, tmp_path, shown_windows):
    db = tmp_path / "window.sqlite"

    def drive_wizard(wizard: FirstRunWizard) -> int:
        show(qtbot, wizard)
        fill(qtbot, wizard, policy_ref=str(resources_dir() / "demo" / "demo-longgang-2026.toml"), demo=True)
        enter(qtbot, wizard)
        return wizard.result()

    logged_in: list[str] = []

    def drive_login(dialog: LoginDialog) -> int:
        logged_in.append(dialog.user_edit.text())
        qtbot.keyClicks(dialog.password_edit, "demo1234")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(FirstRunWizard, "exec", drive_wizard)
    monkeypatch.setattr(LoginDialog, "exec", drive_login)
    monkeypatch.setattr(FirstRunWizard, "chose_folder", lambda w: False)
    assert ui_app.main(str(db)) == 0
    assert db.exists() and (tmp_path / "windowdesk-demo.sqlite").exists()
    (main,) = shown_windows
    answered()
    assert logged_in == ["admin"] and main.window_label.text().startswith("窗口 DEMO-01")


def test_a_folder_of_the_clerks_choosing_is_remembered_for_the_next_start(qtbot, monkeypatch, tmp_path):
    remembered: dict = {}

    class PcSettings:
        def value(self, key):
            return remembered.get(key)

        def setValue(self, key, value):  # noqa: N802
            remembered[key] = value

    monkeypatch.setattr(ui_app, "pc_settings", PcSettings)
    folder = tmp_path / "chosen"

    def drive_wizard(wizard: FirstRunWizard) -> int:
        show(qtbot, wizard)
        assert not wizard.folder_page.folder.isReadOnly()
        type_into(qtbot, wizard.folder_page.folder, str(folder))
        fill(qtbot, wizard)
        enter(qtbot, wizard)
        return wizard.result()

    monkeypatch.setattr(FirstRunWizard, "exec", drive_wizard)
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: LoginDialog.DialogCode.Rejected)
    monkeypatch.setattr(ui_app, "open_store", _missing_then_real(ui_app.open_store))
    assert ui_app.main(None) == 0
    assert remembered == {"database": str(folder / "windowdesk.sqlite")}
    assert (folder / "windowdesk.sqlite").exists()


def _missing_then_real(real):
    """open_store as on a PC with no database at the default place (this machine's own is not touched)."""
    from windowdesk.services.errors import NotInitialised

    def opening(db):
        if db is None:
            raise NotInitialised("not_initialised", "db")
        return real(db)
    return opening

