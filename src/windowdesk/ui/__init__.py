"""The clerk's desktop window (PySide6): a thin caller of the services, one page per workflow."""
