"""Secret key files (created once, 0600, never replaced) and sealed values, hall and centre."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from central.sealing import CENTRE, centre_sealer, complaints_sealer, personal_place
from kiosk.hall_key import HALL, sealer_of
from kiosk.infra.sealed import (
    KeyFileError,
    Sealer,
    ensure_key,
    load_key,
    write_secret,
)

FIXED_KEY = bytes(range(32))
# Sealed before the hall and the centre shared this code: what is stored must still open.
HALL_SEALED = bytes.fromhex(
    "019282113aa35c58cec45833494a1461d2554e80cd831f0f0becccd4f14af7e668f122dfdc4abe46"
)
CENTRE_SEALED = bytes.fromhex(
    "0153ffbd4dbf95725b2ffba7778427fdb323fc679eb868d4c5ecbd9bac7feadb20490d4b1c286ea555"
    "6d5a64ceffbbf1863500501c1218df029abe3629"
)
PLACE = "complaints.reporter_name:P-261123-7K3M"


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
    with pytest.raises(KeyFileError, match=r"complaints.key is missing$"):
        load_key(path)
    with pytest.raises(KeyFileError, match=r"missing: run 'mpp-central init'$"):
        complaints_sealer(path)
    ensure_key(path)
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="readable by others: chmod 600 it"):
        load_key(path)
    path.chmod(0o600)
    path.write_text("not a key\n")
    with pytest.raises(KeyFileError, match="damaged"):
        ensure_key(path)
    path.write_bytes(b"\xff" * 44)
    with pytest.raises(KeyFileError, match="damaged"):
        load_key(path)


def test_a_secret_file_is_written_whole_and_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "token.json"
    assert write_secret(path, b"first\n")
    assert not write_secret(path, b"second\n")
    assert path.read_bytes() == b"first\n"
    assert write_secret(path, b"third\n", replace=True)
    assert path.read_bytes() == b"third\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["token.json"]  # no temporary left


def test_a_sealed_value_opens_only_in_its_place_and_with_its_key(tmp_path: Path) -> None:
    sealer = sealer_of(ensure_key(tmp_path / "a.key"))
    sealed = sealer.seal_text("Siti Aminah", PLACE)
    assert b"Siti" not in sealed
    assert sealer.open_text(sealed, PLACE) == "Siti Aminah"
    assert sealer.seal_text("Siti Aminah", "x") != sealer.seal_text("Siti Aminah", "x")
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        sealer.open(sealed, "complaints.worker_name:P-261123-7K3M")
    other = sealer_of(ensure_key(tmp_path / "b.key"))
    assert other.key_id != sealer.key_id
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        other.open(sealed, PLACE)
    with pytest.raises(KeyFileError, match="unknown encryption format"):
        sealer.open(b"\x02" + sealed[1:], PLACE)
    for cut in (sealed[:1], sealed[:13], sealed[:-1]):
        with pytest.raises(KeyFileError, match="cannot decrypt"):
            sealer.open(cut, PLACE)


def test_personal_answers_open_only_in_their_place_and_with_their_key(tmp_path: Path) -> None:
    sealer = centre_sealer(ensure_key(tmp_path / "a.key"))
    place = personal_place("mpp-kab-probolinggo", "A" * 26)
    personal = {"reporter_name": "Siti Aminah", "chronology": "Gaji tidak dibayar 6 bulan"}
    sealed = sealer.seal_personal(personal, place)
    assert b"Siti" not in sealed
    assert sealer.open_personal(sealed, place) == personal
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        sealer.open_personal(sealed, personal_place("mpp-other", "A" * 26))
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        centre_sealer(ensure_key(tmp_path / "b.key")).open_personal(sealed, place)


def test_one_key_used_by_the_hall_and_by_the_centre_opens_neither_sides_data() -> None:
    hall, centre = Sealer(FIXED_KEY, HALL), Sealer(FIXED_KEY, CENTRE)
    assert hall.key_id != centre.key_id
    with pytest.raises(KeyFileError, match="cannot decrypt"):
        centre.open(hall.seal_text("Siti Aminah", PLACE), PLACE)


def test_what_the_hall_and_the_centre_sealed_before_still_opens() -> None:
    hall = sealer_of(FIXED_KEY)
    assert hall.key_id == "2d292d2548c4e4de"
    assert hall.open_text(HALL_SEALED, PLACE) == "Siti Aminah"
    centre = centre_sealer(FIXED_KEY)
    assert centre.key_id == "6d46400ab6bdaa32"
    place = personal_place("mpp-x", "A" * 26)
    assert centre.open_personal(CENTRE_SEALED, place) == {"reporter_name": "Siti Aminah"}
