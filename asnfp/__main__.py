"""``python -m asnfp``: the command line."""

import sys

from asnfp.cli import main

sys.exit(main())
