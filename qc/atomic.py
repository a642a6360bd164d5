"""Writing files so that a crash or Ctrl-C never leaves half of one."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile


def write_bytes(path: str, data: bytes) -> None:
    """Write through a temporary file in the same folder, then os.replace it over `path`.

    An existing file keeps its permissions; a new one gets the usual ones (umask),
    not the private mode of the temporary file.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.exists(path):
            shutil.copymode(path, tmp)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
