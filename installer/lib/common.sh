# shellcheck shell=bash disable=SC2034  # the layout is for the scripts sourcing this file
# What install.sh, update.sh and uninstall.sh share: the layout, writing files with
# their modes and owners into the target (the machine, or a staging root with --root),
# the manifest of what was written, building a release beside the others, and the
# update that migrates a copy of the data and rolls back when the first start fails.
# Sourced, not run; the caller sets PROG (its name for messages) and ROOT ("" or a
# directory).

APP=/opt/mpp-kiosk
RELEASES=$APP/releases
CURRENT=$APP/current
MANIFEST=$APP/install-manifest
DATA=/var/lib/mpp-kiosk
UPDATE_DIR=/var/lib/mpp-kiosk-update
ROLLBACK_DIR=/var/lib/mpp-kiosk-rollback
BACKUPS=/var/backups/mpp-kiosk
ETC=/etc/mpp-kiosk
INSTALL_CONF=$ETC/install.conf
SERVICE_USER=mpp
INSTALLER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCE_DIR=$(dirname "$INSTALLER_DIR")
START_TIMEOUT=${START_TIMEOUT:-120}
START_SETTLE=${START_SETTLE:-15}

# One clear line and out: 2 for bad input, 1 for a fault of the machine.
usage_error() { echo "$PROG: $*" >&2; exit 2; }
fault() { echo "$PROG: $*" >&2; exit 1; }
say() { echo "$PROG: $*"; }

staged() { [ -n "$ROOT" ]; }

# The options install.sh and update.sh share: where the new release comes from, and
# --root. Returns 1 for any other option.
source_option() {
  case $1 in
    --wheel) KIND=wheel SOURCE=$(realpath -e -- "$2" 2>/dev/null) || usage_error "no wheel $2" ;;
    --wheelhouse) WHEELHOUSE=$(realpath -e -- "$2" 2>/dev/null) || usage_error "no folder $2" ;;
    --use-venv) KIND=venv SOURCE=$(realpath -e -- "$2" 2>/dev/null) || usage_error "no venv $2" ;;
    --root) ROOT=$(realpath -m -- "$2") ;;
    *) return 1 ;;
  esac
}

# One installer at a time on a machine (or a staging root): a second one stops at once.
lock_target() {
  if staged; then
    mkdir -p "$ROOT"
    exec 9<"$ROOT"
  else
    exec 9>/run/lock/mpp-kiosk-install.lock
  fi
  flock --nonblock 9 || fault "another install.sh, update.sh or uninstall.sh is running here"
}

# After the options: the source is usable, and this is root unless staging.
check_source() {
  [ "$KIND" != venv ] || [ -x "$SOURCE/bin/mpp-kiosk" ] || usage_error "$SOURCE has no bin/mpp-kiosk"
  [ "$KIND" != wheel ] || [[ $SOURCE == *.whl ]] || usage_error "--wheel takes a .whl file"
  staged || [ "$(id -u)" -eq 0 ] || usage_error "run as root (sudo $0 ...)"
  export WHEELHOUSE
}

# Record PATH (absolute on the target) in the manifest being written: type, mode, owner.
record() {
  [ -n "${MANIFEST_NEW:-}" ] || return 0
  local kind=$1 path=$2 mode=$3 owner=$4 group=$5
  printf '%s\t%s\t%s\t%s\t%s\n' "$kind" "$path" "$mode" "$owner" "$group" >>"$MANIFEST_NEW"
}

# Give PATH its owner on the machine; in a staging root the manifest records it instead
# (the users may not exist where the root is built).
own() {
  local path=$1 owner=$2 group=$3
  staged || chown -h "$owner:$group" "$path"
}

put_dir() {
  local path=$1 mode=$2 owner=${3:-root} group=${4:-root}
  mkdir -p "$ROOT$path"
  chmod "$mode" "$ROOT$path"
  own "$ROOT$path" "$owner" "$group"
  record dir "$path" "$mode" "$owner" "$group"
}

# Copy SOURCE to PATH whole (a temporary file renamed into place), with MODE and owner.
put_file() {
  local source=$1 path=$2 mode=$3 owner=${4:-root} group=${5:-root}
  local temporary
  mkdir -p "$(dirname "$ROOT$path")"
  temporary=$(mktemp "$(dirname "$ROOT$path")/.mpp-install.XXXXXX")
  cat "$source" >"$temporary"
  chmod "$mode" "$temporary"
  own "$temporary" "$owner" "$group"
  mv -f "$temporary" "$ROOT$path"
  record file "$path" "$mode" "$owner" "$group"
}

# Like put_file, the text read from standard input.
put_text() {
  local temporary
  temporary=$(mktemp)
  cat >"$temporary"
  put_file "$temporary" "$@"
  rm -f "$temporary"
}

# A symbolic link PATH -> TARGET, replaced atomically.
put_link() {
  local target=$1 path=$2
  mkdir -p "$(dirname "$ROOT$path")"
  ln -sfn "$target" "$ROOT$path.mpp-new"
  mv -Tf "$ROOT$path.mpp-new" "$ROOT$path"
  record link "$path" "$target" root root
}

# A template from installer/ with @NAME@ replaced by the values given as NAME=value.
render() {
  local template=$1
  shift
  local script=() pair
  for pair in "$@"; do
    script+=(-e "s|@${pair%%=*}@|${pair#*=}|g")
  done
  sed "${script[@]}" "$INSTALLER_DIR/$template"
}

begin_manifest() {
  MANIFEST_NEW=$(mktemp)
}

# Write the manifest; what the previous run wrote and this one did not (the role
# changed) is removed first, its units stopped, but the site's own files in /etc/mpp-kiosk.
commit_manifest() {
  local path
  if [ -f "$ROOT$MANIFEST" ]; then
    awk -F '\t' 'NR == FNR { new[$2]; next }
      ($1 == "file" || $1 == "link") && !($2 in new) { print $2 }' \
      "$MANIFEST_NEW" "$ROOT$MANIFEST" | while read -r path; do
      case $path in
        "$ETC"/*) continue ;;
        /etc/systemd/system/*.service | /etc/systemd/system/*.timer)
          staged || systemctl stop "$(basename "$path")" ;;
      esac
      rm -f "$ROOT$path"
    done
  fi
  sort -u -k2,2 "$MANIFEST_NEW" | put_text "$MANIFEST" 0644
  rm -f "$MANIFEST_NEW"
}

# The read-only version of the source: a checkout's kiosk/__init__.py, a wheel's name,
# or what an existing venv's mpp-kiosk says.
source_version() {
  local kind=$1 source=$2 version
  case $kind in
    checkout) version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$source/kiosk/__init__.py") ;;
    wheel) version=$(basename "$source" | cut -d- -f2) ;;
    venv) version=$("$source/bin/mpp-kiosk" --version 2>/dev/null | awk '{print $2}') ;;
  esac
  [[ $version =~ ^[0-9A-Za-z.+_-]+$ ]] || fault "cannot tell the version of $source"
  echo "$version"
}

# Build a release beside the others: RELEASES/<version>-<UTC time>/venv (a new venv
# pinned by constraints.txt, or a link to an existing venv with --use-venv). Sets RELEASE.
build_release() {
  local kind=$1 source=$2 version id dir
  version=$(source_version "$kind" "$source")
  id="$version-$(date -u +%Y%m%d%H%M%S%3N)"
  dir=$RELEASES/$id
  [ ! -e "$ROOT$dir" ] || fault "$dir exists already; wait a second and run again"
  mkdir -p "$ROOT$dir"
  if [ "$kind" = venv ]; then
    ln -s "$source" "$ROOT$dir/venv"
  else
    say "building $id (a venv pinned by constraints.txt; this takes a few minutes)"
    if ! python3 -m venv "$ROOT$dir/venv" ||
      ! "$ROOT$dir/venv/bin/pip" install --quiet --disable-pip-version-check \
        --constraint "$SOURCE_DIR/constraints.txt" ${WHEELHOUSE:+--no-index --find-links "$WHEELHOUSE"} \
        "$source"; then
      rm -rf "$ROOT$dir"
      fault "could not build the release from $source (pip's message above); nothing changed"
    fi
  fi
  if [ -f "$SOURCE_DIR/docs/install.md" ]; then
    mkdir -p "$ROOT$dir/docs"
    cp "$SOURCE_DIR/docs/install.md" "$ROOT$dir/docs/install.md"
  fi
  chmod -R go-w "$ROOT$dir"
  RELEASE=$id
}

current_release() {
  local link
  link=$(readlink "$ROOT$CURRENT" 2>/dev/null) || return 0
  basename "$link"
}

# Run a release's mpp-kiosk as the service user on data kept under XDG_DATA_HOME=$2.
as_service() {
  local release=$1 data_home=$2
  shift 2
  local binary=$ROOT$RELEASES/$release/venv/bin/mpp-kiosk
  if staged; then
    env XDG_DATA_HOME="$ROOT$data_home" MPP_KIOSK_CONFIG="$ROOT$ETC/kiosk.toml" "$binary" "$@"
  else
    runuser -u "$SERVICE_USER" -- env XDG_DATA_HOME="$data_home" \
      MPP_KIOSK_CONFIG="$ETC/kiosk.toml" HOME="$DATA" "$binary" "$@"
  fi
}

switch_to() {
  local release=$1
  put_link "releases/$release" "$CURRENT"
}

# The units of a role (read from install.conf): what update.sh stops and starts.
role_units() {
  case $ROLE in
    kiosk) echo mpp-kiosk-session.service mpp-kiosk-sync.service ;;
    board) echo mpp-kiosk-session.service ;;
    server) echo mpp-kiosk-sync.service ;;
    staff) ;;
  esac
}

face_of_role() {
  case $ROLE in
    kiosk) echo kiosk ;;
    board) echo display ;;
  esac
}

stop_units() {
  staged && return 0
  local units
  read -ra units <<<"$(role_units)"
  [ ${#units[@]} -eq 0 ] || systemctl stop "${units[@]}"
}

# The first start of a release: its units come up (the session says READY=1) and stay
# up for START_SETTLE seconds without a restart (checked every second). In a staging root there is no
# systemd: the face is started offscreen the way its unit starts it and must say
# READY=1 and feed the watchdog; every role's release must answer --version.
first_start() {
  local release=$1 unit face
  as_service "$release" /var/lib --version >/dev/null || return 1
  if staged; then
    face=$(face_of_role)
    [ -z "$face" ] && return 0
    QT_QPA_PLATFORM=offscreen python3 "$INSTALLER_DIR/lib/await_ready.py" "$START_TIMEOUT" \
      env XDG_DATA_HOME="$ROOT/var/lib" MPP_KIOSK_CONFIG="$ROOT$ETC/kiosk.toml" \
      "$ROOT$RELEASES/$release/venv/bin/mpp-kiosk" "$face"
    return
  fi
  local units waited=0
  read -ra units <<<"$(role_units)"
  [ ${#units[@]} -gt 0 ] || return 0
  # A fresh start-limit count, so that a version dying at once is caught at its first
  # restart below and rolled back, well before five starts would reboot the PC.
  systemctl reset-failed "${units[@]}"
  for unit in "${units[@]}"; do
    timeout "$START_TIMEOUT" systemctl start "$unit" || return 1
  done
  while [ "$waited" -lt "$START_SETTLE" ]; do
    sleep 1
    waited=$((waited + 1))
    for unit in "${units[@]}"; do
      systemctl is-active --quiet "$unit" || return 1
      [ "$(systemctl show -P NRestarts "$unit")" = 0 ] || return 1
    done
  done
}

database_is_shared() {
  grep -Eq '^url[[:space:]]*=[[:space:]]*"postgresql' "$ROOT$ETC/kiosk.toml"
}

# Swap two folders in one step (see lib/exchange.py); one move after the other where the
# file system cannot.
exchange() {
  local first=$1 second=$2 status=0
  python3 "$INSTALLER_DIR/lib/exchange.py" "$first" "$second" || status=$?
  case $status in
    0) ;;
    3)
      mv "$second" "$second.mpp-exchange"
      mv "$first" "$second"
      mv "$second.mpp-exchange" "$first"
      ;;
    *) fault "could not swap $first and $second" ;;
  esac
}

# Put RELEASE in service over the running one: migrate a copy of the data with it,
# switch the data and the link, start it; when it does not start, put the previous
# release and its untouched data back and start them again.
upgrade_to() {
  local new=$1 old
  old=$(current_release)
  [ -n "$old" ] || fault "no release in service under $ROOT$APP; run install.sh"
  say "updating $old -> $new"
  stop_units
  rm -rf "$ROOT$UPDATE_DIR"
  put_dir "$UPDATE_DIR" 0700 "$SERVICE_USER" "$SERVICE_USER"
  cp -a "$ROOT$DATA" "$ROOT$UPDATE_DIR/mpp-kiosk"
  if database_is_shared; then
    say "the database is a shared PostgreSQL: it is upgraded in place (see docs/install.md)"
  fi
  if ! as_service "$new" "$UPDATE_DIR" init >/dev/null; then
    rm -rf "$ROOT$UPDATE_DIR" "$ROOT$RELEASES/${new:?}"
    start_again "$old"
    fault "$new could not migrate a copy of the data; $old kept, nothing changed"
  fi
  rm -rf "$ROOT$ROLLBACK_DIR"
  put_dir "$ROLLBACK_DIR" 0700 root root
  exchange "$ROOT$UPDATE_DIR/mpp-kiosk" "$ROOT$DATA"
  mv "$ROOT$UPDATE_DIR/mpp-kiosk" "$ROOT$ROLLBACK_DIR/mpp-kiosk"
  echo "$old" >"$ROOT$ROLLBACK_DIR/release"
  rmdir "$ROOT$UPDATE_DIR"
  switch_to "$new"
  if first_start "$new"; then
    prune_releases "$new" "$old"
    say "$new is in service; $old and its data are kept for update.sh --rollback"
    return 0
  fi
  roll_back
  rm -rf "$ROOT$RELEASES/${new:?}"
  fault "$new failed its first start; rolled back to $old with its data"
}

# Put back the release and the data kept by the last update (the new data is dropped).
roll_back() {
  local old
  [ -f "$ROOT$ROLLBACK_DIR/release" ] || fault "nothing to roll back to"
  old=$(cat "$ROOT$ROLLBACK_DIR/release")
  [ -d "$ROOT$RELEASES/$old" ] || fault "the release $old is gone; cannot roll back"
  stop_units
  exchange "$ROOT$ROLLBACK_DIR/mpp-kiosk" "$ROOT$DATA"
  rm -rf "$ROOT$ROLLBACK_DIR"
  start_again "$old"
}

start_again() {
  local release=$1
  switch_to "$release"
  staged && return 0
  local units
  read -ra units <<<"$(role_units)"
  [ ${#units[@]} -gt 0 ] || return 0
  systemctl reset-failed "${units[@]}"
  systemctl start "${units[@]}"
}

# Keep the release in service and the one before it; the older ones go.
prune_releases() {
  local keep_new=$1 keep_old=$2 dir
  for dir in "$ROOT$RELEASES"/*/; do
    dir=$(basename "$dir")
    [ "$dir" = "$keep_new" ] || [ "$dir" = "$keep_old" ] || rm -rf "$ROOT$RELEASES/${dir:?}"
  done
}

load_install_conf() {
  [ -f "$ROOT$INSTALL_CONF" ] || fault "$ROOT$INSTALL_CONF is missing; run install.sh first"
  ROLE=$(sed -n 's/^ROLE=\([a-z]*\)$/\1/p' "$ROOT$INSTALL_CONF")
  case $ROLE in kiosk | board | staff | server) ;; *) fault "$ROOT$INSTALL_CONF names no role" ;; esac
}
