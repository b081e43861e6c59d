"""Alembic's entry point: run the migrations on the connection the store hands over.

The store opens the connection and its transaction (holding the lock that keeps two processes from
migrating at once), so alembic joins that transaction instead of opening one of its own.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
