"""The bundled app's entry point: `windowdesk` with a command runs it, with none opens the window."""

import sys

from windowdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
