"""How build time and memory grow with the corpus, and what adding one article costs.

    python bench/bench_build.py ../shared/corpora/news-2452 [--sizes 100 1000 2452] [--runs 3] [--mkdocs]

For each size N it copies the first N articles into a temporary seeds folder and
runs, each in a fresh process, several times: a cold generate (no annotation
cache), a warm rebuild (cache, nothing changed) and a rebuild after adding one
article. It prints the median seconds, the peak memory of the cold build, and
ratios between sizes, and the CPU seconds of each (user + system, worker processes included: steadier than
wall-clock time on a shared machine). With --mkdocs it also times `mkdocs build` of the result.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUN_ONE = """
import json, resource, sys, time
from pathlib import Path
from generator import pipeline
def cpu():
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
seeds, docs, cache = map(Path, sys.argv[1:4])
t, c = time.perf_counter(), cpu()
report = pipeline.generate(seeds, docs, cache_dir=cache if str(cache) != "-" else None)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu": cpu() - c,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "briefings": len(report.briefings), "events": report.events, "quotes": report.quotes,
                  "skipped": len(report.skipped)}))
"""


def run(seeds: Path, docs: Path, cache: Path | str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", RUN_ONE, str(seeds), str(docs), str(cache)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def bench_size(articles: list[Path], n: int, runs: int, with_mkdocs: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seeds = work / "seeds"
        seeds.mkdir()
        for path in articles[:n]:
            shutil.copy(path, seeds / path.name)
        cold = []
        for _ in range(runs):
            shutil.rmtree(work / "docs", ignore_errors=True)
            cold.append(run(seeds, work / "docs", "-"))
        shutil.rmtree(work / "docs", ignore_errors=True)
        run(seeds, work / "docs", work / "cache")  # fill the cache
        warm = [run(seeds, work / "docs", work / "cache") for _ in range(runs)]
        added = []
        extra = articles[n] if n < len(articles) else articles[0]
        for i in range(runs):
            target = seeds / f"zz_added_{i}_{extra.name}"
            shutil.copy(extra, target)
            added.append(run(seeds, work / "docs", work / "cache"))
            target.unlink()
            run(seeds, work / "docs", work / "cache")  # back to N articles
        result = {
            "n": n,
            "cold_s": median(cold, "seconds"),
            "warm_s": median(warm, "seconds"),
            "add_one_s": median(added, "seconds"),
            "cold_cpu": median(cold, "cpu"),
            "warm_cpu": median(warm, "cpu"),
            "add_one_cpu": median(added, "cpu"),
            "rss_mb": max(r["rss_mb"] for r in cold),
            "briefings": cold[0]["briefings"],
            "events": cold[0]["events"],
            "quotes": cold[0]["quotes"],
        }
        if with_mkdocs:
            result["mkdocs_s"] = time_mkdocs(work)
        return result


def time_mkdocs(work: Path) -> float:
    config = work / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "site_templates", work / "site_templates", dirs_exist_ok=True)
    for extra in ("about.md", "assets"):
        src = ROOT / "docs" / extra
        if src.is_dir():
            shutil.copytree(src, work / "docs" / extra, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy(src, work / "docs" / extra)

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config)],
        check=True,
        cwd=work,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="folder of seed articles (.txt/.md)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 2452])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is printed")
    parser.add_argument("--mkdocs", action="store_true", help="also time mkdocs build of the generated docs")
    args = parser.parse_args()
    articles = sorted(p for p in args.data.iterdir() if p.suffix in {".txt", ".md"})
    sizes = [min(n, len(articles)) for n in args.sizes]
    print(
        f"{'N':>6} {'cold s':>8} {'s/100 docs':>10} {'warm s':>8} {'add one s':>10} {'peak MB':>8} "
        f"{'briefings':>9} {'events':>7} {'quotes':>7} {'cpu s: cold':>11} {'warm':>6} {'add one':>7}"
        + ("  mkdocs s" if args.mkdocs else "")
    )
    results = []
    for n in sizes:
        r = bench_size(articles, n, args.runs, args.mkdocs)
        results.append(r)
        print(
            f"{r['n']:>6} {r['cold_s']:>8.2f} {100 * r['cold_s'] / r['n']:>10.3f} {r['warm_s']:>8.2f} "
            f"{r['add_one_s']:>10.2f} {r['rss_mb']:>8.0f} {r['briefings']:>9} {r['events']:>7} {r['quotes']:>7} "
            f"{r['cold_cpu']:>11.2f} {r['warm_cpu']:>6.2f} {r['add_one_cpu']:>7.2f}"
            + (f"  {r['mkdocs_s']:>8.2f}" if args.mkdocs else ""),
            flush=True,
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(
            f"growth {first['n']} -> {last['n']} articles (x{last['n'] / first['n']:.1f}): "
            f"cold time x{last['cold_s'] / first['cold_s']:.1f}, memory x{last['rss_mb'] / first['rss_mb']:.1f}; "
            f"adding one article costs {last['add_one_s'] / last['cold_s']:.0%} of a cold build at {last['n']}"
        )


if __name__ == "__main__":
    main()
