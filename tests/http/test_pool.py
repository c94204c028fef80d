"""HTTP tests of the ratusz-fcgi worker pool: respawn, reload, recycling, time limit.

They drive the running stack through nginx. Environment:
RATUSZ_URL (nginx base URL), RATUSZ_MASTER_PIDFILE (pid file of the master) and
RATUSZ_CONFIG (its config file). The /health?sleep=N test needs the workers to run
with RATUSZ_TEST_HOOKS=1. A test that changes the config restores it and reloads.
"""

import contextlib
import json
import os
import signal
import threading
import time
import unittest
import urllib.error
import urllib.request

BASE_URL = os.environ.get("RATUSZ_URL", "").rstrip("/")
PIDFILE = os.environ.get("RATUSZ_MASTER_PIDFILE", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")

# Upper bounds of the polling loops, in seconds. A pool that needs longer is broken.
SETTLE_LIMIT = 30
RELOAD_LIMIT = 60


def setUpModule():
    missing = [name for name, value in (("RATUSZ_URL", BASE_URL),
                                        ("RATUSZ_MASTER_PIDFILE", PIDFILE),
                                        ("RATUSZ_CONFIG", CONFIG)) if not value]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets them)"
                           % ", ".join(missing))


def read_config():
    """Return the key = value pairs of the config file, as conf.c reads them."""
    values = {}
    with open(CONFIG, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def config_number(key, default):
    return int(read_config().get(key, default))


def master_pid():
    with open(PIDFILE, encoding="ascii") as f:
        return int(f.read().strip())


def worker_pids():
    """Return the pids of the master's children, read from /proc/PID/stat."""
    parent = master_pid()
    pids = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, encoding="ascii",
                      errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may contain spaces, so fields are counted after ")".
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[1]) == parent:
            pids.add(int(entry))
    return pids


def fetch(path, timeout=30):
    """Send one GET through nginx and return (HTTP status, body), with status 0 on a network error."""
    try:
        with urllib.request.urlopen(BASE_URL + path, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError as e:
        return 0, str(e).encode()


def health_pid():
    """Return the pid of the worker that served /health, or None on a failed request."""
    status, body = fetch("/health")
    if status != 200:
        return None
    document = json.loads(body)
    if document.get("status") != "ok":
        return None
    return document["pid"]


def wait_until(predicate, limit):
    """Poll predicate every 0.1 s for up to limit seconds and return its last result."""
    deadline = time.monotonic() + limit
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.1)


def pool_settled():
    """Return True when the master runs exactly `workers` children and /health works."""
    workers = config_number("workers", 4)
    return len(worker_pids()) == workers and health_pid() is not None


def reload_done(before):
    """Return True once no worker from the set before is left and the pool is full."""
    pids = worker_pids()
    return not (pids & before) and len(pids) == config_number("workers", 4)


def reload_pool():
    """Send SIGHUP and wait until every worker has been replaced."""
    before = worker_pids()
    os.kill(master_pid(), signal.SIGHUP)
    return wait_until(lambda: reload_done(before), RELOAD_LIMIT)


@contextlib.contextmanager
def config_override(**values):
    """Rewrite some config keys and reload, then restore the file, its mtime and the pool."""
    with open(CONFIG, encoding="utf-8") as f:
        original = f.read()
    stat = os.stat(CONFIG)
    lines = [line for line in original.splitlines()
             if line.split("=", 1)[0].strip() not in values]
    lines += ["%s = %s" % (key, value) for key, value in values.items()]
    try:
        with open(CONFIG, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        if not reload_pool():
            raise AssertionError("the pool did not reload with %r" % values)
        yield
    finally:
        with open(CONFIG, "w", encoding="utf-8") as f:
            f.write(original)
        os.utime(CONFIG, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        if not reload_pool():
            raise AssertionError("the pool did not reload with the restored config")


class LoadThread(threading.Thread):
    """Send GET path one request after another until stopped or `limit` are sent."""

    def __init__(self, stop, limit, path="/health"):
        super().__init__(daemon=True)
        self.stop = stop
        self.limit = limit
        self.path = path
        self.pids = []
        self.failures = []

    def run(self):
        while not self.stop.is_set() and len(self.pids) + len(self.failures) < self.limit:
            status, body = fetch(self.path)
            if status == 200:
                self.pids.append(json.loads(body)["pid"])
            else:
                self.failures.append((self.path, status, body[:200]))


def served(threads):
    return sum(len(t.pids) for t in threads)


class PoolTest(unittest.TestCase):

    def setUp(self):
        self.assertTrue(wait_until(pool_settled, SETTLE_LIMIT),
                        "pool not settled before the test: workers %s"
                        % sorted(worker_pids()))

    def tearDown(self):
        self.assertTrue(wait_until(pool_settled, SETTLE_LIMIT),
                        "pool not settled after the test: workers %s"
                        % sorted(worker_pids()))

    def test_killed_worker_is_respawned(self):
        before = worker_pids()
        victim = min(before)

        os.kill(victim, signal.SIGKILL)

        respawned = wait_until(
            lambda: victim not in worker_pids() and pool_settled(), SETTLE_LIMIT)
        self.assertTrue(respawned, "no replacement for worker %d: workers %s"
                        % (victim, sorted(worker_pids())))
        self.assertTrue(worker_pids() - before, "no new worker started")
        for _ in range(20):
            pid = health_pid()
            self.assertIsNotNone(pid, "request failed after the respawn")
            self.assertNotEqual(pid, victim)

    def test_reload_under_load_fails_no_request(self):
        before = worker_pids()
        stop = threading.Event()
        fast = [LoadThread(stop, limit=3000) for _ in range(4)]
        # One-second requests keep workers busy, so some are asked to stop mid-request.
        slow = [LoadThread(stop, limit=30, path="/health?sleep=1") for _ in range(2)]
        threads = fast + slow
        for thread in threads:
            thread.start()
        flowing = wait_until(lambda: served(fast) >= 40, SETTLE_LIMIT)

        os.kill(master_pid(), signal.SIGHUP)
        replaced = wait_until(lambda: reload_done(before), RELOAD_LIMIT)
        # Keep the load on for a moment with the new workers only.
        at_reload = served(fast)
        wait_until(lambda: served(fast) >= at_reload + 100
                   or not any(t.is_alive() for t in fast), SETTLE_LIMIT)
        stop.set()
        for thread in threads:
            thread.join(SETTLE_LIMIT)

        self.assertTrue(flowing, "the load never reached 40 requests")
        self.assertTrue(replaced, "workers not all replaced: before %s, now %s"
                        % (sorted(before), sorted(worker_pids())))
        failures = [f for t in threads for f in t.failures]
        self.assertEqual(failures, [], "requests failed during the reload")
        served_by = {pid for t in threads for pid in t.pids}
        self.assertTrue(served_by & before, "no request was served by an old worker")
        self.assertTrue(served_by - before, "no request was served by a new worker")

    def test_worker_recycled_after_max_requests(self):
        workers = config_number("workers", 4)
        max_requests = config_number("max_requests", 10000)
        if workers * max_requests <= 2000:
            self.check_recycling(workers, max_requests)
            return
        # Sending workers * max_requests requests would take too long: lower the limit.
        with config_override(max_requests=50):
            self.check_recycling(workers, 50)

    def check_recycling(self, workers, max_requests):
        before = worker_pids()
        counts = {}
        # Pigeonhole: with this many requests at least one worker reaches its limit.
        for _ in range(workers * max_requests + 10):
            pid = health_pid()
            self.assertIsNotNone(pid, "request failed while workers were recycled")
            counts[pid] = counts.get(pid, 0) + 1

        self.assertLessEqual(max(counts.values()), max_requests,
                             "a worker served more than max_requests: %r" % counts)
        self.assertTrue(set(counts) - before,
                        "no new worker served a request: %r" % counts)
        recycled = wait_until(lambda: before - worker_pids(), SETTLE_LIMIT)
        self.assertTrue(recycled, "every worker from before still runs")

    def test_request_over_time_limit_gets_5xx(self):
        timeout = config_number("request_timeout", 30)
        if timeout <= 5:
            self.check_time_limit(timeout)
            return
        with config_override(request_timeout=2):
            self.check_time_limit(2)

    def check_time_limit(self, timeout):
        before = worker_pids()

        status, body = fetch("/health?sleep=%d" % (timeout + 3), timeout=timeout + 60)

        self.assertNotEqual(status, 200,
                            "the worker answered instead of being stopped; "
                            "does ratusz-fcgi run with RATUSZ_TEST_HOOKS=1? %r" % body[:200])
        self.assertGreaterEqual(status, 500, "expected a 5xx, got %d %r" % (status, body[:200]))
        self.assertLess(status, 600, "expected a 5xx, got %d" % status)
        self.assertTrue(wait_until(pool_settled, SETTLE_LIMIT), "pool did not recover")
        self.assertTrue(before - worker_pids(), "no worker was replaced")
        for _ in range(20):
            self.assertIsNotNone(health_pid(), "request failed after the time limit")


if __name__ == "__main__":
    unittest.main()
