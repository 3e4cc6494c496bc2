"""Cost of rotating one discipline's clinical key (docs/security.md §2): N prisoner keys re-wrapped in one transaction.

Run: .venv/bin/python benchmarks/discipline_keys.py 1000 10000 100000
"""

import os
import sys
import tempfile
import time
from pathlib import Path

from wingdesk.crypto import fields, signing
from wingdesk.crypto.secrets import SlotSecrets, random_key
from wingdesk.storage import clinical_keys, migrations
from wingdesk.storage.database import open_database
from wingdesk.storage.repository import SqlRepository


def main(sizes: list[int]) -> None:
    for n in sizes:
        folder = Path(tempfile.mkdtemp())
        db = open_database(folder / "w.db", random_key(), create=True)
        migrations.migrate(db.conn)
        repo = SqlRepository(db)
        key = random_key()
        with repo.transaction():
            repo.set_discipline_generation("PSY", 1)
            for i in range(n):
                wrapped = fields.wrap_prisoner_key(key, "PSY", f"p{i}", 1, os.urandom(32))
                repo.put_prisoner_key("PSY", f"p{i}", 1, wrapped)
        secrets = SlotSecrets(signing.new_seed(), bytearray(b"x"), key, clinical_label="PSY:1")
        start = time.perf_counter()
        with repo.transaction():
            rows = clinical_keys.rotate(repo, secrets, "PSY", 1, "nobody")
        elapsed = time.perf_counter() - start
        print(f"N={n}: {rows} prisoner keys re-wrapped and committed in {elapsed * 1000:.0f} ms "
              f"({elapsed / n * 1e6:.1f} us per prisoner)")
        db.close()


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [1000, 10000])
