"""Headquarters side of sync: key store, ingest, HQ store (SQLite/PostgreSQL), HTTPS receiver and CLI."""
