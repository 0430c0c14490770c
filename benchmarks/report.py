"""Ratios against the goals of issue #17, and the tables run.py prints."""

from __future__ import annotations

from typing import Any

from parts import PART_LABELS, PARTS

RSS_GOAL_MIB = 2048
DOUBLING_GOAL = 2.1


def ratio(num: dict[str, Any] | None, den: dict[str, Any] | None, goal: float | None, label: str) -> dict[str, Any]:
    """num / den by wall time (the goal) and by CPU time (less disturbed by a busy machine)."""
    if not num or not den or not num.get("seconds") or not den.get("seconds"):
        return {"value": None, "cpu_value": None, "goal": goal, "met": None, "label": label}
    value = num["seconds"] / den["seconds"]
    cpu = num["cpu_seconds"] / den["cpu_seconds"] if num.get("cpu_seconds") and den.get("cpu_seconds") else None
    return {"value": round(value, 2), "cpu_value": round(cpu, 2) if cpu else None,
            "goal": goal, "met": None if goal is None else value <= goal, "label": label}


def ok(res: dict[str, Any] | None) -> dict[str, Any] | None:
    return res if res and res.get("ok") else None


def ratios(measurements: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, m in measurements.items():
        part = PARTS.get(name)
        if part is None or "command" not in m:
            continue
        cmd = ok(m["command"])
        out[f"{name}_vs_floor"] = ratio(cmd, m.get("floor"), part.goal, f"{name} / floor ({part.floor_label})")
        if cmd:
            rss = cmd["max_rss_mib"]
            out[f"{name}_rss"] = {"value": rss, "goal": RSS_GOAL_MIB, "met": rss <= RSS_GOAL_MIB,
                                  "label": f"{name}: peak RSS MiB"}
        if "half" in m:
            out[f"{name}_doubling"] = ratio(cmd, ok(m["half"]["command"]), DOUBLING_GOAL,
                                            f"{name}: t(full) / t(half)")
            out[f"{name}_floor_doubling"] = ratio(m.get("floor"), m["half"].get("floor"), None,
                                                  f"{name}: floor(full) / floor(half)")
    return out


# --- tables -------------------------------------------------------------------------------------

def _s(value: float | None, fmt: str = "{:.2f}") -> str:
    return "" if value is None else fmt.format(value)


def _x(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}×"


def _met(r: dict[str, Any] | None) -> str:
    if not r or r.get("met") is None:
        return ""
    return "yes" if r["met"] else "**no**"


def tables(doc: dict[str, Any]) -> str:
    m, r, mach = doc["measurements"], doc["ratios"], doc["machine"]
    lines = [
        f"machine: {mach['cpu_count']} CPUs ({mach['cpu']}), {mach['memory_gib']} GiB, Python {mach['python']}, "
        f"{mach['platform']}; load average at start {mach['load_average_at_start']}",
        f"sheetdesk {mach['versions']['sheetdesk']}: {mach['code']}"
        f"{' + uncommitted changes in sheetdesk/' if mach['sheetdesk_tree_dirty'] else ''}",
        f"command: {mach['command']}",
        f"size: {doc['size']} {doc['rows']}",
        "",
        "| command | wall s | CPU s | peak RSS MiB | floor wall s | floor CPU s | × floor wall | × floor CPU "
        "| goal | met | RSS ≤ 2 GiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    startup = m.get("startup")
    if startup:
        lines.append(f"| interpreter + sheetdesk import (`--version`) | {startup['seconds']:.2f} | "
                     f"{startup['cpu_seconds']:.2f} | {startup['max_rss_mib']:.0f} | | | | | | | |")
    for name, part in PARTS.items():
        if name not in m:
            continue
        res = m[name]
        if res.get("available") is False:
            lines.append(f"| {PART_LABELS[name]} | n/a | | | | | | | | | |")
            continue
        cmd, fl, rv = res["command"], res.get("floor") or {}, r.get(f"{name}_vs_floor") or {}
        wall = f"{cmd['seconds']:.2f}" if cmd["ok"] else f"failed (exit {cmd['returncode']})"
        lines.append(
            f"| {PART_LABELS[name]} | {wall} | {cmd['cpu_seconds']:.2f} | {cmd['max_rss_mib']:,.0f} | "
            f"{_s(fl.get('seconds'))} | {_s(fl.get('cpu_seconds'))} | {_x(rv.get('value'))} | "
            f"{_x(rv.get('cpu_value'))} | ≤ {part.goal} | {_met(rv)} | {_met(r.get(f'{name}_rss'))} |")
    floors = [(name, kind, f) for name in PARTS for kind in ("read", "write")
              if (f := ((m.get(name) or {}).get("floor") or {}).get(kind))]
    if floors:
        lines += ["", "| floor | wall s | CPU s | peak RSS MiB | what |", "|---|---:|---:|---:|---|"]
    for name, kind, f in floors:
        lines.append(f"| {name}: {kind} | {f['seconds']:.2f} | {f['cpu_seconds']:.2f} | {f['max_rss_mib']:,.0f} | "
                     f"{f['cells']:,} cells in {f.get('files', 1)} file(s) |")
    doubling = [(n, r[f"{n}_doubling"]) for n in PARTS if f"{n}_doubling" in r]
    if doubling:
        lines += ["", "| scaling | t(half) s | t(full) s | wall ratio | CPU ratio | goal | met "
                      "| floor t(half) s | floor t(full) s | floor CPU ratio |",
                  "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
        for name, rv in doubling:
            half, full = m[name]["half"]["command"], m[name]["command"]
            fh, ff = m[name]["half"].get("floor") or {}, m[name].get("floor") or {}
            fr = r.get(f"{name}_floor_doubling") or {}
            lines.append(f"| {name} | {half['seconds']:.2f} | {full['seconds']:.2f} | {_x(rv['value'])} | "
                         f"{_x(rv['cpu_value'])} | ≤ {DOUBLING_GOAL} | {_met(rv)} | {_s(fh.get('cpu_seconds'))} | "
                         f"{_s(ff.get('cpu_seconds'))} | {_x(fr.get('cpu_value'))} |")
    extras = []
    heavy = (m.get("heavy") or {}).get("command") or {}
    if heavy.get("flagged_share") is not None:
        extras.append(f"findings-heavy check: {heavy['flagged_rows']:,} rows flagged "
                      f"({heavy['flagged_share']:.0%} of all register rows)")
    coll = m.get("collect") or {}
    if "branch_edits" in coll:
        extras.append(f"collect input: {coll['branch_files']} branch files, edits {coll['branch_edits']}, "
                      f"master corrections {coll['master_corrections']}; collect said: "
                      f"{' / '.join(coll['command'].get('stdout_tail', [])[-1:])}")
    if "naive" in m:
        nv = m["naive"]
        extras.append(f"naive pandas + openpyxl round trip of the master: {nv['seconds']:.1f} s "
                      f"(read {nv['read_seconds']:.1f} s + write {nv['write_seconds']:.1f} s), "
                      f"{nv['max_rss_mib']:,.0f} MiB")
    lines += [""] + [f"- {e}" for e in extras + doc["notes"]] if extras or doc["notes"] else []
    return "\n".join(lines)
