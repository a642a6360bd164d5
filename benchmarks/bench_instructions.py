"""Instructions per article of `qc check` with every non-model check: a figure that does
not drift with the machine's load, for comparing two versions of qc.

Wall-clock throughput (bench_check.py) on a shared VM moves by a third within an hour;
the number of instructions a pass executes does not. This runs the same synthetic
articles as bench_check.py under valgrind's callgrind: a warm pass (data files, memo
caches), then the counters are zeroed, one measured pass over the articles, and a dump.
It takes minutes (callgrind runs Python some fifty times slower); needs valgrind (Debian
package `valgrind`). Never run in tests.

    python benchmarks/bench_instructions.py [--articles 100]

To compare two versions, run the script of a checkout of each: it checks with its own qc.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measured_run(count: int) -> None:
    """The child: warm pass, zero the counters, measured pass, dump."""
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]  # this checkout's qc
    from bench_check import make_articles

    from qc.engine import Options, check_paths

    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in make_articles(Path(tmp), count)]
        options = Options(ignore=("fluency.agreement",), jobs=1)
        list(check_paths(paths, options))
        subprocess.run(["callgrind_control", "--zero", str(os.getpid())], check=True, capture_output=True)
        list(check_paths(paths, options))
        subprocess.run(["callgrind_control", "--dump=measured", str(os.getpid())], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measured_run(args.articles)
        return
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("bench_instructions: valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--child", "--articles", str(args.articles)],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        # the dump taken after the measured pass holds its counts alone; the file written
        # at exit holds what came after it
        dumps = [p for p in Path(tmp).glob("callgrind.out*") if "Trigger: dump measured" in p.read_text(errors="replace")[:2000]]
        if not dumps:
            sys.exit("bench_instructions: callgrind wrote no dump of the measured pass")
        summary = next(line for line in dumps[0].read_text(errors="replace").splitlines() if line.startswith("summary:"))
    instructions = int(summary.split()[1])
    print(f"articles        : {args.articles} of ~5 KB (bench_check.make_articles), one pass after a warm pass")
    print(f"instructions    : {instructions / args.articles / 1e6:.1f} M per article (every non-model check, set-up of the run included)")


if __name__ == "__main__":
    main()
