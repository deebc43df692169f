"""The window's language, a setting of the PC (not of the database): Chinese by default, English on request."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import resources_dir
from ..wording.language import CHINESE, DEFAULT, ENGLISH, LANG_VARIABLE, QM_FILES, chosen

__all__ = ["CHINESE", "DEFAULT", "ENGLISH", "LANG_VARIABLE", "QM_FILES", "chosen", "current", "english", "install"]

log = logging.getLogger(__name__)

QT_CATALOGUE = "qtbase_zh_CN"  # in PySide6's Qt/translations

_current = DEFAULT
_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> str:
    """Put `language` in place of the one installed before (for widgets built from now on). Returns the
    language in use: Chinese when the English translation file cannot be loaded."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    if language == ENGLISH:
        translator = QTranslator(app)
        path = resources_dir() / QM_FILES[ENGLISH]
        if translator.load(str(path)):
            # Qt's own words (buttons, calendar) are English without a file; dates and numbers follow the locale.
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            app.installTranslator(translator)
            _installed.append(translator)
            _current = ENGLISH
            return ENGLISH
        log.warning("cannot load %s: the window stays in Chinese", path)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Qt's own words (file, print and message dialogs, their buttons) in Chinese. qtbase is the catalogue
    # that holds them: qt_zh_CN.qm only names qtbase and the modules PySide6-Essentials does not ship, and
    # fails to load for want of them (measured with 6.11.3), which left those dialogs in English.
    translator = QTranslator(app)
    if translator.load(QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("cannot load Qt's %s: its dialogs stay in English", QT_CATALOGUE)
    _current = CHINESE
    return CHINESE


def current() -> str:
    return _current


def english() -> bool:
    return _current == ENGLISH
