#!/usr/bin/env bash
# Update an installed MPP service kiosk to the version of this checkout (or a built
# wheel), safely: the new version is built beside the one in service, migrates a copy
# of the data, and only then are the data and the /opt/mpp-kiosk/current link switched.
# If the new version fails its first start (its session does not say READY=1 or does not
# stay up), the previous version and its untouched data are put back and started.
# --rollback does the same by hand, back to the version before the last update.
set -euo pipefail
PROG=update.sh
ROOT=""
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

KIND=checkout
SOURCE=$SOURCE_DIR
WHEELHOUSE=""
ROLLBACK=no
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help)
      echo "Usage: update.sh [--wheel FILE] [--wheelhouse DIR] [--use-venv DIR] [--root DIR]"
      echo "       update.sh --rollback [--root DIR]"
      exit 0
      ;;
    --rollback) ROLLBACK=yes; shift; continue ;;
  esac
  [ $# -ge 2 ] || usage_error "$1 needs a value (see --help)"
  source_option "$1" "$2" || usage_error "unknown option $1 (see --help)"
  shift 2
done
check_source
load_install_conf
lock_target
[ -n "$(current_release)" ] || fault "no release in service under $ROOT$APP; run install.sh"

if [ "$ROLLBACK" = yes ]; then
  roll_back
  say "rolled back to $(current_release) with the data it had"
  exit 0
fi
build_release "$KIND" "$SOURCE"
upgrade_to "$RELEASE"
