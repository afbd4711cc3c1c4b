"""The package version, written into every association's ``code_version``."""

__version__ = "0.1.0"
