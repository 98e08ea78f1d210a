"""Turn Polish municipal social-assistance reports into structured, checked data."""

__version__ = "0.1.0"
