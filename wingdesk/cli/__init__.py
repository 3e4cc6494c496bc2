"""The `wingdesk` command line: works without a display, one clear line per error."""
