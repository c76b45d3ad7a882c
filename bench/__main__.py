"""Run every benchmark module in this folder and print one JSON object of their results."""
from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import traceback
from pathlib import Path


def main(selected: list[str]) -> int:
    results: dict[str, object] = {}
    failed = False
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    for name in names:
        if selected and name not in selected and name.removeprefix("bench_") not in selected:
            continue
        module = importlib.import_module(f"bench.{name}")
        runner = getattr(module, "run", None)
        if runner is None:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            results[name.removeprefix("bench_")] = runner()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            failed = True
            traceback.print_exc()
            results[name.removeprefix("bench_")] = {"error": repr(exc)}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
