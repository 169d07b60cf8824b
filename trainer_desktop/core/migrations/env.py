"""Alembic environment: runs on the connection handed over by ``database._migrate``.

Batch mode is on so that SQLite tables can be altered (copy-and-move), and the metadata's naming
convention names every constraint, so later migrations can refer to them.
"""

from alembic import context

from trainer_desktop.core.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
