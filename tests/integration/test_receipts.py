"""Integration: printing slips and enrollment receipts through the store: copies counted, 补打 and 作废 on the
page, one audit entry per paper, settings (page size, county key) honoured, nothing counted when a print fails."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from windowkit import PASSWORD, add_person

from windowdesk.adapters.receipt_data import verify
from windowdesk.cli import receipt_cmd
from windowdesk.cli.errors import UsageError
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.problems import Refusal
from windowdesk.services import settings
from windowdesk.services.keys import set_county_key
from windowdesk.services.errors import InvalidInput, NotFound, Refused
from windowdesk.services.receipts import print_enrollment, print_settlement, slip_data
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, Enrollment, EnrollmentSubsidy, Person, Settlement
from windowdesk.wording.render import message

NOW = datetime(2024, 3, 12, 10, 0)
PRINT_AT = datetime(2024, 3, 12, 10, 5, 7)
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
KEY = "5a" * 32


def settled(window) -> str:
    number = add_person(window.store, name="李四")
    return settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW).settlement_id


def text(tmp_path, pdf: bytes) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", raw)


def print_count(window, settlement_id: str) -> int:
    with window.store.reading() as s:
        return s.get(Settlement, settlement_id).print_count


def entries(window) -> list[AuditEntry]:
    with window.store.reading() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def set_setting(window, var, value: str) -> None:
    with window.store.transaction() as tx:
        settings.put(tx.session, var, value)


def test_first_print_is_the_original_with_the_stored_figures(window, tmp_path):
    sid = settled(window)
    before = len(entries(window))
    out = tmp_path / "slip.pdf"
    printed = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, out=out, now=PRINT_AT)

    assert out.read_bytes() == printed.pdf
    assert (printed.copy_no, printed.reprint, printed.voided, printed.page_size) == (1, False, False, "A5")
    assert print_count(window, sid) == 1
    page = text(tmp_path, printed.pdf)
    for fact in ("单据号：LG-01-00000001", "打印时间：2024-03-12 10:05:07", "李四", "低保对象", "H001",
                 "龙港市人民医院", "基本医保统筹 33000.00 600.00 75% 24300.00", "医疗救助 8700.00 0.00 80% 6960.00",
                 "31260.00", "86.83%", "4740.00", "肆仟柒佰肆拾元整", "窗口：测试窗口（LG-01）",
                 "地区：浙江省温州市龙港市", "经办人：clerk"):
        assert fact in page, fact
    assert "补打" not in page and "作废" not in page
    with window.store.reading() as s:
        number = s.execute(select(Person.id_number).where(Person.name == "李四")).scalar_one()
    assert number not in page and f"{number[:6]}********{number[-4:]}" in page
    # Year to date after the visit against the caps of longgang-2022: basic 300000, critical with tilt
    # uncapped, assistance 100000 for dibao.
    assert "基本医保统筹 300000.00 24300.00 275700.00" in page
    assert "大病保险 不封顶 0.00 —" in page
    assert "医疗救助 100000.00 6960.00 93040.00" in page
    new = entries(window)[before:]
    assert [(e.action, e.target, e.user) for e in new] == [("receipt.print", sid, "clerk")]
    assert json.loads(new[0].detail) == {"kind": "settlement", "receipt_no": "LG-01-00000001", "copy": 1,
                                         "voided": False, "page_size": "A5"}


def test_a_second_paper_needs_reprint_and_says_so(window, tmp_path):
    sid = settled(window)
    print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    before = len(entries(window))

    with pytest.raises(Refused) as caught:
        print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    assert (caught.value.code, caught.value.field, caught.value.params["printed"]) == ("printed_already", "reprint", 1)
    assert message(caught.value.problem).endswith("如需再次打印请选择补打")
    assert print_count(window, sid) == 1 and len(entries(window)) == before

    first = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, reprint=True, now=PRINT_AT)
    second = print_settlement(window.store, window.supervisor, copy="paper", settlement_id=sid, reprint=True, now=PRINT_AT)
    assert (first.copy_no, second.copy_no) == (2, 3) and print_count(window, sid) == 3
    assert "补打 第1次" in text(tmp_path, first.pdf) and "补打 第2次" in text(tmp_path, second.pdf)
    new = entries(window)[before:]
    assert [(e.action, json.loads(e.detail)["copy"]) for e in new] == [("receipt.reprint", 2), ("receipt.reprint", 3)]
    assert [e.user for e in new] == ["clerk", "sup"]


def test_reprint_flag_on_an_unprinted_slip_gives_the_original(window, tmp_path):
    sid = settled(window)
    printed = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, reprint=True, now=PRINT_AT)
    assert printed.copy_no == 1 and "补打" not in text(tmp_path, printed.pdf)
    assert entries(window)[-1].action == "receipt.print"


def test_void_then_print_shows_void(window, tmp_path):
    sid = settled(window)
    print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    void_settlement(window.store, window.supervisor, settlement_id=sid, reason="录入错误", now=NOW)
    printed = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, reprint=True, now=PRINT_AT)
    page = text(tmp_path, printed.pdf)
    assert printed.voided and "作废" in page and "补打 第1次" in page
    assert json.loads(entries(window)[-1].detail)["voided"] is True


def test_same_print_time_gives_the_same_bytes(window):
    sid = settled(window)
    first = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    with window.store.transaction() as tx:  # as if that paper had never been printed
        tx.session.get(Settlement, sid).print_count = 0
    again = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    assert again.pdf == first.pdf


def test_page_size_and_county_key_settings(window, tmp_path):
    sid = settled(window)
    set_setting(window, settings.PAGE_SIZE, "A4")
    set_county_key(window.store, window.admin, key_hex=KEY)
    printed = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    assert printed.page_size == "A4" and printed.signed
    path = tmp_path / "a4.pdf"
    path.write_bytes(printed.pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89" in info
    page = text(tmp_path, printed.pdf)
    assert "扫码核验" in page and "未配置校验密钥" not in page


def test_without_county_key_the_slip_says_so(window, tmp_path):
    sid = settled(window)
    printed = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    assert not printed.signed and "未配置校验密钥" in text(tmp_path, printed.pdf)


def test_qr_signature_matches_the_stored_figures():
    """The builder the service uses, on a plain row: the QR signs the stored figures; without the policy
    that settled it, the caps are unknown and only what was used shows."""
    row = Settlement(receipt_no="LG-01-00000009", total=Decimal("36000.00"), reimbursed=Decimal("31260.00"),
                     patient_pays=Decimal("4740.00"), hospital="", hospital_level="county", kind="inpatient",
                     in_region=True, referred=True, transfer=False, previous_deductible=Decimal("0.00"),
                     admitted=NOW.date(), discharged=NOW.date(), diagnosis="", out_of_catalog=Decimal("0.00"),
                     partial_self_pay=Decimal("0.00"), in_scope=Decimal("36000.00"), voided=False,
                     created_at=NOW, created_by="clerk",
                     snapshot={"policy": {"id": "x", "name": "x", "region": "x"},
                               "window": {"id": "LG-01", "name": "w"},
                               "person": {"name": "张三", "id_number": "330383196105021002", "household": ""},
                               "category": "dibao", "category_zh": "低保对象",
                               "result": {"tilt": True, "steps": [], "year_to_date": {
                                   "basic_paid": "1.00", "critical_paid": "0.00", "assistance_paid": "0.00"}}})
    data = slip_data(row, printed_at=PRINT_AT, copy_no=1, key=KEY, page_size="A5", policy=None)
    assert data.qr_text.startswith("WD1:S:LG-01-00000009:T36000.00:R31260.00:P4740.00:H")
    assert verify(data.qr_text, KEY) and data.id_masked == "330383********1002"
    assert [(f.label, f.used, f.cap, f.remark) for f in data.ytd] == [
        ("基本医保统筹", Decimal("1.00"), None, "—"), ("大病保险", Decimal("0.00"), None, "—"),
        ("医疗救助", Decimal("0.00"), None, "—")]


def test_bad_settings_and_ids_are_refused_without_counting(window, tmp_path):
    sid = settled(window)
    before = len(entries(window))
    with pytest.raises(Refusal, match="settlement_not_found"):
        print_settlement(window.store, window.clerk, copy="paper", settlement_id="no-such-id", now=PRINT_AT)
    set_setting(window, settings.PAGE_SIZE, "Letter")
    with pytest.raises(InvalidInput, match="page_size_setting_invalid"):
        print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    set_setting(window, settings.PAGE_SIZE, "A5")
    key_file = window.store.key_file
    kept = key_file.read_bytes()
    key_file.write_text('{"format": "windowdesk-keys/1", "county_key": "not-hex-secret"}')
    with pytest.raises(InvalidInput, match="key_file_invalid") as caught:
        print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    assert "not-hex-secret" not in str(caught.value)
    key_file.write_bytes(kept)
    with pytest.raises(Refusal, match="folder_missing"):
        print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, out=tmp_path / "missing" / "x.pdf",
                         now=PRINT_AT)
    assert print_count(window, sid) == 0
    assert [e.action for e in entries(window)[before:]] == []
    assert list((tmp_path).glob(".x.pdf.*")) == []


def _enrolled(window) -> str:
    number = add_person(window.store, name="王五", household="H002")
    with window.store.transaction() as tx:
        s = tx.session
        person_id = s.execute(select(Person.id).where(Person.id_number == number)).scalar_one()
        row = s.execute(select(Enrollment).where(Enrollment.person_id == person_id)).scalar_one()
        row.contribution, row.person_pays = Decimal("380.00"), Decimal("50.00")
        s.add_all([EnrollmentSubsidy(enrollment_id=row.id, seq=1, fund="assistance", amount=Decimal("130.00")),
                   EnrollmentSubsidy(enrollment_id=row.id, seq=2, fund="finance", amount=Decimal("200.00"))])
        return row.receipt_no


def test_enrollment_receipt_print_and_reprint(window, tmp_path):
    receipt_no = _enrolled(window)
    before = len(entries(window))
    printed = print_enrollment(window.store, window.clerk, copy="paper", receipt_no=receipt_no, now=PRINT_AT)
    page = text(tmp_path, printed.pdf)
    for fact in ("2024年度城乡居民基本医疗保险参保缴费凭证", f"单据号：{receipt_no}", "王五", "低保对象", "H002",
                 "个人缴费标准 — 380.00", "资助参保 医疗救助资助 130.00", "资助参保 财政资助 200.00",
                 "个人实缴 个人 50.00", "伍拾元整", "2024-01-01 至 2024-12-31", "浙江省温州市龙港市"):
        assert fact in page, fact
    assert printed.copy_no == 1 and "补打" not in page

    with pytest.raises(Refused):
        print_enrollment(window.store, window.clerk, copy="paper", receipt_no=receipt_no, now=PRINT_AT)
    again = print_enrollment(window.store, window.clerk, copy="paper", receipt_no=receipt_no, reprint=True, now=PRINT_AT)
    assert again.copy_no == 2 and "补打 第1次" in text(tmp_path, again.pdf)
    assert [(e.action, e.target, json.loads(e.detail)["copy"]) for e in entries(window)[before:]] == [
        ("receipt.print", receipt_no, 1), ("receipt.reprint", receipt_no, 2)]
    with pytest.raises(NotFound):
        print_enrollment(window.store, window.clerk, copy="paper", receipt_no="LG-01-99999999", now=PRINT_AT)


def _cli(window, *argv: str) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db")
    common.add_argument("--json", action="store_true")
    common.add_argument("--user")
    parser = argparse.ArgumentParser()
    receipt_cmd.register(parser.add_subparsers(dest="command"), common)
    return parser.parse_args(["receipt", "--db", window.path, "--user", "clerk", *argv])


def test_cli_command_writes_the_file_and_reports_json(window, tmp_path, monkeypatch, capsys):
    sid = settled(window)
    monkeypatch.setenv("WINDOWDESK_PASSWORD", PASSWORD)
    out = tmp_path / "cli.pdf"
    # A file is an electronic copy unless --paper says it goes to a printer; any number of them.
    for n in (1, 2):  # the second over the first: --force (without it, refused and nothing counted)
        args = _cli(window, sid, "--out", str(out), "--json", *(["--force"] if n == 2 else []))
        if n == 2:
            refused = _cli(window, sid, "--out", str(out), "--json")
            with pytest.raises(Refusal, match="file_exists"):
                refused.handler(refused)
        assert args.handler(args) == 0
        report = json.loads(capsys.readouterr().out)
        assert report == {"settlement_id": sid, "receipt_no": "LG-01-00000001", "out": str(out), "copy": n,
                          "electronic": True, "reprint": False, "reprint_no": 0, "voided": False, "signed": False,
                          "page_size": "A5", "bytes": out.stat().st_size}
    assert "电子副本" in text(tmp_path, out.read_bytes()) and print_count(window, sid) == 0
    # By the receipt number printed on the slip, as a paper: the original, then a second one needs --reprint.
    args = _cli(window, "LG-01-00000001", "--out", str(out), "--paper", "--json", "--force")
    assert args.handler(args) == 0
    assert json.loads(capsys.readouterr().out)["copy"] == 1 and print_count(window, sid) == 1
    with pytest.raises(Refused):
        args.handler(args)
    args = _cli(window, sid, "--out", str(out), "--reprint", "--force")  # a reprint is a paper (cli.md's --reprint)
    assert args.handler(args) == 0
    assert "补打 第1次" in capsys.readouterr().out and "补打 第1次" in text(tmp_path, out.read_bytes())
    assert print_count(window, sid) == 2
    with pytest.raises(UsageError):
        args = _cli(window, "--out", str(out))
        args.handler(args)


def test_an_electronic_copy_is_marked_and_never_counted_as_the_paper(window, tmp_path):
    sid = settled(window)
    before = len(entries(window))
    saved = print_settlement(window.store, window.clerk, copy="electronic", settlement_id=sid,
                             out=tmp_path / "e.pdf", now=PRINT_AT)
    page = text(tmp_path, saved.pdf)
    assert "电子副本" in page and "原件" not in page and "补打" not in page
    assert "31260.00" in page and "单据号：LG-01-00000001" in page  # the same figures as the paper
    assert (saved.electronic, saved.copy_no, saved.reprint) == (True, 1, False)
    assert print_count(window, sid) == 0
    # The first paper after it is still the original, unmarked; a second electronic copy needs no reprint.
    paper = print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, now=PRINT_AT)
    paper_page = text(tmp_path, paper.pdf)
    assert paper.copy_no == 1 and "电子副本" not in paper_page and "补打" not in paper_page and "原件" not in paper_page
    again = print_settlement(window.store, window.clerk, copy="electronic", settlement_id=sid, now=PRINT_AT)
    assert again.copy_no == 2 and "补打" not in text(tmp_path, again.pdf)
    assert print_count(window, sid) == 1
    assert [(e.action, json.loads(e.detail)["copy"]) for e in entries(window)[before:]] == [
        ("receipt.electronic", 1), ("receipt.print", 1), ("receipt.electronic", 2)]
    from windowdesk.services.lookup import settlement_detail

    detail = settlement_detail(window.store, window.clerk, ref=sid)
    assert (detail.papers, detail.electronic_copies) == (1, 2)
    # A voided settlement's electronic copy says both.
    void_settlement(window.store, window.supervisor, settlement_id=sid, reason="录入错误", now=NOW)
    voided = print_settlement(window.store, window.clerk, copy="electronic", settlement_id=sid, now=PRINT_AT)
    assert {"电子副本", "作废"} <= set(re.findall("电子副本|作废", text(tmp_path, voided.pdf)))


def test_an_electronic_enrollment_receipt_is_not_a_paper(window, tmp_path):
    receipt_no = _enrolled(window)
    saved = print_enrollment(window.store, window.clerk, copy="electronic", receipt_no=receipt_no, now=PRINT_AT)
    assert "电子副本" in text(tmp_path, saved.pdf) and saved.electronic
    paper = print_enrollment(window.store, window.clerk, copy="paper", receipt_no=receipt_no, now=PRINT_AT)
    assert paper.copy_no == 1 and "电子副本" not in text(tmp_path, paper.pdf)
    with pytest.raises(ValueError):
        print_enrollment(window.store, window.clerk, copy="scan", receipt_no=receipt_no, now=PRINT_AT)


def test_slip_marks_settled_upstream_and_prints_one_line_per_relief_office(window, tmp_path):
    number = add_person(window.store, name="王五")
    visit = {**STAY, "settled_upstream": {"basic": "24000.00", "critical": "500.00"},
             "relief": {"temporary": "1000.00", "disabled": "200.00"}}
    sid = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(visit), now=NOW).settlement_id
    page = text(tmp_path, print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid, out=tmp_path / "s.pdf",
                                           now=PRINT_AT).pdf)
    # basic and critical as the platform settled them, marked; then one line per office of longgang-2022
    for fact in ("基本医保统筹 33000.00 0.00 — 24000.00 医保已结算", "大病保险 9000.00 0.00 — 500.00 医保已结算",
                 "民政临时救助 1000.00 0.00 — 1000.00", "慈善救助 0.00 0.00 — 0.00", "红十字会救助 0.00 0.00 — 0.00",
                 "残联补助 200.00 0.00 — 200.00"):
        assert fact in page, fact
