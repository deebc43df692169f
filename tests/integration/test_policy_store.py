"""Integration: the policy in force lives in the database with its hash; its file edited or moved later changes
nothing until it is set again; existing databases are migrated; its status for the banner; what a new one changes."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from windowkit import PASSWORD, add_person, database_at

from windowdesk.adapters.policy_presets import load_policy, presets_dir
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.policy_loader import PolicyError
from windowdesk.services import policy_store
from windowdesk.services.errors import AuthError, InvalidInput
from windowdesk.services.receipts import print_settlement
from windowdesk.services.settlement import settle_visit, trial_settlement
from windowdesk.services.setup import initialise, open_store
from windowdesk.services.window import describe_window
from windowdesk.store.models import AuditEntry, PolicyText, Setting, Settlement
from windowdesk.wording.render import message

STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
NOW = datetime(2024, 6, 3, 9, 0)
LONGGANG = presets_dir() / "longgang-2022.toml"
COUNTY_RATIO = 'county = "0.75", city = "0.65", province = "0.60" }'


def edited(ratio: str) -> str:
    """The preset with its inpatient county ratio (the first of the file's two 0.75 rows) changed."""
    new = f'county = "{ratio}", city = "0.65", province = "0.60" }}'
    return LONGGANG.read_text("utf-8").replace(COUNTY_RATIO, new, 1)


def policy_file(tmp_path, text: str | None = None, name: str = "lg.toml"):
    path = tmp_path / name
    path.write_text(text if text is not None else LONGGANG.read_text("utf-8"), encoding="utf-8")
    return path


def basic_paid(window, number) -> Decimal:
    return trial_settlement(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW).result.basic


def audit(store) -> list[AuditEntry]:
    with store.reading() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def test_init_stores_the_policy_text_under_its_hash(window):
    with window.store.reading() as s:
        hashes = dict(s.execute(select(Setting.key, Setting.value)
                                .where(Setting.key.in_(["policy", "policy_hash"]))).all())
        row = s.get(PolicyText, hashes["policy_hash"])
    assert hashes["policy"] == "longgang-2022"
    assert row.text == LONGGANG.read_text("utf-8") and row.policy_id == "longgang-2022"
    assert hashes["policy_hash"] == hashlib.sha256(LONGGANG.read_bytes()).hexdigest()
    assert row.source == "longgang-2022" and row.stored_by == "admin"


def test_a_policy_file_edited_or_removed_after_it_was_set_changes_nothing(window, tmp_path):
    number = add_person(window.store)
    path = policy_file(tmp_path)
    result = policy_store.set_policy(window.store, window.admin, str(path), today=date(2024, 6, 1))
    assert result["changed"] and result["changes"] == []  # the same text, from another place
    before = basic_paid(window, number)
    stored_hash = result["policy"]["hash"]

    path.write_text(edited("0.95"), encoding="utf-8")
    assert basic_paid(window, number) == before
    assert describe_window(window.store).policy.content_hash == stored_hash
    path.unlink()  # moved away: the window still settles
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    with window.store.reading() as s:
        assert s.get(Settlement, settled.settlement_id).policy_hash == stored_hash
    assert settled.result.basic == before


def test_setting_the_edited_file_again_takes_its_text_and_says_what_changed(window, tmp_path):
    number = add_person(window.store)
    before = basic_paid(window, number)
    path = policy_file(tmp_path, edited("0.95"))
    start = len(audit(window.store))

    preview = policy_store.preview_policy(window.store, window.admin, str(path), today=date(2024, 6, 1))
    assert preview["changes"] == [{"key": "basic.inpatient.ratio.county", "old": "0.75", "new": "0.95"}]
    assert preview["current"]["source"] == "longgang-2022" and preview["policy"]["source"] == str(path)
    assert len(audit(window.store)) == start and basic_paid(window, number) == before  # a preview writes nothing

    result = policy_store.set_policy(window.store, window.admin, str(path), today=date(2024, 6, 1))
    assert result["changed"] and result["changes"] == preview["changes"] and result["warnings"] == []
    assert basic_paid(window, number) > before
    entries = audit(window.store)[start:]
    assert [(e.user, e.action, e.target) for e in entries] == [("admin", "policy.set", "longgang-2022")]
    assert '"changed_keys":["basic.inpatient.ratio.county"]' in entries[0].detail
    # The same file again: nothing to do, nothing written.
    again = policy_store.set_policy(window.store, window.admin, str(path), today=date(2024, 6, 1))
    assert again["changed"] is False and len(audit(window.store)) == start + 1


def test_a_reprint_finds_the_policy_its_settlement_was_made_under(window, tmp_path):
    number = add_person(window.store)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    old_hash = describe_window(window.store).policy.content_hash
    policy_store.set_policy(window.store, window.admin, str(policy_file(tmp_path, edited("0.95"))))
    with window.store.reading() as s:
        assert policy_store.by_hash(s, old_hash).content_hash == old_hash
    printed = print_settlement(window.store, window.clerk, settlement_id=settled.settlement_id, copy="paper",
                               now=NOW)
    assert printed.pdf.startswith(b"%PDF")


def test_only_an_admin_sets_or_previews_a_policy_and_a_bad_file_is_refused(window, tmp_path):
    for call in (policy_store.set_policy, policy_store.preview_policy):
        with pytest.raises(AuthError, match="role_refused"):
            call(window.store, window.supervisor, "dezhou-2020")
    broken = policy_file(tmp_path, LONGGANG.read_text("utf-8").replace('annual_cap = "300000"', 'annual_cap = 3.5'))
    with pytest.raises(PolicyError, match="policy_number_not_string"):
        policy_store.set_policy(window.store, window.admin, str(broken))
    assert describe_window(window.store).policy.id == "longgang-2022"


@pytest.mark.parametrize(("today", "state", "days_left", "code"), [
    (date(2025, 6, 1), "in_force", 213, None),
    (date(2025, 12, 1), "in_force", 30, None),  # 30 days left is not "within 30 days"
    (date(2025, 12, 2), "ending", 29, "policy_ends_soon"),
    (date(2025, 12, 31), "ending", 0, "policy_ends_soon"),
    (date(2026, 1, 1), "ended", -1, "policy_ended"),
    (date(2022, 9, 30), "not_yet", 1188, "policy_not_yet_begun"),
])
def test_the_policy_status_for_the_banner(window, today, state, days_left, code):
    status = policy_store.policy_status(window.store, today=today)
    assert (status["state"], status["days_left"], status["effective_to"]) == (state, days_left, "2025-12-31")
    assert status["policy_id"] == "longgang-2022" and status["source"] == "longgang-2022"
    warnings = policy_store.warnings_for(load_policy("longgang-2022"), today)
    assert [w.code for w in warnings] == ([code] if code else [])


def test_the_warning_names_the_end_date(window):
    (warning,) = policy_store.warnings_for(load_policy("longgang-2022"), date(2026, 12, 4))
    assert message(warning) == "政策 longgang-2022 已于 2025-12-31 结束执行：此后出院的就诊不能按它结算"
    (soon,) = policy_store.warnings_for(load_policy("longgang-2022"), date(2025, 12, 20))
    assert message(soon) == "政策 longgang-2022 将于 2025-12-31 结束执行，请及时更新政策"


def test_init_returns_the_warning_for_an_ended_policy(tmp_path):
    done = initialise(str(tmp_path / "w.sqlite"), policy="dezhou-2020", window_id="DZ-01", name="德州",
                      admin="admin", password=PASSWORD, today=date(2026, 12, 4))
    assert [(w.code, w.params["effective_to"]) for w in done["warnings"]] == [("policy_ended", "2020-12-31")]


# --- migrating a database that named its policy by a file ------------------------------------------------------

def _database_at_0005(path, policy_setting: str):
    database_at(path, "0005", {"window_id": "OLD-01", "window_name": "旧窗口", "policy": policy_setting})


def test_the_migration_stores_the_file_the_setting_names(tmp_path):
    path = policy_file(tmp_path)
    _database_at_0005(tmp_path / "old.sqlite", str(path))
    store = open_store(str(tmp_path / "old.sqlite"))
    try:
        with store.reading() as s:
            row = s.execute(select(PolicyText)).scalar_one()
        assert (row.source, row.text, row.stored_by) == (str(path), path.read_text("utf-8"), "(migration 0007)")
        path.unlink()
        assert describe_window(store).policy.content_hash == row.content_hash
    finally:
        store.engine.dispose()


def test_the_migration_stores_a_preset_by_its_id(tmp_path):
    _database_at_0005(tmp_path / "old.sqlite", "dezhou-2020")
    store = open_store(str(tmp_path / "old.sqlite"))
    try:
        assert describe_window(store).policy.id == "dezhou-2020"
    finally:
        store.engine.dispose()


def test_a_policy_file_gone_before_the_migration_is_refused_until_set_again(tmp_path):
    _database_at_0005(tmp_path / "old.sqlite", str(tmp_path / "gone.toml"))
    store = open_store(str(tmp_path / "old.sqlite"))
    try:
        with pytest.raises(InvalidInput, match="policy_not_stored") as caught:
            describe_window(store)
        assert str(tmp_path / "gone.toml") in message(caught.value.problem)
    finally:
        store.engine.dispose()


def test_a_stored_text_edited_in_the_database_is_refused(window):
    with window.store.transaction() as tx:
        row = tx.session.execute(select(PolicyText)).scalar_one()
        row.text = edited("0.99")
        digest = row.content_hash
    policy_store._parsed.pop(digest, None)  # this process parsed it already; a new one would read the row
    try:
        with pytest.raises(InvalidInput, match="policy_text_altered"):
            describe_window(window.store)
    finally:
        policy_store._parsed.pop(digest, None)
