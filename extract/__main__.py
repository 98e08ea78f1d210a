"""python -m extract → cli.main()."""

import sys

from extract.cli import main

sys.exit(main())
