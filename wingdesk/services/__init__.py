"""Use cases behind one access gateway; the GUI, CLI, search, printing and export reach data only here."""
