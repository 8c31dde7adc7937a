"""Benchmark dipparse: throughput, the reference regex pass, import time, memory, scaling, rules,
and the speed-up of ``dipparse parse --workers 2`` over ``--workers 1`` on a JSON-lines archive.

    python benchmarks/run.py                  # the full run (texts up to 10 MB; several minutes)
    python benchmarks/run.py --quick          # a smaller run (texts up to 1 MB)
    python benchmarks/run.py --workers-only   # only the --workers speed-up
    python benchmarks/run.py --workers-only --archive-mb 20   # ... on a 20 MB archive
    python benchmarks/run.py --memory-only    # only the peak-memory rows (fresh processes)
    python benchmarks/run.py --json results.json

Every time is the median of several runs. The reference is one
case-insensitive pass of one compiled `regex` pattern, a 300-word trigger list
as ``\\L<...>``, over the same text, timed in the same run; the ratio is
parse time / reference time. Import time and memory are measured in fresh
subprocesses: peak resident memory (VmHWM) of one parse of 3 MB of event-dense
text and of 10 MB of real news, and of streaming the 10 MB with
``Parser.iter_events``. See docs/performance.md for what the numbers mean.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

import dipparse
from corpus import article_list, make_text
from dipparse.text import normalise

# Words besides the rule sets' own lists that fill the reference list to 300.
_FILLER = """
    accord agenda agreement aid alliance ambassador appeal armistice arms assistance
    backing bargain blockade boycott breakthrough call campaign censure charter claim
    coalition commitment communique compromise concession condemnation conference consensus
    consultation convention cooperation corridor council counteroffer covenant crisis
    declaration delegation demarche deployment detente dialogue dispute duty embargo
    emissary engagement envoy evacuation exchange framework guarantee handover initiative
    inspection intervention invasion junta lifeline mandate memorandum mission moratorium
    negotiation normalisation observer occupation ordinance outreach overture pact partnership
    peacekeeping petition plea pledge protocol provision quota ratification reconciliation
    referendum relief reparations resolution restraint retaliation roadmap sanction settlement
    statement stipulation summit support suspension tariff treaty truce ultimatum understanding
    veto visit warning withdrawal
""".split()


def reference_words(parser: dipparse.Parser) -> list[str]:
    """300 trigger words: the rule sets' word lists first, then common diplomatic nouns."""
    words: list[str] = []
    for ruleset in parser.rulesets:
        for items in ruleset.lists.values():
            words.extend(w for w in items if " " not in w)
    words.extend(_FILLER)
    words.extend(f"{w}s" for w in _FILLER)
    unique = list(dict.fromkeys(w.lower() for w in words))
    if len(unique) < 300:
        raise SystemExit(f"only {len(unique)} reference words; add more to _FILLER")
    return unique[:300]


def median_time(func: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``func``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fresh_median(code: str, runs: int) -> float:
    """The median of the number ``code`` prints, each run in a fresh interpreter."""
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def import_time(runs: int) -> float:
    """Median time of ``import dipparse`` in a fresh interpreter, in seconds."""
    code = "import time; t = time.perf_counter(); import dipparse; print(time.perf_counter() - t)"
    return _fresh_median(code, runs)


def parser_build_time(runs: int) -> float:
    """Median time of the first ``dipparse.Parser()`` in a fresh interpreter, in seconds
    (rule sets read and compiled, gazetteer tables built)."""
    code = (
        "import time; import dipparse; t = time.perf_counter(); dipparse.Parser(); "
        "print(time.perf_counter() - t)"
    )
    return _fresh_median(code, runs)


# The peak resident size of the process that runs it (VmHWM; ru_maxrss would include
# the parent's), for the code the memory rows run in fresh processes.
_RSS = """def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


def resident_memory(size: int) -> dict[str, float]:
    """Peak resident memory (MB) of a fresh process: Python + dipparse, + a parser, + a parse."""
    code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from corpus import make_text
{_RSS}import dipparse
text = make_text({size})
a = rss()
parser = dipparse.Parser()
b = rss()
parser.parse(text, published="2025-05-12")
c = rss()
print(a, b, c)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, built, parsed = map(float, out.stdout.split())
    return {
        "imported_mb": imported,
        "parser_built_mb": built,
        "after_parse_mb": parsed,
        "parser_mb": built - imported,
    }


# The event-dense text of the memory rows: two statements in every 68 characters.
EVENT_DENSE_UNIT = "India offered Pakistan talks on Monday. China rejected the proposal. "


def peak_memory(kind: str, size: int, mode: str = "parse") -> dict[str, Any]:
    """Peak resident memory (MB) and time of one parse in a fresh process.

    ``kind`` is ``"event-dense"`` (`EVENT_DENSE_UNIT` repeated) or ``"real-news"``
    (the Wikinews articles repeated), ``size`` characters of it; ``mode`` is
    ``"parse"`` (`Parser.parse`, the Document kept) or ``"iter_events"`` (the
    events counted as they come, none kept).
    """
    code = f"""
import sys, time
sys.path.insert(0, {str(Path(__file__).parent)!r})
from run import EVENT_DENSE_UNIT, real_news_text
{_RSS}import dipparse
size = {size}
if {kind!r} == "event-dense":
    text = (EVENT_DENSE_UNIT * (size // len(EVENT_DENSE_UNIT) + 1))[:size]
else:
    text = real_news_text(size)
    if text is None:
        print("missing")
        raise SystemExit(0)
parser = dipparse.Parser()
parser.parse(text[:20_000], published="2025-05-12")
before = rss()
start = time.perf_counter()
if {mode!r} == "parse":
    events = len(parser.parse(text, published="2025-05-12").events)
else:
    events = sum(1 for _ in parser.iter_events(text, published="2025-05-12"))
seconds = time.perf_counter() - start
print(before, rss(), seconds, events)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    if out.stdout.strip() == "missing":
        return {"kind": kind, "chars": size, "mode": mode, "missing": True}
    before, peak, seconds, events = out.stdout.split()
    return {
        "kind": kind,
        "chars": size,
        "mode": mode,
        "before_mb": float(before),
        "peak_mb": float(peak),
        "parse_s": float(seconds),
        "events": int(events),
    }


def peak_memory_rows(quick: bool) -> list[dict[str, Any]]:
    """The memory rows: event-dense text and real news, parsed and streamed."""
    dense, news = (300_000, 1_000_000) if quick else (3_000_000, 10_000_000)
    return [
        peak_memory("event-dense", dense),
        peak_memory("real-news", news),
        peak_memory("real-news", news, "iter_events"),
    ]


def _peak_rows(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in rows:
        what = f"peak RSS: {r['chars'] / 1e6:g} MB of {r['kind']} text, {r['mode']}"
        if r.get("missing"):
            out.append(f"| {what} | no real news ({REAL_NEWS.name}/ beside the checkout) |")
            continue
        out.append(
            f"| {what} | {r['peak_mb']:.0f} MB ({r['before_mb']:.0f} MB before; "
            f"{r['events']} events in {r['parse_s']:.1f} s) |"
        )
    return out


# Real published news: twelve Wikinews articles (CC BY 2.5) kept beside the project
# checkout; their first line is the attribution, not text.
REAL_NEWS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wikinews"


def real_news_text(size: int, folder: Path = REAL_NEWS) -> str | None:
    """The real articles, without attribution lines, repeated to ``size`` characters."""
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        return None
    articles = ["\n".join(f.read_text(encoding="utf-8").splitlines()[1:]) for f in files]
    one = "\n\n".join(articles)
    return "\n\n".join([one] * (size // len(one) + 1))[:size]


def synthetic_rules(count: int) -> str:
    """A TOML rule set of ``count`` extra rules: a third keyed on words news text uses."""
    common = [
        "said",
        "talks",
        "officials",
        "percent",
        "government",
        "minister",
        "peace",
        "border",
        "country",
        "week",
    ]
    lines = ['[ruleset]\nname = "synthetic"\nversion = "0.0.1"\n', "[lists]"]
    for i in range(count):
        words = [f"synword{i}a", f"synword{i}b"]
        if i % 3 == 0:
            words.append(common[i % len(common)])
        lines.append(f"syn{i} = {json.dumps(words)}")
    for i in range(count):
        lines.append(
            f'\n[[rules]]\nid = "synthetic.r{i}"\nkind = "offer"\npriority = -100\n'
            f'tokens = "trigger:{{syn{i}}} (to|that|on|with)"'
        )
    return "\n".join(lines) + "\n"


def workers_speedup(size: int, runs: int) -> dict[str, Any]:
    """Wall time of ``dipparse parse`` (the console command) on a generated JSON-lines
    archive of about ``size`` characters, with ``--workers 1`` and ``--workers 2``.

    The archive is generated news articles, one record each, with one record cut short
    in the middle: both runs must report it and give byte-identical output (checked).
    Each run is a fresh process, so the times include starting Python, building the
    rule sets and starting the worker processes: what a user waits for.
    """
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "archive.jsonl"
        texts = article_list(size)
        with archive.open("w", encoding="utf-8") as out:
            for i, text in enumerate(texts):
                record = json.dumps({"id": f"a{i}", "text": text, "published": "2025-05-12"})
                out.write((record[: len(record) // 2] if i == len(texts) // 2 else record) + "\n")
        src = str(Path(__file__).resolve().parents[1] / "src")
        path = os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path}
        command = [
            *(sys.executable, "-m", "dipparse", "parse", str(archive), "--input-format", "jsonl"),
            *("--published-field", "published", "--format", "jsonl", "--quiet", "--workers"),
        ]
        outputs: dict[int, bytes] = {}

        def parse(workers: int) -> None:
            done = subprocess.run([*command, str(workers)], capture_output=True, env=env)
            if done.returncode != 1 or done.stderr.count(b"dipparse: failed:") != 1:
                raise RuntimeError(f"--workers {workers}: the broken record was not reported")
            outputs[workers] = done.stdout

        one = median_time(lambda: parse(1), runs)
        two = median_time(lambda: parse(2), runs)
        if outputs[1] != outputs[2]:
            raise RuntimeError("--workers 2 gave other output than --workers 1")
        mb = archive.stat().st_size / 1e6
    return {
        "records": len(texts),
        "megabytes": mb,
        "cpus": os.cpu_count(),
        "workers_1_s": one,
        "workers_2_s": two,
        "speedup": one / two,
    }


def _workers_row(w: dict[str, Any]) -> str:
    return (
        f"| dipparse parse --workers 2 vs 1: {w['records']} JSON records, "
        f"{w['megabytes']:.2f} MB, {w['cpus']} CPUs | {w['workers_1_s']:.2f} s -> "
        f"{w['workers_2_s']:.2f} s ({w['speedup']:.2f}x) |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a report (and write JSON with ``--json``)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller texts and fewer runs")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument(
        "--workers-only", action="store_true", help="only the --workers 2 vs 1 speed-up"
    )
    ap.add_argument("--memory-only", action="store_true", help="only the peak resident memory rows")
    ap.add_argument(
        "--archive-mb",
        type=float,
        metavar="MB",
        help="size of the JSON-lines archive for the --workers speed-up (default 0.5 with"
        " --quick, else 2; the archive issue's measure is 20)",
    )
    args = ap.parse_args(argv)
    quick = args.quick
    if args.memory_only:
        rows = peak_memory_rows(quick)
        print("| measure | value |\n| --- | --- |\n" + "\n".join(_peak_rows(rows)))
        if args.json:
            Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
        return 0
    runs = 3 if quick else 5
    main_size = 300_000 if quick else 1_000_000
    archive_size = 500_000 if quick else 2_000_000
    if args.archive_mb is not None:
        if args.archive_mb <= 0:
            ap.error(f"--archive-mb must be positive, not {args.archive_mb}")
        archive_size = int(args.archive_mb * 1_000_000)
    if args.workers_only:
        speedup = workers_speedup(archive_size, 3)
        print("| measure | value |\n| --- | --- |\n" + _workers_row(speedup))
        if args.json:
            Path(args.json).write_text(json.dumps(speedup, indent=2) + "\n", encoding="utf-8")
        return 0
    sizes = [1_000, 10_000, 100_000, 1_000_000] + ([] if quick else [10_000_000])
    results: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.processor() or 'unknown cpu'}",
        "dipparse": dipparse.__version__,
        "quick": quick,
    }

    parser = dipparse.Parser()
    results["parser_build_s"] = parser_build_time(runs=7 if not quick else 5)
    text = make_text(main_size)
    reference = regex.compile(r"\b\L<words>\b", regex.IGNORECASE, words=reference_words(parser))
    parser.parse(text[:20_000], published="2025-05-12")  # warm caches (dates)

    doc = parser.parse(text, published="2025-05-12")
    parse_s = median_time(lambda: parser.parse(text, published="2025-05-12"), runs)
    ref_s = median_time(lambda: sum(1 for _ in reference.finditer(text)), runs)
    mb = len(text.encode("utf-8")) / 1e6
    results["throughput"] = {
        "chars": len(text),
        "megabytes": mb,
        "sentences": len(doc.sentences),
        "events": len(doc.events),
        "parse_s": parse_s,
        "mb_per_s": mb / parse_s,
        "sentences_per_s": len(doc.sentences) / parse_s,
        "reference_s": ref_s,
        "ratio_to_reference": parse_s / ref_s,
    }

    real: dict[str, Any] | None = None
    news = real_news_text(main_size)
    if news is not None:
        parser.parse(news[:20_000], published="2025-05-12")
        news_s = median_time(lambda: parser.parse(news, published="2025-05-12"), runs)
        news_ref = median_time(lambda: sum(1 for _ in reference.finditer(news)), runs)
        news_mb = len(news.encode("utf-8")) / 1e6
        normalised = normalise(news).text
        actors_s = median_time(lambda: parser.gazetteer.find(normalised), runs)
        real = {
            "megabytes": news_mb,
            "parse_s": news_s,
            "mb_per_s": news_mb / news_s,
            "reference_s": news_ref,
            "ratio_to_reference": news_s / news_ref,
            "actor_mentions_s_per_mb": actors_s / news_mb,
        }
        if not quick:
            ten = real_news_text(10 * main_size) or news
            ten_s = median_time(lambda: parser.parse(ten, published="2025-05-12"), 1)
            real["per_kb_10x_vs_1x"] = (ten_s / len(ten)) / (news_s / len(news))
    results["real_news"] = real

    articles = text.split("\n\n")
    per_article_s = median_time(
        lambda: [parser.parse(a, published="2025-05-12") for a in articles], runs
    )
    results["per_article"] = {
        "articles": len(articles),
        "parse_s": per_article_s,
        "mb_per_s": mb / per_article_s,
    }

    scaling = []
    for size in sizes:
        sample = make_text(size)
        n = 1 if size >= 10_000_000 else (3 if size >= 1_000_000 else runs)
        if size < 100_000:
            n = 9
        seconds = median_time(lambda s=sample: parser.parse(s, published="2025-05-12"), n)
        scaling.append(
            {
                "chars": len(sample),
                "parse_s": seconds,
                "us_per_kb": seconds * 1e6 / (len(sample) / 1000),
                "mb_per_s": len(sample) / 1e6 / seconds,
            }
        )
    results["scaling"] = scaling

    extra = dipparse.ruleset_from_string(
        synthetic_rules(10 * len(parser.rules)), source="synthetic.toml"
    )
    bigger = dipparse.Parser(["core-en", extra])
    bigger.parse(text[:20_000], published="2025-05-12")
    big_s = median_time(lambda: bigger.parse(text, published="2025-05-12"), runs)
    results["rules"] = {
        "builtin_rules": len(parser.rules),
        "with_extra_rules": len(bigger.rules),
        "builtin_s": parse_s,
        "with_extra_s": big_s,
        "ratio": big_s / parse_s,
    }

    results["import_s"] = import_time(runs=7 if not quick else 5)
    results["memory"] = resident_memory(main_size)
    results["peak_memory"] = peak_memory_rows(quick)
    results["workers"] = workers_speedup(archive_size, 3)

    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _real_news_rows(real: dict[str, Any] | None) -> list[str]:
    """Report rows for the real news text (or why there are none)."""
    if real is None:
        return [f"| real news | not found ({REAL_NEWS.name}/ beside the checkout) |"]
    rows = [
        f"| real news: {real['megabytes']:.2f} MB (median) | {real['parse_s']:.3f} s, "
        f"{real['mb_per_s']:.3f} MB/s, {real['ratio_to_reference']:.2f}x the reference |"
    ]
    if "actor_mentions_s_per_mb" in real:
        rows.append(
            f"| real news: actor mentions (gazetteer, median) | "
            f"{real['actor_mentions_s_per_mb']:.3f} s per MB |"
        )
    if "per_kb_10x_vs_1x" in real:
        rows.append(f"| real news: per-KB cost at 10x size | {real['per_kb_10x_vs_1x']:.2f}x |")
    return rows


def report(r: dict[str, Any]) -> str:
    """The results as a Markdown report."""
    t = r["throughput"]
    lines = [
        f"dipparse {r['dipparse']}, Python {r['python']}, {r['machine']}"
        + (" (quick)" if r["quick"] else ""),
        "",
        f"parser build: {r['parser_build_s']:.2f} s; import dipparse: "
        f"{r['import_s'] * 1000:.0f} ms (medians, fresh processes)",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| text | {t['megabytes']:.2f} MB, {t['sentences']} sentences, {t['events']} events |",
        f"| parse (median) | {t['parse_s']:.3f} s |",
        f"| throughput | {t['mb_per_s']:.3f} MB/s, {t['sentences_per_s']:.0f} sentences/s |",
        f"| reference regex pass (median) | {t['reference_s']:.3f} s |",
        f"| building a Parser (median, fresh process) | {r['parser_build_s']:.2f} s |",
        f"| parse / reference | {t['ratio_to_reference']:.2f}x |",
        *_real_news_rows(r.get("real_news")),
        f"| per article ({r['per_article']['articles']} parses) | "
        f"{r['per_article']['mb_per_s']:.3f} MB/s |",
        f"| memory: Python + dipparse | {r['memory']['imported_mb']:.0f} MB |",
        f"| memory: + a parser | {r['memory']['parser_built_mb']:.0f} MB "
        f"(parser {r['memory']['parser_mb']:.0f} MB) |",
        f"| memory: + parsing the text | {r['memory']['after_parse_mb']:.0f} MB |",
        *_peak_rows(r["peak_memory"]),
        f"| rules: built-in ({r['rules']['builtin_rules']}) vs built-in + 10x synthetic "
        f"({r['rules']['with_extra_rules']}) | "
        f"{r['rules']['builtin_s']:.3f} s -> {r['rules']['with_extra_s']:.3f} s "
        f"({r['rules']['ratio']:.2f}x) |",
        _workers_row(r["workers"]),
        "",
        "| text size | parse (median) | µs per KB | MB/s |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for row in r["scaling"]:
        lines.append(
            f"| {row['chars']:,} | {row['parse_s']:.4f} s | {row['us_per_kb']:.0f} | "
            f"{row['mb_per_s']:.3f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
