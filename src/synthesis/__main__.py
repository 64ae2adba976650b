"""``python -m synthesis``: the same command line as ``synthesis`` (where the script is not on the PATH)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
