#!/usr/bin/env python3
"""Times build scenarios (whole processes) and prints them side by side.

Subcommands:

  run --label L --tool T --scenario S --dir DIR [--prepare CMD] [--watch D] [-n N]
      [--warmup W] --out FILE -- CMD...
      Runs CMD in DIR, W uncounted times, then N counted times. Before every run the shell
      command PREPARE (an edit, a `rm -rf` of a cache) runs untimed in DIR. Per run:
        wall  monotonic clock from spawn to reap
        cpu   user + system of CMD and every descendant it waited for (os.wait4's rusage)
      D is a cache folder (relative to DIR): a run that adds, removes or rewrites a file in
      it is counted as one that computed something (hw writes its result cache only after
      compiling and running a document). Appends one JSON line to FILE and prints one summary line.

  edit-prose FILE     Changes one sentence of prose: bumps a "(revision N)" marker, added
                      the first time at the end of the first prose line outside code/math.
  edit-block FILE     Changes one verify block: bumps a "// edit N" comment line, added the
                      first time as the first line of the first ```swift verify block.
  execs DIR -- CMD... Runs CMD once under `strace -f` and prints, per program it started,
                      how many times and for how long (seconds of wall time, summed).
  table FILE          Prints the comparison table of the JSON lines in FILE.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

GOALS = {  # scenario: (text, test on hw's median wall seconds and Jupyter Book's)
    "cold": ("at most half of Jupyter Book", lambda hw, jb: None if jb is None else hw <= jb / 2),
    "cold, empty compiler cache": (
        "(first build on a machine) at most half of Jupyter Book",
        lambda hw, jb: None if jb is None else hw <= jb / 2),
    "no-op": ("under 50 ms", lambda hw, jb: hw < 0.050),
    "prose edit": ("under 150 ms, nothing compiled", lambda hw, jb: hw < 0.150),
    "one-block edit": ("under 1.5 s", lambda hw, jb: hw < 1.5),
}
SCENARIOS = list(GOALS)


def snapshot(folder):
    """(name, size, mtime in ns) of every file directly in `folder`."""
    if not folder or not os.path.isdir(folder):
        return frozenset()
    out = []
    for entry in os.scandir(folder):
        info = entry.stat(follow_symlinks=False)
        out.append((entry.name, info.st_size, info.st_mtime_ns))
    return frozenset(out)


def one_run(cmd, cwd, prepare, watch):
    if prepare:
        subprocess.run(prepare, shell=True, cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = snapshot(watch)
    start = time.monotonic()
    child = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    changed = snapshot(watch) != before
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "exit": os.waitstatus_to_exitcode(status), "cache_changed": changed}


def command_run(a):
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if a.watch:
        a.watch = os.path.join(a.dir, a.watch)
    for _ in range(a.warmup):
        one_run(cmd, a.dir, a.prepare, a.watch)
    runs = [one_run(cmd, a.dir, a.prepare, a.watch) for _ in range(a.n)]
    walls = [r["wall"] for r in runs]
    cpus = [r["cpu"] for r in runs]
    record = {
        "label": a.label, "tool": a.tool, "scenario": a.scenario, "n": a.n,
        "wall": {"median": statistics.median(walls), "min": min(walls), "max": max(walls)},
        "cpu": {"median": statistics.median(cpus), "min": min(cpus), "max": max(cpus)},
        "exits": sorted({r["exit"] for r in runs}),
        "cache_changed": sum(r["cache_changed"] for r in runs) if a.watch else None,
    }
    with open(a.out, "a") as f:
        f.write(json.dumps(record) + "\n")
    changed = "" if a.watch is None else f"  cache written in {record['cache_changed']}/{a.n}"
    print(f"{a.label:<36} n={a.n}  wall {spread(record['wall'])}  cpu {spread(record['cpu'])}"
          f"  exit {record['exits']}{changed}", flush=True)


def seconds(x):
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def spread(s):
    return f"{seconds(s['median'])} [{seconds(s['min'])} .. {seconds(s['max'])}]"


def outside_code_lines(lines):
    """Indices of lines that are neither inside a fenced block nor inside $$ display math."""
    fence = None
    display = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        m = re.match(r"(`{3,}|~{3,})", stripped)
        if m:
            fence = m.group(1)
            continue
        if stripped.startswith("$$"):
            if not (len(stripped) > 2 and stripped.endswith("$$")):
                display = not display
            continue
        if not display:
            yield i


def edit_prose(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"\(revision (\d+)\)", text)
    if m:
        text = text[:m.start()] + f"(revision {int(m.group(1)) + 1})" + text[m.end():]
    else:
        lines = text.split("\n")
        in_front = lines and lines[0].strip() == "---"
        for i in outside_code_lines(lines):
            line = lines[i]
            if in_front:
                if i > 0 and line.strip() == "---":
                    in_front = False
                continue
            # A plain prose line: not a heading, list, quote, table, HTML or blank line.
            if line.strip() and re.match(r"[A-Za-z]", line) and line.rstrip().endswith("."):
                lines[i] = line.rstrip() + " (revision 1)"
                break
        else:
            sys.exit(f"edit-prose: no prose line found in {path}")
        text = "\n".join(lines)
    open(path, "w", encoding="utf-8").write(text)


def edit_block(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"// edit (\d+)\n", text)
    if m:
        text = text[:m.start()] + f"// edit {int(m.group(1)) + 1}\n" + text[m.end():]
    else:
        m = re.search(r"^(`{3,})swift verify[^\n]*\n", text, flags=re.M)
        if not m:
            sys.exit(f"edit-block: no swift verify block in {path}")
        text = text[:m.end()] + "// edit 1\n" + text[m.end():]
    open(path, "w", encoding="utf-8").write(text)


def command_execs(a):
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    with tempfile.TemporaryDirectory() as scratch:
        log = os.path.join(scratch, "trace")
        start = time.monotonic()
        subprocess.run(["strace", "-f", "-qq", "-ttt", "-e", "trace=execve,exit_group",
                        "-o", log] + cmd, cwd=a.dir, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        total = time.monotonic() - start
        started, program, spans = {}, {}, {}
        first = None
        for line in open(log):
            parts = line.split(None, 2)
            if len(parts) < 3:
                continue
            pid, stamp, rest = parts[0], float(parts[1]), parts[2]
            first = stamp if first is None else first
            m = re.match(r'execve\("([^"]+)".*= 0', rest)
            if m:
                if pid in started:  # one program replaced by another: close the first
                    spans.setdefault(program[pid], []).append(stamp - started[pid])
                started[pid], program[pid] = stamp, os.path.basename(m.group(1))
            elif (rest.startswith("+++ exited") or rest.startswith("exit_group")) \
                    and pid in started:
                spans.setdefault(program[pid], []).append(stamp - started.pop(pid))
    print(f"  whole command under strace: {total:.2f} s")
    for name, times in sorted(spans.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {name:<24} x{len(times):<3} {sum(times):7.3f} s")


def cell(rows, tool, scenario):
    for r in rows:
        if r["tool"] == tool and r["scenario"] == scenario:
            return r
    return None


def command_table(a):
    rows = [json.loads(line) for line in open(a.file) if line.strip()]
    hw_tools = [t for t in dict.fromkeys(r["tool"] for r in rows) if t.startswith("hw")]
    print("| scenario | tool | wall, median [min .. max] | cpu, median | "
          "hw / Jupyter Book | hw / jupytext+nbconvert | goal for hw | met |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for scenario in SCENARIOS:
        # The peers' row for a scenario of hw's alone (the empty compiler cache) is cold's.
        peer_scenario = "cold" if scenario.startswith("cold") else scenario
        jb = cell(rows, "jupyter-book", peer_scenario)
        jt = cell(rows, "jupytext+nbconvert", peer_scenario)
        jb_wall = jb["wall"]["median"] if jb else None
        for tool in hw_tools:
            hw = cell(rows, tool, scenario)
            if not hw:
                continue
            wall = hw["wall"]["median"]
            text, test = GOALS[scenario]
            met = test(wall, jb_wall)
            extra = ""
            if scenario == "prose edit" and hw.get("cache_changed") is not None:
                compiled = hw["cache_changed"]
                met = met and compiled == 0
                extra = f"; compiled in {compiled}/{hw['n']} runs"
            if hw["exits"] != [0]:
                extra += f"; exit {hw['exits']}"
            verdict = "n/a (no peer figure)" if met is None else ("yes" if met else "no")
            ratio_jb = f"{wall / jb_wall:.3f}" if jb else "n/a"
            ratio_jt = f"{wall / jt['wall']['median']:.3f}" if jt else "n/a"
            print(f"| {scenario} | {tool} | {spread(hw['wall'])} | "
                  f"{seconds(hw['cpu']['median'])} | {ratio_jb} | {ratio_jt} | "
                  f"{text}{extra} | {verdict} |")
        for peer in (jb, jt):
            if peer and peer_scenario == scenario:
                print(f"| {scenario} | {peer['tool']} | {spread(peer['wall'])} | "
                      f"{seconds(peer['cpu']['median'])} | | | | |")


def command_sandbox(a):
    """What the sandbox adds: the default build minus the same build with --sandbox none."""
    rows = [json.loads(line) for line in open(a.file) if line.strip()]
    hw_tools = [t for t in dict.fromkeys(r["tool"] for r in rows) if t.startswith("hw")]
    print("| scenario | tool | sandboxed, median | no sandbox, median | added | goal | met |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for scenario, documents in (("cold", 1), ("one-block edit", 1), ("20 documents, cold", 20)):
        for tool in hw_tools:
            boxed = cell(rows, tool, scenario)
            bare = cell(rows, tool, scenario + ", no sandbox")
            if not boxed or not bare:
                continue
            added = (boxed["wall"]["median"] - bare["wall"]["median"]) / documents
            met = "yes" if added <= 0.050 else "no"
            print(f"| {scenario} | {tool} | {seconds(boxed['wall']['median'])} | "
                  f"{seconds(bare['wall']['median'])} | {added * 1000:+.0f} ms per document | "
                  f"at most +50 ms per document | {met} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--label", required=True)
    r.add_argument("--tool", required=True)
    r.add_argument("--scenario", required=True)
    r.add_argument("--dir", default=".")
    r.add_argument("--prepare")
    r.add_argument("--watch")
    r.add_argument("-n", type=int, default=5)
    r.add_argument("--warmup", type=int, default=1)
    r.add_argument("--out", required=True)
    r.add_argument("cmd", nargs=argparse.REMAINDER)
    sub.add_parser("edit-prose").add_argument("file")
    sub.add_parser("edit-block").add_argument("file")
    e = sub.add_parser("execs")
    e.add_argument("dir")
    e.add_argument("cmd", nargs=argparse.REMAINDER)
    sub.add_parser("table").add_argument("file")
    sub.add_parser("sandbox").add_argument("file")
    a = ap.parse_args()
    if a.command == "run":
        command_run(a)
    elif a.command == "edit-prose":
        edit_prose(a.file)
    elif a.command == "edit-block":
        edit_block(a.file)
    elif a.command == "execs":
        command_execs(a)
    elif a.command == "sandbox":
        command_sandbox(a)
    else:
        command_table(a)


if __name__ == "__main__":
    main()
