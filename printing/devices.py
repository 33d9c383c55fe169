"""Where an ESC/POS thermal printer is connected: the ``printer.device`` setting.

Reading the setting needs nothing but this module; python-escpos loads only when a
device is opened.
"""

import re
import socket
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UsbDevice:
    """A USB printer by its vendor and product ids (``usb:04b8:0e15``), and the endpoints
    it reads and writes on when they are not Epson's 82 and 01 (``usb:0416:5011:81:03``,
    as ``lsusb -v`` lists them)."""

    vendor: int
    product: int
    in_endpoint: int = 0x82
    out_endpoint: int = 0x01

    def __str__(self) -> str:
        return f"usb {self.vendor:04x}:{self.product:04x}"

    def connect(self, timeout_s: float) -> Any:
        """An opened python-escpos ``Usb`` printer."""
        from escpos.printer import Usb

        printer = Usb(
            self.vendor,
            self.product,
            timeout=int(timeout_s * 1000),
            in_ep=self.in_endpoint,
            out_ep=self.out_endpoint,
        )
        return _opened(printer)


@dataclass(frozen=True)
class NetworkDevice:
    """A printer on the network, raw TCP (``tcp:10.0.0.9`` or ``tcp:printer.lan:9100``)."""

    host: str
    port: int = 9100

    def __str__(self) -> str:
        return f"tcp {self.host}:{self.port}"

    def connect(self, timeout_s: float) -> Any:
        """A python-escpos ``Network`` printer on a connection made here.

        (Its own ``open`` leaves the socket unclosed when the printer refuses.)
        """
        from escpos.printer import Network

        printer = Network(self.host, self.port, timeout=timeout_s)
        printer.device = socket.create_connection((self.host, self.port), timeout=timeout_s)
        return printer


@dataclass(frozen=True)
class SerialDevice:
    """A printer on a serial line (``serial:/dev/ttyUSB0`` or ``serial:/dev/ttyS0:38400``)."""

    path: str
    baudrate: int = 9600

    def __str__(self) -> str:
        return f"serial {self.path} at {self.baudrate} baud"

    def connect(self, timeout_s: float) -> Any:
        """An opened python-escpos ``Serial`` printer (reads wait at most 0.2 s each)."""
        from escpos.printer import Serial

        return _opened(Serial(self.path, self.baudrate, timeout=0.2))


Device = UsbDevice | NetworkDevice | SerialDevice
_USB = re.compile(
    r"usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::([89a-fA-F][0-9a-fA-F]):(0[0-9a-fA-F]))?"
)
_TCP = re.compile(r"tcp:([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?")
_SERIAL = re.compile(r"serial:(/dev/[A-Za-z0-9/._-]+?)(?::(\d{3,7}))?")


def parse_device(text: str) -> Device:
    """Read the ``printer.device`` setting.

    Raises:
        ValueError: not one of ``usb:VVVV:PPPP``, ``tcp:HOST[:PORT]``,
            ``serial:/dev/NAME[:BAUD]``.
    """
    if match := _USB.fullmatch(text):
        ids = int(match[1], 16), int(match[2], 16)
        if match[3] is None:
            return UsbDevice(*ids)
        return UsbDevice(*ids, int(match[3], 16), int(match[4], 16))
    if (match := _TCP.fullmatch(text)) and 0 < int(match[2] or 9100) < 65536:
        return NetworkDevice(match[1].strip("[]"), int(match[2] or 9100))
    if match := _SERIAL.fullmatch(text):
        return SerialDevice(match[1], int(match[2] or 9600))
    raise ValueError(
        f"unknown printer device {text!r}; expected usb:VENDOR:PRODUCT[:IN:OUT] (hex, as "
        "lsusb shows), "
        "tcp:HOST[:PORT] or serial:/dev/NAME[:BAUD]"
    )


def _opened(printer: Any) -> Any:
    printer.open()
    return printer
