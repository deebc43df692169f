"""Pure domain core: money, ID numbers, categories, policies and the settlement engine (no Qt, no SQL)."""
