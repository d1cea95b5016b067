"""Copies the latest report into the results page, between its markers, so the page always shows the newest run.

The page's own text (what changed, what limits each figure, the micro-benchmark summary) stays as written; only the
part between `<!-- report:start -->` and `<!-- report:end -->` is replaced by report.md's figures (everything after its
title, up to its micro-benchmark pointer), with chart paths made relative to the page.

Usage: python3 benchmarks/results_page.py benchmarks/results/latest/report.md benchmarks/RESULTS.md
"""
import re
import sys

START, END = "<!-- report:start -->", "<!-- report:end -->"


def body(report):
    lines = report.split("\n")
    text = "\n".join(lines[2:])
    cut = text.find("## Micro-benchmarks")
    if cut >= 0:
        text = text[:cut]
    return re.sub(r"\]\((\w+\.png)\)", r"](results/latest/\1)", text.strip()) + "\n"


def main(report_path, page_path):
    with open(report_path, encoding="utf-8") as f:
        report = f.read()
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    start, end = page.find(START), page.find(END)
    if start < 0 or end < start:
        sys.exit(f"{page_path} has no {START} ... {END} section")
    page = page[: start + len(START)] + "\n" + body(report) + page[end:]
    with open(page_path, "w", encoding="utf-8") as f:
        f.write(page)
    print(f"results page: {page_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
