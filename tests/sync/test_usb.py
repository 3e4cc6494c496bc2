"""Safe writes to a stick (.part, fsync, rename, read-back), pulled sticks, full sticks, hostile names."""

from __future__ import annotations

import os

import pytest

from wingdesk.sync import errors, usb


def test_write_and_read_back(tmp_path, sealed):
    path = usb.write_bundle(usb.outbox_dir(tmp_path), sealed)
    assert path.read_bytes() == sealed and path.suffix == ".wdb"
    assert usb.write_bundle(usb.outbox_dir(tmp_path), sealed) == path  # re-export of identical bytes
    assert usb.list_bundles(path.parent) == [path]


def test_full_or_pulled_stick_leaves_no_bundle(tmp_path, sealed, monkeypatch):
    real_fsync = os.fsync

    def failing(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(errors.UnsafeWrite):
        usb.write_bundle(tmp_path, sealed)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert usb.list_bundles(tmp_path) == []
    assert not any(p.name.endswith(".wdb") for p in tmp_path.iterdir())


def test_stale_part_files_are_cleaned(tmp_path, sealed):
    (tmp_path / "0a1b.wdb.part").write_bytes(sealed[:100])
    assert usb.list_bundles(tmp_path) == []
    assert usb.cleanup_partials(tmp_path) == 1
    assert list(tmp_path.iterdir()) == []


def test_read_back_mismatch_is_reported(tmp_path, sealed, monkeypatch):
    monkeypatch.setattr(usb, "file_sha256", lambda path: "0" * 64)
    with pytest.raises(errors.UnsafeWrite):
        usb.write_bundle(tmp_path, sealed)


def test_existing_different_file_is_not_overwritten(tmp_path, sealed):
    target = tmp_path / usb.bundle_file_name(sealed)
    target.write_bytes(b"other")
    with pytest.raises(errors.UnsafeWrite):
        usb.write_bundle(tmp_path, sealed)
    assert target.read_bytes() == b"other"


def test_hostile_names_and_strays_are_skipped(tmp_path, sealed):
    (tmp_path / "good.wdb").write_bytes(sealed)
    (tmp_path / "notes.txt").write_bytes(b"x")
    (tmp_path / "CON.wdb.part").write_bytes(b"x")
    (tmp_path / "dir.wdb").mkdir()
    (tmp_path / ("x" * 200 + ".wdb")).write_bytes(b"junk")
    (tmp_path / "ɡood.wdb").write_bytes(b"lookalike")
    os.symlink("/etc/passwd", tmp_path / "link.wdb")
    names = sorted(p.name for p in usb.list_bundles(tmp_path))
    assert names == sorted(["good.wdb", "x" * 200 + ".wdb", "ɡood.wdb"])
    assert usb.bundle_file_name(sealed) != "good.wdb"  # the written name always comes from the header


def test_inbox_dir_refuses_path_like_ids(tmp_path):
    with pytest.raises(errors.UnsafeWrite):
        usb.inbox_dir(tmp_path, "../../etc")


def test_read_cap(tmp_path):
    path = tmp_path / "big.wdb"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(errors.BundleTooLarge):
        usb.read_bundle_file(path, 1000)
