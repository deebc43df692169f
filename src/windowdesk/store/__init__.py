"""The store: SQLAlchemy models, the database connection and migrations, repositories, the unit of work."""
