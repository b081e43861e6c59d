"""`python -m causemap` is the `causemap` command."""

from causemap.cli import main

main()
