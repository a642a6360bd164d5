"""Every check module; importing this package registers them all."""
from qc.checks import lexicon  # noqa: F401
