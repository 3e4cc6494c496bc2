"""WingDesk: offline wing records with an encrypted store, supervised review and sync to HQ."""

__version__ = "0.1.0"
