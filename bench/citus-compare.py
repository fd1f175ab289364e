#!/usr/bin/env python3
"""Citus / single PostgreSQL for every figure two bench/run reports share (bench/run --citus).

Rows of the reports' tables are matched by their text cells (the figure's name, the clients); each
numeric cell gives a ratio Citus / PostgreSQL (the first number of a cell: the median of the runs).
Above 1 for times and below 1 for rates: Citus slower."""
import re
import sys

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def tables(path):
    """{(header tuple, key tuple): [cells]} of every markdown table row."""
    rows, header = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if header is None:
            header = tuple(cells)
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        key = tuple(c for c in cells if not NUMBER.fullmatch(c.split(" ")[0].replace("/s", "")))
        rows[(header, key)] = cells
    return rows


def first_number(cell):
    match = NUMBER.search(cell)
    return float(match.group().replace(",", "")) if match else None


def main(single, citus):
    a, b = tables(single), tables(citus)
    print("| table | row | column | PostgreSQL | Citus | Citus / PostgreSQL |")
    print("|---|---|---|---:|---:|---:|")
    for (header, key), cells in a.items():
        other = b.get((header, key))
        if other is None:
            continue
        for column, x, y in zip(header, cells, other):
            if x in key:
                continue
            p, c = first_number(x), first_number(y)
            if p is None or c is None or p == 0:
                continue
            print(f"| {header[0]} | {' / '.join(key) or '-'} | {column} | {x} | {y} | {c / p:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
