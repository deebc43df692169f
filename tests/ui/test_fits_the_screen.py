"""Every page fits a 1366x768 screen in both languages: the main window's minimum size with each page shown."""

from __future__ import annotations

import pytest
from uikit import desk

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


def test_every_page_fits_1366_by_768(qtbot, window, lang):
    main = MainWindow(desk(window, "supervisor"))  # the supervisor sees every page
    qtbot.addWidget(main)
    main.resize(*SCREEN)
    main.show()
    too_big = []
    for index, (page, title, _key) in enumerate(main._pages):
        main.show_page(index)
        qtbot.wait(1)
        need = main.minimumSizeHint()
        if need.width() > SCREEN[0] or need.height() > SCREEN[1] - FRAME_HEIGHT:
            too_big.append(f"{lang} {title}: {need.width()}x{need.height()} (page {page.minimumSizeHint().width()})")
    assert too_big == []
