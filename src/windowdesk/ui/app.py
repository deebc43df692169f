"""Starting the window: Qt application, the shipped Chinese font, the language, the database, login, main window."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ..adapters.out_files import private_umask
from ..resources import resources_dir
from ..services.errors import NotInitialised, ServiceError
from ..services.setup import open_store
from . import language
from .collector import GuiThreadCollector
from .messages import error_text
from .operations import Desk

log = logging.getLogger(__name__)

FONT_FILE = "fonts/wqy-microhei.ttc"
FONT_POINT_SIZE = 10


def init_hint() -> str:
    return QCoreApplication.translate("app", "请管理员先在命令行初始化本窗口的数据库：\n"
                                      "windowdesk init --policy 政策编号 --window 窗口编号 --name 窗口名称 "
                                      "--admin 管理员用户名")


def install_font(app: QApplication) -> str:
    """Register the shipped WenQuanYi Micro Hei and make it the application font (the target PCs,
    and this build machine, may have no Chinese font: Qt would draw boxes). Returns the family used."""
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load %s: Chinese text may not render", FONT_FILE)
        return app.font().family()
    app.setFont(QFont(families[0], FONT_POINT_SIZE))
    return families[0]


def prepare(app: QApplication, lang: str | None = None) -> str:
    """The font, and the language: `lang`, else the PC's WINDOWDESK_LANG (Chinese by default). Returns it."""
    install_font(app)
    return language.install(app, lang or language.chosen())


def tell(text: str) -> None:
    """A blocking message before the main window exists (tests replace it)."""
    QMessageBox.critical(None, QCoreApplication.translate("app", "一站式结算窗口"), text)


def ask(text: str) -> bool:
    """A yes/no question before the main window exists (tests replace it): True for the first choice."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("app", "一站式结算窗口"), text)
    restore = box.addButton(QCoreApplication.translate("app", "用该备份恢复"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("app", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def check_at_start(db: str | None) -> bool:
    """The database's quick check before anything opens it; a damaged one is said in Chinese and the last good
    backup offered. True when the window may go on (whole, or restored)."""
    from ..services.maintenance import restore
    from ..services.start_check import check_on_start

    found = check_on_start(db)
    if found.ok:
        return True
    log.error("the database fails its quick check: %s", "; ".join(found.messages)[:300])
    damaged = QCoreApplication.translate("app", "数据库文件已损坏（完整性检查未通过）：{0}").format(found.database)
    if found.last_good_backup is None:
        tell(damaged + "\n\n" + QCoreApplication.translate("app", "没有找到可用的备份，请联系管理员"))
        return False
    question = QCoreApplication.translate(
        "app", "最近一个完好的备份：{0}\n是否用它恢复？当前的数据库文件会先另存一份。").format(found.last_good_backup)
    if not ask(damaged + "\n\n" + question):
        return False
    try:
        restore(db, found.last_good_backup, actor=None, passphrase=os.environ.get("WINDOWDESK_BACKUP_PASSPHRASE"))
    except ServiceError as exc:  # an admin can still log in to the damaged file: the command line, then
        tell(error_text(exc) + "\n\n" + QCoreApplication.translate(
            "app", "请管理员在命令行恢复：windowdesk restore {0} --user 管理员用户名").format(found.last_good_backup))
        return False
    tell(QCoreApplication.translate("app", "已从备份恢复：{0}").format(found.last_good_backup))
    return True


def run_event_loop(app: QApplication) -> int:
    return app.exec()


def main(db: str | None) -> int:
    private_umask()  # what the window writes is readable by the user alone (adapters.out_files)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("windowdesk")
    prepare(app)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "一站式结算窗口"))
    if not check_at_start(db):
        return 1
    try:
        store = open_store(db)
    except NotInitialised as exc:
        tell(f"{error_text(exc)}\n\n{init_hint()}")
        return 2
    except ServiceError as exc:
        tell(error_text(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 (an unreadable file, a server down: said, not a traceback)
        log.error("cannot open the database: %s", type(exc).__name__)
        tell(QCoreApplication.translate("app", "无法打开数据库（{0}），请联系管理员").format(type(exc).__name__))
        return 1
    # Imported here so that a start without a database does not build the pages.
    from .login_dialog import LoginDialog
    from .main_window import MainWindow

    login = LoginDialog(store)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        store.engine.dispose()
        return 0
    window = MainWindow(Desk(store, login.actor))
    window.show()
    collector = GuiThreadCollector(app)  # pages run long work on pool threads: collect on this one only
    collector.start()
    try:
        return run_event_loop(app)
    finally:
        collector.stop()
        collector.deleteLater()
        store.engine.dispose()
