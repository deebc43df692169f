"""打印预览 and 打印 from the window: PDFium (pypdfium2) renders the service's PDF and Qt paints it onto a
QPrinter (here one writing PDF files), a preview counts nothing, a print counts one paper and a second one is
a 补打 after confirmation."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from imekit import commit
from PIL import Image, ImageChops, ImageFilter, ImageStat
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog, QToolBar, QWidget
from reportlab.lib.pagesizes import A5, landscape
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select
from uikit import answered
from windowkit import add_person

from windowdesk.domain.case_json import parse_visit
from windowdesk.services import receipts, settings
from windowdesk.services.enrollment import enroll
from windowdesk.domain.problems import Refusal
from windowdesk.services.errors import NotFound
from windowdesk.services.keys import set_county_key
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import AuditEntry, Settlement
from windowdesk.ui import receipt_actions
from windowdesk.ui.pages.enrollment_page import EnrollmentPage
from windowdesk.ui.pages.settlement_page import SettlementPage
from windowdesk.ui.receipt_actions import ReceiptActions, new_printer, paint_pdf
from windowdesk.ui.operations import Desk

NOW = datetime(2024, 3, 12, 10, 0)
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
A5_LANDSCAPE, A4_PORTRAIT = (595, 420), (595, 842)  # points, rounded: Qt writes whole points


# --- helpers -----------------------------------------------------------------------------------------


def settled(window) -> str:
    number = add_person(window.store, name="李四")
    return settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW).settlement_id


def enrolled(window) -> str:
    number = add_person(window.store, name="王五", insured=None)
    return enroll(window.store, window.clerk, id_number=number, year=2025, on=date(2024, 11, 5)).receipt_no


def print_count(window, settlement_id: str) -> int:
    with window.store.reading() as s:
        return s.get(Settlement, settlement_id).print_count


def audit(window) -> list[tuple[str, str, int]]:
    """(action, target, copy) of every receipt entry of the audit log, in order."""
    with window.store.reading() as s:
        rows = s.execute(select(AuditEntry).where(AuditEntry.action.like("receipt.%")).order_by(AuditEntry.seq))
        return [(e.action, e.target, json.loads(e.detail)["copy"]) for e in rows.scalars()]


def all_entries(window) -> int:
    with window.store.reading() as s:
        return len(s.execute(select(AuditEntry.seq)).all())


def pdf_text(tmp_path, pdf: bytes) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> tuple[int, tuple[int, int]]:
    """(pages, (width, height) in whole points) of a PDF file, as pdfinfo reads it."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE).groups()
    return pages, (round(float(width)), round(float(height)))


def raster(path: Path, out: Path, page: int = 1, dpi: int = 150) -> Image.Image:
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-png",
                    str(path), str(out)], check=True)
    return Image.open(f"{out}.png").convert("L")


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean grey-level difference of two pages (cropped to the smaller: Qt rounds the page to whole points)."""
    box = (0, 0, min(a.width, b.width), min(a.height, b.height))
    soft = ImageFilter.GaussianBlur(2)
    return ImageStat.Stat(ImageChops.difference(a.crop(box).filter(soft), b.crop(box).filter(soft))).mean[0]


def pdf_printer(paper: str, path: Path) -> QPrinter:
    printer = new_printer(paper)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@dataclass
class Looked:
    title: str
    pages: int
    shot: QImage


def looking(qtbot, monkeypatch, actions: ReceiptActions, *, press_print: bool = False) -> list[Looked]:
    """The preview dialog shown (not run modally), looked at, then closed or its print button pressed."""
    seen: list[Looked] = []

    def show(dialog: QPrintPreviewDialog) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        widget = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: widget.pageCount() > 0)
        seen.append(Looked(dialog.windowTitle(), widget.pageCount(), dialog.grab().toImage()))
        if press_print:
            print_action(dialog).trigger()
        else:
            dialog.reject()

    monkeypatch.setattr(actions, "show_preview", show)
    return seen


def print_action(dialog: QPrintPreviewDialog):
    toolbar_actions = [a for bar in dialog.findChildren(QToolBar) for a in bar.actions()]
    return next(a for a in toolbar_actions if a.text() == "打印")  # Qt's own words, in Chinese


@pytest.fixture
def actions(qtbot, window):
    host = QWidget()
    qtbot.addWidget(host)
    return ReceiptActions(host, Desk(window.store, window.clerk))


# --- painting a PDF onto a printer -------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("A5", A5_LANDSCAPE), ("A4", A4_PORTRAIT)])
def test_the_printed_paper_is_the_slip_on_the_slips_paper(window, tmp_path, paper, size):
    sid = settled(window)
    with window.store.transaction() as tx:
        settings.put(tx.session, settings.PAGE_SIZE, paper)
    assert receipts.paper_size(window.store) == paper
    pdf = receipts.preview_settlement(window.store, window.clerk, settlement_id=sid)
    source, out = tmp_path / "source.pdf", tmp_path / "printed.pdf"
    source.write_bytes(pdf)

    assert paint_pdf(pdf_printer(paper, out), pdf) == 1
    assert pdf_info(out) == (1, size) == pdf_info(source)
    assert out.stat().st_size > 50_000  # a page of raster, not an empty sheet
    assert "jpeg" not in subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                                        check=True).stdout  # lossless: no JPEG blur on the figures
    # The paper looks like the slip: the same ink in the same places (both rasterised by poppler, softened
    # a little: the paper is a 300 dpi raster, the slip vector lines).
    printed, expected = raster(out, tmp_path / "printed"), raster(source, tmp_path / "expected")
    assert difference(printed, expected) < 4
    assert difference(Image.new("L", expected.size, 255), expected) > 12  # a blank sheet would not pass


def test_each_page_on_its_own_sheet(tmp_path):
    source, out = tmp_path / "two.pdf", tmp_path / "printed.pdf"
    canvas = Canvas(str(source), pagesize=landscape(A5))
    for _ in range(2):
        canvas.rect(100, 100, 200, 100, fill=1)
        canvas.showPage()
    canvas.save()
    assert paint_pdf(pdf_printer("A5", out), source.read_bytes()) == 2
    assert pdf_info(out) == (2, A5_LANDSCAPE)


def test_aspect_ratio_is_kept_on_other_paper(tmp_path):
    """An A5-landscape page, all black, on A4 portrait: full width, 420/595 of it high, centred."""
    source, out = tmp_path / "black.pdf", tmp_path / "printed.pdf"
    canvas = Canvas(str(source), pagesize=landscape(A5))
    canvas.rect(0, 0, *landscape(A5), fill=1)
    canvas.save()
    paint_pdf(pdf_printer("A4", out), source.read_bytes())
    image = raster(out, tmp_path / "page", dpi=50)
    left, top, right, bottom = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    width, height = image.size
    assert (left, right) == (0, width)
    assert abs((bottom - top) - width * 419.528 / 595.276) <= 2
    assert abs(top - (height - bottom)) <= 2


def test_an_unreadable_pdf_is_said_and_paints_nothing(tmp_path):
    out = tmp_path / "printed.pdf"
    with pytest.raises(receipt_actions.PrintFailed):
        paint_pdf(pdf_printer("A5", out), b"%PDF-1.4 not really")
    assert not out.exists()


# --- the preview: the next paper, stamped, counted nowhere ---------------------------------------------


def test_preview_of_the_service_is_stamped_and_counts_nothing(window, tmp_path):
    sid = settled(window)
    set_county_key(window.store, window.admin, key_hex="5a" * 32)
    before = all_entries(window)
    page = pdf_text(tmp_path, receipts.preview_settlement(window.store, window.clerk, settlement_id=sid))
    assert "预览" in page and "预览，不可核验" in page and "扫码核验" not in page  # its QR code does not verify
    assert "单据号：LG-01-00000001" in page and "补打" not in page
    assert print_count(window, sid) == 0 and all_entries(window) == before

    receipts.print_settlement(window.store, window.clerk, copy="paper", settlement_id=sid)
    void_settlement(window.store, window.supervisor, settlement_id=sid, reason="录入错误", now=NOW)
    before = all_entries(window)
    page = pdf_text(tmp_path, receipts.preview_settlement(window.store, window.clerk, settlement_id=sid))
    assert "补打 第1次" in page and "作废" in page and "预览" in page  # what the next paper would be
    assert print_count(window, sid) == 1 and all_entries(window) == before

    with pytest.raises(Refusal, match="settlement_not_found"):
        receipts.preview_settlement(window.store, window.clerk, settlement_id="no-such-id")


def test_enrollment_preview_counts_nothing(window, tmp_path):
    receipt_no = enrolled(window)
    before = all_entries(window)
    page = pdf_text(tmp_path, receipts.preview_enrollment(window.store, window.clerk, receipt_no=receipt_no))
    assert "参保缴费凭证" in page and "预览" in page and "补打" not in page
    receipts.print_enrollment(window.store, window.clerk, copy="paper", receipt_no=receipt_no)
    assert audit(window) == [("receipt.print", receipt_no, 1)]
    page = pdf_text(tmp_path, receipts.preview_enrollment(window.store, window.clerk, receipt_no=receipt_no))
    assert "补打 第1次" in page
    assert all_entries(window) == before + 1
    with pytest.raises(NotFound):
        receipts.preview_enrollment(window.store, window.clerk, receipt_no="LG-01-99999999")


def test_preview_dialog_shows_the_page_and_counts_nothing(qtbot, monkeypatch, window, actions, papers):
    sid = settled(window)
    actions.set_target("settlement", sid, "LG-01-00000001")
    seen = looking(qtbot, monkeypatch, actions)
    before = all_entries(window)

    actions.preview()
    answered()
    assert [(s.title, s.pages) for s in seen] == [("打印预览：票据 LG-01-00000001", 1)]
    assert seen[0].shot.width() >= 900
    assert print_count(window, sid) == 0 and all_entries(window) == before and papers == []


def test_the_preview_never_paints_on_paper(qtbot, window, actions, tmp_path):
    sid = settled(window)
    actions.set_target("settlement", sid, "LG-01-00000001")
    out = tmp_path / "paper.pdf"
    pdf = receipts.preview_settlement(window.store, window.clerk, settlement_id=sid)
    assert actions._paint_preview(pdf_printer("A5", out), pdf) is False
    assert not out.exists()


def test_the_previews_print_button_prints_a_counted_paper(qtbot, monkeypatch, window, actions, papers):
    sid = settled(window)
    actions.set_target("settlement", sid, "LG-01-00000001")
    seen = looking(qtbot, monkeypatch, actions, press_print=True)

    actions.preview()
    answered()
    assert len(seen) == 1 and len(papers) == 1
    assert pdf_info(papers[0]) == (1, A5_LANDSCAPE)
    assert print_count(window, sid) == 1 and audit(window) == [("receipt.print", sid, 1)]


# --- printing: the dialog, one counted paper, a 补打 after confirmation ---------------------------------


def test_print_counts_one_paper_and_a_second_is_a_confirmed_reprint(qtbot, monkeypatch, window, actions, papers):
    sid = settled(window)
    actions.set_target("settlement", sid, "LG-01-00000001")
    said: list[tuple[str, bool]] = []
    actions.message.connect(lambda text, error: said.append((text, error)))
    asked: list[str] = []
    answers = iter([False, True])
    monkeypatch.setattr(actions, "confirm_reprint", lambda text: asked.append(text) or next(answers))

    actions.print_pdf()
    answered()
    assert pdf_info(papers[0]) == (1, A5_LANDSCAPE) and papers[0].stat().st_size > 50_000
    assert print_count(window, sid) == 1 and audit(window) == [("receipt.print", sid, 1)]
    assert said[-1] == (f"票据 LG-01-00000001：已送打印机 {papers[0]}", False)
    assert asked == []

    actions.print_pdf()  # the clerk says no to a 补打: nothing counted, nothing printed
    answered()
    assert "已打印 1 次" in asked[0] and "补打" in asked[0]
    assert print_count(window, sid) == 1 and len(audit(window)) == 1 and not papers[1].exists()

    actions.print_pdf()
    answered()
    assert pdf_info(papers[2]) == (1, A5_LANDSCAPE)
    assert print_count(window, sid) == 2
    assert audit(window) == [("receipt.print", sid, 1), ("receipt.reprint", sid, 2)]
    assert said[-1] == (f"票据 LG-01-00000001（补打 第1次）：已送打印机 {papers[2]}", False)


def test_cancelled_print_dialog_counts_nothing(monkeypatch, window, actions):
    sid = settled(window)
    actions.set_target("settlement", sid, "LG-01-00000001")
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    actions.print_pdf()
    answered()
    assert print_count(window, sid) == 0 and audit(window) == []


def test_a_printer_that_fails_after_counting_says_the_next_is_a_reprint(monkeypatch, window, actions, tmp_path):
    sid = settled(window)
    actions.set_target("settlement", sid, "LG-01-00000001")
    said: list[tuple[str, bool]] = []
    actions.message.connect(lambda text, error: said.append((text, error)))

    def unwritable(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "no-such-folder" / "paper.pdf"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", unwritable)
    actions.print_pdf()
    answered()
    assert said == [("票据 LG-01-00000001 已计入打印次数，但未能送到打印机：请检查打印机后补打", True)]
    assert print_count(window, sid) == 1  # the copy number was used: the next paper must say 补打


# --- the pages' buttons --------------------------------------------------------------------------------


def test_settlement_page_previews_and_prints(qtbot, monkeypatch, window, papers):
    page = SettlementPage(Desk(window.store, window.clerk))
    qtbot.addWidget(page)
    page.show()
    assert not page.preview_button.isEnabled()  # nothing to preview before a settlement
    number = add_person(window.store, name="李四")
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    page.kind.setCurrentIndex(page.kind.findData("inpatient"))
    page.level.setCurrentIndex(page.level.findData("county"))
    qtbot.keyClicks(page.admitted, "20240301")
    qtbot.keyClicks(page.discharged, "20240312")
    commit(page.hospital, "龙港市人民医院")
    qtbot.keyClicks(page.diagnosis, "I63.9")
    qtbot.keyClicks(page.total, "36000")
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    assert page.receipt_no.text() == "LG-01-00000001" and page.preview_button.isEnabled()
    seen = looking(qtbot, monkeypatch, page.receipt)

    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert [s.pages for s in seen] == [1] and audit(window) == []
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert len(papers) == 1 and pdf_info(papers[0])[0] == 1
    assert page.message.text() == f"票据 LG-01-00000001：已送打印机 {papers[0]}"
    with window.store.reading() as s:
        sid = s.execute(select(Settlement.id)).scalar_one()
    assert audit(window) == [("receipt.print", sid, 1)]


def test_enrollment_page_previews_and_prints(qtbot, monkeypatch, window, papers):
    page = EnrollmentPage(Desk(window.store, window.clerk))
    qtbot.addWidget(page)
    page.show()
    number = add_person(window.store, name="王五", insured=None)
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    page.year.setValue(2025)
    page.on.setDate(QDate(2024, 11, 5))
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    assert page.receipt_no.text() == "LG-01-00000001"
    seen = looking(qtbot, monkeypatch, page.receipt)

    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert [(s.title, s.pages) for s in seen] == [("打印预览：票据 LG-01-00000001", 1)] and audit(window) == []
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert pdf_info(papers[0]) == (1, A5_LANDSCAPE)
    assert audit(window) == [("receipt.print", "LG-01-00000001", 1)]
