"""`python -m bot.sandbox say|press|messages`: see bot.sandbox.cli."""

import sys

from bot.sandbox.cli import main

sys.exit(main())
