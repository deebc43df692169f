"""Alembic environment: the app passes its connection in; the `alembic` command line uses alembic.ini's URL."""

from alembic import context
from sqlalchemy import create_engine

from windowdesk.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    # Batch mode: SQLite can't ALTER most things, so Alembic rebuilds tables there.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from windowdesk.store.database import database_url
    import os

    engine = create_engine(database_url(os.environ.get("WINDOWDESK_DB") or config.get_main_option("sqlalchemy.url")))
    with engine.begin() as conn:
        _run(conn)
