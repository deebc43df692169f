"""Integration: the settings page's services: typed values with defaults, checked changes, one audit entry each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from windowdesk.services import settings
from windowdesk.services.errors import AuthError, InvalidInput
from windowdesk.store.models import AuditEntry, Setting
from windowdesk.wording.render import message


def audit(store) -> list[AuditEntry]:
    with store.reading() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def stored(store) -> dict[str, str]:
    with store.reading() as s:
        return dict(s.execute(select(Setting.key, Setting.value)).all())


def test_a_new_window_reads_the_declared_defaults(window):
    values = settings.read_settings(window.store)
    assert values["window_id"] == "LG-01" and values["window_name"] == "测试窗口"
    assert (values["page_size"], values["language"], values["default_printer"]) == ("A5", "zh", "")
    assert (values["backup_dir"], values["backup_keep"]) == ("", 30)
    assert values["county_key_set"] is False and "county_key" not in values  # a secret is never shown
    fields = {f["key"]: f for f in settings.describe_settings(window.store)}
    assert fields["page_size"]["choices"] == ["A4", "A5"] and fields["page_size"]["kind"] == "choice"
    assert (fields["backup_keep"]["minimum"], fields["backup_keep"]["maximum"]) == (1, 3650)
    assert fields["window_id"]["editable"] is False and fields["policy"]["editable"] is False


def test_admin_changes_settings_in_one_audited_transaction_and_they_are_kept(window):
    before = len(audit(window.store))
    result = settings.change_settings(window.store, window.admin, {
        "page_size": "A4", "backup_keep": "7", "language": "en", "window_name": " 龙港二号窗口 ",
        "default_printer": "HP LaserJet", "backup_dir": "/srv/backups"})
    assert result["changed"] == {
        "page_size": {"old": "A5", "new": "A4"}, "backup_keep": {"old": 30, "new": 7},
        "language": {"old": "zh", "new": "en"}, "window_name": {"old": "测试窗口", "new": "龙港二号窗口"},
        "default_printer": {"old": "", "new": "HP LaserJet"}, "backup_dir": {"old": "", "new": "/srv/backups"}}
    entries = audit(window.store)[before:]
    assert [(e.user, e.action) for e in entries] == [("admin", "settings.change")]
    assert stored(window.store)["backup_keep"] == "7"
    values = settings.read_settings(window.store)
    assert (values["page_size"], values["backup_keep"], values["window_name"]) == ("A4", 7, "龙港二号窗口")
    # The same values again change nothing and write no entry.
    again = settings.change_settings(window.store, window.admin, {"page_size": "A4", "backup_keep": 7})
    assert again["changed"] == {} and len(audit(window.store)) == before + 1


def test_bad_values_are_all_refused_at_their_fields_and_nothing_is_written(window):
    before = stored(window.store)
    with pytest.raises(InvalidInput) as caught:
        settings.change_settings(window.store, window.admin, {
            "page_size": "A3", "backup_keep": "0", "language": "fr", "window_name": "  ",
            "backup_dir": "relative/folder", "window_id": "XX-09", "colour": "red"})
    found = {p.field: p.code for p in caught.value.problems}
    assert found == {"page_size": "setting_not_one_of", "backup_keep": "setting_not_whole",
                     "language": "setting_not_one_of", "window_name": "setting_text_invalid",
                     "backup_dir": "setting_folder_not_absolute", "window_id": "setting_read_only",
                     "colour": "setting_unknown"}
    words = {p.field: message(p) for p in caught.value.problems}
    assert words["page_size"] == "票据纸张应为以下之一：A4, A5"
    assert words["backup_keep"] == "保留备份份数应为 1 到 3650 之间的整数"
    assert words["window_id"] == "窗口编号不能在这里更改"
    assert stored(window.store) == before


@pytest.mark.parametrize("value", ["3651", "-1", "7.5", "１２", True, None, "1e3"])
def test_backup_keep_takes_whole_numbers_in_range_only(window, value):
    with pytest.raises(InvalidInput, match="setting_not_whole"):
        settings.change_settings(window.store, window.admin, {"backup_keep": value})


def test_window_name_refuses_control_characters_and_overlong_text(window):
    for bad in ("窗口\n二号", "x" * 61, "a\x00b"):
        with pytest.raises(InvalidInput, match="setting_text_invalid"):
            settings.change_settings(window.store, window.admin, {"window_name": bad})


def test_only_the_admin_changes_settings(window):
    with pytest.raises(AuthError, match="role_refused"):
        settings.change_settings(window.store, window.supervisor, {"page_size": "A4"})
    assert settings.read_settings(window.store)["page_size"] == "A5"


def test_a_garbled_stored_number_reads_as_its_default(window):
    with window.store.transaction() as tx:
        settings.put(tx.session, settings.BACKUP_KEEP, "many")
    assert settings.read_settings(window.store)["backup_keep"] == 30
