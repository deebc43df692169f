"""Renders the README's screenshots: the window's main pages on the demo database, offscreen, at 1366x768.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

The demo database is built afresh in a temporary folder (services.demo), so the pictures show the same
people and figures on every machine. Each page is shown as the clerk would leave it (a trial typed on the
settlement page, the person looked up, the settlements found) and grabbed as a PNG.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("WINDOWDESK_LANG", None)  # the pictures show the window as it opens: in Chinese

from PySide6.QtCore import Qt  # noqa: E402 (after the platform is chosen)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from windowdesk.services.auth import Actor  # noqa: E402
from windowdesk.services.demo import build_demo  # noqa: E402
from windowdesk.services.setup import open_store  # noqa: E402
from windowdesk.ui.app import prepare  # noqa: E402
from windowdesk.ui.first_run_wizard import FirstRunWizard  # noqa: E402
from windowdesk.ui.login_dialog import LoginDialog  # noqa: E402
from windowdesk.ui.main_window import MainWindow  # noqa: E402
from windowdesk.ui.operations import Desk, tasks  # noqa: E402

SCREEN = (1366, 768)


def settle(app: QApplication) -> None:
    """Until every op the window started has answered, then paint."""
    tasks().wait_idle()
    for _ in range(3):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    if not widget.grab().save(str(path), "PNG"):
        raise SystemExit(f"cannot write {path}")
    print(path)


def first_person(store) -> str:
    """The demo roster's first ID number (the script reads the demo database; the window never does this)."""
    from sqlalchemy import select

    from windowdesk.store.models import Person

    with store.reading() as session:
        return session.execute(select(Person.id_number).order_by(Person.id_number)).scalars().first()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("windowdesk")
    prepare(app)
    with tempfile.TemporaryDirectory(prefix="windowdesk-shots-") as folder:
        db = Path(folder) / "windowdesk-demo.sqlite"
        build_demo(db)
        store = open_store(str(db))
        try:
            shoot(app, store, Path(folder), out)
        finally:
            tasks().wait_idle()
            store.engine.dispose()
    return 0


def shoot(app: QApplication, store, folder: Path, out: Path) -> None:
    wizard = FirstRunWizard(str(folder / "new" / "windowdesk.sqlite"))
    wizard.resize(720, 520)
    wizard.show()
    wizard.next()
    wizard.window_page.window_id.setText("LG-09")
    wizard.window_page.window_name.setText("龙港市芦浦镇一站式结算窗口")
    wizard.next()
    settle(app)
    grab(app, wizard, out / "first-run-policy.png")
    wizard.close()

    login = LoginDialog(store, user="clerk")
    login.show()
    grab(app, login, out / "login.png")
    login.close()

    window = MainWindow(Desk(store, Actor("admin", "admin")))
    window.resize(*SCREEN)
    window.show()
    settle(app)
    number = first_person(store)
    pages = {page: index for index, (page, _title, _key) in enumerate(window._pages)}

    page = window.settlement_page
    window.show_page(pages[page])
    QTest.keyClicks(page.id_number, number)
    QTest.keyClick(page.id_number, Qt.Key.Key_Return)
    settle(app)
    page.kind.setCurrentIndex(page.kind.findData("inpatient"))
    page.level.setCurrentIndex(page.level.findData("county"))
    page.admitted.setText("20261102")
    page.discharged.setText("20261116")
    page.hospital.setText("龙港市人民医院")
    page.diagnosis.setText("I63.9")
    page.total.setText("46000")
    page.out_of_catalog.setText("2300")
    page.partial_self_pay.setText("1500")
    page.run_trial()
    grab(app, window, out / "settlement.png")

    page = window.records_page
    window.show_page(pages[page])
    page.find()
    settle(app)
    if page.model.rowCount():
        page.open(0)
    grab(app, window, out / "receipts.png")

    page = window.person_page
    window.show_page(pages[page])
    QTest.keyClicks(page.query, number)
    QTest.keyClick(page.query, Qt.Key.Key_Return)
    grab(app, window, out / "person.png")

    page = window.reports_page
    window.show_page(pages[page])
    page.year.setValue(2026)
    page.run()
    grab(app, window, out / "reports.png")

    page = window.settings_page
    window.show_page(pages[page])
    grab(app, window, out / "settings.png")

    window.show_page(pages[window.users_page])
    grab(app, window, out / "users.png")
    window.close()


if __name__ == "__main__":
    sys.exit(main())
