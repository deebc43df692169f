"""Placeholder until its command lands (registers nothing)."""


def register(commands, common) -> None:
    pass
