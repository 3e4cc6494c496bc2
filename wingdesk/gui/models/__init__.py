"""models of the WingDesk desktop application."""
