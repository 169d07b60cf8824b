"""The domain: model, services, database and migrations. No Qt here, ever (a test enforces it)."""
