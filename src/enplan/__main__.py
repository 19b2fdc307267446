"""`python -m enplan` is the `enplan` command."""

import sys

from .cli import main

sys.exit(main())
