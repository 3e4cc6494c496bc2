"""pages of the WingDesk desktop application."""
