"""dialogs of the WingDesk desktop application."""
