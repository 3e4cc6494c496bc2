"""Child for the power-cut controls: plain SQLite inserts with the given `synchronous`, each reported after commit."""

import sqlite3
import sys

path, synchronous = sys.argv[1:]
conn = sqlite3.connect(path, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute(f"PRAGMA synchronous = {synchronous}")
n = 0
while True:
    conn.execute("INSERT INTO t VALUES (?)", (n,))
    print(n, flush=True)
    n += 1
