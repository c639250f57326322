"""`python -m sandbox say|press|messages`: see sandbox.cli."""

import sys

from sandbox.cli import main

sys.exit(main())
