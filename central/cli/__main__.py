"""``python -m central.cli``: the same as the ``mpp-central`` console script."""

import sys

from central.cli import main

sys.exit(main())
