"""Where the time of one whole call goes: cProfile over our side of each case in
``bench/calls.py`` (canned HTTP response), or boto3's side with ``--theirs``.

    python bench/profile_call.py [--packages DIR] [--calls N] [--theirs] [--top K] [CASE ...]

CASE is a substring of a case name (default: every case). Packages are generated as
``bench/run.py --packages DIR`` generates them (a kept DIR is regenerated only where
something changed).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.calls import whole_call_cases
from bench.corpus import CORPUS
from bench.run import SAGEMAKER, generate_corpus, import_generated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--packages", metavar="DIR")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--theirs", action="store_true", help="profile boto3's side")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumtime)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        packages = Path(args.packages or tmp)
        generate_corpus(SAGEMAKER, packages / "sagemaker-2019")
        generate_corpus(CORPUS / "dynamodb", packages / "dynamodb")
        sagemaker = import_generated(packages / "sagemaker-2019", "sagemaker")
        dynamodb = import_generated(packages / "dynamodb", "dynamodb")
        for case, _, _ in whole_call_cases(sagemaker, dynamodb):
            if args.cases and not any(c in case.name for c in args.cases):
                continue
            call = case.theirs if args.theirs else case.ours
            calls = max(args.calls // 20, 5) if "Query" in case.name else args.calls
            gc.collect()
            gc.freeze()  # as bench/run.py's rounds: the setup's heap is not the calls' work
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(calls):
                call()
            profile.disable()
            stats = pstats.Stats(profile)
            total = stats.total_tt  # type: ignore[attr-defined]
            side = "boto3" if args.theirs else "ours"
            print(f"\n== {case.name} ({side}): {total / calls * 1e6:,.0f} us per call profiled")
            stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
