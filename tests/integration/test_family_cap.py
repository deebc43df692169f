"""Integration: the annual family-cap batch (封顶制) under linan-2024: payouts by household, reruns, export."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from windowkit import add_person, make_window

from windowdesk.adapters.policy_presets import preset_files
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import mask
from windowdesk.services.policy_store import set_policy
from windowdesk.services.errors import AuthError, Refused
from windowdesk.services.export import export_period, open_package
from windowdesk.services.keys import set_county_key
from windowdesk.services.family_cap import run_family_cap
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, FamilyCapPayout, Person, Settlement

D = Decimal
RUN = datetime(2025, 3, 10, 9)
# A destitute person's township stay under linan-2024, by hand: in scope 10000 - 2000 = 8000;
#   basic (8000 - 400) * 0.90 = 6840; critical: base 1160 below the tilt deductible 16000 * 0.5 -> 0;
#   assistance: destitute 100%, no deductible: 8000 - 6840 = 1160; supplementary: in scope nothing left,
#   out of catalogue 2000 below the tilt deductible 10000 -> 0; no backstop. Patient pays 2000.00 (all of it
#   out of catalogue, so its in-scope self-pay is 0).
TOWNSHIP_STAY = {"kind": "inpatient", "hospital_level": "township", "in_region": True, "referred": True,
                 "admitted": "2024-05-06", "discharged": "2024-05-10", "total": "10000.00",
                 "out_of_catalog": "2000.00", "partial_self_pay": "0.00"}


@pytest.fixture
def linan(tmp_path):
    w = make_window(tmp_path, policy="linan-2024", window_id="LA-01")
    yield w
    w.store.engine.dispose()


def stored_settlement(store, number: str, pays: str, *, discharged: date = date(2024, 6, 30), ooc: str = "0.00",
                      partial: str = "0.00", origin: str = "local", recorded: datetime = datetime(2024, 7, 1)) -> str:
    """A settlement row with the given self-pay (the batch reads only stored rows: this fixes them by hand)."""
    zero = D("0.00")
    sid = str(uuid.uuid4())
    with store.transaction() as tx:
        person = tx.session.execute(select(Person).where(Person.id_number == number)).scalar_one()
        tx.session.add(Settlement(
            id=sid, person_id=person.id, year=discharged.year, origin=origin, window_id="LA-01", receipt_no=None,
            category="ordinary", tilt=False, kind="inpatient", hospital="", hospital_level="county", in_region=True,
            referred=True, transfer=False, previous_deductible=zero, admitted=discharged, discharged=discharged,
            total=D(pays), out_of_catalog=D(ooc), partial_self_pay=D(partial),
            in_scope=D(pays) - D(ooc) - D(partial), basic=zero, critical=zero, assistance=zero, supplementary=zero,
            backstop=zero, reimbursed=zero, patient_pays=D(pays), policy_id="linan-2024", policy_hash="",
            snapshot={"person": {"id_number": number, "name": person.name, "household": ""}},
            **{f"ytd_{n}": zero for n in ("basic_paid", "op_deductible_used", "critical_base", "critical_paid",
                                          "assistance_deductible_used", "assistance_paid", "supplementary_base",
                                          "supplementary_ooc_base", "supplementary_paid", "excess_base",
                                          "backstop_paid")},
            business_day=recorded.date(), created_by="fixture", created_at=recorded))
    return sid



@pytest.fixture
def households(linan):
    """Households of linan-2024 (caps: destitute 5000, dibao 30000, near_dibao 50000) and their 2024 self-pay."""
    store = linan.store
    a1 = add_person(store, name="甲一", household="HA", memberships=(("destitute", date(2019, 1, 1), None),))
    a2 = add_person(store, name="甲二", household="HA", memberships=(("dibao", date(2019, 1, 1), None),))
    b1 = add_person(store, name="乙一", household="HB", memberships=(("near_dibao", date(2021, 1, 1), None),))
    # dibao until 1 June 2024: held during the year, so the household's cap is dibao's 30,000
    b2 = add_person(store, name="乙二", household="HB", memberships=(("dibao", date(2020, 1, 1), date(2024, 6, 1)),))
    c1 = add_person(store, name="丙一", household="HC", memberships=())
    # dibao exited on 1 January 2024 (never held in 2024), near_dibao only from 2025: no cap in 2024
    add_person(store, name="丙二", household="HC", memberships=(("dibao", date(2020, 1, 1), date(2024, 1, 1)),
                                                                   ("near_dibao", date(2025, 2, 1), None)))
    d1 = add_person(store, name="丁一", household="HD", memberships=(("near_dibao", date(2022, 1, 1), None),))
    e1 = add_person(store, name="戊一", household=None, memberships=(("destitute", date(2019, 1, 1), None),))

    settled = settle_visit(store, linan.clerk, id_number=a1, visit=parse_visit(TOWNSHIP_STAY),
                           now=datetime(2024, 5, 10, 9))
    assert settled.result.patient_pays == D("2000.00")
    stored_settlement(store, a1, "4500.00")
    stored_settlement(store, a2, "7500.00", ooc="1000.00", partial="500.00")
    stored_settlement(store, a2, "25000.00")
    voided = stored_settlement(store, a2, "9000.00")
    stored_settlement(store, a1, "3000.00", discharged=date(2023, 11, 2), recorded=datetime(2023, 11, 3))
    stored_settlement(store, b1, "25000.00")
    # merged from another window: counts; admitted while b2 held dibao (until 1 June)
    b2_sid = stored_settlement(store, b2, "12345.67", origin="county", discharged=date(2024, 5, 15))
    stored_settlement(store, c1, "80000.00")
    stored_settlement(store, d1, "49999.99")
    stored_settlement(store, e1, "20000.00")
    with store.transaction() as tx:
        tx.session.get(Settlement, voided).voided = True
    return {"a1": a1, "a2": a2, "b2_sid": b2_sid, "d1": d1, "a1_masked": mask(a1)}


def payout_rows(store) -> list[tuple]:
    with store.reading() as s:
        return s.execute(select(FamilyCapPayout.year, FamilyCapPayout.household_id, FamilyCapPayout.category,
                                FamilyCapPayout.self_pay, FamilyCapPayout.cap, FamilyCapPayout.payout,
                                FamilyCapPayout.created_by)
                         .order_by(FamilyCapPayout.id)).all()


def lines(result: dict) -> list[dict]:
    """The payout lines without their pools (test_first_run... checks those)."""
    return [{k: v for k, v in p.items() if k != "pools"} for p in result["payouts"]]


def test_first_run_pays_each_household_above_its_cap(linan, households):
    result = run_family_cap(linan.store, linan.supervisor, year=2024, now=RUN)
    # HA: 甲一 (特困, a person's cap): 2000.00 + 4500.00 = 6500.00 (the 2023 stay does not count) -> 1500.00 over
    #     5000; the household's pool (甲二, 低保): 7500.00 + 25000.00 = 32500.00 (the void does not count)
    #     -> 2500.00 over 30000; payout 4000.00
    # HB: 25000.00 (低边) + 12345.67 (乙二 as 低保, admitted before the exit) = 37345.67, the lowest cap of the
    #     two categories 30000 -> 7345.67
    # HC: 80000 but no capped category in 2024; HD: 49999.99 below 50000; 戊一 has no household.
    assert {k: result[k] for k in ("year", "total")} == {"year": 2024, "total": "11345.67"}
    assert lines(result) == [
        {"household": "HA", "category": "dibao", "self_pay": "39000.00", "cap": "30000.00", "payout": "4000.00"},
        {"household": "HB", "category": "dibao", "self_pay": "37345.67", "cap": "30000.00", "payout": "7345.67"}]
    assert result["payouts"][0]["pools"] == [
        {"pool": households["a1_masked"], "category": "destitute", "self_pay": "6500.00", "cap": "5000.00",
         "over": "1500.00"},
        {"pool": "household", "category": "dibao", "self_pay": "32500.00", "cap": "30000.00", "over": "2500.00"}]
    rows = payout_rows(linan.store)
    assert [(r.category, r.self_pay, r.cap, r.payout, r.created_by) for r in rows] == [
        ("dibao", D("39000.00"), D("30000.00"), D("4000.00"), "sup"),
        ("dibao", D("37345.67"), D("30000.00"), D("7345.67"), "sup")]
    with linan.store.reading() as s:
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "family_cap.run")).scalars().all()
        stored_pools = s.execute(select(FamilyCapPayout.pools).order_by(FamilyCapPayout.id)).scalars().first()
    assert stored_pools == result["payouts"][0]["pools"]
    assert [(a.user, a.target) for a in audit] == [("sup", "2024")] and '"total":"11345.67"' in audit[0].detail


def test_second_run_pays_nothing_and_a_third_pays_only_what_is_new(linan, households):
    store = linan.store
    run_family_cap(store, linan.supervisor, year=2024, now=RUN)
    second = run_family_cap(store, linan.supervisor, year=2024, now=datetime(2025, 3, 11, 9))
    assert (second["total"], second["payouts"]) == ("0.00", [])
    assert len(payout_rows(store)) == 2

    # Late news for 2024: HA's destitute member pays 500 more, HD crosses its cap, HB's merged stay is voided.
    stored_settlement(store, households["a1"], "500.00", discharged=date(2024, 12, 20), recorded=datetime(2025, 1, 6))
    stored_settlement(store, households["d1"], "1000.01", discharged=date(2024, 12, 28), recorded=datetime(2025, 1, 6))
    with store.transaction() as tx:
        tx.session.get(Settlement, households["b2_sid"]).voided = True
    third = run_family_cap(store, linan.supervisor, year=2024, now=datetime(2025, 4, 1, 9))
    # HA: 甲一 7000.00 -> 2000.00 over, the household 2500.00 over: 4500.00, 4000.00 paid already -> 500.00;
    # HD: 51000.00 - 50000 -> 1000.00; HB: 25000.00 (低边 alone, cap 50000) is now below: nothing clawed back.
    assert (third["total"], lines(third)) == ("1500.00", [
        {"household": "HA", "category": "dibao", "self_pay": "39500.00", "cap": "30000.00", "payout": "500.00"},
        {"household": "HD", "category": "near_dibao", "self_pay": "51000.00", "cap": "50000.00",
         "payout": "1000.00"}])
    assert sum(r.payout for r in payout_rows(store)) == D("12845.67")


def test_in_scope_self_pay_base_leaves_out_catalogue_and_partial_self_pay(linan, households, tmp_path):
    preset = next(p for p in preset_files() if p.name == "linan-2024.toml")
    variant = tmp_path / "linan-in-scope.toml"
    variant.write_text(preset.read_text("utf-8").replace('base = "self_pay"', 'base = "in_scope_self_pay"'),
                       encoding="utf-8")
    set_policy(linan.store, linan.admin, str(variant))
    # HA's 9000 of out-of-catalogue costs exceed that settlement's 7000 self-pay: it counts 0, never less.
    stored_settlement(linan.store, households["a2"], "7000.00", ooc="9000.00")
    result = run_family_cap(linan.store, linan.supervisor, year=2024, now=RUN)
    # HA: 甲一 0 (the township stay was all out of catalogue) + 4500 = 4500.00, below 5000;
    #     the household (7500 - 1000 - 500) + 25000 + 0 = 31000.00 -> 1000.00
    # HB: 37345.67 (no out-of-catalogue) -> 7345.67
    assert lines(result) == [
        {"household": "HA", "category": "dibao", "self_pay": "35500.00", "cap": "30000.00", "payout": "1000.00"},
        {"household": "HB", "category": "dibao", "self_pay": "37345.67", "cap": "30000.00", "payout": "7345.67"}]


def test_the_month_of_the_run_exports_its_payout_list(linan, households, tmp_path):
    set_county_key(linan.store, linan.admin, key_hex="ab" * 32)
    result = run_family_cap(linan.store, linan.supervisor, year=2024, now=RUN)
    manifest = export_period(linan.store, linan.supervisor, period="2025-03", out_dir=tmp_path / "pkg")
    assert {f["plain_name"]: f["rows"] for f in manifest["files"]}["payouts.csv"] == 2
    opened = open_package(linan.store, linan.supervisor, directory=tmp_path / "pkg", out_dir=tmp_path / "plain")
    assert "payouts.csv" in {f["name"] for f in opened["files"]}
    text = (tmp_path / "plain" / "payouts.csv").read_bytes().decode("utf-8-sig")
    # The package's headers are Chinese for county staff; its manifest's schema names the machine names.
    schema = json.loads((tmp_path / "pkg" / "manifest.json").read_text("utf-8"))["schema"]["payouts"]
    names = {entry["label"]: entry["name"] for entry in schema}
    rows = [{names[k]: v for k, v in row.items()} for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert [(r["run_id"], r["run_on"], r["year"], r["household"], r["category"], r["self_pay"], r["cap"],
             r["payout"]) for r in rows] == [
        (result["run_id"], "2025-03-10", "2024", "HA", "低保对象", "39000.00", "30000.00", "4000.00"),
        (result["run_id"], "2025-03-10", "2024", "HB", "低保对象", "37345.67", "30000.00", "7345.67")]
    april = export_period(linan.store, linan.supervisor, period="2025-04", out_dir=tmp_path / "april")
    assert "payouts.csv" not in {f["plain_name"] for f in april["files"]}


def test_the_batch_is_refused_before_the_year_ends_to_clerks_and_without_a_family_cap(linan, window):
    with pytest.raises(Refused, match="family_cap_year_open"):
        run_family_cap(linan.store, linan.supervisor, year=2024, now=datetime(2024, 12, 31, 17))
    with pytest.raises(AuthError):
        run_family_cap(linan.store, linan.clerk, year=2024, now=RUN)
    with pytest.raises(Refused, match="policy_no_family_cap"):
        run_family_cap(window.store, window.supervisor, year=2024, now=RUN)  # longgang-2022
    assert payout_rows(linan.store) == []


def test_a_void_through_the_service_is_left_out(linan):
    store = linan.store
    number = add_person(store, household="HV", memberships=(("destitute", date(2019, 1, 1), None),))
    kept = settle_visit(store, linan.clerk, id_number=number, visit=parse_visit(TOWNSHIP_STAY),
                        now=datetime(2024, 5, 10, 9))
    dropped = settle_visit(store, linan.clerk, id_number=number,
                           visit=parse_visit({**TOWNSHIP_STAY, "admitted": "2024-06-01", "discharged": "2024-06-05"}),
                           now=datetime(2024, 6, 5, 9))
    void_settlement(store, linan.supervisor, settlement_id=dropped.settlement_id, reason="重复",
                    now=datetime(2024, 6, 5, 10))
    stored_settlement(store, number, "4000.00")
    result = run_family_cap(store, linan.supervisor, year=2024, now=RUN)
    # 2000.00 + 4000.00 = 6000.00 above the destitute cap 5000 -> 1000.00 (with the void it would be 3000.00)
    assert kept.result.patient_pays == D("2000.00")
    assert lines(result) == [{"household": "HV", "category": "destitute", "self_pay": "6000.00",
                              "cap": "5000.00", "payout": "1000.00"}]


def test_a_destitute_member_in_a_dibao_household_and_a_member_certified_mid_year(linan):
    """特困 is a person's cap, 低保 the household's pool; costs count only while a capped certificate is held."""
    store = linan.store
    poor = add_person(store, name="庚一", household="HG", memberships=(("destitute", date(2018, 1, 1), None),))
    mother = add_person(store, name="庚二", household="HG", memberships=(("dibao", date(2018, 1, 1), None),))
    # certified 低保 on 1 September 2024: her spring stay was paid while she held no certificate
    late = add_person(store, name="庚三", household="HG", memberships=(("dibao", date(2024, 9, 1), None),))
    stored_settlement(store, poor, "8000.00", discharged=date(2024, 3, 1))
    stored_settlement(store, mother, "20000.00", discharged=date(2024, 4, 1))
    stored_settlement(store, late, "40000.00", discharged=date(2024, 4, 1))
    stored_settlement(store, late, "15000.00", discharged=date(2024, 10, 1))
    result = run_family_cap(store, linan.supervisor, year=2024, now=RUN)
    # 庚一's own pool: 8000 - 5000 = 3000.00; the household's pool: 20000 + 15000 = 35000 (the April 40000 of
    # 庚三 before her certificate does not count) - 30000 = 5000.00; payout 8000.00
    # (pooled as before, 8000 + 20000 + 40000 + 15000 over the 5000 of 特困 would have paid 78000.00)
    assert lines(result) == [{"household": "HG", "category": "dibao", "self_pay": "43000.00", "cap": "30000.00",
                              "payout": "8000.00"}]
    assert [(p["pool"], p["over"]) for p in result["payouts"][0]["pools"]] == [(mask(poor), "3000.00"),
                                                                               ("household", "5000.00")]
