"""The settings page as the admin uses it: settings changed and kept after reopening, errors at the field, the
policy changed after a preview and a confirmation, the county key, a backup now and a restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from imekit import commit
from PySide6.QtCore import Qt
from sqlalchemy import select
from uikit import answered, desk

from windowdesk.resources import resources_dir
from windowdesk.services import settings
from windowdesk.services.keys import set_county_key
from windowdesk.services.setup import open_store
from windowdesk.store.models import AuditEntry
from windowdesk.ui.main_window import MainWindow
from windowdesk.ui.pages.settings_page import SettingsPage

DEMO_POLICY = str(resources_dir() / "demo" / "demo-longgang-2026.toml")


@pytest.fixture
def page(qtbot, window):
    p = SettingsPage(desk(window, "admin"))
    qtbot.addWidget(p)
    p.show()
    answered()
    return p


def stored(path: str) -> dict:
    store = open_store(path)
    try:
        return settings.read_settings(store)
    finally:
        store.engine.dispose()


def audit_actions(window) -> list[str]:
    with window.store.reading() as session:
        return list(session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def test_settings_are_changed_and_kept_after_reopening(qtbot, page, window):
    assert page.window_id.text() == "LG-01" and page.window_name.text() == "测试窗口"
    assert page.page_size.currentData() == "A5" and page.backup_keep.value() == 30
    page.window_name.clear()
    commit(page.window_name, "芦浦镇结算窗口")
    page.page_size.setCurrentIndex(page.page_size.findData("A4"))
    page.language.setCurrentIndex(page.language.findData("en"))
    page.backup_keep.setValue(10)
    page.backup_dir.setText(str(Path(window.path).parent / "offsite"))
    qtbot.keyClick(page.window_name, Qt.Key.Key_Return)  # Enter saves
    assert page.message.text() == "设置已保存；界面语言在下次启动时生效"
    page.close()
    window.store.engine.dispose()
    kept = stored(window.path)
    assert (kept["window_name"], kept["page_size"], kept["language"], kept["backup_keep"]) == \
        ("芦浦镇结算窗口", "A4", "en", 10)
    again = SettingsPage(desk(window, "admin"))  # the page opened afresh shows what was kept
    qtbot.addWidget(again)
    answered()
    assert (again.window_name.text(), again.page_size.currentData(), again.language.currentData(),
            again.backup_keep.value()) == ("芦浦镇结算窗口", "A4", "en", 10)
    assert again.last_backup.text().endswith(f"备份位置：{Path(window.path).parent / 'offsite'}")


def test_a_bad_value_is_said_at_its_field_and_nothing_is_saved(qtbot, page, window):
    page.backup_dir.setText("relative/folder")
    page.window_name.clear()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.errors.text(page.backup_dir) != "" and "relative/folder" in page.errors.text(page.backup_dir)
    assert page.errors.text(page.window_name) != ""
    assert page.message.text() == "请更正标红的项目"
    assert stored(window.path)["window_name"] == "测试窗口"
    assert "settings.change" not in audit_actions(window)[1:]


def test_the_policy_is_changed_after_a_preview_and_a_confirmation(qtbot, page, window, monkeypatch):
    assert page.policy_now.text().startswith("当前政策：龙港市 医保纾困·携手共富 2022（2022-10-01 至 2025-12-31）")
    assert page.policy_state.text().startswith("已于 2025-12-31 结束")
    assert not page.set_policy_button.isEnabled()  # nothing previewed yet
    page.choose_policy(DEMO_POLICY)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    keys = [row[0] for row in page.changes_model.rows()]
    assert {"id", "name", "effective_from", "effective_to"} <= set(keys)
    assert page.changes_model.rows()[keys.index("effective_to")][1:] == ("2025-12-31", "2027-12-31")
    assert page.preview_text.text().splitlines()[:2] == ["新政策：演示政策（龙港规则）2026（2026-01-01 至 2027-12-31）",
                                                        "执行中，至 2027-12-31"]
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda title, text, act: asked.append(act) or False)
    qtbot.mouseClick(page.set_policy_button, Qt.MouseButton.LeftButton)
    assert asked == ["确认更换"] and stored(window.path)["policy"] == "longgang-2022"  # declined: unchanged
    monkeypatch.setattr(page, "confirm", lambda title, text, act: True)
    qtbot.mouseClick(page.set_policy_button, Qt.MouseButton.LeftButton)
    answered()
    assert page.message.text() == "政策已更换为 演示政策（龙港规则）2026"
    assert stored(window.path)["policy"] == DEMO_POLICY
    assert audit_actions(window)[-1] == "policy.set"
    assert page.policy_state.text() == "执行中，至 2027-12-31"


def test_a_broken_policy_file_is_said_at_the_choice(qtbot, page, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\n', encoding="utf-8")
    page.choose_policy(str(broken))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert "broken.toml" in page.errors.text(page.policy_choice)
    assert not page.set_policy_button.isEnabled()


def test_the_county_key_is_set_and_never_shown(qtbot, page, window):
    assert page.county_key_state.text().startswith("未设置")
    qtbot.keyClicks(page.county_key, "not-hex")
    qtbot.keyClick(page.county_key, Qt.Key.Key_Return)
    assert page.errors.text(page.county_key) == "县级密钥应为十六进制字符"
    page.county_key.clear()
    qtbot.keyClicks(page.county_key, "5a" * 16)
    qtbot.keyClick(page.county_key, Qt.Key.Key_Return)
    answered()
    assert page.county_key.text() == "" and page.errors.text(page.county_key) == ""
    assert page.county_key_state.text().startswith("已设置")
    assert stored(window.path)["county_key_set"] is True


def test_a_backup_now_then_a_restore_from_it(qtbot, page, window, monkeypatch, tmp_path):
    set_county_key(window.store, window.admin, key_hex="ab" * 32)  # backups are sealed under its backup key
    assert page.last_backup.text().startswith("尚未备份")
    copy = tmp_path / "usb" / "before.sqlite"
    page.backup_to(str(copy))
    answered()
    assert copy.is_file() and page.message.text() == f"已备份到 {copy}"
    assert page.last_backup.text().startswith("上次备份：") and str(copy) in page.last_backup.text()
    page.window_name.setText("改过的名称")
    page.save()
    answered()
    restored: list[dict] = []
    page.restored.connect(restored.append)
    monkeypatch.setattr(page, "confirm", lambda title, text, act: act == "确认恢复")
    page.restore_from(str(copy))
    answered()
    assert restored and restored[0]["safety_backup"]
    assert stored(window.path)["window_name"] == "测试窗口"  # the backup's


def test_the_main_window_closes_after_a_restore(qtbot, window, monkeypatch, tmp_path):
    set_county_key(window.store, window.admin, key_hex="ab" * 32)
    main = MainWindow(desk(window, "admin"))
    qtbot.addWidget(main)
    main.show()
    answered()
    told: list[str] = []
    monkeypatch.setattr(main, "tell", lambda title, text: told.append(title))
    page = main.settings_page
    copy = tmp_path / "b.sqlite"
    page.backup_to(str(copy))
    answered()
    monkeypatch.setattr(page, "confirm", lambda title, text, act: True)
    page.restore_from(str(copy))
    answered()
    assert told == ["已从备份恢复"] and not main.isVisible()


def test_only_the_admin_sees_settings_and_users(qtbot, window):
    for role, has in (("clerk", False), ("supervisor", False), ("admin", True)):
        main = MainWindow(desk(window, role))
        qtbot.addWidget(main)
        titles = [title for _page, title, _key in main._pages]
        assert ("设置" in titles and "用户" in titles) is has
        assert (main.settings_page is not None) is has
        answered()
