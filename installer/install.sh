#!/usr/bin/env bash
# Turn a Debian 12 or Ubuntu 24.04 PC into a hall device of the MPP service kiosk: the
# service user mpp, the application in /opt/mpp-kiosk (its own venv pinned by
# constraints.txt), the site configuration in /etc/mpp-kiosk/kiosk.toml, the data in
# /var/lib/mpp-kiosk (0700, mpp), the locked session under cage on tty1 (or Xorg with
# --x11), sync and the nightly backup as units, journald limits, security updates by
# unattended-upgrades, the thermal printer's udev rule, then `mpp-kiosk init`.
# Running it again upgrades in place (as update.sh does) and keeps data and configuration.
# With --root DIR it stages everything into DIR (for tests and image builders): no
# packages, users or systemctl, and the owners are recorded in
# /opt/mpp-kiosk/install-manifest (systemd-sysusers and systemd-tmpfiles create the user
# and the data folder at the image's first boot).
set -euo pipefail
PROG=install.sh
ROOT=""
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

help() {
  cat <<'EOF'
Usage: install.sh [--role kiosk|board|staff|server] [--site-id ID] [--name NAME]
                  [--timezone Asia/Jakarta|Asia/Makassar|Asia/Jayapura]
                  [--database-url URL] [--central-url URL] [--x11]
                  [--wheel FILE] [--wheelhouse DIR] [--use-venv DIR] [--root DIR]

  --role        kiosk (default): the touchscreen kiosk, sync and the nightly backup
                board: the hall display board; staff: the staff console on a desktop;
                server: sync and backup only (the PC of a hall's shared database)
  --site-id, --name, --timezone
                the site, written into a new /etc/mpp-kiosk/kiosk.toml (asked when
                missing and a terminal is attached; an existing file is kept)
  --database-url  a hall's shared PostgreSQL (empty: the SQLite file in /var/lib/mpp-kiosk)
  --central-url   the central records service the slips' QR codes open
  --x11         Xorg without a window manager instead of cage (old graphics)
  --wheel FILE  install this built wheel instead of this checkout
  --wheelhouse DIR  install offline from a folder of wheels (pip --no-index)
  --use-venv DIR    use an existing venv that has mpp-kiosk (tests, image builders)
  --root DIR    stage into DIR instead of this machine
EOF
}

ROLE=kiosk
SITE_ID="" SITE_NAME="" TIMEZONE="" DATABASE_URL="" CENTRAL_URL=""
DISPLAY_SERVER=wayland
KIND=checkout
SOURCE=$SOURCE_DIR
WHEELHOUSE=""
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help) help; exit 0 ;;
    --x11) DISPLAY_SERVER=x11; shift; continue ;;
  esac
  [ $# -ge 2 ] || usage_error "$1 needs a value (see --help)"
  case $1 in
    --role) ROLE=$2 ;;
    --site-id) SITE_ID=$2 ;;
    --name) SITE_NAME=$2 ;;
    --timezone) TIMEZONE=$2 ;;
    --database-url) DATABASE_URL=$2 ;;
    --central-url) CENTRAL_URL=$2 ;;
    *) source_option "$1" "$2" || usage_error "unknown option $1 (see --help)" ;;
  esac
  shift 2
done

case $ROLE in kiosk | board | staff | server) ;; *) usage_error "--role must be kiosk, board, staff or server, not '$ROLE'" ;; esac
check_source
[ "$ROOT" != / ] || usage_error "--root / is this machine: leave --root out"
lock_target

has_face() { [ "$ROLE" = kiosk ] || [ "$ROLE" = board ]; }
runs_sync() { [ "$ROLE" = kiosk ] || [ "$ROLE" = server ]; }

# --- ask for what the site configuration needs -----------------------------------
if [ ! -e "$ROOT$ETC/kiosk.toml" ]; then
  ask() {
    local variable=$1 question=$2
    [ -n "${!variable}" ] && return 0
    [ -t 0 ] || usage_error "no /etc/mpp-kiosk/kiosk.toml yet: give --site-id, --name and --timezone"
    read -r -p "$question: " "${variable?}"
  }
  ask SITE_ID "Site id (e.g. mpp-kab-probolinggo)"
  ask SITE_NAME "Site name (e.g. MPP Kabupaten Probolinggo)"
  ask TIMEZONE "Time zone (Asia/Jakarta, Asia/Makassar or Asia/Jayapura)"
elif [ -n "$SITE_ID$SITE_NAME$TIMEZONE$DATABASE_URL$CENTRAL_URL" ]; then
  say "keeping the existing $ETC/kiosk.toml; edit it to change the site"
fi

# --- system packages ----------------------------------------------------------------
packages=(python3 python3-venv ca-certificates unattended-upgrades fonts-dejavu-core
  libgl1 libegl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 libx11-6 libcups2)
if has_face || [ "$ROLE" = staff ]; then
  packages+=(libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 libwayland-cursor0 libwayland-egl1)
  # the escpos printer back-end: pdftoppm draws the slip's dots, libusb reaches a USB printer
  packages+=(poppler-utils libusb-1.0-0)
fi
if has_face; then
  packages+=(libpam-systemd)
  if [ "$DISPLAY_SERVER" = x11 ]; then
    packages+=(xserver-xorg-core xserver-xorg-input-libinput xserver-xorg-legacy xinit x11-xserver-utils)
  else
    packages+=(cage xwayland)
  fi
fi
[ "$ROLE" != board ] || packages+=(espeak-ng sox)
if staged; then
  say "staging into $ROOT; the image needs these packages: ${packages[*]}"
else
  missing=()
  for package in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = installed ] ||
      missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

# --- the application, and the site configuration it accepts ------------------------
# Nothing else is written before the configuration has passed the application's checks.
fresh_app=no
[ -e "$ROOT$APP" ] || fresh_app=yes
build_release "$KIND" "$SOURCE"
NEW=$RELEASE
site_config=""
if [ ! -e "$ROOT$ETC/kiosk.toml" ]; then
  site_config=$(mktemp)
  trap 'rm -f "$site_config"' EXIT
  "$ROOT$RELEASES/$NEW/venv/bin/python" "$INSTALLER_DIR/lib/site_config.py" \
    "$SOURCE_DIR/config/kiosk.toml" "$site_config" --site-id "$SITE_ID" \
    --name "$SITE_NAME" --timezone "$TIMEZONE" --database-url "$DATABASE_URL" \
    --central-url "$CENTRAL_URL" || {
    if [ "$fresh_app" = no ]; then
      rm -rf "$ROOT$RELEASES/${NEW:?}"
    else
      rm -rf "$ROOT$APP"
      ! staged || rmdir "$ROOT/opt" 2>/dev/null || true
    fi
    exit 2
  }
fi

# --- the user, the folders ---------------------------------------------------------
begin_manifest
put_file "$INSTALLER_DIR/system/sysusers.conf" /etc/sysusers.d/mpp-kiosk.conf 0644
put_file "$INSTALLER_DIR/system/tmpfiles.conf" /etc/tmpfiles.d/mpp-kiosk.conf 0644
staged || systemd-sysusers mpp-kiosk.conf
put_dir "$APP" 0755
put_dir "$RELEASES" 0755
put_dir "$APP/bin" 0755
put_dir "$ETC" 0755
put_dir "$DATA" 0700 "$SERVICE_USER" "$SERVICE_USER"
put_dir "$BACKUPS" 0700 "$SERVICE_USER" "$SERVICE_USER"
if [ -n "$site_config" ]; then
  put_file "$site_config" "$ETC/kiosk.toml" 0640 root "$SERVICE_USER"
else
  chmod 0640 "$ROOT$ETC/kiosk.toml"
  own "$ROOT$ETC/kiosk.toml" root "$SERVICE_USER"
  record file "$ETC/kiosk.toml" 0640 root "$SERVICE_USER"
fi
printf 'ROLE=%s\nDISPLAY_SERVER=%s\n' "$ROLE" "$DISPLAY_SERVER" | put_text "$INSTALL_CONF" 0644

put_text "$APP/bin/mpp-kiosk" 0755 <<'EOF'
#!/bin/sh
# mpp-kiosk at the machine (written by installer/install.sh): the hall's configuration
# and data, and run as the service user mpp when started by root, so files it makes
# (the device token of `mpp-kiosk central enrol`, the database) stay the service's.
set -eu
app=/opt/mpp-kiosk/current/venv/bin/mpp-kiosk
if [ "$(id -u)" -eq 0 ]; then
  exec runuser -u mpp -- env XDG_DATA_HOME=/var/lib MPP_KIOSK_CONFIG=/etc/mpp-kiosk/kiosk.toml \
    HOME=/var/lib/mpp-kiosk "$app" "$@"
fi
exec env XDG_DATA_HOME=/var/lib MPP_KIOSK_CONFIG=/etc/mpp-kiosk/kiosk.toml "$app" "$@"
EOF
put_link "$APP/bin/mpp-kiosk" /usr/local/bin/mpp-kiosk

# --- units -------------------------------------------------------------------------
UNITS=/etc/systemd/system
if has_face; then
  if [ "$ROLE" = kiosk ]; then face=kiosk title="citizen kiosk"; else face=display title="display board"; fi
  if [ "$DISPLAY_SERVER" = x11 ]; then
    exec_start="/usr/bin/xinit $APP/bin/x11-session $face -- /usr/bin/Xorg :0 vt1 -keeptty -novtswitch -nolisten tcp -s 0 -dpms"
    platform=QT_QPA_PLATFORM=xcb
    put_file "$INSTALLER_DIR/session/x11-session" "$APP/bin/x11-session" 0755
    put_file "$INSTALLER_DIR/session/10-mpp-kiosk.conf" /etc/X11/xorg.conf.d/10-mpp-kiosk.conf 0644
  else
    exec_start="/usr/bin/cage -- $CURRENT/venv/bin/mpp-kiosk $face"
    platform=QT_QPA_PLATFORM=wayland
  fi
  render systemd/mpp-kiosk-session.service ROLE="$ROLE" FACE_TITLE="$title" \
    DISPLAY_SERVER="$DISPLAY_SERVER" QT_PLATFORM="$platform" EXEC_START="$exec_start" |
    put_text "$UNITS/mpp-kiosk-session.service" 0644
  put_link "$UNITS/mpp-kiosk-session.service" "$UNITS/graphical.target.wants/mpp-kiosk-session.service"
  put_link /lib/systemd/system/graphical.target "$UNITS/default.target"
  put_link /dev/null "$UNITS/getty@tty1.service"
  put_link /dev/null "$UNITS/ctrl-alt-del.target"
  put_file "$INSTALLER_DIR/session/mpp-kiosk-session.pam" /etc/pam.d/mpp-kiosk-session 0644
  put_file "$INSTALLER_DIR/system/logind.conf" /etc/systemd/logind.conf.d/60-mpp-kiosk.conf 0644
  put_file "$INSTALLER_DIR/system/sysctl.conf" /etc/sysctl.d/60-mpp-kiosk.conf 0644
fi
if runs_sync; then
  put_file "$INSTALLER_DIR/systemd/mpp-kiosk-sync.service" "$UNITS/mpp-kiosk-sync.service" 0644
  put_link "$UNITS/mpp-kiosk-sync.service" "$UNITS/multi-user.target.wants/mpp-kiosk-sync.service"
  put_file "$INSTALLER_DIR/systemd/mpp-kiosk-backup.service" "$UNITS/mpp-kiosk-backup.service" 0644
  put_file "$INSTALLER_DIR/systemd/mpp-kiosk-backup.timer" "$UNITS/mpp-kiosk-backup.timer" 0644
  put_link "$UNITS/mpp-kiosk-backup.timer" "$UNITS/timers.target.wants/mpp-kiosk-backup.timer"
fi
if runs_sync && [ ! -e "$ROOT$ETC/backup.passphrase" ]; then
  # The nightly backups are sealed with a passphrase of this device's own, made once.
  passphrase=$(python3 -c 'import secrets
letters = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
print("-".join("".join(secrets.choice(letters) for _ in range(4)) for _ in range(6)))')
  printf '%s\n' "$passphrase" | put_text "$ETC/backup.passphrase" 0600 "$SERVICE_USER" "$SERVICE_USER"
  say "the nightly backups are sealed with the passphrase $passphrase (kept in $ETC/backup.passphrase): write it down; a restore on another PC needs it"
elif runs_sync; then
  record file "$ETC/backup.passphrase" 0600 "$SERVICE_USER" "$SERVICE_USER"
fi
if [ "$ROLE" = staff ]; then
  put_text /usr/share/applications/mpp-kiosk-staff.desktop 0644 <<EOF
[Desktop Entry]
Type=Application
Name=MPP Staff Console
Name[id]=Konsol Petugas MPP
Exec=env MPP_KIOSK_CONFIG=$ETC/kiosk.toml $CURRENT/venv/bin/mpp-kiosk staff
Terminal=false
Categories=Office;
EOF
fi
timezone=$(sed -n 's/^timezone[[:space:]]*=[[:space:]]*"\([A-Za-z/]*\)".*/\1/p' "$ROOT$ETC/kiosk.toml")
if staged; then
  put_link "/usr/share/zoneinfo/$timezone" /etc/localtime
else
  timedatectl set-timezone "$timezone"
fi
put_file "$INSTALLER_DIR/system/journald.conf" /etc/systemd/journald.conf.d/60-mpp-kiosk.conf 0644
put_file "$INSTALLER_DIR/system/20auto-upgrades" /etc/apt/apt.conf.d/20auto-upgrades 0644
put_file "$INSTALLER_DIR/system/52mpp-kiosk-unattended-upgrades" \
  /etc/apt/apt.conf.d/52mpp-kiosk-unattended-upgrades 0644
put_file "$INSTALLER_DIR/udev/60-mpp-thermal-printer.rules" \
  /etc/udev/rules.d/60-mpp-thermal-printer.rules 0644
commit_manifest
unset MANIFEST_NEW

# --- put the release in service ---------------------------------------------------
if [ -n "$(current_release)" ]; then
  staged || systemctl daemon-reload
  upgrade_to "$NEW"
  exit 0
fi
switch_to "$NEW"
as_service "$NEW" /var/lib init >/dev/null || fault "mpp-kiosk init failed (its message above)"
if staged; then
  say "staged $NEW into $ROOT (role $ROLE)"
  exit 0
fi
systemctl daemon-reload
systemctl restart systemd-journald
sysctl --quiet --system
udevadm control --reload
udevadm trigger --subsystem-match=usb --action=change
first_start "$NEW" || fault "$NEW is installed but did not start: see journalctl -u mpp-kiosk-session"
say "installed $NEW (role $ROLE); enrol with the centre: sudo mpp-kiosk central enrol URL TOKEN"
! has_face || say "reboot once so that the console and power-button settings take effect"
