#!/usr/bin/env bash
# Remove the MPP service kiosk from this PC (or from a staging root with --root DIR):
# its units stop, and everything install.sh wrote (its manifest lists it) goes with the
# application in /opt/mpp-kiosk. The hall's data (/var/lib/mpp-kiosk), its backups, the
# site configuration (/etc/mpp-kiosk) and the user mpp stay, so a reinstall carries on
# where it stopped; --purge removes them too. Installed Debian packages stay.
set -euo pipefail
PROG=uninstall.sh
ROOT=""
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

PURGE=no
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help)
      echo "Usage: uninstall.sh [--purge] [--root DIR]"
      echo "  --purge  also remove the data, the backups, the configuration and the user mpp"
      exit 0
      ;;
    --purge) PURGE=yes; shift ;;
    --root)
      [ $# -ge 2 ] || usage_error "--root needs a value"
      ROOT=$(realpath -m -- "$2")
      shift 2
      ;;
    *) usage_error "unknown option $1 (see --help)" ;;
  esac
done
staged || [ "$(id -u)" -eq 0 ] || usage_error "run as root (sudo $0 ...)"
[ -f "$ROOT$MANIFEST" ] || fault "nothing installed here ($ROOT$MANIFEST is missing)"
lock_target

kept="$DATA $BACKUPS $ETC $ETC/kiosk.toml $ETC/install.conf $ETC/backup.passphrase /etc/sysusers.d/mpp-kiosk.conf /etc/tmpfiles.d/mpp-kiosk.conf"
is_kept() {
  [ "$1" = /etc/localtime ] && return 0 # the PC's time zone stays as it is
  [ "$PURGE" = no ] && [[ " $kept " == *" $1 "* ]]
}

if ! staged; then
  units=()
  for unit in mpp-kiosk-session.service mpp-kiosk-sync.service mpp-kiosk-backup.timer mpp-kiosk-backup.service; do
    [ ! -e "/etc/systemd/system/$unit" ] || units+=("$unit")
  done
  [ ${#units[@]} -eq 0 ] || systemctl stop "${units[@]}"
fi

# Files and links first, then folders deepest first (a folder others share, such as
# /etc/systemd/system/graphical.target.wants, goes only when it is left empty).
while IFS=$'\t' read -r kind path _; do
  is_kept "$path" && continue
  case $kind in
    file | link) rm -f "$ROOT$path" ;;
  esac
done <"$ROOT$MANIFEST"
sort -r -k2,2 "$ROOT$MANIFEST" | while IFS=$'\t' read -r kind path _; do
  is_kept "$path" && continue
  [ "$kind" = dir ] || continue
  case $path in
    "$DATA" | "$BACKUPS" | "$ETC") rm -rf "$ROOT$path" ;;
    *) rmdir --ignore-fail-on-non-empty "$ROOT$path" 2>/dev/null || true ;;
  esac
done
rm -rf "$ROOT$APP" "$ROOT$UPDATE_DIR" "$ROOT$ROLLBACK_DIR"
for folder in graphical.target.wants multi-user.target.wants timers.target.wants; do
  rmdir --ignore-fail-on-non-empty "$ROOT/etc/systemd/system/$folder" 2>/dev/null || true
done

if staged; then
  say "removed from $ROOT$([ "$PURGE" = yes ] && echo ', data and configuration too')"
  exit 0
fi
systemctl daemon-reload
if [ "$PURGE" = yes ]; then
  ! id -u "$SERVICE_USER" >/dev/null 2>&1 || userdel "$SERVICE_USER"
  say "removed, with the data, the backups, the configuration and the user $SERVICE_USER"
else
  say "removed; kept the data in $DATA, the backups in $BACKUPS and $ETC (--purge removes them)"
fi
