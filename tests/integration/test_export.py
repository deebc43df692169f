"""Integration: the monthly package: files and their contents, byte-identical re-export, HMAC, verification."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import select
from windowkit import add_person

from windowdesk.adapters import sealed
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.problems import Refusal
from windowdesk.services.enrollment import enroll
from windowdesk.services.errors import AuthError, InvalidInput, Refused
from windowdesk.services.export import export_period, open_package, verify_package
from windowdesk.services.keys import set_county_key
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, ExportPackage
from windowdesk.domain.problems import Problem
from windowdesk.wording.render import message

D = Decimal
KEY = "00112233445566778899aabbccddeeff"
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
SMALL = {"kind": "outpatient_special", "hospital_level": "township", "in_region": True, "diagnosis": "E11.9",
         "admitted": "2024-03-05", "discharged": "2024-03-05", "total": "100.00"}
# An ordinary person's costly stay: no tilt, no assistance, so most of it is self-pay (above 37,000).
COSTLY = {**STAY, "admitted": "2024-03-10", "discharged": "2024-03-20", "total": "150000.00",
          "out_of_catalog": "50000.00", "partial_self_pay": "0.00"}


def visit(base, **changes):
    return parse_visit({**base, **changes})


def machine_names(folder, table: str) -> dict[str, str]:
    """Chinese header -> machine name, from the package's manifest schema (as county tools read it)."""
    schema = json.loads((folder / "manifest.json").read_text("utf-8"))["schema"][table]
    return {entry["label"]: entry["name"] for entry in schema}


def plain_bytes(path, key: str = KEY) -> bytes:
    """A package file as the county reads it: `name` is sealed on disk as `name.sealed` (services/package_files)."""
    blob = path.with_name(path.name + ".sealed").read_bytes()
    return sealed.unseal(sealed.derive(bytes.fromhex(key), sealed.PACKAGE_ENCRYPTION), blob)


def read_csv(path) -> list[dict[str, str]]:
    data = plain_bytes(path)
    assert data.startswith(b"\xef\xbb\xbf")
    names = machine_names(path.parent, path.stem)
    return [{names[k]: v for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""))]


@pytest.fixture
def month(window, tmp_path):
    """March 2024 at LG-01: two settlements of a dibao person, a voided one, a costly one, a settlement voided
    in April, two enrollments; the April settlement is outside March."""
    store = window.store
    set_county_key(store, window.admin, key_hex=KEY)
    dibao = add_person(store, name="张三", diseases=("E11",))
    ordinary = add_person(store, name="李四", memberships=(), household="H002", diseases=("E11",))
    s1 = settle_visit(store, window.clerk, id_number=dibao, visit=visit(STAY), now=datetime(2024, 3, 12, 9))
    small = settle_visit(store, window.clerk, id_number=dibao, visit=visit(SMALL), now=datetime(2024, 3, 12, 10))
    void_settlement(store, window.supervisor, settlement_id=small.settlement_id, reason="录入错误",
                    now=datetime(2024, 3, 12, 11))
    costly = settle_visit(store, window.clerk, id_number=ordinary, visit=visit(COSTLY), now=datetime(2024, 3, 20, 9))
    s2 = settle_visit(store, window.clerk, id_number=dibao, visit=visit(STAY, admitted="2024-03-14",
                      discharged="2024-03-25", total="80000.00", out_of_catalog="40000.00", referred=False,
                      in_region=True), now=datetime(2024, 3, 25, 9))
    later_void = settle_visit(store, window.clerk, id_number=ordinary, visit=visit(SMALL, diagnosis="E11.9",
                              admitted="2024-03-28", discharged="2024-03-28"), now=datetime(2024, 3, 28, 9))
    void_settlement(store, window.supervisor, settlement_id=later_void.settlement_id, reason="重复结算",
                    now=datetime(2024, 4, 2, 9))
    settle_visit(store, window.clerk, id_number=dibao, visit=visit(SMALL, admitted="2024-04-03",
                 discharged="2024-04-03"), now=datetime(2024, 4, 3, 9))
    newcomer = add_person(store, name="王五", memberships=(("dibao", date(2024, 3, 1), None),), insured=None,
                          household="H003")
    payer = add_person(store, name="赵六", memberships=(), insured=None, household=None)
    e1 = enroll(store, window.clerk, id_number=newcomer, year=2024, on=date(2024, 3, 5), now=datetime(2024, 3, 5, 9))
    e2 = enroll(store, window.clerk, id_number=payer, year=2024, on=date(2024, 3, 6), now=datetime(2024, 3, 6, 9))
    return {"dibao": dibao, "ordinary": ordinary, "s1": s1, "small": small, "costly": costly, "s2": s2,
            "later_void": later_void, "newcomer": newcomer, "payer": payer, "e1": e1, "e2": e2,
            "out": tmp_path / "out-1"}


def test_package_holds_the_month_and_its_manifest_matches_the_files(window, month):
    manifest = export_period(window.store, window.supervisor, period="2024-03", out_dir=month["out"],
                             now=datetime(2024, 4, 5, 9))
    out = month["out"]
    assert (manifest["window_id"], manifest["period"], manifest["sequence"]) == ("LG-01", "2024-03", 1)
    names = [f["plain_name"] for f in manifest["files"]]
    # No family-cap batch ran in March: no payout list.
    assert names == ["settlements.csv", "settlements.xlsx", "enrollments.csv", "enrollments.xlsx",
                     "monitoring.csv", "monitoring.xlsx"]
    assert manifest["format"] == "windowdesk-package/2" and manifest["encryption"]["cipher"] == "AES-256-GCM"
    for entry in manifest["files"]:
        blob, data = (out / entry["name"]).read_bytes(), plain_bytes(out / entry["plain_name"])
        assert entry["name"] == entry["plain_name"] + ".sealed"
        assert entry["sha256"] == hashlib.sha256(blob).hexdigest() and blob.startswith(b"WDSEAL")
        assert entry["plain_sha256"] == hashlib.sha256(data).hexdigest() and entry["plain_bytes"] == len(data)
        assert entry["bytes"] == len(blob)
    assert json.loads((out / "manifest.json").read_text("utf-8")) == manifest
    # Nothing on the stick names a person: the files are sealed and the manifest holds counts and the schema.
    for path in out.iterdir():
        assert month["dibao"].encode() not in path.read_bytes() and "张三".encode() not in path.read_bytes()
        assert path.stat().st_mode & 0o077 == 0
    # The audit head as the month ended: the county keeps it as its anchor of this window's chain.
    with window.store.reading() as s:
        last = s.execute(select(AuditEntry).where(AuditEntry.at < "2024-04-01").order_by(AuditEntry.seq.desc())
                         ).scalars().first()
    assert manifest["audit_head"] == ({"seq": last.seq, "hash": last.hash} if last else
                                      {"seq": 0, "hash": "0" * 64})
    rows = {f["plain_name"]: f["rows"] for f in manifest["files"]}
    assert rows == {"settlements.csv": 5, "settlements.xlsx": 5, "enrollments.csv": 2, "enrollments.xlsx": 2,
                    "monitoring.csv": 2, "monitoring.xlsx": 2}

    settlements = read_csv(out / "settlements.csv")
    assert [r["settlement_id"] for r in settlements] == [month[k].settlement_id for k in
                                                          ("s1", "small", "costly", "s2", "later_void")]
    assert [r["receipt_no"] for r in settlements] == [f"LG-01-{n:08d}" for n in (1, 2, 3, 4, 5)]
    first = settlements[0]
    assert (first["id_number"], first["name"], first["household"], first["category"]) == \
        (month["dibao"], "张三", "H001", "低保对象")
    assert (first["total"], first["in_scope"], first["basic"], first["critical"], first["assistance"],
            first["reimbursed"], first["patient_pays"]) == \
        ("36000.00", "33000.00", "24300.00", "0.00", "6960.00", "31260.00", "4740.00")
    assert (first["ytd_basic_paid"], first["ytd_critical_base"], first["ytd_excess_base"]) == \
        ("24300.00", "8700.00", "4740.00")
    assert (first["settled_on"], first["settled_by"], first["voided"], first["voided_on"]) == \
        ("2024-03-12", "clerk", "否", "")
    assert (settlements[1]["voided"], settlements[1]["voided_on"]) == ("是", "2024-03-12")
    # Voided in April: still valid as March stood at its end.
    assert (settlements[4]["voided"], settlements[4]["voided_on"]) == ("否", "")

    enrollments = read_csv(out / "enrollments.csv")
    assert [(r["id_number"], r["category"], r["contribution"], r["person_pays"], r["fund"], r["subsidy"],
             r["insured_from"], r["receipt_no"]) for r in enrollments] == [
        (month["newcomer"], "低保对象", "600.00", "0.00", "finance", "600.00", "2024-04-01", month["e1"].receipt_no),
        (month["payer"], "普通参保人", "600.00", "600.00", "", "0.00", "2024-04-01", month["e2"].receipt_no)]


def test_monitoring_list_has_each_crossing_with_its_date(window, month):
    export_period(window.store, window.supervisor, period="2024-03", out_dir=month["out"])
    pays = {k: month[k].result.patient_pays for k in ("s1", "small", "costly", "s2")}
    # The scenario: the dibao person crosses 20,000 only with the second stay; the voided visit never counts.
    assert pays["s1"] < D("20000") <= pays["s1"] + pays["s2"]
    assert pays["costly"] >= D("37000")
    listed = read_csv(month["out"] / "monitoring.csv")
    assert [(r["id_number"], r["category"], r["rule"], r["threshold"], r["self_pay_ytd"], r["crossed_on"],
             r["settlement_id"], r["window_id"]) for r in listed] == [
        (month["ordinary"], "普通参保人", "因病致贫监测", "37000.00", str(pays["costly"]), "2024-03-20",
         month["costly"].settlement_id, "LG-01"),
        (month["dibao"], "低保对象", "因病返贫监测", "20000.00", str(pays["s1"] + pays["s2"]), "2024-03-25",
         month["s2"].settlement_id, "LG-01")]


def test_xlsx_keeps_id_and_receipt_numbers_as_text_and_amounts_exact(window, month):
    export_period(window.store, window.supervisor, period="2024-03", out_dir=month["out"])
    book = openpyxl.load_workbook(io.BytesIO(plain_bytes(month["out"] / "settlements.xlsx")))
    sheet = book["settlements"]
    names = machine_names(month["out"], "settlements")
    header = [names[c.value] for c in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2])}
    assert row["id_number"].value == month["dibao"] and row["id_number"].data_type == "s"
    assert row["receipt_no"].value == "LG-01-00000001" and row["receipt_no"].data_type == "s"
    assert row["total"].data_type == "n" and row["total"].number_format == "0.00"
    # The stored text of an amount is exactly the amount (openpyxl alone would go through float).
    with zipfile.ZipFile(io.BytesIO(plain_bytes(month["out"] / "settlements.xlsx"))) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<v>36000.00</v>" in xml and "<v>24300.00</v>" in xml
    assert sheet.max_row == 6
    enrollments = openpyxl.load_workbook(io.BytesIO(plain_bytes(month["out"] / "enrollments.xlsx")))["enrollments"]
    assert {c.data_type for c in enrollments["C"][1:]} == {"s"}


def test_exporting_the_same_month_again_is_byte_identical(window, month, tmp_path):
    first = export_period(window.store, window.supervisor, period="2024-03", out_dir=month["out"],
                          now=datetime(2024, 4, 5, 9))
    april = export_period(window.store, window.supervisor, period="2024-04", out_dir=tmp_path / "april",
                          now=datetime(2024, 5, 2, 9))
    again = export_period(window.store, window.supervisor, period="2024-03", out_dir=tmp_path / "out-2",
                          now=datetime(2024, 6, 30, 17))
    assert again == first and april["sequence"] == 2
    for name in [f["name"] for f in first["files"]] + ["manifest.json"]:
        assert (tmp_path / "out-2" / name).read_bytes() == (month["out"] / name).read_bytes(), name
    with window.store.reading() as s:
        packages = s.execute(select(ExportPackage.period, ExportPackage.sequence)
                             .order_by(ExportPackage.sequence)).all()
        actions = s.execute(select(AuditEntry.action).where(AuditEntry.action == "export.package")).scalars().all()
    assert packages == [("2024-03", 1), ("2024-04", 2)]
    assert len(actions) == 3
    # April carries the April void of a March settlement, now voided, and April's own settlement.
    rows = read_csv(tmp_path / "april" / "settlements.csv")
    assert (rows[0]["settlement_id"], rows[0]["voided"], rows[0]["voided_on"]) == \
        (month["later_void"].settlement_id, "是", "2024-04-02")
    assert len(rows) == 2 and rows[1]["settled_on"] == "2024-04-03"


def test_verify_accepts_the_package_and_rejects_alterations_with_the_reason(window, month):
    out = month["out"]
    export_period(window.store, window.supervisor, period="2024-03", out_dir=out)
    report = verify_package(window.store, out)
    assert (report["ok"], report["problems"], report["period"], report["sequence"]) == (True, [], "2024-03", 1)

    name = "settlements.csv.sealed"
    original = (out / name).read_bytes()
    flipped = bytearray(original)
    flipped[len(flipped) // 2] ^= 1
    (out / name).write_bytes(bytes(flipped))
    report = verify_package(window.store, out)
    assert report["ok"] is False
    assert report["problems"] == [Problem("package_file_altered", name, {"name": name})]
    assert message(report["problems"][0]) == f"文件 {name} 与清单的 SHA-256 不符：文件被改动过"
    (out / name).write_bytes(original)

    (out / "monitoring.xlsx.sealed").unlink()
    assert [p.code for p in verify_package(window.store, out)["problems"]] == ["package_file_missing"]


def test_a_manifest_too_deep_or_too_large_is_a_finding_not_a_crash(window, month):
    out = month["out"]
    export_period(window.store, window.supervisor, period="2024-03", out_dir=out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    (out / "manifest.json").write_text(json.dumps({**manifest, "extra": "[" * 10_000}), encoding="utf-8")
    assert verify_package(window.store, out)["problems"][0].code == "package_hmac_mismatch"  # brackets in text
    deep = json.dumps(manifest)[:-1] + ', "extra": ' + 32 * "[" + 32 * "]" + "}"  # 33 levels with its own
    (out / "manifest.json").write_text(deep, encoding="utf-8")
    report = verify_package(window.store, out)
    assert report["problems"] == [Problem("package_manifest_too_deep", "manifest.json", {"maximum": 32})]
    assert message(report["problems"][0]) == "数据包清单 manifest.json 的 JSON 嵌套超过 32 层，不是本系统生成的清单"
    (out / "manifest.json").write_text(json.dumps({**manifest, "extra": "x" * (1 << 20)}), encoding="utf-8")
    report = verify_package(window.store, out)
    assert report["problems"] == [Problem("package_manifest_too_large", "manifest.json", {"maximum": 1 << 20})]
    assert message(report["problems"][0]) == \
        "数据包清单 manifest.json 超过 1048576 字节，不是本系统生成的清单"


def test_an_altered_manifest_fails_the_hmac(window, month):
    out = month["out"]
    export_period(window.store, window.supervisor, period="2024-03", out_dir=out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    # Whoever alters a file and writes its new hash into the manifest still cannot sign it.
    name = "settlements.csv.sealed"
    (out / name).write_bytes((out / name).read_bytes() + b"x\r\n")
    manifest["files"][0]["sha256"] = hashlib.sha256((out / name).read_bytes()).hexdigest()
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = verify_package(window.store, out)
    assert report["ok"] is False
    assert [(p.code, p.field) for p in report["problems"]] == [("package_hmac_mismatch", "manifest.json"),
                                                                ("sealed_tampered", name)]


def test_a_package_signed_with_another_key_is_rejected(window, month):
    out = month["out"]
    export_period(window.store, window.supervisor, period="2024-03", out_dir=out)
    set_county_key(window.store, window.admin, key_hex="ff" * 16)
    report = verify_package(window.store, out)
    assert report["ok"] is False and report["problems"][0].code == "package_hmac_mismatch"
    (out / "manifest.json").unlink()
    assert verify_package(window.store, out)["problems"] == [Problem("package_manifest_missing", "manifest.json")]


def test_export_without_a_county_key_is_refused_and_writes_nothing(window, tmp_path):
    with pytest.raises(Refused, match="county_key_missing"):
        export_period(window.store, window.supervisor, period="2024-03", out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with window.store.reading() as s:
        assert s.execute(select(ExportPackage)).first() is None


def test_roles_period_and_key_are_checked(window, tmp_path):
    with pytest.raises(AuthError):
        set_county_key(window.store, window.supervisor, key_hex=KEY)
    with pytest.raises(InvalidInput, match="county_key_not_hex"):
        set_county_key(window.store, window.admin, key_hex="not a key")
    with pytest.raises(InvalidInput, match="county_key_too_short minimum=32"):
        set_county_key(window.store, window.admin, key_hex="00ff")
    result = set_county_key(window.store, window.admin, key_hex=KEY.upper())
    assert len(result["key_id"]) == 16 and KEY not in json.dumps(result)
    with window.store.reading() as s:
        detail = s.execute(select(AuditEntry.detail).where(AuditEntry.action == "county_key.set")).scalar_one()
    assert KEY not in detail
    with pytest.raises(AuthError):
        export_period(window.store, window.clerk, period="2024-03", out_dir=tmp_path / "out")
    for bad in ("2024-13", "2024-3", "March"):
        with pytest.raises(InvalidInput, match="period_invalid"):
            export_period(window.store, window.supervisor, period=bad, out_dir=tmp_path / "out")


def test_a_december_discharge_settled_in_january_reaches_januarys_package(window, tmp_path):
    """The crossing belongs to 2024 (its discharge year) and is recorded in January 2025: December's package
    cannot know it, January's lists it (the list of January's year alone, 2025, lost it)."""
    store = window.store
    set_county_key(store, window.admin, key_hex=KEY)
    ordinary = add_person(store, name="李四", memberships=(), household="H002")
    late = settle_visit(store, window.clerk, id_number=ordinary, now=datetime(2025, 1, 5, 9),
                        visit=visit(COSTLY, admitted="2024-12-18", discharged="2024-12-28"))
    assert late.result.patient_pays >= D("37000")
    export_period(store, window.supervisor, period="2024-12", out_dir=tmp_path / "dec", now=datetime(2025, 1, 2))
    assert read_csv(tmp_path / "dec" / "monitoring.csv") == []
    export_period(store, window.supervisor, period="2025-01", out_dir=tmp_path / "jan", now=datetime(2025, 2, 2))
    listed = read_csv(tmp_path / "jan" / "monitoring.csv")
    assert [(r["id_number"], r["rule"], r["self_pay_ytd"], r["crossed_on"], r["settlement_id"])
            for r in listed] == [(ordinary, "因病致贫监测", str(late.result.patient_pays), "2024-12-28",
                                  late.settlement_id)]
    # February knows it from January already: not listed again.
    export_period(store, window.supervisor, period="2025-02", out_dir=tmp_path / "feb", now=datetime(2025, 3, 2))
    assert read_csv(tmp_path / "feb" / "monitoring.csv") == []


def test_county_staff_read_chinese_headers_and_words_while_the_manifest_keeps_the_machine_names(window, month):
    manifest = export_period(window.store, window.supervisor, period="2024-03", out_dir=month["out"],
                             now=datetime(2024, 4, 5, 9))
    raw = plain_bytes(month["out"] / "settlements.csv")[3:].decode("utf-8").splitlines()
    assert raw[0].startswith("结算单ID,窗口编号,单据号,身份证号,姓名,户号,年度,人员类别,享受倾斜,就诊类别,")
    assert ",低保对象,是,inpatient," in raw[1]
    sheet = openpyxl.load_workbook(io.BytesIO(plain_bytes(month["out"] / "monitoring.xlsx")))["monitoring"]
    assert [c.value for c in sheet[1]][:5] == ["身份证号", "姓名", "户号", "人员类别", "监测类型"]
    assert sheet["D2"].value == "普通参保人"
    schema = manifest["schema"]
    assert list(schema) == ["settlements", "enrollments", "monitoring"]
    assert schema["settlements"][8] == {"name": "tilt", "label": "享受倾斜", "kind": "flag"}
    assert manifest["complete"] is True and "as_of" not in manifest


def test_the_unfinished_month_is_exported_only_when_confirmed_and_says_so(window, month, tmp_path):
    with pytest.raises(Refusal) as refused:
        export_period(window.store, window.supervisor, period="2024-04", out_dir=tmp_path / "apr",
                      now=datetime(2024, 4, 30, 17))
    assert (refused.value.code, refused.value.field, dict(refused.value.params)) == \
        ("period_unfinished", "period", {"period": "2024-04", "last_day": "2024-04-30"})
    assert not (tmp_path / "apr").exists()
    manifest = export_period(window.store, window.supervisor, period="2024-04", out_dir=tmp_path / "apr",
                             now=datetime(2024, 4, 30, 17), unfinished=True)
    assert (manifest["complete"], manifest["as_of"]) == (False, "2024-04-30")
    assert json.loads((tmp_path / "apr" / "manifest.json").read_text("utf-8"))["complete"] is False


def test_the_county_opens_a_verified_package_into_plain_files(window, month, tmp_path):
    out = month["out"]
    manifest = export_period(window.store, window.supervisor, period="2024-03", out_dir=out,
                             now=datetime(2024, 4, 5, 9))
    opened = open_package(window.store, window.supervisor, directory=out, out_dir=tmp_path / "plain")
    assert [f["name"] for f in opened["files"]] == [f["plain_name"] for f in manifest["files"]]
    for entry in manifest["files"]:
        data = (tmp_path / "plain" / entry["plain_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["plain_sha256"]
    assert month["dibao"].encode() in (tmp_path / "plain" / "settlements.csv").read_bytes()
    with pytest.raises(InvalidInput, match="file_exists"):  # opened once: not over the files without --force
        open_package(window.store, window.supervisor, directory=out, out_dir=tmp_path / "plain")
    open_package(window.store, window.supervisor, directory=out, out_dir=tmp_path / "plain", force=True)
    # A package that does not verify is not opened at all.
    blob = bytearray((out / "enrollments.xlsx.sealed").read_bytes())
    blob[-1] ^= 0x80
    (out / "enrollments.xlsx.sealed").write_bytes(bytes(blob))
    with pytest.raises(InvalidInput, match="package_file_altered"):
        open_package(window.store, window.supervisor, directory=out, out_dir=tmp_path / "plain-2")
    assert not (tmp_path / "plain-2").exists()


def test_a_sealed_file_swapped_for_another_months_is_refused(window, month, tmp_path):
    """Each file is signed through the manifest: a sealed file of another package, even one that decrypts, is
    not this package's."""
    export_period(window.store, window.supervisor, period="2024-03", out_dir=month["out"], now=datetime(2024, 5, 2))
    export_period(window.store, window.supervisor, period="2024-04", out_dir=tmp_path / "apr", now=datetime(2024, 5, 2))
    name = "settlements.csv.sealed"
    (month["out"] / name).write_bytes((tmp_path / "apr" / name).read_bytes())
    assert [p.code for p in verify_package(window.store, month["out"])["problems"]] == ["package_file_altered"]
