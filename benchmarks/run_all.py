"""Run every benchmark of the project and write one table to benchmarks/RESULTS.md.

Run from the repository root:  python benchmarks/run_all.py [--snel]

Each script runs as it would by hand; its printed figures are read back (a figure is
a line with "doel", or a script's own summary lines) and put in one table with the
target, the measured value and whether the target was met, under a description of the
machine and the date. ``--snel`` skips benchmarks/plugins.py (five clean builds of the
whole course, up to 530 pages). A benchmark that is missing, fails or prints no figure gets a row that
says so. Timings depend on the machine and on what else runs on it: while a script runs,
the processor time of every process (/proc/stat) and of the script's own process tree
(psutil, which Jupyter's kernel brings along) is sampled; every timing gets a note with
the share other processes took, and a warning when that share was large.
"""

from __future__ import annotations

import argparse
import datetime
import json
import operator
import os
import platform
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
TIME_UNITS = {"s", "ms", "x"}  # x: a ratio of two timings (exercises.py, with and without the theme)
BUSY = 0.25  # other processes' share of the processor time that makes timings suspect
LOAD_NOTE = "andere processen gebruikten"

# "<name>[:] <value> <unit> ([<share>% ...;] [... ;] doel <op> <target><unit>) [verdict]":
# the lines of build.py, exercises.py and workshop.py. When the target is a percentage
# (build.py), the share of the clean build is what it is compared with.
TARGET_LINE = re.compile(
    r"^(?P<name>\S.*?):?\s+(?P<value>\d[\d.]*)\s*(?P<unit>[^\s(]*)\s+"
    r"\(\s*(?:(?P<share>\d[\d.]*)%[^;]*;\s*)?(?:[^;()]*;\s*)?"
    r"doel\s*(?P<op><=|>=|<|>)\s*(?P<target>\d[\d.]*)\s*(?P<tunit>[^\s)]*)\)"
)


@dataclass
class Figure:
    """One row of the table."""

    name: str
    target: str
    measured: str
    met: bool | None  # None: for information, no target
    note: str = ""
    timing: bool = False


def target_lines(text: str) -> list[Figure]:
    """Every line of the shape of ``TARGET_LINE``; the verdict is computed, not read.

    A line "processortijd: X s" right below a figure (workshop.py) goes into its note:
    on a busy machine the clock runs on while the processor works for others. So does
    a line "toelichting: ..." (exercises.py explains a missed target with its figures).
    """
    figures = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = TARGET_LINE.match(line.strip())
        if not match:
            continue
        below = lines[index + 1] if index + 1 < len(lines) else ""
        cpu = re.match(r"\s+processortijd: ([\d.]+ s)", below)
        explained = re.match(r"\s+toelichting: (.+)", below)
        op, target, tunit = match["op"], float(match["target"]), match["tunit"]
        if tunit == "%" and match["share"]:
            value, shown = float(match["share"]), f"{match['share']}% ({match['value']} {match['unit']})"
        else:
            value, shown = float(match["value"]), f"{match['value']} {match['unit']}"
        figures.append(Figure(
            re.sub(r"\s+", " ", match["name"]), f"{op} {match['target']}{'' if tunit == '%' else ' '}{tunit}",
            shown, COMPARE[op](value, target),
            f"processortijd {cpu[1]}" if cpu else explained[1] if explained else "", timing=match["unit"] in TIME_UNITS,
        ))
    return figures


def result_lines(text: str) -> list[Figure]:
    """Lines ``RESULT {"name", "target", "measured", "met"}``: a script's own figures, if it prints them."""
    figures = []
    for line in text.splitlines():
        if line.startswith("RESULT "):
            data = json.loads(line[len("RESULT "):])
            figures.append(Figure(data["name"], str(data.get("target", "")), str(data["measured"]), data.get("met")))
    return figures


def parse_build(text: str) -> list[Figure]:
    clean = re.search(r"^schone build:\s+([\d.]+) s", text, re.M)
    pages = re.search(r"^pagina's \(HTML\):\s+(\d+)", text, re.M)
    info = [Figure(f"schone build ({pages[1]} pagina's)", "—", f"{clean[1]} s", None, timing=True)] if clean and pages else []
    return info + target_lines(text)


def parse_readability(text: str) -> list[Figure]:
    median = re.search(r"^mediaan: ([\d.]+)", text, re.M)
    minimum = re.search(r"^minimum: ([\d.]+) \((.+)\)", text, re.M)
    goal = re.search(r"^doel: mediaan >= ([\d.]+) en geen pagina onder ([\d.]+)", text, re.M)
    if not (median and minimum and goal):
        return []
    return [
        Figure("leesbaarheid (Flesch-Douma), mediaan van de pagina's", f">= {goal[1]}", median[1], float(median[1]) >= float(goal[1])),
        Figure("leesbaarheid, laagste pagina", f">= {goal[2]}", f"{minimum[1]} ({minimum[2]})", float(minimum[1]) >= float(goal[2])),
    ]


def parse_plugins(text: str) -> list[Figure]:
    """The verdicts on the marginal cost per page, where growth turns, and the sidebar's share."""
    turn = re.search(r"^bovenlineair vanaf: (.+)$", text, re.M)
    sidebar = re.search(r"^kosten van de zijbalk bij (\d+) plugins: (.+)$", text, re.M)
    links = re.search(r"^zijbalk: (.+)$", text, re.M)
    info = [Figure("groei wordt bovenlineair vanaf", "—", turn[1], None, timing=True)] if turn else []
    if sidebar:
        info.append(Figure(f"oorzaak: de volledige navigatie in de zijbalk van elke pagina, bij {sidebar[1]} plugins",
                           "—", sidebar[2], None, links[1] if links else "", timing=True))
    return target_lines(text) + info


SCRIPTS = {  # script -> (parser, slow)
    "build.py": (parse_build, False),
    "exercises.py": (target_lines, False),
    "readability.py": (parse_readability, False),
    "workshop.py": (target_lines, False),
    "page_weight.py": (target_lines, False),
    "live.py": (target_lines, False),
    "plugins.py": (parse_plugins, True),
}


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "onbekend")
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return [
        f"- Systeem: `{' '.join(platform.uname())}`",
        f"- Processor: {cpu}, {os.cpu_count()} kernen",
        f"- Geheugen: {memory / 1024 / 1024:.1f} GB",
        f"- Python: {platform.python_version()}",
    ]


def busy_seconds() -> float:
    """Processor seconds spent so far by every process on the machine (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class OthersShare(threading.Thread):
    """Samples, twice a second, how much processor time goes to processes outside ``pid``'s tree.

    A benchmark's browser and kernels are grandchildren that are not always waited for,
    so their time is read from the live process tree rather than from rusage.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop, self.seen = pid, threading.Event(), {}
        self.total = self.own = 0.0

    def _tree_seconds(self) -> float:
        import psutil

        try:
            root = psutil.Process(self.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0.0
        spent = 0.0
        for proc in tree:
            try:
                times = proc.cpu_times()
                key = (proc.pid, proc.create_time())
            except psutil.NoSuchProcess:
                continue
            now = times.user + times.system
            spent += now - self.seen.get(key, 0.0)
            self.seen[key] = now
        return spent

    def run(self) -> None:
        busy = busy_seconds()
        while not self.stop.wait(0.5):
            own = self._tree_seconds()
            now = busy_seconds()
            self.total += now - busy
            self.own += own
            busy = now

    def share(self, seconds: float) -> float:
        """Other processes' share of all processor time over ``seconds`` of wall time."""
        self.stop.set()
        self.join()
        return max(0.0, self.total - self.own) / (seconds * (os.cpu_count() or 1))


def load_note(others: float) -> str:
    """The note every timing gets: how much of the processor other processes took meanwhile."""
    note = f"{LOAD_NOTE} {others:.0%} van de processortijd"
    return note + ("; machine druk: tijd valt hoger uit" if others > BUSY else "")


def explanation(note: str) -> str:
    """A note without the plain load share: what explains a figure (the script's own
    words, or the warning that the machine was busy)."""
    return "; ".join(part for part in note.split("; ") if not part.startswith(LOAD_NOTE))


def run(script: str, parser) -> tuple[list[Figure], str, str]:
    """Run one benchmark: its figures, a line about the run, and what it printed."""
    path = HERE / script
    if not path.is_file():
        return [Figure(script, "—", "ontbreekt", None, "script bestaat (nog) niet")], f"{script}: ontbreekt", ""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    sampler = OthersShare(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    others = sampler.share(seconds)
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    summary = (f"`python benchmarks/{script}`: {seconds:.0f} s; andere processen gebruikten {others:.0%} "
               f"van de processortijd (load average nu {os.getloadavg()[0]:.1f})")
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["geen uitvoer"])[-1]
        return [Figure(script, "—", "mislukt", False, reason)], summary + f", MISLUKT (code {done.returncode})", done.stdout + done.stderr
    figures = result_lines(done.stdout) or parser(done.stdout)
    if not figures:
        return [Figure(script, "—", "geen meetwaarde gevonden", False, "uitvoer niet herkend")], summary, done.stdout
    for figure in figures:
        figure.name = f"{script}: {figure.name}"
        if figure.timing:
            figure.note = "; ".join(filter(None, [figure.note, load_note(others)]))
    return figures, summary, done.stdout


def table(figures: list[Figure]) -> list[str]:
    verdict = {True: "ja", False: "**nee**", None: "—"}
    lines = ["| meting | doel | gemeten | gehaald | toelichting |", "| --- | --- | --- | --- | --- |"]
    for f in figures:
        cells = [f.name, f.target, f.measured, verdict[f.met], f.note]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="sla benchmarks/plugins.py over (vijf schone builds)")
    args = parser.parse_args()
    started = datetime.datetime.now().astimezone()
    figures, runs, outputs = [], [], {}
    for script, (parse, slow) in SCRIPTS.items():
        if slow and args.snel:
            figures.append(Figure(script, "—", "overgeslagen", None, "overgeslagen met --snel"))
            runs.append(f"`python benchmarks/{script}`: overgeslagen (--snel)")
            continue
        print(f"… {script}", flush=True)
        found, summary, outputs[script] = run(script, parse)
        figures += found
        runs.append(summary)
        print(f"  {summary}", flush=True)
    lines = [
        "# Benchmarkresultaten",
        "",
        f"Gemaakt met `python benchmarks/run_all.py{' --snel' if args.snel else ''}` op "
        f"{started:%Y-%m-%d %H:%M %Z}. Niet met de hand bijwerken: draai het script opnieuw.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Resultaten",
        "",
        *table(figures),
        "",
        "## Runs",
        "",
        *[f"- {line}" for line in runs],
        "",
        "## Uitvoer van de scripts",
        "",
    ]
    for script, output in outputs.items():
        lines += [f"<details><summary>{script}</summary>", "", "```text", output.rstrip(), "```", "", "</details>", ""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    missed = [f.name for f in figures if f.met is False and not explanation(f.note)]
    print(f"geschreven: {RESULTS.relative_to(ROOT)}")
    if missed:
        print("doel niet gehaald zonder toelichting: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
