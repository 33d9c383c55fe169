"""Fake ``lp``, ``lpstat`` and ``cancel`` commands answering from a script, for the CUPS tests."""

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

Answer = tuple[int, str, str]
"""Exit status, standard output, standard error."""

_PROGRAM = """\
import json, os, sys
from pathlib import Path

state = Path(os.environ["FAKE_CUPS"])
tool, args = Path(sys.argv[0]).name, sys.argv[1:]
data = sys.stdin.buffer.read() if tool == "lp" else b""
if tool == "lp":
    (state / "lp-stdin.pdf").write_bytes(data)
with (state / "calls.jsonl").open("a") as log:
    log.write(json.dumps([tool, *args]) + "\\n")
if tool in ("lp", "cancel"):
    key = tool
elif args == ["-r"]:
    key = "scheduler"
elif args[:2] == ["-W", "not-completed"]:
    key = "jobs"
elif args[:2] == ["-l", "-p"]:
    key = "printer"
else:
    key = "accepting"
answers = json.loads((state / "script.json").read_text()).get(key, [[0, "", ""]])
counter = state / f"{key}.count"
seen = int(counter.read_text()) if counter.exists() else 0
counter.write_text(str(seen + 1))
status, out, err = answers[min(seen, len(answers) - 1)]
sys.stdout.write(out)
sys.stderr.write(err)
sys.exit(status)
"""

SUBMITTED: Answer = (0, "request id is kiosk-7 (0 file(s))\n", "")
RUNNING: Answer = (0, "scheduler is running\n", "")
PENDING: Answer = (
    0,
    "kiosk-7                 root              2048   Mon Nov 23 10:54:15 2026\n"
    "\tAlerts: job-printing\n\tqueued for kiosk\n",
    "",
)
DONE: Answer = (0, "", "")
HELD: Answer = (0, "kiosk-7  root  2048  Mon Nov 23 2026\n\tAlerts: job-hold-until-specified\n", "")
IDLE: Answer = (
    0,
    "printer kiosk is idle.  enabled since Mon Nov 23 10:54:15 2026\n"
    "\tForm mounted:\n\tContent types: any\n\tAlerts: none\n",
    "",
)
ACCEPTING: Answer = (0, "kiosk accepting requests since Mon Nov 23 10:54:50 2026\n", "")


def queued(job_id: str, created: datetime) -> Answer:
    """``lpstat -W not-completed -o QUEUE`` listing one job sent at `created` (local time)."""
    return (0, f"{job_id:<23} root              2048   {created:%a %b %e %H:%M:%S %Y}\n", "")


class FakeTime:
    """A monotonic clock that moves only when the printer sleeps between two looks."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        """The seconds slept so far."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Move the clock on by `seconds`, at once."""
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass(frozen=True)
class FakeCups:
    """The folder the fake commands log their calls into."""

    state: Path

    def calls(self, tool: str) -> list[list[str]]:
        """Return the argument lists `tool` was called with, in order."""
        log = self.state / "calls.jsonl"
        lines = log.read_text().splitlines() if log.exists() else []
        calls = [json.loads(line) for line in lines]
        return [call[1:] for call in calls if call[0] == tool]

    def submitted(self) -> bytes:
        """Return what ``lp`` read from its standard input."""
        return (self.state / "lp-stdin.pdf").read_bytes()


def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **script: list[Answer]) -> FakeCups:
    """Put fake CUPS commands first on PATH; each answers its calls from `script` in turn.

    Keys: lp, cancel, scheduler (``lpstat -r``), jobs (``lpstat -W not-completed``),
    printer (``lpstat -l -p``), accepting (``lpstat -a``). The last answer repeats.
    """
    state = tmp_path / "fake-cups"
    state.mkdir()
    defaults = {"lp": [SUBMITTED], "scheduler": [RUNNING], "jobs": [DONE], "printer": [IDLE]}
    (state / "script.json").write_text(json.dumps({"accepting": [ACCEPTING], **defaults, **script}))
    program = state / "bin"
    program.mkdir()
    for tool in ("lp", "lpstat", "cancel"):
        path = program / tool
        path.write_text(f"#!{sys.executable}\n{_PROGRAM}")
        path.chmod(0o755)
    monkeypatch.setenv("PATH", str(program))
    monkeypatch.setenv("FAKE_CUPS", str(state))
    return FakeCups(state)
