"""widgets of the WingDesk desktop application."""
