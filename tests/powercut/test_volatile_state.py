"""The power-cut model itself: what survives a cut is what fsync made durable, and "tear" never invents data."""

import random

import pytest

from tests.powercut.volatile_state import PAGE, SECTOR, VolatileTree, write_image


def _tree_with(name=b"f", data=b"", synced=True):
    tree = VolatileTree()
    node = tree.create("/" + name.decode(), 0o600)
    tree.write(node, 0, data)
    if synced:
        tree.fsync(node)
        tree.fsync(tree.root)
    return tree, node


def test_unsynced_write_is_lost_and_synced_write_kept():
    tree, node = _tree_with(data=b"old" * 2000)
    tree.write(node, 10, b"NEW")
    assert tree.cut("drop", random.Random(0)) == {"f": b"old" * 2000}
    tree.fsync(node)
    assert tree.cut("drop", random.Random(0))["f"][10:13] == b"NEW"


def test_a_name_needs_its_directory_synced():
    tree, node = _tree_with(synced=False)
    tree.fsync(node)  # the data is durable, the name is not
    assert tree.cut("drop", random.Random(0)) == {}
    tree.fsync(tree.root)
    assert tree.cut("drop", random.Random(0)) == {"f": b""}


def test_rename_without_directory_sync_reverts():
    tree, old = _tree_with(data=b"old")
    new = tree.create("/g.part", 0o600)
    tree.write(new, 0, b"new")
    tree.fsync(new)
    tree.rename("/g.part", "/f")
    assert tree.lookup("/f") is new
    assert tree.cut("drop", random.Random(0)) == {"f": b"old"}
    tree.fsync(tree.root)
    assert tree.cut("drop", random.Random(0)) == {"f": b"new"}


def test_unlinked_file_and_shrink_come_back_until_synced():
    tree, node = _tree_with(data=b"x" * 3 * PAGE)
    tree.truncate(node, 5)
    tree.remove("/f", want_dir=False)
    assert tree.cut("drop", random.Random(0)) == {"f": b"x" * 3 * PAGE}
    tree.fsync(node)
    assert tree.cut("drop", random.Random(0)) == {"f": b"x" * 5}


def test_tear_keeps_only_durable_or_written_sectors():
    tree, node = _tree_with(data=bytes(2 * PAGE))
    tree.write(node, 100, b"\xff" * (3 * PAGE))  # unsynced, grows the file
    seen_partial = seen_none = seen_all = False
    for seed in range(200):
        torn = tree.cut("tear", random.Random(seed))["f"]
        assert len(torn) <= 100 + 3 * PAGE and len(torn) % SECTOR in (0, (100 + 3 * PAGE) % SECTOR)
        for start in range(0, len(torn), SECTOR):
            sector = torn[start:start + SECTOR]
            live = bytes(tree.lookup("/f").data[start:start + SECTOR])
            assert sector in (bytes(len(sector)), live[: len(sector)])  # old (zeros) or the new bytes, whole
        changed = torn != bytes(2 * PAGE)
        seen_none |= not changed
        seen_all |= torn == bytes(tree.lookup("/f").data)
        seen_partial |= changed and torn != bytes(tree.lookup("/f").data)
    assert seen_none and seen_all and seen_partial


def test_tear_applies_a_prefix_of_directory_changes():
    tree, _ = _tree_with()
    for name in ("a", "b", "c"):
        tree.fsync(tree.create("/" + name, 0o600))
    kept = {tuple(sorted(tree.cut("tear", random.Random(seed)))) for seed in range(100)}
    assert kept == {("f",), ("a", "f"), ("a", "b", "f"), ("a", "b", "c", "f")}


def test_loaded_image_round_trips(tmp_path):
    (tmp_path / "disk" / "d").mkdir(parents=True)
    (tmp_path / "disk" / "d" / "x").write_bytes(b"data")
    tree = VolatileTree.load(tmp_path / "disk")
    tree.write(tree.lookup("/d/x"), 0, b"DATA")
    write_image(tree.cut("drop", random.Random(0)), tmp_path / "after")
    assert (tmp_path / "after" / "d" / "x").read_bytes() == b"data"
    with pytest.raises(ValueError):
        tree.cut("sometimes", random.Random(0))
