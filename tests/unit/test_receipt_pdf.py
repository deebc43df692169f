"""Receipts rendered to PDF (no database): every figure extractable, glyphs in the embedded font, marks,
page sizes, byte-identical output, size; the QR text's HMAC."""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from datetime import date, datetime
from decimal import Decimal

import pytest
from PIL import Image

from windowdesk.adapters import receipt_pdf
from windowdesk.adapters.receipt_data import (EnrollmentReceiptData, FundUse, SlipData, qr_message, sign, tier_lines,
                                              verify)
from windowdesk.adapters.receipt_pdf import FONT, register_font, render_enrollment, render_slip

D = Decimal
KEY = "8f" * 32
PRINTED = datetime(2024, 3, 12, 10, 5, 7)

# The stored steps of the dibao county stay of cli.md under longgang-2022 (hand computation in
# tests/integration/test_settlement_store.py): 24300 + 6960 reimbursed, 4740 paid by the patient.
STEPS = [
    {"tier": "basic", "base": "33000.00", "deductible": "600.00", "ratio": "0.75", "paid": "24300.00",
     "cap_hit": False},
    {"tier": "critical", "base": "8700.00", "deductible": "10000.00", "ratio": None, "paid": "0.00",
     "cap_hit": False, "note": "tilt"},
    {"tier": "assistance", "base": "8700.00", "deductible": "0.00", "ratio": "0.80", "paid": "6960.00",
     "cap_hit": False},
    {"tier": "supplementary", "base": "1740.00", "deductible": "5000.00", "ratio": "0.70", "paid": "0.00",
     "cap_hit": False, "name": "益康保", "note": "in_scope"},
    {"tier": "supplementary", "base": "1800.00", "deductible": "5000.00", "ratio": "0.60", "paid": "0.00",
     "cap_hit": False, "name": "益康保", "note": "out_of_catalog"},
    {"tier": "backstop", "base": "4740.00", "deductible": "40000.00", "ratio": "1.00", "paid": "0.00",
     "cap_hit": False, "name": "慈善医疗救助共富基金", "note": "annual_excess"},
]
# (label, base, deductible, ratio, paid) as each row must read on the page.
ROWS = [("基本医保统筹", "33000.00", "600.00", "75%", "24300.00"),
        ("大病保险", "8700.00", "10000.00", "—", "0.00"),
        ("医疗救助", "8700.00", "0.00", "80%", "6960.00"),
        ("益康保", "1740.00", "5000.00", "70%", "0.00"),
        ("益康保（目录外）", "1800.00", "5000.00", "60%", "0.00"),
        ("慈善医疗救助共富基金", "4740.00", "40000.00", "100%", "0.00")]


def slip(**changes) -> SlipData:
    base = dict(
        region="浙江省温州市龙港市", policy_name="龙港市 医保纾困·携手共富 2022", window_id="LG-01",
        window_name="芦浦镇医保窗口", receipt_no="LG-01-00000001", printed_at=PRINTED,
        settled_at=datetime(2024, 3, 12, 10, 0), clerk="clerk", patient_name="张三",
        id_masked="330383********1002", category_zh="低保对象", household="H001", kind_zh="住院",
        hospital="龙港市人民医院", level_zh="县级", in_region=True, referred=True, transfer=False, tilt=True,
        admitted=date(2024, 3, 1), discharged=date(2024, 3, 12), diagnosis="I63.9", total=D("36000.00"),
        out_of_catalog=D("1800.00"), partial_self_pay=D("1200.00"), in_scope=D("33000.00"),
        tiers=tier_lines(STEPS), reimbursed=D("31260.00"), patient_pays=D("4740.00"),
        ytd=(FundUse("基本医保统筹", D("24300.00"), D("150000.00")), FundUse("大病保险", D("0.00"), None, "不封顶"),
             FundUse("医疗救助", D("6960.00"), D("100000.00"))),
        qr_text=sign(qr_message("S", "LG-01-00000001", [("T", D("36000")), ("R", D("31260")), ("P", D("4740"))]),
                     KEY),
        qr_signed=True)
    base.update(changes)
    return SlipData(**base)


def enrollment(**changes) -> EnrollmentReceiptData:
    base = dict(
        region="浙江省温州市龙港市", policy_name="龙港市 医保纾困·携手共富 2022", window_id="LG-01",
        window_name="芦浦镇医保窗口", receipt_no="LG-01-00000002", printed_at=PRINTED, enrolled_on=date(2023, 12, 1),
        clerk="clerk", patient_name="王五", id_masked="330383********1010", category_zh="低保对象",
        household="H002", year=2024, contribution=D("380.00"),
        subsidies=(("医疗救助资助", D("130.00")), ("财政资助", D("200.00"))), person_pays=D("50.00"),
        insured_from=date(2024, 1, 1), insured_to=date(2024, 12, 31), qr_text="WD1:E:LG-01-00000002:C380.00",
        qr_signed=False)
    base.update(changes)
    return EnrollmentReceiptData(**base)


def _tool(tmp_path, pdf: bytes, *command: str) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    return subprocess.run([*command, str(path), *(["-"] if command[0] == "pdftotext" else [])],
                          capture_output=True, text=True, check=True).stdout


def text_of(tmp_path, pdf: bytes, mode: str = "-layout") -> str:
    return _tool(tmp_path, pdf, "pdftotext", mode)


def squeeze(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_text_holds_every_figure_of_the_slip(tmp_path, size):
    text = squeeze(text_of(tmp_path, render_slip(slip(page_size=size))))
    for label, base, deductible, ratio, paid in ROWS:
        assert f"\n{label} {base} {deductible} {ratio} {paid}" in text, label
    assert "医疗总费用 36000.00 全自费 1800.00 乙类先行自付/超限价 1200.00 政策范围内费用 33000.00" in text
    assert "报销合计 31260.00 综合保障比例 86.83% 个人自付 4740.00" in text
    assert "个人自付（大写） 肆仟柒佰肆拾元整" in text
    assert "基本医保统筹 150000.00 24300.00 125700.00" in text
    assert "大病保险 不封顶 0.00 —" in text
    assert "医疗救助 100000.00 6960.00 93040.00" in text
    for fact in ("医疗费用一站式结算单", "地区：浙江省温州市龙港市", "窗口：芦浦镇医保窗口（LG-01）",
                 "单据号：LG-01-00000001", "打印时间：2024-03-12 10:05:07", "结算时间：2024-03-12 10:00",
                 "姓名 张三", "身份证号 330383********1002", "人员类别 低保对象", "家庭户号 H001",
                 "就医机构 龙港市人民医院", "医院等级 县级", "就诊类别 住院", "入院日期 2024-03-01",
                 "出院日期 2024-03-12", "住院天数 11", "疾病诊断 I63.9", "转诊备案 是", "转院 否", "统筹区内",
                 "倾斜政策 享受", "经办人：clerk", "经办人签字", "患者或家属签字", "扫码核验"):
        assert fact in text, fact
    assert "补打" not in text and "作废" not in text and "未配置校验密钥" not in text


def test_unreferred_transfer_and_outpatient_read_as_such(tmp_path):
    data = slip(referred=False, in_region=False, transfer=True, previous_deductible=D("300.00"), tilt=False,
                inpatient=False, kind_zh="门诊慢特病")
    text = squeeze(text_of(tmp_path, render_slip(data)))
    assert "转诊备案 否 转院 是（前院起付 300.00） 就医地 统筹区外 倾斜政策 不享受" in text
    assert "就诊日期 2024-03-01" in text and "就诊类别 门诊慢特病" in text
    assert "住院天数" not in text and "入院日期" not in text and "出院日期" not in text  # one day: no stay


def test_every_character_is_in_the_embedded_font(tmp_path):
    face = register_font().face
    for pdf in (render_slip(slip(copy_no=2, voided=True)), render_enrollment(enrollment(copy_no=2))):
        text = text_of(tmp_path, pdf, "-raw")
        missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in face.charToGlyph})
        assert missing == []
        assert len({ch for ch in text if ord(ch) > 0x2E80}) > 100  # the Chinese really is on the page
        fonts = _tool(tmp_path, pdf, "pdffonts")
        ours = [line.split() for line in fonts.splitlines() if "WenQuanYiMicroHei" in line]
        assert ours and all(re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei-0", f[0]) for f in ours)
        assert all(f[-5:-2] == ["yes", "yes", "yes"] for f in ours)  # embedded, subset, with a ToUnicode map


def test_page_one_renders_ink_and_chinese(tmp_path):
    path = tmp_path / "slip.pdf"
    path.write_bytes(render_slip(slip()))
    subprocess.run(["pdftoppm", "-gray", "-r", "100", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = image.size
    assert (width, height) == (827, 583)  # A5 landscape at 100 dpi
    dark = sum(image.histogram()[:128])
    assert 0.02 < dark / (width * height) < 0.5
    # The title line, 医疗费用一站式结算单, is drawn: ten glyphs of ink that differ from one another
    # (a missing font shows ten identical boxes, or nothing).
    title = image.crop((0, 0, width, int(height * 0.09)))
    columns = [x for x in range(title.width) if any(title.getpixel((x, y)) < 128 for y in range(title.height))]
    assert columns and width * 0.3 < columns[0] and columns[-1] < width * 0.75
    glyphs = _split_runs(columns)
    shapes = {tuple(title.getpixel((x, y)) < 128 for x in range(a, b + 1) for y in range(title.height))
              for a, b in glyphs}
    assert len(glyphs) >= 8 and len(shapes) >= 8


def _split_runs(xs: list[int]) -> list[tuple[int, int]]:
    runs, start = [], xs[0]
    for prev, x in pairwise(xs):
        if x - prev > 2:
            runs.append((start, prev))
            start = x
    runs.append((start, xs[-1]))
    return runs


def test_reprint_and_void_marks(tmp_path):
    text = text_of(tmp_path, render_slip(slip(copy_no=3)), "-raw")
    assert "补打 第2次" in text and "作废" not in text
    text = text_of(tmp_path, render_slip(slip(voided=True)), "-raw")
    assert "作废" in text and "补打" not in text
    text = text_of(tmp_path, render_slip(slip(copy_no=2, voided=True)), "-raw")
    assert "作废" in text and "补打 第1次" in text


@pytest.mark.parametrize(("size", "points"), [("A5", "595.276 x 419.528"), ("A4", "595.276 x 841.89")])
def test_page_sizes_one_page_each(tmp_path, size, points):
    many = tier_lines(STEPS + [dict(STEPS[-1], name=f"兜底基金{i}") for i in range(3)])
    for data in (slip(page_size=size, tiers=many), enrollment(page_size=size)):
        info = _tool(tmp_path, render_slip(data) if isinstance(data, SlipData) else render_enrollment(data), "pdfinfo")
        assert f"Page size:       {points} pts" in info
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)


def test_same_slip_same_print_time_same_bytes(tmp_path):
    first, second = render_slip(slip()), render_slip(slip())
    assert first == second
    later = render_slip(slip(printed_at=datetime(2024, 3, 13, 9, 0, 0)))
    assert later != first
    assert b"/CreationDate (D:20240312100507)" in first and b"/ModDate (D:20240312100507)" in first
    assert render_enrollment(enrollment()) == render_enrollment(enrollment())


def test_size_within_80_kb():
    assert len(render_slip(slip(copy_no=2, voided=True))) <= 80 * 1024
    assert len(render_slip(slip(page_size="A4"))) <= 80 * 1024
    assert len(render_enrollment(enrollment())) <= 80 * 1024


def test_enrollment_receipt_holds_its_figures(tmp_path):
    text = squeeze(text_of(tmp_path, render_enrollment(enrollment())))
    for fact in ("2024年度城乡居民基本医疗保险参保缴费凭证", "单据号：LG-01-00000002", "登记日期：2023-12-01",
                 "姓名 王五", "身份证号 330383********1010", "人员类别 低保对象", "家庭户号 H002",
                 "个人缴费标准 — 380.00", "资助参保 医疗救助资助 130.00", "资助参保 财政资助 200.00",
                 "个人实缴 个人 50.00", "个人实缴（大写） 伍拾元整", "待遇享受期 2024-01-01 至 2024-12-31",
                 "未配置校验密钥", "患者或家属签字"):
        assert fact in text, fact


def test_unsigned_slip_says_no_key(tmp_path):
    data = slip(qr_text=qr_message("S", "LG-01-00000001", [("T", D("36000"))]), qr_signed=False)
    text = text_of(tmp_path, render_slip(data))
    assert "未配置校验密钥" in text and "扫码核验" not in text


def test_whole_id_numbers_are_refused():
    with pytest.raises(ValueError):
        slip(id_masked="330383196105021002")
    with pytest.raises(ValueError):
        enrollment(id_masked="33038319610502100X")


def test_qr_text_is_signed_and_verifiable():
    message = qr_message("S", "LG-01-00000001", [("T", D("36000")), ("R", D("31260.5")), ("P", D("4739.5"))])
    assert message == "WD1:S:LG-01-00000001:T36000.00:R31260.50:P4739.50"
    signed = sign(message, KEY)
    assert re.fullmatch(re.escape(message) + r":H[0-9A-F]{32}", signed)
    assert verify(signed, KEY)
    assert not verify(signed.replace("P4739.50", "P4000.00"), KEY)  # a changed figure
    assert not verify(signed, "00" * 32)  # another county's key
    assert sign(message, "") == message and not verify(message, KEY)


def test_qr_blocks_cover_exactly_the_dark_modules():
    amounts = [("T", D("136000")), ("R", D("131260")), ("P", D("4740"))]
    code = receipt_pdf._QrCode(sign(qr_message("S", "LG-01-00000001", amounts), KEY), 100)
    painted = set()
    for col, row, width, height in receipt_pdf._blocks(code.modules):
        cells = {(row + r, col + c) for r in range(height) for c in range(width)}
        assert not cells & painted  # no overlaps
        painted |= cells
    dark = {(r, c) for r, line in enumerate(code.modules) for c, v in enumerate(line) if v}
    assert painted == dark
    assert len(code.modules) == 33  # version 4 for 86 characters: the compact alphanumeric mode was used


def test_tier_lines_word_the_steps():
    lines = tier_lines([
        {"tier": "critical", "base": "60000.00", "deductible": "10000.00", "ratio": None, "paid": "32500.00",
         "cap_hit": True, "segments": [{"from": "10000.00", "to": "50000.00", "ratio": "0.65", "amount": "26000.00"},
                                       {"from": "50000.00", "to": "60000.00", "ratio": "0.75", "amount": "7500.00"}]},
        {"tier": "critical", "base": "90000.00", "deductible": "10000.00", "ratio": None, "paid": "64000.00",
         "cap_hit": False, "segments": [{"from": "10000.00", "to": "50000.00", "ratio": "0.80", "amount": "32000.00"},
                                        {"from": "50000.00", "to": "90000.00", "ratio": "0.80", "amount": "32000.00"}]},
        {"tier": "assistance", "base": "0.00", "deductible": "0.00", "ratio": None, "paid": "0.00",
         "cap_hit": False, "note": "category_not_covered"},
        {"tier": "backstop", "base": "0.00", "deductible": "0.00", "ratio": None, "paid": "0.00",
         "cap_hit": False, "name": "兜底基金", "note": "no_tilt"},
    ])
    assert [(t.label, t.base, t.deductible, t.ratio, t.paid, t.note) for t in lines] == [
        ("大病保险", D("60000.00"), D("10000.00"), "65%/75%", D("32500.00"), "已达年度封顶"),
        ("大病保险", D("90000.00"), D("10000.00"), "80%", D("64000.00"), ""),
        ("医疗救助", None, None, "—", D("0.00"), "本类人员不适用"),
        ("兜底基金", None, None, "—", D("0.00"), "不享受倾斜政策"),
    ]


def test_font_is_registered_once_under_our_name():
    assert register_font() is register_font()
    assert register_font().fontName == FONT
