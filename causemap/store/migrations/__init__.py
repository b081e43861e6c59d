"""Alembic migrations of the workspace store (see ``causemap.store`` for how to add one)."""
