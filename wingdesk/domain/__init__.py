"""Plain-Python core: records, rules and errors; no Qt, no SQL, no crypto library."""
