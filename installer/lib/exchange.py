#!/usr/bin/env python3
"""Swap two folders of one file system in a single step, so that neither name is ever missing.

update.sh puts the migrated copy of the hall's data in place of the data in service (and
back, when it rolls back) with Linux's renameat2(RENAME_EXCHANGE): a power cut at any
instant leaves /var/lib/mpp-kiosk whole, the old data or the new, never absent (an absent
folder would be made again empty at the next boot, and the day's numbers start anew).
Only the standard library. Usage: exchange.py A B; exit 0 swapped, 3 when the file
system cannot (the caller then moves them one after the other), 1 otherwise.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def main(argv: list[str]) -> int:
    """Swap argv[1] and argv[2]."""
    if len(argv) != 3:
        print("usage: exchange.py A B", file=sys.stderr)
        return 2
    libc = ctypes.CDLL(None, use_errno=True)
    first, second = (os.fsencode(path) for path in argv[1:])
    if libc.renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE) == 0:
        return 0
    fault = ctypes.get_errno()
    if fault in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):
        return 3
    print(f"exchange.py: {argv[1]} <-> {argv[2]}: {os.strerror(fault)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
