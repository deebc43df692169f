"""One QWidget per workflow page of the window."""
