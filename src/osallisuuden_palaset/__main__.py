"""Run the command line as ``python -m osallisuuden_palaset``."""

from osallisuuden_palaset.cli.main import main

if __name__ == "__main__":
    main()
