"""The centre's complaints key (created once, 0600, never replaced) and the sealed answers."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from central.crypto import KeyFileError, Sealer, ensure_key, load_key, personal_place


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
    with pytest.raises(KeyFileError, match="missing: run 'mpp-central init'"):
        load_key(path)
    ensure_key(path)
    path.chmod(0o640)
    with pytest.raises(KeyFileError, match="readable by others"):
        load_key(path)
    path.chmod(0o600)
    path.write_text("not a key\n")
    with pytest.raises(KeyFileError, match="damaged"):
        ensure_key(path)


def test_personal_answers_open_only_in_their_place_and_with_their_key(tmp_path: Path) -> None:
    sealer = Sealer(ensure_key(tmp_path / "a.key"))
    place = personal_place("mpp-kab-probolinggo", "A" * 26)
    personal = {"reporter_name": "Siti Aminah", "chronology": "Gaji tidak dibayar 6 bulan"}
    sealed = sealer.seal_personal(personal, place)
    assert b"Siti" not in sealed
    assert sealer.open_personal(sealed, place) == personal
    assert sealer.seal(b"x", place) != sealer.seal(b"x", place)  # a random nonce each time
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        sealer.open_personal(sealed, personal_place("mpp-other", "A" * 26))
    other = Sealer(ensure_key(tmp_path / "b.key"))
    assert other.key_id != sealer.key_id
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        other.open_personal(sealed, place)
    with pytest.raises(KeyFileError, match="unknown encryption format"):
        sealer.open(b"\x02" + sealed[1:], place)
