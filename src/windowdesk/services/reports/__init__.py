"""The county's reports: each module one pure query over the store returning frozen rows (no wording)."""
