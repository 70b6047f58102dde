"""The formula benchmark's report: what hw and SymPy made of each equation, the times of those
both evaluate, and the summary against the goals.

Reads the corpus (corpus.py's output) and one or more result files of each side (evaluate.swift's
and sympy_side.py's JSON lines, one file per round); a formula's time is its best over the
rounds, and SymPy's is the faster of lambdify's `math` and `numpy` modules.

usage: report.py CORPUS --hw FILE… --sympy FILE…
"""

import argparse
import json
import statistics


def read_rounds(paths):
    """Per formula id, the records of every round."""
    rounds = {}
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                rounds.setdefault(record["id"], []).append(record)
    return rounds


def best_hw(records):
    """The first round's record, with the best time over the rounds."""
    record = dict(records[0])
    times = [r["ns"] for r in records if r["ns"] is not None]
    record["ns"] = min(times) if times else None
    return record


def best_sympy(records):
    """The first round's record, with each module's best time over the rounds."""
    record = dict(records[0])
    record["ns"] = {}
    for module in ("math", "numpy"):
        times = [r["ns"][module] for r in records if module in r["ns"]]
        if times:
            record["ns"][module] = min(times)
    return record


def nanoseconds(ns):
    if ns < 100:
        return f"{ns:.1f} ns"
    return f"{ns:,.0f} ns" if ns < 10_000 else f"{ns / 1000:,.1f} µs"


def hw_cell(record):
    if record["evaluable"] and record["ns"] is not None:
        return f"evaluable, {nanoseconds(record['ns'])} ({record['path']})"
    if record["evaluable"]:
        return f"evaluable, not timed: {record['error']}"
    return ("parsed, " if record["parses"] else "") + record["error"]


def sympy_cell(record):
    if record["evaluable"]:
        times = ", ".join(f"{module} {nanoseconds(ns)}" for module, ns in record["ns"].items())
        return f"evaluable, {times}"
    return ("parsed, " if record["parses"] else "") + record["error"]


def same_value(hw, sympy):
    """Whether both sides computed the same number (relative 1e-9), as `yes (value)`."""
    try:
        a, b = float(hw["value"]), float(sympy["value"])
    except (TypeError, ValueError):
        return f"no: hw {hw['value']}, SymPy {sympy['value']}"
    if abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)):
        return f"yes ({a:.6g})"
    return f"no: hw {a:.6g}, SymPy {b:.6g}"


def tally(messages):
    """`count× message`, the most frequent first."""
    counts = {}
    for message in messages:
        counts[message] = counts.get(message, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{n}× {message}" for message, n in ordered)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--hw", nargs="+", required=True)
    parser.add_argument("--sympy", nargs="+", required=True)
    options = parser.parse_args()

    with open(options.corpus, encoding="utf-8") as lines:
        ids = [line.split("\t", 1)[0] for line in lines if line.strip()]
    hw_rounds, sympy_rounds = read_rounds(options.hw), read_rounds(options.sympy)
    hw = {key: best_hw(hw_rounds[key]) for key in ids}
    sympy = {key: best_sympy(sympy_rounds[key]) for key in ids}
    rounds = min(len(options.hw), len(options.sympy))

    width = max(len(key) for key in ids)
    print("Each equation: hw (EvaluableFormula, its last side), then SymPy (parse_latex, lark):")
    for key in ids:
        print(f"  {key:<{width}}  hw:    {hw_cell(hw[key])}")
        print(f"  {'':<{width}}  SymPy: {sympy_cell(sympy[key])}")
        if sympy[key]["note"]:
            print(f"  {'':<{width}}         ({sympy[key]['note']})")

    both = [key for key in ids
            if hw[key]["evaluable"] and hw[key]["ns"] is not None and sympy[key]["evaluable"]]
    ratios = []
    print()
    print(f"Evaluated by both, per evaluation (best of {rounds} round(s) of 5 × 10,000):")
    print(f"  {'':<{width}}  {'hw':>10}  {'lambdify':>10}  module  ratio  same value")
    for key in both:
        module, ns = min(sympy[key]["ns"].items(), key=lambda item: item[1])
        ratio = ns / hw[key]["ns"]
        ratios.append(ratio)
        print(f"  {key:<{width}}  {nanoseconds(hw[key]['ns']):>10}  {nanoseconds(ns):>10}  "
              f"{module:<6}  {ratio:5.2f}×  {same_value(hw[key], sympy[key])}")
    median = statistics.median(ratios) if ratios else float("nan")
    print(f"  median ratio (lambdify's time / hw's): {median:.2f}×")

    homework = [key for key in ids if key.startswith("homework:")]
    hw_homework = sum(hw[key]["evaluable"] for key in homework)
    k = sum(record["evaluable"] for record in hw.values())
    s = sum(record["evaluable"] for record in sympy.values())
    missed = [key for key in homework if not hw[key]["evaluable"]]
    print()
    if missed:
        print("Homework equations hw does not evaluate: " + ", ".join(missed))
    stops = [r["stop"] for r in sympy.values() if r["stop"] is not None]
    others = [r["error"] for r in sympy.values() if not r["evaluable"] and r["stop"] is None]
    if stops:
        print("SymPy's lark grammar stops at: " + tally(stops))
    if others:
        print("SymPy's other failures: " + tally(others))
    per = f"{k / s:.1f}×" if s else "∞ (SymPy evaluates none)"
    print(f"hw evaluates {hw_homework} of the homework's {len(homework)} equations "
          f"(all: {'yes' if hw_homework == len(homework) else 'no'}); hw {k}, SymPy {s} of "
          f"{len(ids)} equations overall (K/S = {per}); evaluation: median {median:.2f}× "
          f"SymPy's lambdify (goal 10×)")


if __name__ == "__main__":
    main()
