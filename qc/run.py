"""What `qc check` does around the checks: which files (git changes, a list file),
and which findings survive (changed lines, baseline). A library function, so the
CLI only parses options and prints."""
from __future__ import annotations

import os
from typing import IO, Iterable, Iterator

from qc.config import discover
from qc.engine import FileResult, Options, check_paths


def paths_from(stream: IO[str]) -> Iterator[str]:
    """Paths listed one per line (`--files-from`), read lazily; blank lines and # comments skipped."""
    for line in stream:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def run_check(
    paths: Iterable[str],
    options: Options,
    changed_ref: str | None = None,
    changed_lines: bool = False,
    baseline_file: str | None = None,
) -> Iterator[FileResult]:
    """Results of `qc check`, file by file. `changed_ref` is None for no git filter, ""
    for the merge-base with the default branch, or a revision."""
    known = None
    if baseline_file:
        from qc import baseline

        known = baseline.load(baseline_file)
    ref = changed_ref or None
    if changed_ref is not None:
        from qc import vcs

        paths = tuple(paths)
        if ref and os.path.exists(ref) and not vcs.is_revision(ref):
            paths, ref = (*paths, ref), None  # `--changed content/`: the value was a path, not a REF
        config = discover(next((p for p in paths if p != "-"), None), options.config)
        paths = tuple(vcs.changed_paths(tuple(paths), ref, config.include, config.exclude))
    for result in check_paths(paths, options):
        if changed_lines and changed_ref is not None:
            from qc import vcs

            (result,) = vcs.restrict_to_changed_lines([result], ref)
        if known is not None:
            from qc import baseline

            (result,) = baseline.filter_new([result], known)
        yield result
