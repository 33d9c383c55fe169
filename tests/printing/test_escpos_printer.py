"""The ESC/POS back-end against python-escpos's Dummy printer and a fake network printer."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from escpos.printer import Dummy
from PIL import Image

from printing import Paper, PrintError, PrintFault, make_printer, qr, render_slip
from printing.devices import NetworkDevice, SerialDevice, UsbDevice, parse_device
from printing.escpos import EscposPrinter
from tests.helpers.escpos_printer import (
    COVER_OPEN,
    FINE,
    NEAR_END,
    PAPER_OUT,
    SILENT,
    FakeNetworkPrinter,
    PrinterState,
    job_commands,
    raster_image,
)
from tests.printing.slip_tools import decode_qr
from tools.samples import TICKET, URL

HEAD_DOTS = {Paper.MM80: 576, Paper.MM58: 384}
CUT = b"\x1dVB\x00"


class AnsweringDummy(Dummy):  # type: ignore[misc]
    """python-escpos's Dummy printer that answers status queries as `state` says."""

    def __init__(self, state: PrinterState) -> None:
        super().__init__()
        self.state = state
        self.answers: list[bytes] = []
        self.closed = 0

    def _raw(self, msg: bytes) -> None:
        super()._raw(msg)
        if msg.startswith(b"\x10\x04"):
            answer = self.state.answer(msg[2])
            self.answers.append(b"" if answer is None else bytes([answer]))

    def _read(self) -> bytes:
        return self.answers.pop(0) if self.answers else b""

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def fake() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter().start()
    yield printer
    printer.stop()


def on_network(fake: FakeNetworkPrinter, timeout_s: float = 5) -> EscposPrinter:
    printer = make_printer(
        "escpos", name=None, spool_dir=Path("unused"), timeout_s=timeout_s, device=fake.device
    )
    assert isinstance(printer, EscposPrinter)
    return printer


def module_dots_of_qr(page: Image.Image, url: str) -> int:
    """The module size of `url`'s QR code in `page`, checking every module covers whole dots.

    Finds the top-left finder pattern (a 7x7-module dark ring) and compares each module of
    the expected matrix with the n x n block of dots it must fill, all of one colour.
    """
    matrix = qr.qr_matrix(url)
    quiet = qr.QUIET_ZONE
    dark = [[page.getpixel((x, y)) == 0 for x in range(page.width)] for y in range(page.height)]
    for n in range(qr.MIN_MODULE_DOTS, qr.MAX_MODULE_DOTS + 1):
        side = (len(matrix) - 2 * quiet) * n
        for top in range(page.height - side):
            row = dark[top]
            for left in range(page.width - side):
                if not row[left] or (left and row[left - 1]) or (top and dark[top - 1][left]):
                    continue
                if all(
                    dark[top + r * n + dy][left + c * n + dx] == matrix[r + quiet][c + quiet]
                    for r in range(len(matrix) - 2 * quiet)
                    for c in range(len(matrix) - 2 * quiet)
                    for dy in range(n)
                    for dx in range(n)
                ):
                    return n
    raise AssertionError("no QR code on whole dots in the raster")


@pytest.mark.parametrize("paper", list(Paper))
def test_dummy_printer_gets_the_slip_as_raster_dots_whose_qr_decodes_then_a_cut(
    paper: Paper, tmp_path: Path
) -> None:
    dummy = AnsweringDummy(FINE)
    printer = EscposPrinter(lambda: dummy, "dummy", paper)
    job = printer.print_pdf(render_slip(TICKET, paper), "ticket-A-007")
    assert (job.backend, job.job_id, job.path) == ("escpos", "ticket-A-007", None)
    assert dummy.output.startswith(b"\x10\x04\x01\x10\x04\x02\x10\x04\x04\x1b@")
    assert job_commands(dummy.output)[-1] == CUT
    page = raster_image(dummy.output)
    assert page.width == HEAD_DOTS[paper]
    page.save(tmp_path / "raster.png")
    assert decode_qr(tmp_path / "raster.png") == [URL]
    assert module_dots_of_qr(page, URL) >= qr.MIN_MODULE_DOTS
    assert dummy.closed == 1


def test_network_printer_prints_the_slip_whose_raster_qr_decodes(
    fake: FakeNetworkPrinter, tmp_path: Path
) -> None:
    on_network(fake).print_pdf(render_slip(TICKET), "ticket-A-007")
    assert fake.queries == [1, 2, 4]
    page = raster_image(fake.job_bytes())
    page.save(tmp_path / "raster.png")
    assert page.width == 576
    assert decode_qr(tmp_path / "raster.png") == [URL]
    assert job_commands(fake.job_bytes())[-1] == CUT


@pytest.mark.parametrize(
    ("state", "fault", "reason"),
    [
        (PAPER_OUT, PrintFault.PAPER_OUT, "out of paper"),
        (COVER_OPEN, PrintFault.COVER_OPEN, "cover open"),
        (PrinterState(printer=0x1E, offline=0x12, paper=0x12), PrintFault.OFFLINE, "off line"),
        (PrinterState(printer=0x1E, offline=0x52, paper=0x12), PrintFault.OFFLINE, "in error"),
    ],
)
def test_a_printer_that_cannot_print_fails_the_slip_before_a_dot_is_sent(
    fake: FakeNetworkPrinter, state: PrinterState, fault: PrintFault, reason: str
) -> None:
    fake.state = state
    printer = on_network(fake)
    with pytest.raises(PrintError) as caught:
        printer.print_pdf(render_slip(TICKET), "ticket-A-007")
    assert caught.value.fault is fault
    assert caught.value.reason.startswith(f"printer: {reason}")
    assert fake.job_bytes() == b""
    status = printer.status()
    assert not status.ok
    assert status.detail.startswith(reason)
    assert status.detail.endswith(f"(tcp 127.0.0.1:{fake.port})")


def test_paper_near_end_still_prints_and_the_status_says_change_the_roll(
    fake: FakeNetworkPrinter,
) -> None:
    fake.state = NEAR_END
    printer = on_network(fake)
    printer.print_pdf(render_slip(TICKET), "ticket-A-007")
    assert CUT in fake.job_bytes()
    status = printer.status()
    assert status.ok
    assert status.detail.startswith("paper nearly out")


def test_a_printer_that_does_not_answer_its_status_gets_nothing(fake: FakeNetworkPrinter) -> None:
    fake.state = SILENT
    with pytest.raises(PrintError) as caught:
        on_network(fake, timeout_s=0.5).print_pdf(render_slip(TICKET), "ticket-A-007")
    assert caught.value.fault is PrintFault.OFFLINE
    assert "does not answer its status query" in caught.value.reason
    assert fake.job_bytes() == b""


def test_each_job_opens_the_device_again_so_a_printer_switched_off_and_on_prints(
    fake: FakeNetworkPrinter,
) -> None:
    printer = on_network(fake)
    printer.print_pdf(render_slip(TICKET), "one")
    port = fake.port
    fake.stop()
    with pytest.raises(PrintError) as caught:
        printer.print_pdf(render_slip(TICKET), "while off")
    assert caught.value.fault is PrintFault.UNREACHABLE
    assert f"printer tcp 127.0.0.1:{port} cannot be reached" in caught.value.reason
    assert "\n" not in caught.value.reason
    back = FakeNetworkPrinter().start(port)
    try:
        printer.print_pdf(render_slip(TICKET), "two")
        printer.print_pdf(render_slip(TICKET), "three")
        assert back.connections == 2
        assert job_commands(back.job_bytes()).count(CUT) == 2
    finally:
        back.stop()
    assert fake.connections == 1


def test_a_pdf_that_is_not_one_is_refused_before_the_printer_is_opened(
    fake: FakeNetworkPrinter,
) -> None:
    with pytest.raises(PrintError) as caught:
        on_network(fake).print_pdf(b"%PDF-1.4 broken", "ticket")
    assert caught.value.fault is PrintFault.REJECTED
    assert fake.connections == 0


@pytest.mark.parametrize(
    ("text", "device"),
    [
        ("usb:04b8:0e15", UsbDevice(0x04B8, 0x0E15)),
        ("usb:0416:5011:81:03", UsbDevice(0x0416, 0x5011, 0x81, 0x03)),
        ("tcp:10.0.0.9", NetworkDevice("10.0.0.9", 9100)),
        ("tcp:printer.lan:9101", NetworkDevice("printer.lan", 9101)),
        ("tcp:[fd00::9]:9100", NetworkDevice("fd00::9", 9100)),
        ("serial:/dev/ttyUSB0", SerialDevice("/dev/ttyUSB0", 9600)),
        ("serial:/dev/ttyS0:38400", SerialDevice("/dev/ttyS0", 38400)),
    ],
)
def test_device_settings_are_read(text: str, device: object) -> None:
    assert parse_device(text) == device


@pytest.mark.parametrize(
    "text",
    [
        "",
        "usb:4b8:e15",
        "usb:04b8:0e15:01:82",  # an IN endpoint has its top bit set, an OUT one not
        "tcp:",
        "tcp:host:0",
        "tcp:host:70000",
        "serial:ttyS0",
        "lp0",
    ],
)
def test_a_bad_device_setting_is_one_clear_error(text: str) -> None:
    with pytest.raises(ValueError, match="expected usb:VENDOR:PRODUCT"):
        parse_device(text)


def test_escpos_needs_a_device() -> None:
    with pytest.raises(ValueError, match="needs a device"):
        make_printer("escpos", name=None, spool_dir=Path("unused"), timeout_s=5)
