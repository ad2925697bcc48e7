"""How long the relationship map takes to draw, by network size.

Usage: python bench/network_map.py [--repeat R]

Pure Python, no database. Prints p50/p95 milliseconds of ``render_map`` for networks of 1, 10,
20, 40 and 60 members spread over the sectors, and for 40 with 12 crowded into one cell.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alongside.networks.svg import render_map  # noqa: E402
from alongside.networks.ties import Kind, Ring, Tie  # noqa: E402


def network(size: int, crowded: int = 0) -> list[Tie]:
    kinds, rings = list(Kind.values), list(Ring.values)
    ties = [
        Tie(key=i, label=f"Member {i}", kind=Kind.FAMILY, ring=Ring.INNER) for i in range(crowded)
    ]
    ties += [
        Tie(
            key=crowded + i,
            label=f"Person number {i}",
            kind=kinds[i % len(kinds)],
            ring=rings[(i * 3) % len(rings)],
            gives=frozenset({"company"}) if i % 3 == 0 else frozenset(),
            receives=frozenset({"practical"}),
        )
        for i in range(size - crowded)
    ]
    return ties


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    cases = [
        ("1", network(1)),
        ("10", network(10)),
        ("20", network(20)),
        ("40", network(40)),
        ("60", network(60)),
        ("40, 12 in one cell", network(40, crowded=12)),
    ]
    print(f"{'members':<22}{'p50 ms':>9}{'p95 ms':>9}")
    for name, ties in cases:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            render_map(ties, centre_label="Margaret", title="Margaret's network")
            times.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{name:<22}{statistics.median(times):>9.1f}{p95:>9.1f}")


if __name__ == "__main__":
    main()
