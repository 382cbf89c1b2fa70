"""Entry point of the PyInstaller bundle: the same command line as the `outlet-desk` script."""
import multiprocessing
import sys

from outlet_desk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
