"""The simulator side of fleet_bench.py: the fleet scenario, a hookdesk-sim process, and its request log.

The request log is the simulator's own debug line per request (category hookdesk.sim: the action and the HTTP
status, written when the request is handled, before the --latency delay), with a UTC timestamp added through
QT_MESSAGE_PATTERN: no code in the simulator exists for the benchmark alone.
"""

import datetime
import json
import os
import re
import secrets
import string
import subprocess
import tempfile

# Requests the benchmark itself makes between two refreshes (to change groups): never counted for a client.
DRIVER_ACTIONS = {"SetDesiredCapacity"}

_LINE = re.compile(r'^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}) hookdesk\.sim "?(\w*)"? (\d{3})$')


def fleet_scenario(groups, instances, every):
    """The fleet of issue 15: `groups` groups of `instances` instances, 2 hooks each; every `every`-th group has
    1-3 instances in Pending:Wait (1, 2, 3, 1, …), the rest InService."""
    hooks = [{"name": "warm-up", "transition": "launching", "heartbeatTimeout": 3600, "defaultResult": "ABANDON"},
             {"name": "drain", "transition": "terminating", "heartbeatTimeout": 600, "defaultResult": "CONTINUE"}]
    result = []
    for i in range(groups):
        waiting = 1 + (i // every) % 3 if i % every == 0 else 0
        waiting = min(waiting, instances)
        members = []
        if instances - waiting:
            members.append({"state": "InService", "count": instances - waiting})
        members += [{"state": "Pending:Wait", "elapsed": 30 + k} for k in range(waiting)]
        result.append({"name": f"asg-{i:04d}", "minSize": 0, "maxSize": 2 * instances, "hooks": hooks,
                       "instances": members})
    return {"groups": result}


def groups_to_change(groups, every, count):
    """`count` groups without a waiting instance, spread over the fleet (so over several pages of the listing)."""
    names = []
    step = max(1, groups // max(1, count))
    for j in range(count):
        i = (j * step + every // 2) % groups
        while i % every == 0:
            i = (i + 1) % groups
        names.append(f"asg-{i:04d}")
    return names


def random_credentials():
    akid = "AKIA" + "".join(secrets.choice(string.ascii_uppercase + "234567") for _ in range(16))
    secret = "".join(secrets.choice(string.ascii_letters + string.digits + "/+") for _ in range(40))
    return akid, secret


class SimProcess:
    """hookdesk-sim on a free loopback port with the scenario, answering after `latency` ms; a context manager."""

    def __init__(self, sim, scenario_path, latency, credentials, workdir, extra_args=()):
        self.sim = sim
        self.extra_args = list(extra_args)  # more hookdesk-sim options, e.g. ["--account", "111111111111"]
        self.scenario_path = scenario_path
        self.latency = latency
        self.credentials = credentials
        self.log_path = tempfile.mkstemp(prefix="sim-", suffix=".log", dir=workdir)[1]
        self.process = None
        self.url = None

    def __enter__(self):
        env = dict(os.environ, TZ="UTC", QT_LOGGING_RULES="hookdesk.sim.debug=true",
                   QT_MESSAGE_PATTERN="%{time yyyy-MM-ddTHH:mm:ss.zzz} %{category} %{message}")
        akid, secret = self.credentials
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [self.sim, "--scenario", self.scenario_path, "--latency", str(self.latency), "--port", "0",
                 "--credentials", f"{akid}:{secret}"] + self.extra_args,
                stdout=subprocess.PIPE, stderr=log, env=env, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.process.kill()
            raise RuntimeError(f"hookdesk-sim did not start: {line!r} (log: {self.log_path})")
        self.url = line[len("listening on "):]
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def requests(self, start_epoch=None, end_epoch=None):
        """[(epoch seconds, action, status)] of the requests handled in [start_epoch, end_epoch], oldest first,
        without the benchmark's own (DRIVER_ACTIONS)."""
        out = []
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            for line in log:
                match = _LINE.match(line.strip())
                if not match:
                    continue
                when = datetime.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S.%f")
                epoch = when.replace(tzinfo=datetime.timezone.utc).timestamp()
                action = match.group(2)
                if action in DRIVER_ACTIONS:
                    continue
                if (start_epoch is None or epoch >= start_epoch - 0.0005) and \
                        (end_epoch is None or epoch <= end_epoch + 0.0005):
                    out.append((epoch, action, int(match.group(3))))
        return out


def chain_depth(requests, latency_ms):
    """The longest chain of dependent round trips among `requests`: a request depends on an earlier one when it
    arrived after that one's answer could have left (arrival + latency). Requests sent together (in flight at once)
    are one round. Times in the log have millisecond resolution; with latency 0 every later request counts as
    dependent, so the figure is only meaningful with a latency."""
    latency = latency_ms / 1000.0
    depths = []
    best = 0
    for i, (when, _, _) in enumerate(requests):
        depth = 1
        for j in range(i):
            if requests[j][0] + latency <= when + 1e-6:
                depth = max(depth, depths[j] + 1)
        depths.append(depth)
        best = max(best, depth)
    return best


def write_scenario(path, groups, instances, every):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(fleet_scenario(groups, instances, every), out)
