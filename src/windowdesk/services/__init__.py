"""Use cases: each one runs in one transaction and writes one audit entry. The UI and the CLI call only these."""
