"""``python -m asnfp``: the command line."""

from asnfp.cli import command

command()
