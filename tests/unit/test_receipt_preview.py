"""The 预览 stamp of a receipt rendered for the screen (no database): said in words, light on the page,
beside 补打 and 作废, and never on a receipt whose QR code verifies."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image, ImageChops
from test_receipt_pdf import D, enrollment, slip, text_of

from windowdesk.adapters.receipt_data import qr_message
from windowdesk.adapters.receipt_pdf import render_enrollment, render_slip

UNSIGNED = qr_message("S", "LG-01-00000001", [("T", D("36000")), ("R", D("31260")), ("P", D("4740"))])


def preview_slip(**changes):
    return slip(preview=True, qr_text=UNSIGNED, qr_signed=False, **changes)


def page_image(tmp_path, pdf: bytes, name: str) -> Image.Image:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", "60", "-singlefile", "-png", str(path), str(tmp_path / name)],
                   check=True)
    return Image.open(tmp_path / f"{name}.png").convert("L")


def test_preview_says_so_in_words_and_receipts_do_not(tmp_path):
    page = text_of(tmp_path, render_slip(preview_slip()), "-raw")
    assert page.count("预览") == 3  # the box at the top left, the light word across, the QR code's note
    assert "预览，不可核验" in page and "扫码核验" not in page and "未配置校验密钥" not in page
    assert "补打" not in page and "作废" not in page
    assert "基本医保统筹 33000.00 600.00 75% 24300.00" in page  # the figures are all there under the stamp
    original = text_of(tmp_path, render_slip(slip()), "-raw")
    assert "预览" not in original and "扫码核验" in original

    receipt = text_of(tmp_path, render_enrollment(enrollment(preview=True)), "-raw")
    assert receipt.count("预览") == 3 and "个人实缴 个人 50.00" in receipt
    assert "预览" not in text_of(tmp_path, render_enrollment(enrollment()), "-raw")


def test_preview_of_a_voided_reprint_shows_every_mark(tmp_path):
    page = text_of(tmp_path, render_slip(preview_slip(copy_no=3, voided=True)), "-raw")
    assert "补打 第2次" in page and "作废" in page and "预览" in page


def test_the_stamp_is_light_and_across_the_page(tmp_path):
    plain = page_image(tmp_path, render_slip(slip(qr_text=UNSIGNED, qr_signed=False)), "plain")
    stamped = page_image(tmp_path, render_slip(preview_slip()), "stamped")
    width, height = plain.size
    # Below the header (where the box is) and left of the QR code (where the note is): only the light word.
    box = (0, height // 5, int(width * 0.78), height)
    changed = ImageChops.difference(plain.crop(box), stamped.crop(box))
    histogram = changed.histogram()
    touched = sum(histogram[3:])
    assert touched > 0.04 * (box[2] - box[0]) * (box[3] - box[1])  # a large word over the page
    assert max(level for level, count in enumerate(histogram) if count) <= 40  # and a faint one


@pytest.mark.parametrize("make", [lambda: slip(preview=True), lambda: enrollment(preview=True, qr_signed=True)])
def test_a_preview_with_a_verifiable_qr_code_is_refused(make):
    with pytest.raises(ValueError, match="preview"):
        make()
