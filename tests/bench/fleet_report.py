"""The tables fleet_bench.py prints: figures, issue 15's targets, and hookdesk against boto3."""

import math
import statistics

CASES = [("first", "first load"), ("steady", "steady refresh, nothing changed"),
         ("changed", "steady refresh, groups changed")]


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _seconds(value):
    return "n/a" if value is None else f"{value:.3f} s"


def _count(value):
    return "n/a" if value is None else f"{value:g}"


def _ms(value):
    return "n/a" if value is None or value < 0 else f"{value:.1f} ms"


def _verdict(value, limit):
    if value is None:
        return "n/a"
    return "met" if value <= limit else "NOT met"


def client_figures(results):
    """{case: {client: {seconds, requests, depth, cpu_seconds}}} as medians."""
    figures = {case: {} for case, _ in CASES}
    first = results.get("cli_first", [])
    figures["first"]["hookdesk-cli"] = {key: _median([r.get(key) for r in first])
                                       for key in ("seconds", "requests", "depth", "cpu_seconds")}
    watch = results.get("cli_watch", {})
    for case in ("steady", "changed"):
        figures[case]["hookdesk-cli"] = {key: watch.get(case, {}).get(key)
                                         for key in ("seconds", "requests", "depth", "cpu_seconds")}
    for case, _ in CASES:
        loads = [load for run in results.get("boto3", []) for load in run["loads"] if load["case"] == case]
        figures[case]["boto3"] = {key: _median([load.get(key) for load in loads])
                                 for key in ("seconds", "requests", "depth", "cpu_seconds")}
    return figures


def print_clients(results, args):
    figures = client_figures(results)
    latency = args.latency
    pages = math.ceil(args.groups / 100)
    floor = (pages + 1) * latency / 1000.0
    print()
    print(f"== Clients: medians of {args.repeat} (the CLI's steady refreshes: one --watch process); "
          f"depth = longest chain of dependent round trips in the simulator's log")
    header = f"{'case':<34} {'client':<13} {'wall':>9} {'requests':>9} {'depth':>6} {'depth x lat':>12} " \
             f"{'client CPU':>11}"
    print(header)
    print("-" * len(header))
    for case, title in CASES:
        if case == "changed":
            title = f"steady refresh, {args.changed} groups changed"
        for client in ("hookdesk-cli", "boto3"):
            f = figures[case][client]
            chain = None if f["depth"] is None else f["depth"] * latency / 1000.0
            print(f"{title:<34} {client:<13} {_seconds(f['seconds']):>9} {_count(f['requests']):>9} "
                  f"{_count(f['depth']):>6} {_seconds(chain):>12} {_seconds(f['cpu_seconds']):>11}")
            title = ""
        ours, theirs = figures[case]["hookdesk-cli"], figures[case]["boto3"]
        if ours["seconds"] and theirs["seconds"]:
            cpu = "n/a"
            if ours["cpu_seconds"] and theirs["cpu_seconds"] and ours["cpu_seconds"] >= 0.001:
                cpu = f"{theirs['cpu_seconds'] / ours['cpu_seconds']:.2f}x"
            print(f"{'':<34} {'boto3/hookdesk':<13} wall {theirs['seconds'] / ours['seconds']:.2f}x (hookdesk faster "
                  f"when > 1), requests {theirs['requests'] / max(ours['requests'], 1):.2f}x, CPU {cpu}")
    cli_rows = [r.get("pending_rows") for r in results.get("cli_first", [])]
    boto3_rows = [load["waiting_instances"] for run in results.get("boto3", []) for load in run["loads"]
                  if load["case"] == "first"]
    print(f"(same answer: hookdesk-cli listed {cli_rows} waiting instances, boto3 found {boto3_rows})")
    if not results.get("cli_watch_available"):
        print("(hookdesk-cli has no `pending --watch` yet: its steady refreshes are n/a)")
    print(f"floor of a first load: ({pages} group pages one after another + 1 round of details) x {latency} ms "
          f"= {floor:.3f} s")

    first, steady, changed = figures["first"]["hookdesk-cli"], figures["steady"]["hookdesk-cli"], \
        figures["changed"]["hookdesk-cli"]
    boto3_first = figures["first"]["boto3"]
    speedup = None
    if first["seconds"] and boto3_first["seconds"]:
        speedup = boto3_first["seconds"] / first["seconds"]
    print()
    print("== Targets of issue 15 (hookdesk-cli)")
    rows = [
        ("first load wall <= 1.0 s", _seconds(first["seconds"]), _verdict(first["seconds"], 1.0)),
        (">= 4.5x faster than boto3", "n/a" if speedup is None else f"{speedup:.2f}x",
         "n/a" if speedup is None else ("met" if speedup >= 4.5 else "NOT met")),
        ("first load requests <= boto3's and <= 125", _count(first["requests"]),
         _verdict(first["requests"], min(125, boto3_first["requests"] or 125))),
        ("first load within 1.5x of the floor", _seconds(first["seconds"]),
         _verdict(first["seconds"], 1.5 * floor) if latency else "n/a"),
        ("first load client CPU <= 0.3 s", _seconds(first["cpu_seconds"]), _verdict(first["cpu_seconds"], 0.3)),
        ("steady, nothing changed: <= 5 round trips deep", _count(steady["depth"]), _verdict(steady["depth"], 5)),
        ("steady, nothing changed: <= 10 requests", _count(steady["requests"]), _verdict(steady["requests"], 10)),
        (f"steady, {args.changed} groups changed: <= 20 requests", _count(changed["requests"]),
         _verdict(changed["requests"], 20)),
    ]
    for name, value, verdict in rows:
        print(f"  {name:<50} {value:>12}   {verdict}")
    missing = [f"{client} {case} {key}" for case in ("first", "steady", "changed") for client in ("hookdesk-cli", "boto3")
               for key in ("seconds", "requests", "cpu_seconds")
               if figures[case][client][key] is None and (client == "boto3" or case == "first"
                                                           or results.get("cli_watch_available"))]
    return missing


def print_window(results, args):
    gui = results.get("gui")
    if gui is None:
        return []
    events = gui.get("events", {})
    summary = events.get("summary", {})
    spawn = gui.get("since_spawn", {})
    first_paint = spawn.get("first_paint")
    complete = spawn.get("load_complete")
    load = events.get("load_complete", {})
    flt = events.get("filter", {})
    idle = events.get("idle", {})
    rss_mb = summary.get("peak_rss_kb", 0) / 1024 if summary else None
    print()
    print("== The window (instrumented: HOOKDESK_INSTRUMENT), times from the process's start")
    rows = [
        (f"first paint <= 300 ms (since QApplication: {_ms(summary.get('first_paint_ms'))})",
         _ms(None if first_paint is None else first_paint * 1000),
         _verdict(first_paint, 0.3)),
        ("complete pending list <= 2 s", _seconds(complete), _verdict(complete, 2.0)),
        ("  rows then: pending / instances / groups",
         f"{load.get('pending_rows')} / {load.get('instance_rows')} / {load.get('group_rows')}", ""),
        ("  requests, depth of the first load", f"{gui.get('requests')}, {gui.get('depth')}", ""),
        ("  window CPU until then", _seconds(None if not load else load.get("cpu_ms", 0) / 1000), ""),
        ("longest event-loop stall during the load <= 50 ms", _ms(load.get("longest_stall_ms")),
         _verdict(load.get("longest_stall_ms"), 50)),
        (f"filter '{flt.get('text', '')}' typed, longest keystroke <= 20 ms", _ms(flt.get("longest_keystroke_ms")),
         _verdict(flt.get("longest_keystroke_ms"), 20)),
        (f"  instance rows {flt.get('rows_before')} -> {flt.get('rows_after')}; last key to paint",
         _ms(flt.get("last_key_to_paint_ms")), ""),
        ("  clearing the filter", _ms(flt.get("clear_ms")), ""),
        ("peak RSS <= 150 MB", "n/a" if rss_mb is None else f"{rss_mb:.0f} MB",
         _verdict(rss_mb, 150)),
        (f"idle CPU between refreshes <= 1 % ({idle.get('span_ms', 0) / 1000:.0f} s, "
         f"{idle.get('refreshes', 0)} refreshes)", "n/a" if not idle else
         f"{idle.get('between_refreshes_cpu_percent')} %", _verdict(idle.get("between_refreshes_cpu_percent"), 1.0)),
        ("  CPU over the whole span, refreshes included", "n/a" if not idle else f"{idle.get('cpu_percent')} %", ""),
    ]
    refresh = events.get("refresh")
    if refresh:
        rows.append(("  a steady refresh of the window: took, CPU, longest stall",
                     f"{refresh['took_ms']} ms, {refresh['cpu_ms']} ms, {refresh['longest_stall_ms']} ms", ""))
    for name, value, verdict in rows:
        print(f"  {name:<62} {value:>16}   {verdict}")
    missing = []
    for name, value in (("first paint", first_paint), ("complete pending list", complete),
                        ("stall", load.get("longest_stall_ms")), ("filter", flt.get("longest_keystroke_ms")),
                        ("peak RSS", rss_mb), ("idle CPU", idle.get("between_refreshes_cpu_percent"))):
        if value is None:
            missing.append(f"window {name}")
    if missing and gui.get("stderr"):
        print("window stderr:\n" + gui["stderr"])
    return missing


def print_report(results, args):
    """Prints every table; returns the figures that could not be measured."""
    missing = print_clients(results, args) + print_window(results, args)
    if missing:
        print("\nMISSING: " + ", ".join(missing))
    return missing
