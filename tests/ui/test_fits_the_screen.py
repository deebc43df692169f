"""Every page fits a 1366x768 screen in both languages: the main window's minimum size with each page shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from uikit import desk
from windowkit import add_person

from windowdesk.ui import app as ui_app
from windowdesk.ui import language
from windowdesk.ui.main_window import MainWindow

SCREEN = (1366, 768)
# The window's frame and title bar, and a taskbar: what a maximised window loses of the screen's height.
FRAME_HEIGHT = 80


@pytest.fixture(params=[language.CHINESE, language.ENGLISH])
def lang(request, qapp, monkeypatch):
    monkeypatch.setenv(language.LANG_VARIABLE, request.param)
    assert ui_app.prepare(qapp) == request.param
    yield request.param
    language.install(qapp, language.CHINESE)


def too_big(main: MainWindow, lang: str) -> list[str]:
    """The pages with which the window would not fit the screen, with the size it would need."""
    found = []
    for index, (page, title, _key) in enumerate(main._pages):
        main.show_page(index)
        need = main.minimumSizeHint()
        if need.width() > SCREEN[0] or need.height() > SCREEN[1] - FRAME_HEIGHT:
            found.append(f"{lang} {title}: {need.width()}x{need.height()} (page {page.minimumSizeHint().width()})")
    return found


def test_every_page_fits_1366_by_768(qtbot, window, lang):
    main = MainWindow(desk(window, "admin"))  # the admin sees every page
    qtbot.addWidget(main)
    main.resize(*SCREEN)
    main.show()
    # The settlement page at its fullest: a trial's figures and notes, and errors at their fields.
    page = main.settlement_page
    qtbot.keyClicks(page.id_number, add_person(window.store))
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    for field, text in ((page.admitted, "20240301"), (page.discharged, "20240312"), (page.total, "36000"),
                        (page.out_of_catalog, "1800"), (page.partial_self_pay, "1200")):
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    assert page.steps_model.rowCount() > 3
    qtbot.keyClicks(page.discharged, "9")  # not a date: said under the field
    qtbot.keyClicks(page.partial_self_pay, "00000")  # above the total: said under the field
    assert page.form.errors.text(page.discharged) and page.form.errors.text(page.partial_self_pay)
    assert too_big(main, lang) == []


def test_a_page_too_wide_is_caught(qtbot, window):
    main = MainWindow(desk(window, "clerk"))
    qtbot.addWidget(main)
    main.enrollment_page.message.setWordWrap(False)
    main.enrollment_page.message.setText("W" * 400)  # one unbreakable line, wider than the screen
    assert [line.split(":")[0] for line in too_big(main, "zh_CN")] == [f"zh_CN {t}" for t in ("结算", "参保", "票据",
                                                                                                "查询", "花名册", "日结")]
