"""Back-translation: MarianMT round trips, and comparison with the original article.

`qc check --backtranslate` translates every French sentence of the run to the
source language and back (or, with `--source`, compares the forward translation
with the original article), scores the result with chrF and flags what does not
survive. The package is split by concern: `models` (registry, where the files
are), `engine` (devices, batching, decoding), `cache` (SQLite), `scoring` (chrF,
calibration), `align` (source alignment, number and name diffs), `stage` (the
run-level step the engine calls) and `expand` (literal-name fingerprints).

Nothing here imports torch or transformers at import time: only loading a model
does, so `qc check` without `--backtranslate` never pays for them. Warnings go to
the `qc` logger; the CLI prints them on stderr as `qc: attention : ...`.
"""
