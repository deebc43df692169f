"""Adapters between the core and the outside: policy presets, roster files, receipts, exports."""
