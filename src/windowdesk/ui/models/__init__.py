"""Qt table models over plain rows (never ORM objects)."""
