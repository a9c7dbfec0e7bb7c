"""Print how fast ``kg synth`` generates cables, and its peak memory, for each output kind.

Each (count, output) pair runs in its own process, so peak RSS is that run's alone and can be
compared across counts (it must stay flat: the generator streams). Outputs:

- ``none``   — generate the pages in memory and drop them (the generator alone);
- ``dir``    — a directory tree ``cable/YYYY/MM/<ID>.html``;
- ``tar.gz``, ``tar.xz``, ``zip`` — a streamed archive; ``csv`` — a CSV dump in a directory.

Wall time depends on what else the machine runs; CPU time (this process only) is the
steadier figure. Output goes to a temporary directory that is removed afterwards. Run from
the project root::

    .venv/bin/python benchmarks/synth_speed.py                      # 10k, every output
    .venv/bin/python benchmarks/synth_speed.py --counts 10000 50000 250000 --outputs none tar.gz
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.synth import generate, write_corpus

OUTPUTS = ("none", "dir", "tar.gz", "tar.xz", "zip", "csv")
SEED = 1


def _child(count: int, output: str, folder: Path) -> dict[str, float]:
    """Run one generation in this process; return wall and CPU seconds, bytes, peak RSS (MiB)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    written = 0
    if output == "none":
        for _, text in generate(count, SEED):
            written += len(text.encode("utf-8"))
    else:
        fmt = "csv" if output == "csv" else "html"
        out = folder / ("corpus" if output in ("dir", "csv") else f"corpus.{output}")
        write_corpus(out, count, SEED, fmt)
        paths = [out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()]
        written = sum(p.stat().st_size for p in paths)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "cpu": cpu, "bytes": written, "peak_mib": peak_mib}


def main() -> int:
    """Run each (count, output) pair in a child process and print one row each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000])
    parser.add_argument("--outputs", nargs="+", choices=OUTPUTS, default=list(OUTPUTS))
    parser.add_argument("--child", nargs=2, metavar=("COUNT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        with tempfile.TemporaryDirectory(prefix="kg-synth-") as folder:
            print(json.dumps(_child(int(args.child[0]), args.child[1], Path(folder))))
        return 0

    print(
        f"{'cables':>8} {'output':>7} {'wall s':>7} {'cables/s':>8} {'CPU s':>7} "
        f"{'cables/CPU s':>12} {'MB out':>8} {'peak RSS':>9}"
    )
    for count in args.counts:
        for output in args.outputs:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(count), output],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(proc.stdout)
            print(
                f"{count:>8} {output:>7} {row['seconds']:>7.1f} {count / row['seconds']:>8.0f} "
                f"{row['cpu']:>7.1f} {count / row['cpu']:>12.0f} {row['bytes'] / 1e6:>8.1f} "
                f"{row['peak_mib']:>5.0f} MiB",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
