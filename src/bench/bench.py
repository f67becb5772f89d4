#!/usr/bin/env python3
"""License Gateway benchmark harness (started by src/bench/run.sh, which builds and sets the class path).

Everything runs on 127.0.0.1: the console simulator (its own JVM, io.licensegateway.bench.BenchSimulator, so the
gateway's heap and CPU hold none of the simulated data), the packaged gateway (target/quarkus-app/quarkus-run.jar,
prod profile), PostgreSQL, wrk and loadgen.py. In one run, on one filled store:

  sequential   every shape of the mix (mix.py) alone: p50/p99 of N requests after a warm-up
  rate         the mix's closed-loop maximum rate vs the same server answering a fixed response (/q/openapi)
  refresh      fully changed refreshes of every console: wall time, and the mix's p99 at a fixed open-loop rate
               before vs during one
  heap         retained heap (class histogram after a full GC) with the store filled minus with it empty
  start        start to ready (/q/health/ready 200) against the filled store

The load average is written down before every phase. See BENCHMARKS.md for the method.
"""
import argparse
import asyncio
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loadgen  # noqa: E402
import mix  # noqa: E402

API_KEY = "bench-admin-key"
HEADERS = [f"X-API-Key: {API_KEY}"]
PROCS = []


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Bench:
    def __init__(self, args):
        self.a = args
        self.out = args.out
        os.makedirs(self.out, exist_ok=True)
        self.db = args.database
        self.results = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "mode": "smoke" if args.smoke else "full",
                        "consoles": args.consoles, "licenses_per_console": args.licenses,
                        "simulator_latency_ms": args.latency_ms, "java_opts": args.java_opts,
                        "machine": machine(), "loadavg": {}}
        self.sim = self.gw = None
        self.seed = 1000

    def note_load(self, phase):
        self.results["loadavg"][phase] = loadavg()
        log(f"{phase}: load average {self.results['loadavg'][phase]}")

    # ---------------------------------------------------------------- processes
    def fresh_database(self):
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", self.db], check=True,
                       timeout=120)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.db], check=True, timeout=120)

    def start_simulator(self):
        props = os.path.join(self.out, "consoles.properties")
        if os.path.exists(props):
            os.remove(props)
        control = free_port()
        logf = open(os.path.join(self.out, "simulator.log"), "w")
        proc = subprocess.Popen(["java", "-Xmx3g", "-cp", self.a.classpath, "io.licensegateway.bench.BenchSimulator",
                                 str(self.a.consoles), str(self.a.licenses), str(self.a.latency_ms), str(self.seed),
                                 str(control), props], stdout=logf, stderr=subprocess.STDOUT)
        PROCS.append(proc)
        deadline = time.time() + 120
        while not os.path.exists(props):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("the simulator did not start; see " + logf.name)
            time.sleep(0.1)
        self.sim = {"proc": proc, "control": control, "props": props}

    def start_gateway(self, tag):
        """Starts the jar (prod profile) from its directory and answers the seconds until /q/health/ready is 200."""
        http, management = free_port(), free_port()
        env = dict(os.environ)
        env.update({
            "QUARKUS_DATASOURCE_REACTIVE_URL": f"postgresql://127.0.0.1:5432/{self.db}",
            "QUARKUS_DATASOURCE_JDBC_URL": f"jdbc:postgresql://127.0.0.1:5432/{self.db}",
            "QUARKUS_DATASOURCE_USERNAME": "postgres",
            "GATEWAY_REFRESH_SCHEDULED": "false",
            "GATEWAY_FETCH_MAX_CONCURRENCY": "256",
            "QUARKUS_HTTP_PORT": str(http),
            "QUARKUS_HTTP_HOST": "127.0.0.1",
            "QUARKUS_MANAGEMENT_PORT": str(management),
            "QUARKUS_MANAGEMENT_HOST": "127.0.0.1",
        })
        key_hash = hashlib.sha256(API_KEY.encode()).hexdigest()
        logf = open(os.path.join(self.out, f"gateway-{tag}.log"), "w")
        cmd = ["java", *self.a.java_opts.split(), f"-Dquarkus.config.locations={self.sim['props']}",
               f"-Dgateway.security.api-keys.bench.sha256={key_hash}", "-Dgateway.security.api-keys.bench.role=admin",
               "-jar", "quarkus-run.jar"]
        t0 = time.perf_counter()
        # from the jar's directory: an AppCDS archive only maps for the class path it was written with
        proc = subprocess.Popen(cmd, env=env, stdout=logf, stderr=subprocess.STDOUT, cwd=self.a.app)
        PROCS.append(proc)
        ready_url = f"http://127.0.0.1:{management}/q/health/ready"
        while True:
            if proc.poll() is not None:
                raise RuntimeError("the gateway stopped during start-up; see " + logf.name)
            try:
                with urllib.request.urlopen(ready_url, timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.perf_counter() - t0 > 180:
                raise RuntimeError("the gateway was not ready within 180 s")
            time.sleep(0.01)
        ready = time.perf_counter() - t0
        self.gw = {"proc": proc, "http": http, "management": management, "log": logf.name}
        return ready

    @staticmethod
    def stop(proc):
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_all(self):
        for p in (self.gw, self.sim):
            if p:
                self.stop(p["proc"])
        self.gw = self.sim = None

    # ---------------------------------------------------------------- gateway calls
    def url(self, path):
        return f"http://127.0.0.1:{self.gw['http']}{path}"

    def call(self, method, path):
        req = urllib.request.Request(self.url(path), method=method, headers={"X-API-Key": API_KEY})
        try:
            with urllib.request.urlopen(req, timeout=600) as r:
                return json.loads(r.read() or b"null"), r.headers
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: HTTP {e.code}: {e.read()[:500]!r}") from None

    def reseed(self):
        """Every simulated console gets new data: the next refresh changes every license."""
        self.seed += 1
        req = urllib.request.Request(f"http://127.0.0.1:{self.sim['control']}/reseed?seed={self.seed}", method="POST")
        with urllib.request.urlopen(req, timeout=300) as r:
            r.read()

    def etag(self):
        return self.call("GET", "/api/v1/licenses?limit=1")[1]["ETag"]

    def refresh(self):
        """POST /api/v1/refresh (answers once every console's run has committed), then until the current view
        serves the new version (its ETag changes)."""
        before = self.etag()
        cpu0 = cpu_seconds(self.gw["proc"].pid)
        t0 = time.perf_counter()
        run, _ = self.call("POST", "/api/v1/refresh")
        wall = time.perf_counter() - t0
        outcomes = {}
        for c in run["consoles"]:
            outcomes[c["outcome"]] = outcomes.get(c["outcome"], 0) + 1
        while "UPDATED" in outcomes and self.etag() == before and time.perf_counter() - t0 < wall + 60:
            time.sleep(0.005)
        served = time.perf_counter() - t0
        rows = sum(c["licenseCount"] or 0 for c in run["consoles"] if c["outcome"] == "UPDATED")
        return {"run_id": run["id"], "wall_s": round(wall, 3), "served_s": round(served, 3), "outcomes": outcomes,
                "rows": rows, "gateway_cpu_s": round(cpu_seconds(self.gw["proc"].pid) - cpu0, 2)}

    def heap(self, tag):
        """Retained heap: jcmd GC.run, then the class histogram (itself after a full GC); its Total bytes."""
        pid = str(self.gw["proc"].pid)
        subprocess.run(["jcmd", pid, "GC.run"], check=True, capture_output=True, timeout=120)
        out = subprocess.run(["jcmd", pid, "GC.class_histogram"], check=True, capture_output=True, text=True,
                             timeout=120).stdout
        with open(os.path.join(self.out, f"histogram-{tag}.txt"), "w") as f:
            f.write(out)
        total = re.search(r"^Total\s+(\d+)\s+(\d+)", out, re.M)
        top = [{"instances": int(m.group(1)), "bytes": int(m.group(2)), "class": m.group(3)}
               for m in re.finditer(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", out, re.M)][:12]
        return {"bytes": int(total.group(2)), "instances": int(total.group(1)), "top": top}

    # ---------------------------------------------------------------- the mix's shapes
    def prepare(self, shapes, client):
        """Fills in the paths that need the data: one license's id, a cursor some pages deep, a current ETag."""
        first = json.loads(client.get("/api/v1/licenses?limit=1&console=sim-1")[1])["data"][0]
        for s in shapes:
            p = s.pop("prepare", None)
            s["headers"] = {}
            if p is None:
                continue
            if "one" in p:
                s["path"] = "/api/v1/licenses/" + urllib.parse.quote(first["console"]) + "/" + \
                    urllib.parse.quote(first["id"]) + p["one"]
            elif "etag" in p:
                s["path"] = mix.LICENSES + "?" + p["etag"]
                s["headers"] = {"If-None-Match": client.get(s["path"])[3].getheader("ETag")}
            else:
                base, path, depth = mix.LICENSES + "?" + p["cursor"], None, 0
                for _ in range(max(1, p["depth"])):
                    status, body, _, _ = client.get(path or base)
                    nxt = json.loads(body)["meta"].get("nextCursor") if status == 200 else None
                    if not nxt:
                        break
                    path, depth = base + "&cursor=" + urllib.parse.quote(nxt, safe=""), depth + 1
                if path is None:
                    raise RuntimeError(f"{s['name']}: the selection has a single page")
                s["path"], s["pages_before"] = path, depth

    def phase_sequential(self, shapes, client):
        """Each shape alone: a warm-up, then N requests one after the other on one keep-alive connection."""
        for _ in range(self.a.warmup):
            for s in shapes:
                if not s.get("timed_out"):
                    s["timed_out"] = client.get(s["path"], s["headers"])[0] == 0
        for s in shapes:
            latencies, bad, size = [], {}, 0
            for _ in range(0 if s["timed_out"] else self.a.sequential):
                status, body, ms, _ = client.get(s["path"], s["headers"])
                if status == s["expect"]:
                    latencies.append(ms)
                    size = len(body)
                else:
                    bad[status] = bad.get(status, 0) + 1
                    if status == 0:
                        s["timed_out"] = True
                        break
            latencies.sort()
            s.update({"requests": len(latencies) + sum(bad.values()), "errors": sum(bad.values()),
                      "unexpected": bad, "bytes": size, "p50_ms": mix.percentile(latencies, 50),
                      "p99_ms": mix.percentile(latencies, 99), "max_ms": mix.percentile(latencies, 100)})
            log(f"sequential {s['name']}: p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms, {size} bytes"
                + (f", unexpected {bad}" if bad else ""))

    # ---------------------------------------------------------------- closed-loop rates
    def closed_loop(self, requests, base_url, tag):
        a = self.a
        if shutil.which("wrk"):
            lua = os.path.join(self.out, f"{tag}.lua")
            with open(lua, "w") as f:
                f.write(mix.wrk_script(requests))
            out = subprocess.run(["wrk", "-t2", f"-c{a.connections}", f"-d{a.rate_duration}s", "--latency", "-s", lua,
                                  "-H", HEADERS[0], base_url], check=True, capture_output=True, text=True,
                                 timeout=a.rate_duration + 60).stdout
            non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            return {"tool": "wrk", "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                    "errors": int(non2xx.group(1)) if non2xx else 0, "p50_ms": wrk_latency(out, "50%"),
                    "p99_ms": wrk_latency(out, "99%")}
        plain = [base_url.rstrip("/") + p for p, h in requests if not h]  # loadgen sends the same headers with every request
        return asyncio.run(loadgen.closed_loop(plain, HEADERS, a.connections, a.rate_duration))

    def phase_rate(self, shapes):
        """The whole mix (every shape in turn; the deliberate 400 left out: wrk counts it as an error; so is a shape
        that did not answer in the sequential phase), the current-view shapes alone, and the fixed response,
        alternating, reps times."""
        rotation = [(s["path"], s["headers"]) for s in shapes if s["expect"] != 400 and not s["timed_out"]]
        memory = [(s["path"], s["headers"]) for s in shapes
                  if s["expect"] != 400 and s["store"] == "memory" and not s["timed_out"]]
        mean_bytes = statistics.mean(s["bytes"] for s in shapes if s["expect"] != 400 and not s["timed_out"])
        management = f"http://127.0.0.1:{self.gw['management']}"
        sizes = {}
        for fmt in ("json", "yaml"):
            with urllib.request.urlopen(f"{management}/q/openapi?format={fmt}", timeout=30) as r:
                sizes[fmt] = len(r.read())
        fmt = min(sizes, key=lambda k: abs(sizes[k] - mean_bytes))
        fixed = [(f"/q/openapi?format={fmt}", {})]
        rate = {"connections": self.a.connections, "duration_s": self.a.rate_duration, "mix_shapes": len(rotation),
                "memory_shapes": len(memory), "mix_mean_bytes": round(mean_bytes),
                "fixed": {"path": fixed[0][0], "port": "management", "bytes": sizes[fmt]},
                "mix": [], "memory": [], "fixed_runs": []}
        for rep in range(self.a.reps):
            rate["mix"].append(self.closed_loop(rotation, self.url("/"), "mix"))
            rate["memory"].append(self.closed_loop(memory, self.url("/"), "memory"))
            rate["fixed_runs"].append(self.closed_loop(fixed, management + "/", "fixed"))
            log(f"rate rep {rep + 1}: mix {rate['mix'][-1]}, current-view shapes {rate['memory'][-1]}, "
                f"fixed {rate['fixed_runs'][-1]}")
        for key in ("mix", "memory", "fixed_runs"):
            rate[key + "_rps"] = median([x["rps"] for x in rate[key]])
        rate["ratio"] = median([m["rps"] / f["rps"] for m, f in zip(rate["mix"], rate["fixed_runs"])])
        rate["memory_ratio"] = median([m["rps"] / f["rps"] for m, f in zip(rate["memory"], rate["fixed_runs"])])
        rate["errors"] = sum(x["errors"] for x in rate["mix"] + rate["memory"] + rate["fixed_runs"])
        self.results["rate"] = rate

    # ---------------------------------------------------------------- fully changed refreshes
    def phase_refresh(self, shapes):
        """Fully changed refreshes alone, then the whole mix at a fixed open-loop rate with one starting after
        `open_before` seconds: p99 of the requests scheduled before it vs while it ran."""
        alone = []
        for _ in range(self.a.refreshes):
            self.reseed()
            alone.append(self.refresh())
            log(f"fully changed refresh: {alone[-1]}")
        pre, post = self.a.open_before, self.a.open_after
        duration = pre + 3 * max(r["served_s"] for r in alone) + post
        order = [s for s in shapes if s["expect"] != 304 and not s["timed_out"]]  # the ETag changes with the refresh
        urls = [self.url(s["path"]) for s in order]
        self.reseed()
        window = {}

        def refresh_later(start):
            time.sleep(pre)
            window["start"] = time.perf_counter() - start
            window["report"] = self.refresh()
            window["end"] = time.perf_counter() - start

        t0 = time.perf_counter()
        thread = threading.Thread(target=refresh_later, args=(t0,))
        thread.start()
        rate = self.a.open_rate or round(self.results["rate"]["mix_rps"] / 2, 1)
        summary, results = asyncio.run(loadgen.run(urls, HEADERS, rate, duration, 32,
                                                   expected=[s["expect"] for s in order]))
        thread.join()

        def p99(when, store=None):
            lat = sorted(l for s, l, st, i in results if when(s) and st == order[i]["expect"]
                         and store in (None, order[i]["store"]))
            return {"p50_ms": mix.percentile(lat, 50), "p99_ms": mix.percentile(lat, 99), "requests": len(lat)}

        before = lambda s: s < window["start"] - 0.5  # noqa: E731
        during = lambda s: window["start"] <= s <= window["end"]  # noqa: E731
        under = {"rate": rate, "duration_s": round(duration, 1), "shapes": len(order),
                 "refresh": window["report"], "load": summary,
                 "errors": sum(1 for s, l, st, i in results if st != order[i]["expect"]),
                 "before": p99(before), "during": p99(during),
                 "memory_before": p99(before, "memory"), "memory_during": p99(during, "memory"),
                 "refresh_outlasted_load": window["end"] > duration}
        under["ratio"] = round(under["during"]["p99_ms"] / under["before"]["p99_ms"], 2) \
            if under["during"]["p99_ms"] and under["before"]["p99_ms"] else None
        log(f"mix at {rate}/s: p99 before {under['before']}, during {under['during']} = {under['ratio']}x")
        self.results["refresh"] = {"alone": alone, "wall_s": median([r["wall_s"] for r in alone]),
                                   "served_s": median([r["served_s"] for r in alone]), "under_load": under}

    # ---------------------------------------------------------------- start to ready, heap
    def phase_start(self):
        starts, heap = [], None
        for rep in range(self.a.starts):
            self.stop(self.gw["proc"])
            ready = self.start_gateway(f"start-{rep + 1}")
            with open(self.gw["log"]) as f:
                m = re.search(r"started in ([\d.]+)s", f.read())
            starts.append({"ready_s": round(ready, 3), "quarkus_started_in_s": float(m.group(1)) if m else None})
            log(f"start {rep + 1}: {starts[-1]}")
            if heap is None:
                heap = self.heap("filled-after-start")
        self.results["start"] = {"runs": starts, "ready_s": median([s["ready_s"] for s in starts])}
        return heap

    # ---------------------------------------------------------------- driver
    def run(self):
        a = self.a
        licenses = a.consoles * a.licenses
        try:
            self.note_load("setup")
            self.fresh_database()
            self.start_simulator()
            self.start_gateway("empty")
            empty = self.heap("empty")
            self.reseed()
            fill = self.refresh()
            log(f"filled: {fill}")
            self.results["fill"] = fill
            shapes = mix.shapes(a.consoles, cursor_depth=a.cursor_depth, cursor_limit=a.cursor_limit)
            client = mix.Client(self.gw["http"], API_KEY)
            try:
                self.prepare(shapes, client)
                self.note_load("sequential")
                self.phase_sequential(shapes, client)
            finally:
                client.close()
            self.results["shapes"] = shapes
            self.note_load("rate")
            self.phase_rate(shapes)
            self.note_load("refresh")
            self.phase_refresh(shapes)
            self.note_load("heap")
            steady = self.heap("filled-after-refreshes")
            self.note_load("start")
            filled = self.phase_start()
            self.results["heap"] = {
                "empty": empty, "filled_after_start": filled, "filled_after_refreshes": steady,
                "licenses": licenses, "kept_versions_note": "after the refreshes the view may keep earlier versions "
                                                            "(gateway.view.kept-versions)",
                "bytes_per_license": round((filled["bytes"] - empty["bytes"]) / licenses, 1),
                "bytes_per_license_after_refreshes": round((steady["bytes"] - empty["bytes"]) / licenses, 1)}
            self.note_load("end")
        finally:
            self.stop_all()
            self.results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            path = os.path.join(self.out, "results.json")
            with open(path, "w") as f:
                json.dump(self.results, f, indent=1)
            print(report(self.results))
            log("results in " + path)


def wrk_latency(out, label):
    m = re.search(r"^\s+" + re.escape(label) + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    if not m:
        return None
    return round(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)], 2)


def machine():
    info = {"cores": os.cpu_count()}
    with open("/proc/meminfo") as f:
        info["memory_gib"] = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
    with open("/proc/cpuinfo") as f:
        m = re.search(r"model name\s*:\s*(.*)", f.read())
        info["cpu"] = m.group(1) if m else None
    info["java"] = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    info["postgres"] = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"],
                                      capture_output=True, text=True).stdout.strip()
    return info


def report(r):
    """The results as Markdown: the shapes, then the other measures, each against its target."""
    met = lambda ok: "n/a" if ok is None else ("yes" if ok else "NO")  # noqa: E731
    lines = ["| shape | store | bytes | p50 ms | p99 ms | target | met |", "|---|---|---|---|---|---|---|"]
    for s in r.get("shapes", []):
        target = 10 if s["name"] == "summary groupBy=company" else 5
        ok = None if s.get("p99_ms") is None else s["p99_ms"] <= target and not s["errors"]
        lines.append(f"| {s['family']}: {s['name']} | {s['store']} | {s.get('bytes')} | {s.get('p50_ms')} | "
                     f"{s.get('p99_ms')}{' (' + str(s['errors']) + ' unexpected)' if s.get('errors') else ''} | "
                     f"<= {target} ms | {met(ok)} |" + (" no answer within 20 s: left out of the loads" if s.get("timed_out") else ""))
    lines += ["", "| measure | result | target | met |", "|---|---|---|---|"]
    if "rate" in r:
        x = r["rate"]
        lines.append(f"| mix closed loop, {x['mix_shapes']} shapes, c={x['connections']} ({x['mix'][0]['tool']}) | "
                     f"{x['mix_rps']} req/s = {x['ratio']:.3f}x the fixed response ({x['fixed']['path']}, "
                     f"{x['fixed']['bytes']} B vs mix mean {x['mix_mean_bytes']} B: {x['fixed_runs_rps']} req/s) | "
                     f">= 1,000 req/s | {met(x['mix_rps'] >= 1000)} |")
        lines.append(f"| current-view shapes only ({x['memory_shapes']}) | {x['memory_rps']} req/s = "
                     f"{x['memory_ratio']:.3f}x | - | n/a |")
    if "refresh" in r:
        x, u = r["refresh"], r["refresh"]["under_load"]
        lines.append(f"| fully changed refresh, {r['consoles']} x {r['licenses_per_console']} | {x['wall_s']} s "
                     f"(served by the view after {x['served_s']} s) | <= 10 s | {met(x['served_s'] <= 10)} |")
        lines.append(f"| mix p99 at {u['rate']}/s during the refresh ({u['refresh']['served_s']} s) vs before | "
                     f"{u['during']['p99_ms']} ms vs {u['before']['p99_ms']} ms = {u['ratio']}x (current-view shapes: "
                     f"{u['memory_during']['p99_ms']} vs {u['memory_before']['p99_ms']} ms) | <= 1.5x | "
                     f"{met(None if u['ratio'] is None else u['ratio'] <= 1.5)} |")
    if "heap" in r:
        h = r["heap"]
        lines.append(f"| retained heap per current license | {h['bytes_per_license']} B ({h['filled_after_start']['bytes']}"
                     f" - {h['empty']['bytes']} B empty) / {h['licenses']}; after the refreshes "
                     f"{h['bytes_per_license_after_refreshes']} B | <= 300 B | {met(h['bytes_per_license'] <= 300)} |")
    if "start" in r:
        s = r["start"]
        lines.append(f"| start to ready, {r['consoles'] * r['licenses_per_console']} stored licenses | {s['ready_s']} s "
                     f"({[x['ready_s'] for x in s['runs']]}) | <= 3 s | {met(s['ready_s'] <= 3)} |")
    lines.append(f"\nload average by phase: {r['loadavg']}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="3 consoles x 50 licenses, seconds per phase: checks the "
                                                         "harness works")
    ap.add_argument("--out", required=True)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--app", required=True, help="target/quarkus-app")
    ap.add_argument("--database", default="bench")
    ap.add_argument("--java-opts", default=os.environ.get("BENCH_JAVA_OPTS", ""))
    ap.add_argument("--consoles", type=int, help="simulated consoles (default 200; smoke 3)")
    ap.add_argument("--licenses", type=int, help="licenses per console (default 1000; smoke 50)")
    ap.add_argument("--sequential", type=int, help="timed sequential requests per shape (default 200; smoke 5)")
    ap.add_argument("--reps", type=int, help="closed-loop repetitions (default 3; smoke 1)")
    ap.add_argument("--rate-duration", type=int, help="seconds of each closed-loop run (default 20; smoke 2)")
    ap.add_argument("--open-rate", type=float, help="req/s of the open loop around the refresh (default half the "
                                                    "mix's closed-loop rate)")
    args = ap.parse_args()
    smoke = args.smoke
    defaults = {"consoles": (200, 3), "licenses": (1000, 50), "sequential": (200, 5), "reps": (3, 1),
                "rate_duration": (20, 2), "latency_ms": (200, 20), "warmup": (20, 2),
                "connections": (8, 2), "refreshes": (2, 1), "open_before": (30, 3), "open_after": (5, 1),
                "starts": (3, 1), "cursor_depth": (1000, 1), "cursor_limit": (100, 10)}
    for name, (full, small) in defaults.items():
        if getattr(args, name, None) is None:
            setattr(args, name, small if smoke else full)
    if smoke and args.database == "bench":
        args.database = "bench_smoke"
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: sys.exit(1))
    try:
        Bench(args).run()
    finally:
        for p in PROCS:
            Bench.stop(p)


if __name__ == "__main__":
    main()
