"""Every check module; importing this package registers them all."""
from qc.checks import agreement, backtranslation, epithets, facts, grammar, lexicon, names, number_format, suppression, typography, untranslated  # noqa: F401
