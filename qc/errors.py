"""Errors a user can cause. The CLI prints their message on one line and exits 2."""
from __future__ import annotations


class QcError(Exception):
    """Base of every error qc reports to the user without a traceback."""

    exit_code = 2


class InputError(QcError):
    """A file that cannot be read as an article (missing, binary, bad encoding...)."""


class ConfigError(QcError):
    """A malformed configuration file or option."""


class DataError(QcError):
    """A malformed fact table or lexicon file."""


class ModelError(QcError):
    """A translation model that is missing, unreadable, or asked of a device that is not there."""


class ExecutorError(QcError):
    """An executor that cannot run: Ray not installed, or its cluster out of reach."""
