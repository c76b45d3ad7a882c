"""Run every benchmark module in this folder and print one JSON object of their results.

Each benchmark runs in a fresh Python process of its own, so one cannot leave
state (an open database, warm caches) behind for the next.
``python -m bench dispatch rules`` runs only those.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def benchmark_names() -> list[str]:
    """Names of the ``bench_*`` modules, without the prefix."""
    modules = pkgutil.iter_modules([str(HERE)])
    return sorted(m.name.removeprefix("bench_") for m in modules if m.name.startswith("bench_"))


def run_one(name: str) -> None:
    """Run one benchmark here and print its result as JSON (``null`` when it has no ``run()``)."""
    runner = getattr(importlib.import_module(f"bench.bench_{name}"), "run", None)
    print(json.dumps(runner() if runner is not None else None, ensure_ascii=False))


def main(selected: list[str]) -> int:
    results: dict[str, object] = {}
    failed = False
    for name in benchmark_names():
        if selected and name not in selected and f"bench_{name}" not in selected:
            continue
        print(f"running bench_{name} ...", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, "-m", "bench", "--one", name], cwd=HERE.parent,
                              stdout=subprocess.PIPE, text=True)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:  # one broken benchmark must not hide the others' figures
            failed = True
            results[name] = {"error": f"exit status {done.returncode}; its traceback is above"}
            continue
        result = json.loads(lines[-1])
        if result is not None:
            results[name] = result
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(sys.argv[2])
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
