"""Which files and lines changed in git, for `qc check --changed`."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from qc.errors import InputError


def _git(*args: str, cwd: str = ".") -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError("git introuvable : --changed a besoin de git") from None
    if proc.returncode != 0:
        raise InputError(f"git {' '.join(args)} : {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'échec'}")
    return proc.stdout


def default_base(cwd: str = ".") -> str:
    """Merge-base of HEAD with the default branch (origin's HEAD, else main or master)."""
    candidates = []
    try:
        ref = _git("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD", cwd=cwd).strip()
        candidates.append(ref)
    except InputError:
        pass
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        try:
            return _git("merge-base", "HEAD", ref, cwd=cwd).strip()
        except InputError:
            continue
    raise InputError("--changed : branche par défaut introuvable ; donnez une référence (--changed REF)")


def is_revision(name: str, cwd: str = ".") -> bool:
    try:
        _git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", cwd=cwd)
        return True
    except InputError:
        return False


def repo_root(cwd: str = ".") -> str:
    return _git("rev-parse", "--show-toplevel", cwd=cwd).strip()


def changed_files(ref: str | None, cwd: str = ".") -> list[str]:
    """Files added, copied, modified or renamed since `ref` (working tree included), plus untracked ones."""
    root = repo_root(cwd)
    base = ref or default_base(cwd)
    names = _git("diff", "--name-only", "--diff-filter=ACMR", base, cwd=root).splitlines()
    names += _git("ls-files", "--others", "--exclude-standard", cwd=root).splitlines()
    return sorted({os.path.relpath(os.path.join(root, n)) for n in names if n})


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def changed_lines(path: str, ref: str | None, cwd: str = ".") -> set[int] | None:
    """Lines of `path` added or modified since `ref`; None when the whole file is new."""
    base = ref or default_base(cwd)
    tracked = _git("ls-files", "--", path, cwd=cwd).strip()
    if not tracked:
        return None
    diff = _git("diff", "-U0", base, "--", path, cwd=cwd)
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def under(paths: list[str], roots: tuple[str, ...]) -> list[str]:
    """Keep the changed files that lie under one of the paths given on the command line."""
    resolved = [Path(r).resolve() for r in roots]
    out = []
    for p in paths:
        rp = Path(p).resolve()
        if any(rp == r or r in rp.parents for r in resolved) and rp.exists():
            out.append(p)
    return out


def restrict_to_changed_lines(results: list, ref: str | None) -> list:
    """Keep only findings that touch a line changed since `ref`."""
    from qc.engine import FileResult

    out = []
    for r in results:
        if r.error or not r.findings:
            out.append(r)
            continue
        lines = changed_lines(r.path, ref, os.path.dirname(r.path) or ".")
        kept = r.findings if lines is None else [f for f in r.findings if any(n in lines for n in range(f.line, f.end_line + 1))]
        out.append(FileResult(r.path, kept, r.error, r.source))
    return out


def changed_paths(paths: tuple[str, ...], ref: str | None, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[str]:
    """Changed files under the given paths that the include/exclude globs accept."""
    roots = tuple(p for p in paths if p != "-") or (".",)
    return [p for p in under(changed_files(ref), roots) if _included(p, include, exclude)]


def _included(path: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    import fnmatch

    name = os.path.basename(path)
    parts = Path(path).parts
    if any(fnmatch.fnmatch(part, pat) for part in parts for pat in exclude):
        return False
    return any(fnmatch.fnmatch(name, pat) for pat in include)
