"""WingDesk: offline wing records with an encrypted store, supervised review and sync to HQ.

The version is the installed distribution's (importlib.metadata, `wingdesk --version`); pyproject.toml sets it."""
