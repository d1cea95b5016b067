"""Draws the benchmark report's charts from the load tool's CSV series (Debian python3-matplotlib).

Usage: /usr/bin/python3 benchmarks/charts.py benchmarks/results/latest
"""
import csv
import os
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def series(rows, x, y):
    out = defaultdict(lambda: ([], []))
    for row in rows:
        xs, ys = out[row["series"]]
        xs.append(float(row[x]))
        ys.append(float(row[y]))
    return out


def main(directory):
    rows = read(os.path.join(directory, "throughput.csv"))
    if rows:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        for name, (xs, ys) in series(rows, "seconds", "per_second").items():
            ax.plot(xs, ys, label=name, linestyle="--" if name.startswith("floor") else "-")
        ax.set_xlabel("seconds into the measured window")
        ax.set_ylabel("records (floor) / events applied (node) per second")
        ax.set_title("Ingestion throughput over time")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(directory, "throughput.png"), dpi=110)

    rows = read(os.path.join(directory, "latency.csv"))
    if rows:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        for name, (xs, ys) in series(rows, "percentile", "ms").items():
            # x axis: 1 / (1 - p), the usual percentile-spectrum scale
            pts = [(1.0 / max(1e-6, 1 - p / 100.0), v) for p, v in zip(xs, ys) if v == v]
            ax.plot([p for p, _ in pts], [v for _, v in pts], marker=".", label=name,
                    linestyle="--" if name.startswith("Noop") else "-." if name.startswith("SizedNoop") else ":" if name.startswith("BareResponder") else "-")
        ticks = [0, 50, 90, 99, 99.9, 99.99]
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks([1.0 / (1 - t / 100.0) for t in ticks])
        ax.set_xticklabels([f"p{t:g}" for t in ticks])
        ax.set_ylabel("latency (ms)")
        ax.set_title("Latency by percentile (open loop, from scheduled send time)")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(directory, "latency.png"), dpi=110)

    rows = read(os.path.join(directory, "memory.csv"))
    if rows:
        xs = [int(r["customers"]) for r in rows]
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax.plot(xs, [float(r["rss_mib"]) for r in rows], marker="o", label="resident set (RSS)")
        ax.plot(xs, [float(r["heap_mib"]) for r in rows], marker="o", label="managed heap")
        ax.axhline(2048, color="red", linestyle=":", label="target 2 GiB")
        ax.set_xlabel("distinct customers ingested")
        ax.set_ylabel("MiB")
        ax.set_title("Node memory, idle actors deactivated")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(directory, "memory.png"), dpi=110)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/latest")
