"""`python -m generator` runs the digest command."""

from .cli import main

main(prog_name="digest")
