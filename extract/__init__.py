"""Turn Polish municipal social-assistance reports into structured, checked data."""

__version__ = "0.2.0"
