"""`python -m generator` runs the digest command."""

from .cli import run

run()
