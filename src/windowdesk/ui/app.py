"""Starting the window: Qt application, the shipped Chinese font, the language, the database, login, main window."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ..adapters.out_files import private_umask
from ..resources import resources_dir
from ..services.errors import NotInitialised, ServiceError
from ..services.setup import open_store
from . import language, startup_probe
from .collector import GuiThreadCollector
from .messages import error_text
from .operations import Desk

log = logging.getLogger(__name__)

FONT_FILE = "fonts/wqy-microhei.ttc"
FONT_POINT_SIZE = 10


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
    from ..services.backup_seal import passphrase_from_env
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
        restore(db, found.last_good_backup, actor=None, passphrase=passphrase_from_env())
    except ServiceError as exc:  # an admin can still log in to the damaged file: the command line, then
        tell(error_text(exc) + "\n\n" + QCoreApplication.translate(
            "app", "请管理员在命令行恢复：windowdesk restore {0} --user 管理员用户名").format(found.last_good_backup))
        return False
    tell(QCoreApplication.translate("app", "已从备份恢复：{0}").format(found.last_good_backup))
    return True


def run_event_loop(app: QApplication) -> int:
    return app.exec()


def pc_settings() -> QSettings:
    """This PC's own settings (not the database's): the data folder chosen at the first run."""
    return QSettings("windowdesk", "windowdesk")


def remembered_database() -> str | None:
    value = pc_settings().value("database")
    return str(value) if value else None


def first_run(db: str | None) -> tuple[str, str] | None:
    """The wizard on a database that is missing or was never initialised: (database to open, user to log
    in as) once it set the window up, None when the clerk cancelled."""
    from .first_run_wizard import FirstRunWizard

    wizard = FirstRunWizard(db)
    try:
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.outcome is None:
            return None
        if wizard.chose_folder():
            pc_settings().setValue("database", wizard.outcome["db"])  # the next start opens it, not the default
        return wizard.to_open(), wizard.user()
    finally:
        wizard.deleteLater()


def open_or_tell(db: str | None, *, fresh_ok: bool = False):
    """The store; None for a database not set up yet (when `fresh_ok`); else the exit code once told why not."""
    try:
        return open_store(db)
    except NotInitialised as exc:
        if fresh_ok:
            return None
        tell(error_text(exc))
        return 2
    except ServiceError as exc:
        tell(error_text(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 (an unreadable file, a server down: said, not a traceback)
        log.error("cannot open the database: %s", type(exc).__name__)
        tell(QCoreApplication.translate("app", "无法打开数据库（{0}），请联系管理员").format(type(exc).__name__))
        return 1


def start_logging(store) -> None:
    """The rotating log file in the data folder (a server database has no data folder here: no file)."""
    from ..adapters.log_files import setup_logging
    from ..services.backups import data_folder

    try:
        setup_logging(data_folder(store))
    except (ServiceError, OSError) as exc:
        log.warning("no log file: %s", type(exc).__name__)


def use_window_language(app: QApplication, store) -> None:
    """The language set on the settings page, unless this PC's WINDOWDESK_LANG chose one (it wins)."""
    if os.environ.get(language.LANG_VARIABLE):
        return
    from ..services.settings import read_settings

    try:
        chosen = read_settings(store)["language"]
    except ServiceError:
        return
    wanted = language.ENGLISH if chosen == "en" else language.CHINESE
    if wanted != language.current():
        language.install(app, wanted)
        app.setApplicationDisplayName(QCoreApplication.translate("app", "一站式结算窗口"))


def main(db: str | None) -> int:
    private_umask()  # what the window writes is readable by the user alone (adapters.out_files)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("windowdesk")
    prepare(app)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "一站式结算窗口"))
    db = db or remembered_database()
    if not check_at_start(db):
        return 1
    user = ""
    store = open_or_tell(db, fresh_ok=True)
    if store is None:  # missing or never initialised: the wizard sets the window up
        set_up = first_run(db)
        if set_up is None:
            return 0
        db, user = set_up
        store = open_or_tell(db)
    if isinstance(store, int):
        return store
    start_logging(store)
    use_window_language(app, store)
    # Imported here so that a start without a database does not build the pages, and the pages only after
    # the login: the dialog shows before their modules (and reportlab's) are loaded.
    from .login_dialog import LoginDialog

    login = LoginDialog(store, user=user)
    startup_probe.watch_login(login)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        store.engine.dispose()
        return 0
    from .main_window import MainWindow

    window = MainWindow(Desk(store, login.actor))
    startup_probe.watch_window(window)
    window.show()
    window.start_daily_backup()
    collector = GuiThreadCollector(app)  # pages run long work on pool threads: collect on this one only
    collector.start()
    try:
        return run_event_loop(app)
    finally:
        collector.stop()
        collector.deleteLater()
        store.engine.dispose()
