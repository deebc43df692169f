"""Thin operation functions, one module per area: each builds an op (ui/operations.py) over one service call."""
