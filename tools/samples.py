"""A sample ticket slip for the printing tests and the slip benchmark."""

import dataclasses
from typing import Any

from printing import Slip

URL = "https://layanan.kp2mi.go.id/r/K5Q2M7XW3ZB4HJ8C6RT1VN9PDA"

TICKET = Slip(
    agency="KP2MI · Kementerian Pelindungan Pekerja Migran Indonesia",
    site="MPP Kabupaten Malang",
    headline_label="Nomor Antrian",
    headline="A-007",
    badge="PRIORITAS",
    rows=(
        ("Layanan", "Verifikasi Dokumen"),
        ("Antrian di depan", "4 orang"),
        ("Perkiraan tunggu", "± 15 menit"),
    ),
    qr_url=URL,
    reference="Q-261123-7K3M",
    notes=("Simpan struk ini. Pindai kode QR untuk melihat status antrian Anda.",),
    footer="Hotline KP2MI: 0800-1000",
)


def ticket(**changes: Any) -> Slip:
    """Return the sample ticket with some fields replaced."""
    return dataclasses.replace(TICKET, **changes)
