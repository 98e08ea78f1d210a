"""Errors a command reports as one line and exit code 2, kept apart so the command line can
name them without importing what raises them."""

from __future__ import annotations


class SchedulerError(Exception):
    """The Dask scheduler cannot be reached, or has no worker to read files."""
