"""Command-line entry point: the window's use cases, headless."""
