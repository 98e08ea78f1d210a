"""python -m extract → cli.main(), in a process of its own."""

import sys

from extract.cli import main

sys.exit(main())
