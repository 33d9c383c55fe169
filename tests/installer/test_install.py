"""install.sh into a staging root: every file, mode and owner; units, scripts, apt settings.

The staged release uses the test venv (--use-venv), so nothing is downloaded; the rest
is the real script: the site configuration checked by the application, `mpp-kiosk init`
run on the staged data, the units verified by systemd-analyze against the machine's
systemd, every shell script through shellcheck.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.settings import load_settings
from tests.helpers.installer import (
    INSTALLER,
    SITE,
    VENV,
    Entry,
    current_release,
    install,
    manifest,
    releases,
    run,
    verify_root,
)

ROOT_FILE = ("file", "0644", "root", "root")
UNITS = "/etc/systemd/system"

COMMON = {
    "/etc/sysusers.d/mpp-kiosk.conf": ROOT_FILE,
    "/etc/tmpfiles.d/mpp-kiosk.conf": ROOT_FILE,
    "/opt/mpp-kiosk": ("dir", "0755", "root", "root"),
    "/opt/mpp-kiosk/releases": ("dir", "0755", "root", "root"),
    "/opt/mpp-kiosk/bin": ("dir", "0755", "root", "root"),
    "/opt/mpp-kiosk/bin/mpp-kiosk": ("file", "0755", "root", "root"),
    "/usr/local/bin/mpp-kiosk": ("link", "/opt/mpp-kiosk/bin/mpp-kiosk", "root", "root"),
    "/etc/mpp-kiosk": ("dir", "0755", "root", "root"),
    "/etc/mpp-kiosk/kiosk.toml": ("file", "0640", "root", "mpp"),
    "/etc/mpp-kiosk/install.conf": ROOT_FILE,
    "/var/lib/mpp-kiosk": ("dir", "0700", "mpp", "mpp"),
    "/var/backups/mpp-kiosk": ("dir", "0700", "mpp", "mpp"),
    "/etc/localtime": ("link", "/usr/share/zoneinfo/Asia/Makassar", "root", "root"),
    "/etc/systemd/journald.conf.d/60-mpp-kiosk.conf": ROOT_FILE,
    "/etc/apt/apt.conf.d/20auto-upgrades": ROOT_FILE,
    "/etc/apt/apt.conf.d/52mpp-kiosk-unattended-upgrades": ROOT_FILE,
    "/etc/udev/rules.d/60-mpp-thermal-printer.rules": ROOT_FILE,
}
FACE = {
    f"{UNITS}/mpp-kiosk-session.service": ROOT_FILE,
    f"{UNITS}/graphical.target.wants/mpp-kiosk-session.service": (
        "link",
        f"{UNITS}/mpp-kiosk-session.service",
        "root",
        "root",
    ),
    f"{UNITS}/default.target": ("link", "/lib/systemd/system/graphical.target", "root", "root"),
    f"{UNITS}/getty@tty1.service": ("link", "/dev/null", "root", "root"),
    f"{UNITS}/ctrl-alt-del.target": ("link", "/dev/null", "root", "root"),
    "/etc/pam.d/mpp-kiosk-session": ROOT_FILE,
    "/etc/systemd/logind.conf.d/60-mpp-kiosk.conf": ROOT_FILE,
    "/etc/sysctl.d/60-mpp-kiosk.conf": ROOT_FILE,
}
SYNC_AND_BACKUP = {
    "/etc/mpp-kiosk/backup.passphrase": ("file", "0600", "mpp", "mpp"),
    f"{UNITS}/mpp-kiosk-sync.service": ROOT_FILE,
    f"{UNITS}/multi-user.target.wants/mpp-kiosk-sync.service": (
        "link",
        f"{UNITS}/mpp-kiosk-sync.service",
        "root",
        "root",
    ),
    f"{UNITS}/mpp-kiosk-backup.service": ROOT_FILE,
    f"{UNITS}/mpp-kiosk-backup.timer": ROOT_FILE,
    f"{UNITS}/timers.target.wants/mpp-kiosk-backup.timer": (
        "link",
        f"{UNITS}/mpp-kiosk-backup.timer",
        "root",
        "root",
    ),
}
X11 = {
    "/opt/mpp-kiosk/bin/x11-session": ("file", "0755", "root", "root"),
    "/etc/X11/xorg.conf.d/10-mpp-kiosk.conf": ROOT_FILE,
}
STAFF = {"/usr/share/applications/mpp-kiosk-staff.desktop": ROOT_FILE}


@pytest.fixture(scope="module")
def board_x11_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("board") / "root"
    install(root, "--role", "board", "--x11")
    return root


def _expected(*tables: dict[str, tuple[str, str, str, str]]) -> dict[str, Entry]:
    return {
        path: Entry(*row[:1], path, *row[1:]) for table in tables for path, row in table.items()
    }


def _on_disk(root: Path) -> set[str]:
    """Every path written into ROOT, but the data, the releases and what they hold."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = "/" + str((Path(folder) / name).relative_to(root))
            if not path.startswith(("/var/lib/mpp-kiosk/", "/opt/mpp-kiosk/releases/")):
                found.add(path)
    return found


def _parents(paths: set[str]) -> set[str]:
    return {str(parent) for path in paths for parent in Path(path).parents} - {"/"}


@pytest.mark.parametrize(
    ("role", "tables"),
    [
        ("kiosk", (COMMON, FACE, SYNC_AND_BACKUP)),
        ("board --x11", (COMMON, FACE, X11)),
        ("staff", (COMMON, STAFF)),
        ("server", (COMMON, SYNC_AND_BACKUP)),
    ],
)
def test_every_file_mode_and_owner(
    role: str,
    tables: tuple[dict[str, tuple[str, str, str, str]], ...],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    if role == "kiosk":
        root = request.getfixturevalue("staged_kiosk")
    elif role == "board --x11":
        root = request.getfixturevalue("board_x11_root")
    else:
        root = tmp_path / "root"
        install(root, "--role", role)
    written = manifest(root)

    assert written == _expected(*tables)
    for entry in written.values():
        path = root / entry.path.lstrip("/")
        if entry.kind == "link":
            assert os.readlink(path) == entry.mode
        else:
            assert f"{stat.S_IMODE(path.lstat().st_mode):04o}" == entry.mode, entry.path
            assert path.is_dir() == (entry.kind == "dir")
    # nothing written that the manifest does not name (but the folders holding them)
    recorded = set(written) | {"/opt/mpp-kiosk/install-manifest", "/opt/mpp-kiosk/current"}
    assert recorded <= _on_disk(root)
    assert _on_disk(root) - recorded == _parents(recorded) - recorded


def test_the_site_configuration_and_the_initialised_data(staged_kiosk: Path) -> None:
    settings = load_settings(staged_kiosk / "etc/mpp-kiosk/kiosk.toml")
    assert (settings.site.id, settings.site.name, settings.site.timezone) == (
        "mpp-kota-test",
        "MPP Kota Uji",
        "Asia/Makassar",
    )
    assert settings.database.url == ""
    assert settings.central.base_url == "https://rekam.kp2mi.example/uji"
    text = (staged_kiosk / "etc/mpp-kiosk/kiosk.toml").read_text(encoding="utf-8")
    assert "# Asia/Jakarta (WIB) | Asia/Makassar (WITA)" in text  # the default's comments kept
    with sqlite3.connect(staged_kiosk / "var/lib/mpp-kiosk/hall.sqlite3") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()
    assert stat.S_IMODE((staged_kiosk / "var/lib/mpp-kiosk/complaints.key").stat().st_mode) == 0o600
    passphrase = (staged_kiosk / "etc/mpp-kiosk/backup.passphrase").read_text()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){5}\n", passphrase)
    backup = (staged_kiosk / "etc/systemd/system/mpp-kiosk-backup.service").read_text()
    assert (
        "\nExecStart=/opt/mpp-kiosk/current/venv/bin/mpp-kiosk backup /var/backups/mpp-kiosk"
        " --passphrase-file /etc/mpp-kiosk/backup.passphrase\n"
    ) in backup
    conf = (staged_kiosk / "etc/mpp-kiosk/install.conf").read_text(encoding="utf-8")
    assert conf == "ROLE=kiosk\nDISPLAY_SERVER=wayland\n"
    assert len(releases(staged_kiosk)) == 1
    assert current_release(staged_kiosk) == releases(staged_kiosk)[0]


def test_the_sessions_lock_the_screen(staged_kiosk: Path, board_x11_root: Path) -> None:
    kiosk = (staged_kiosk / "etc/systemd/system/mpp-kiosk-session.service").read_text()
    assert "ExecStart=/usr/bin/cage -- /opt/mpp-kiosk/current/venv/bin/mpp-kiosk kiosk\n" in kiosk
    assert "Environment=QT_QPA_PLATFORM=wayland" in kiosk
    for setting in (
        "User=mpp",
        "TTYPath=/dev/tty1",
        "Restart=always",
        "Type=notify",
        "NotifyAccess=all",
        "WatchdogSec=30",
        "StartLimitAction=reboot",
    ):
        assert f"\n{setting}\n" in kiosk
    board = (board_x11_root / "etc/systemd/system/mpp-kiosk-session.service").read_text()
    assert "ExecStart=/usr/bin/xinit /opt/mpp-kiosk/bin/x11-session display -- " in board
    assert "-novtswitch" in board
    assert "Environment=QT_QPA_PLATFORM=xcb" in board
    xorg = (board_x11_root / "etc/X11/xorg.conf.d/10-mpp-kiosk.conf").read_text()
    for option in ("DontVTSwitch", "DontZap", "BlankTime", "OffTime"):
        assert f'Option "{option}"' in xorg
    for root in (staged_kiosk, board_x11_root):
        everything = " ".join(
            path.read_text(errors="replace") for path in root.rglob("*") if path.is_file()
        )
        for manager in ("openbox", "xfwm", "mutter", "kwin", "i3", "weston"):
            assert manager not in everything


def test_every_unit_passes_systemd_analyze_verify(
    staged_kiosk: Path, board_x11_root: Path, tmp_path: Path
) -> None:
    for name, staged in (("kiosk", staged_kiosk), ("board", board_x11_root)):
        root = verify_root(staged, tmp_path / name)
        units = sorted((root / "etc/systemd/system").glob("mpp-kiosk-*"))
        assert units
        for unit in units:
            result = subprocess.run(
                [
                    "systemd-analyze",
                    "verify",
                    f"--root={root}",
                    "--man=no",
                    "--generators=no",
                    f"/{unit.relative_to(root)}",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            assert (result.returncode, result.stderr) == (0, ""), unit.name


def test_every_shell_script_passes_shellcheck(staged_kiosk: Path, board_x11_root: Path) -> None:
    scripts = [
        *INSTALLER.glob("*.sh"),
        *INSTALLER.glob("lib/*.sh"),
        INSTALLER / "session/x11-session",
        staged_kiosk / "opt/mpp-kiosk/bin/mpp-kiosk",
        board_x11_root / "opt/mpp-kiosk/bin/x11-session",
    ]
    assert len(scripts) >= 8
    result = subprocess.run(
        ["shellcheck", "--external-sources", *map(str, scripts)],
        capture_output=True,
        text=True,
        check=False,
        cwd=INSTALLER,
    )
    assert result.returncode == 0, result.stdout


def test_the_service_user_and_its_folders_at_first_boot(staged_kiosk: Path, tmp_path: Path) -> None:
    """An image staged by a builder gets mpp and mpp-owned data from sysusers and tmpfiles."""
    root = tmp_path / "image"
    shutil.copytree(staged_kiosk, root, symlinks=True)
    for tool in ("systemd-sysusers", "systemd-tmpfiles --create"):
        subprocess.run(
            [*tool.split(), f"--root={root}", "mpp-kiosk.conf"], check=True, capture_output=True
        )
    passwd = (root / "etc/passwd").read_text()
    user = next(line.split(":") for line in passwd.splitlines() if line.startswith("mpp:"))
    assert user[5:] == ["/var/lib/mpp-kiosk", "/usr/sbin/nologin"]
    groups = (root / "etc/group").read_text()
    assert "dialout:x:" in groups
    assert "mpp" in next(line for line in groups.splitlines() if line.startswith("dialout:"))
    for path in ("var/lib/mpp-kiosk", "var/lib/mpp-kiosk/hall.sqlite3", "var/backups/mpp-kiosk"):
        assert (root / path).stat().st_uid == int(user[2])
    assert stat.S_IMODE((root / "var/lib/mpp-kiosk").stat().st_mode) == 0o700


def test_unattended_upgrades_take_security_updates_only(staged_kiosk: Path, tmp_path: Path) -> None:
    parts = tmp_path / "apt.conf.d"
    shutil.copytree(staged_kiosk / "etc/apt/apt.conf.d", parts)
    debian_default = Path("/etc/apt/apt.conf.d/50unattended-upgrades")
    assert debian_default.exists(), "unattended-upgrades is missing: run installer/system-deps.sh"
    shutil.copy(debian_default, parts)  # the package's own origins are cleared by ours
    main = tmp_path / "apt.conf"
    main.write_text(f'Dir::Etc::Parts "{parts}";\n')
    dump = subprocess.run(
        ["apt-config", "dump"],
        env={**os.environ, "APT_CONFIG": str(main)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    origins = [line for line in dump if line.startswith("Unattended-Upgrade::Origins-Pattern::")]
    assert origins == [
        'Unattended-Upgrade::Origins-Pattern:: "origin=Debian,codename=${distro_codename}'
        '-security,label=Debian-Security";',
        'Unattended-Upgrade::Origins-Pattern:: "origin=Ubuntu,archive=${distro_codename}'
        '-security,label=Ubuntu";',
    ]
    assert not [line for line in dump if line.startswith("Unattended-Upgrade::Allowed-Origins::")]
    for setting in (
        'Unattended-Upgrade::Automatic-Reboot "true";',
        'Unattended-Upgrade::Automatic-Reboot-WithUsers "true";',
        'Unattended-Upgrade::Automatic-Reboot-Time "02:30";',
        'Unattended-Upgrade::Skip-Updates-On-Metered-Connections "true";',
        'APT::Periodic::Unattended-Upgrade "1";',
    ):
        assert setting in dump


def test_a_second_run_upgrades_in_place_and_keeps_data_and_configuration(
    kiosk_copy: Path,
) -> None:
    root = kiosk_copy
    config = root / "etc/mpp-kiosk/kiosk.toml"
    edited = config.read_text().replace('hotline = "0800-1000"', 'hotline = "0800-1234"')
    config.write_text(edited)
    passphrase = (root / "etc/mpp-kiosk/backup.passphrase").read_text()
    (root / "var/lib/mpp-kiosk/kiosk.log").write_text("the hall's own log\n")
    before = _dump(root)
    first = current_release(root)

    result = install(root, "--name", "Another name")

    assert "keeping the existing /etc/mpp-kiosk/kiosk.toml" in result.stdout
    assert "passphrase" not in result.stdout  # made once, at the first run
    assert config.read_text() == edited
    assert (root / "etc/mpp-kiosk/backup.passphrase").read_text() == passphrase
    log = (root / "var/lib/mpp-kiosk/kiosk.log").read_text()
    assert log.startswith("the hall's own log\n")  # kept, and the new release's start added
    after = _dump(root)
    # every row kept; the new start noted the new hotline (an outbox entry, sync_state)
    state = 'INSERT INTO "sync_state"'
    assert {row for row in before if not row.startswith(state)} <= set(after)
    assert any("0800-1234" in row for row in set(after) - set(before))
    assert current_release(root) != first
    assert releases(root) == [first, current_release(root)]


def _dump(root: Path) -> list[str]:
    with sqlite3.connect(root / "var/lib/mpp-kiosk/hall.sqlite3") as db:
        return list(db.iterdump())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--role", "kitchen"), "install.sh: --role must be kiosk, board, staff or server"),
        (("--timezone", "Europe/Paris"), "install.sh: /etc/mpp-kiosk/kiosk.toml: site.timezone:"),
        (("--site-id", "Bad Id"), "install.sh: /etc/mpp-kiosk/kiosk.toml: site.id:"),
        (("--use-venv", "/nonexistent"), "install.sh: no venv /nonexistent"),
        (("--frobnicate", "x"), "install.sh: unknown option --frobnicate"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    root = tmp_path / "root"
    result = run("install.sh", "--root", root, "--use-venv", VENV, *SITE, *args, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not root.exists() or not any(root.iterdir())


def test_without_the_site_or_a_terminal_install_stops_in_one_line(tmp_path: Path) -> None:
    result = run("install.sh", "--root", tmp_path / "root", "--role", "staff", check=False)
    assert result.returncode == 2
    assert result.stderr == (
        "install.sh: no /etc/mpp-kiosk/kiosk.toml yet: give --site-id, --name and --timezone\n"
    )


def test_on_a_terminal_the_site_is_asked_for(tmp_path: Path) -> None:
    root = tmp_path / "root"
    controller, terminal = os.openpty()
    os.write(controller, b"mpp-kab-malang\nMPP Kabupaten Malang\nAsia/Jakarta\n")
    with os.fdopen(controller, "rb", buffering=0):
        result = subprocess.run(
            [str(INSTALLER / "install.sh"), "--root", str(root), "--use-venv", str(VENV)],
            stdin=terminal,
            capture_output=True,
            text=True,
            check=False,
        )
        os.close(terminal)
    assert result.returncode == 0, result.stderr
    for question in ("Site id (e.g. mpp-kab-probolinggo): ", "Time zone (Asia/Jakarta, "):
        assert question in result.stderr
    settings = load_settings(root / "etc/mpp-kiosk/kiosk.toml")
    assert (settings.site.id, settings.site.name, settings.site.timezone) == (
        "mpp-kab-malang",
        "MPP Kabupaten Malang",
        "Asia/Jakarta",
    )


def test_a_second_run_with_another_role_removes_what_the_first_role_had(
    kiosk_copy: Path,
) -> None:
    install(kiosk_copy, "--role", "board")

    assert manifest(kiosk_copy) == _expected(COMMON, FACE)
    left = _on_disk(kiosk_copy)
    assert not {path for path in left if "mpp-kiosk-sync" in path or "mpp-kiosk-backup" in path}
    assert "/etc/mpp-kiosk/backup.passphrase" in left  # the site's secret stays
    assert (kiosk_copy / "etc/mpp-kiosk/install.conf").read_text() == (
        "ROLE=board\nDISPLAY_SERVER=wayland\n"
    )
    assert (kiosk_copy / "var/lib/mpp-kiosk/hall.sqlite3").exists()


def test_the_backup_unit_command_makes_a_backup_with_the_device_passphrase(
    kiosk_copy: Path,
) -> None:
    """The nightly unit's own command line and environment, run on the staged root."""
    unit = (kiosk_copy / "etc/systemd/system/mpp-kiosk-backup.service").read_text()
    settings = dict(line.split("=", 1) for line in unit.splitlines() if line and line[0].isalpha())
    environment = [line.split("=", 1)[1] for line in unit.splitlines() if "Environment=" in line]

    def staged(word: str) -> str:
        return f"{kiosk_copy}{word}" if word.startswith("/") else word

    env = {**os.environ}
    for pair in environment:
        name, value = pair.split("=", 1)
        env[name] = staged(value)
    done = subprocess.run(
        [staged(word) for word in settings["ExecStart"].split()],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    made = list((kiosk_copy / "var/backups/mpp-kiosk").iterdir())
    assert len(made) == 1
    assert stat.S_IMODE(made[0].stat().st_mode) == 0o600
