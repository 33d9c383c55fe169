"""The complaints key file (created once, 0600, never replaced) and field encryption."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kiosk.complaints.crypto import (
    ComplaintKeyError,
    FieldCipher,
    ensure_key,
    key_path,
    load_key,
)
from kiosk.db import data_dir


def test_the_key_lives_in_the_data_directory() -> None:
    assert key_path() == data_dir() / "complaints.key"


def test_ensure_key_creates_a_private_key_once_and_then_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "complaints.key"
    key = ensure_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_key(path) == key
    assert load_key(path) == key
    assert [p.name for p in path.parent.iterdir()] == ["complaints.key"]


def test_processes_racing_to_create_the_key_all_get_the_same_one(tmp_path: Path) -> None:
    path = tmp_path / "complaints.key"
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: ensure_key(path), range(16)))
    assert len(keys) == 1


def test_a_missing_open_or_damaged_key_is_refused_with_a_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "complaints.key"
    with pytest.raises(ComplaintKeyError, match="missing: run 'mpp-kiosk init'"):
        load_key(path)
    ensure_key(path)
    path.chmod(0o644)
    with pytest.raises(ComplaintKeyError, match="readable by others"):
        load_key(path)
    path.chmod(0o600)
    path.write_text("not a key\n")
    with pytest.raises(ComplaintKeyError, match="damaged"):
        ensure_key(path)


def test_a_sealed_value_opens_only_in_its_place_and_with_its_key(tmp_path: Path) -> None:
    cipher = FieldCipher(ensure_key(tmp_path / "a.key"))
    sealed = cipher.seal("Siti Aminah", "complaints.reporter_name:P-261123-7K3M")
    assert b"Siti" not in sealed
    assert cipher.open(sealed, "complaints.reporter_name:P-261123-7K3M") == "Siti Aminah"
    assert cipher.seal("Siti Aminah", "x") != cipher.seal("Siti Aminah", "x")  # random nonce
    with pytest.raises(ComplaintKeyError, match="cannot decrypt"):
        cipher.open(sealed, "complaints.worker_name:P-261123-7K3M")
    other = FieldCipher(ensure_key(tmp_path / "b.key"))
    assert other.key_id != cipher.key_id
    with pytest.raises(ComplaintKeyError, match="cannot decrypt"):
        other.open(sealed, "complaints.reporter_name:P-261123-7K3M")
    with pytest.raises(ComplaintKeyError, match="unknown encryption format"):
        cipher.open(b"\x02" + sealed[1:], "complaints.reporter_name:P-261123-7K3M")
