#!/usr/bin/env python3
"""License Gateway benchmark harness (started by src/bench/run.sh, which builds and sets the class path).

Everything runs on 127.0.0.1: the console simulator (its own JVM, io.licensegateway.bench.BenchSimulator), the
packaged gateway (target/quarkus-app/quarkus-run.jar, prod profile), PostgreSQL, wrk, pgbench and loadgen.py.
Each measure is taken in the same run as the baseline it is compared with, repeated, and reported as the median.
See BENCHMARKS.md for the method.
"""
import argparse
import asyncio
import datetime
import json
import math
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
QUERY = "status=Valid&edition=Enterprise&sort=licenseExpirationDate&limit=100"
MIXED = [
    "/api/v1/licenses?" + QUERY,
    "/api/v1/licenses?limit=100",
    "/api/v1/licenses?licenseType=Rental&sort=-usedInstances&limit=50",
    "/api/v1/licenses?company=acme&limit=20",
    "/api/v1/licenses/summary?groupBy=edition",
    "/api/v1/consoles",
    "/api/v1/licenses?console=sim-1&format=csv",
]
CLK_TCK = os.sysconf("SC_CLK_TCK")
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


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except OSError:
        return None


def machine_busy_seconds():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / CLK_TCK


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return None


class Bench:
    def __init__(self, args):
        self.a = args
        self.out = args.out
        os.makedirs(self.out, exist_ok=True)
        self.db = args.database
        self.results = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "mode": "smoke" if args.smoke else "full",
                        "java_opts": args.java_opts, "max_concurrency": args.max_concurrency, "reps": args.reps,
                        "machine": machine()}
        self.sim = self.gw = None
        self.seed = 1000

    # ---------------------------------------------------------------- processes
    def psql(self, sql, db=None, timed=False):
        commands = [x for one in ([sql] if isinstance(sql, str) else sql) for x in ("-c", one)]
        cmd = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db or self.db, "-v", "ON_ERROR_STOP=1", "-Atq",
               *commands]
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=600).stdout
        return (out, time.perf_counter() - t0) if timed else out

    def fresh_database(self):
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", self.db], check=True,
                       timeout=120)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.db], check=True, timeout=120)

    def start_simulator(self, consoles):
        props = os.path.join(self.out, f"consoles-{consoles}.properties")
        if os.path.exists(props):
            os.remove(props)
        control = free_port()
        logf = open(os.path.join(self.out, f"simulator-{consoles}.log"), "w")
        proc = subprocess.Popen(["java", *self.a.sim_java_opts.split(), "-cp", self.a.classpath,
                                 "io.licensegateway.bench.BenchSimulator", str(consoles), str(self.a.licenses),
                                 str(self.a.latency_ms), str(self.seed), str(control), props],
                                stdout=logf, stderr=subprocess.STDOUT)
        PROCS.append(proc)
        deadline = time.time() + 120
        while not os.path.exists(props):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("the simulator did not start; see " + logf.name)
            time.sleep(0.1)
        self.sim = {"proc": proc, "control": control, "props": props, "consoles": consoles}

    def start_gateway(self, tag):
        http, management = free_port(), free_port()
        env = dict(os.environ)
        env.update({
            "QUARKUS_DATASOURCE_REACTIVE_URL": f"postgresql://127.0.0.1:5432/{self.db}",
            "QUARKUS_DATASOURCE_JDBC_URL": f"jdbc:postgresql://127.0.0.1:5432/{self.db}",
            "QUARKUS_DATASOURCE_USERNAME": "postgres",
            "GATEWAY_REFRESH_SCHEDULED": "false",
            "GATEWAY_FETCH_MAX_CONCURRENCY": str(self.a.max_concurrency),
            "QUARKUS_HTTP_PORT": str(http),
            "QUARKUS_HTTP_HOST": "127.0.0.1",
            "QUARKUS_MANAGEMENT_PORT": str(management),
            "QUARKUS_MANAGEMENT_HOST": "127.0.0.1",
        })
        if self.a.snapshots_keep:
            env["GATEWAY_SNAPSHOTS_KEEP"] = str(self.a.snapshots_keep)
        key_hash = __import__("hashlib").sha256(API_KEY.encode()).hexdigest()
        logf = open(os.path.join(self.out, f"gateway-{tag}.log"), "w")
        cmd = ["java", *self.a.java_opts.split(), f"-Dquarkus.config.locations={self.sim['props']}",
               f"-Dgateway.security.api-keys.bench.sha256={key_hash}", "-Dgateway.security.api-keys.bench.role=admin",
               "-jar", "quarkus-run.jar"]
        t0 = time.perf_counter()
        # from the jar's directory: an AppCDS archive only maps for the class path it was written with (docs/deployment.md)
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
            time.sleep(0.02)
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
        if self.gw:
            self.stop(self.gw["proc"])
            self.gw = None
        if self.sim:
            self.stop(self.sim["proc"])
            self.sim = None

    # ---------------------------------------------------------------- gateway calls
    def url(self, path):
        return f"http://127.0.0.1:{self.gw['http']}{path}"

    def call(self, method, path, timeout=600):
        req = urllib.request.Request(self.url(path), method=method, headers={"X-API-Key": API_KEY})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: HTTP {e.code}: {e.read()[:500]!r}") from None

    def reseed(self):
        self.seed += 1
        req = urllib.request.Request(f"http://127.0.0.1:{self.sim['control']}/reseed?seed={self.seed}", method="POST")
        with urllib.request.urlopen(req, timeout=300) as r:
            r.read()

    def refresh(self):
        pids = {"gateway": self.gw["proc"].pid, "simulator": self.sim["proc"].pid}
        cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
        busy0 = machine_busy_seconds()
        t0 = time.perf_counter()
        run = self.call("POST", "/api/v1/refresh")
        wall = time.perf_counter() - t0
        busy = machine_busy_seconds() - busy0
        cpu = {k: round(cpu_seconds(p) - cpu0[k], 2) for k, p in pids.items()}
        outcomes = {}
        for c in run["consoles"]:
            outcomes[c["outcome"]] = outcomes.get(c["outcome"], 0) + 1
        rows = sum(c["licenseCount"] or 0 for c in run["consoles"] if c["outcome"] == "UPDATED")
        durations = sorted(c["durationMs"] for c in run["consoles"])
        return {"run_id": run["id"], "wall_s": round(wall, 3), "outcomes": outcomes, "rows": rows,
                "rows_per_s": round(rows / wall, 1) if rows else 0,
                "fetch_ms_median": durations[len(durations) // 2], "fetch_ms_max": durations[-1],
                "cpu_s": cpu, "machine_busy_s": round(busy, 2)}

    # ---------------------------------------------------------------- refresh scaling + COPY baseline
    def phase_refresh(self):
        rows = {}
        largest = max(self.a.consoles)
        for n in sorted(self.a.consoles):
            self.stop_all()
            self.fresh_database()
            self.start_simulator(n)
            self.start_gateway(f"refresh-{n}")
            log(f"refresh: {n} consoles, {self.a.warmups} warm-up refreshes")
            for _ in range(self.a.warmups):
                self.reseed()
                self.refresh()
            updated, unchanged, copies = [], [], []
            for rep in range(self.a.reps):
                self.reseed()
                u = self.refresh()
                updated.append(u)
                unchanged.append(self.refresh())
                line = f"  rep {rep + 1}: UPDATED {u['wall_s']} s {u['outcomes']} {u['rows_per_s']} rows/s " \
                       f"cpu {u['cpu_s']} busy {u['machine_busy_s']} s; UNCHANGED {unchanged[-1]['wall_s']} s " \
                       f"cpu {unchanged[-1]['cpu_s']}"
                if n == largest:
                    copies.append(self.copy_baseline(first=rep == 0))
                    line += f"; COPY {copies[-1]['wall_s']} s {copies[-1]['rows_per_s']} rows/s"
                log(line)
            rows[n] = {"updated": updated, "unchanged": unchanged,
                       "updated_wall_s": median([u["wall_s"] for u in updated]),
                       "unchanged_wall_s": median([u["wall_s"] for u in unchanged]),
                       "updated_rows_per_s": median([u["rows_per_s"] for u in updated]),
                       "updated_gateway_cpu_s": median([u["cpu_s"]["gateway"] for u in updated]),
                       "updated_simulator_cpu_s": median([u["cpu_s"]["simulator"] for u in updated]),
                       "unchanged_gateway_cpu_s": median([u["cpu_s"]["gateway"] for u in unchanged]),
                       "updated_machine_busy_s": median([u["machine_busy_s"] for u in updated])}
            if copies:
                rows[n]["copy"] = copies
                rows[n]["copy_wall_s"] = median([c["wall_s"] for c in copies])
                rows[n]["copy_rows_per_s"] = median([c["rows_per_s"] for c in copies])
                rows[n]["ingest_ratio"] = median([u["rows_per_s"] / c["rows_per_s"] for u, c in zip(updated, copies)])
        base = rows[min(rows)]
        for n, r in rows.items():
            r["updated_ratio_to_1"] = round(r["updated_wall_s"] / base["updated_wall_s"], 2)
            r["unchanged_ratio_to_1"] = round(r["unchanged_wall_s"] / base["unchanged_wall_s"], 2)
        self.results["refresh"] = {str(k): v for k, v in rows.items()}

    def copy_baseline(self, first, tag="refresh"):
        """\\copy of the rows the last (fully changed) refresh stored, its new versions: one license_current and one
        license_raw row per license, into copies of both tables (`like ... including all`: same columns, keys and
        indexes), both \\copy commands in one psql session (timed with psql's start). Rows/s = licenses / wall time,
        the unit of the refresh's rows/s. The copies are emptied again afterwards."""
        current = os.path.join(self.out, f"{tag}-license-current.copy")
        raw = os.path.join(self.out, f"{tag}-license-raw.copy")
        stored = ("from license_current l join console_state c on c.console = l.console "
                  "join snapshot s on s.id = c.current_snapshot_id where l.valid_from = s.valid_from")
        if first:
            self.psql("drop table if exists license_current_copy, license_raw_copy; "
                      "create table license_current_copy (like license_current including all); "
                      "create table license_raw_copy (like license_raw including all)")
            self.psql(f"\\copy (select l.* {stored}) to '{current}'")
            self.psql(f"\\copy (select r.* from license_raw r join (select l.console, l.id, l.valid_from {stored}) k "
                      f"using (console, id, valid_from)) to '{raw}'")
        self.psql("truncate license_current_copy, license_raw_copy")
        _, wall = self.psql([f"\\copy license_current_copy from '{current}'", f"\\copy license_raw_copy from '{raw}'"],
                            timed=True)
        rows, raw_rows = (int(x) for x in self.psql(
            "select (select count(*) from license_current_copy), (select count(*) from license_raw_copy)")
            .strip().split("|"))
        self.psql("truncate license_current_copy, license_raw_copy")
        return {"wall_s": round(wall, 3), "rows": rows, "raw_rows": raw_rows, "rows_per_s": round(rows / wall, 1)}

    # ---------------------------------------------------------------- query throughput: wrk vs pgbench
    def pgbench_script(self):
        script = subprocess.run(["java", f"-Dbench.consoles={self.sim['consoles']}", "-cp", self.a.classpath,
                                 "io.licensegateway.query.BenchQueries", QUERY],
                                check=True, capture_output=True, text=True, timeout=120).stdout
        path = os.path.join(self.out, "licenses-page.pgbench.sql")
        defines = re.findall(r"^-- define: (\S+?=.*)$", script, re.M)
        with open(path, "w") as f:
            f.write("\n".join(line for line in script.splitlines() if not line.startswith("--")) + "\n")
        with open(path + ".txt", "w") as f:
            f.write(script)
        return path, defines

    def phase_query(self):
        self.psql("vacuum analyze")
        script, defines = self.pgbench_script()
        c, d = self.a.connections, self.a.duration
        url = self.url("/api/v1/licenses?" + QUERY)
        check = self.call("GET", "/api/v1/licenses?" + QUERY)
        tables = self.table_rows()
        q = {"connections": c, "duration_s": d, "tables": tables,
             "matching_rows": check["meta"]["total"], "page_rows": len(check["data"]), "wrk": [], "pgbench": []}
        have_wrk = shutil.which("wrk") is not None
        for rep in range(self.a.reps):
            if have_wrk:
                out = subprocess.run(["wrk", "-t2", f"-c{c}", f"-d{d}s", "--latency", "-H", f"X-API-Key: {API_KEY}",
                                      url], check=True, capture_output=True, text=True, timeout=d + 60).stdout
                rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                q["wrk"].append({"rps": rps, "non2xx": int(non2xx.group(1)) if non2xx else 0,
                                 "p50": wrk_latency(out, "50%"), "p99": wrk_latency(out, "99%")})
            cmd = ["pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "prepared", f"-c{c}", "-j2", f"-T{d}",
                   "-f", script] + [x for dfn in defines for x in ("-D", dfn)] + [self.db]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=d + 60).stdout
            tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))
            lat = re.search(r"latency average = ([\d.]+) ms", out)
            q["pgbench"].append({"tps": tps, "latency_avg_ms": float(lat.group(1)) if lat else None})
            log(f"query rep {rep + 1}: wrk {q['wrk'][-1]['rps'] if have_wrk else 'n/a'} req/s, pgbench {tps} tps")
        q["pgbench_tps"] = median([p["tps"] for p in q["pgbench"]])
        if have_wrk:
            q["wrk_rps"] = median([w["rps"] for w in q["wrk"]])
            q["ratio"] = median([w["rps"] / p["tps"] for w, p in zip(q["wrk"], q["pgbench"])])
        else:
            q["wrk_rps"] = None
            q["note"] = "wrk is not installed: no API rate; the latency rows use a fixed rate from --smoke-rate"
        self.results["query"] = q

    # ---------------------------------------------------------------- latency at half load
    def half_rate(self):
        if self.a.half_rate:
            return self.a.half_rate
        q = self.results.get("query", {})
        return round(q["wrk_rps"] / 2, 1) if q.get("wrk_rps") else self.a.fallback_rate

    def load(self, rate, duration, urls=None, samples=None):
        urls = [self.url(u) for u in (urls or ["/api/v1/licenses?" + QUERY])]
        summary, results = asyncio.run(loadgen.run(urls, [f"X-API-Key: {API_KEY}"], rate, duration,
                                                   self.a.load_connections, samples))
        return summary, results

    def phase_latency(self):
        rate = self.half_rate()
        runs = []
        for rep in range(self.a.reps):
            s, _ = self.load(rate, self.a.latency_duration)
            runs.append(s)
            log(f"half load rep {rep + 1}: {s}")
        self.results["latency"] = {"rate": rate, "runs": runs, "achieved_rate": median([r["rate"] for r in runs]),
                                   "p50_ms": median([r["p50_ms"] for r in runs]),
                                   "p99_ms": median([r["p99_ms"] for r in runs]),
                                   "errors": sum(r["errors"] for r in runs)}

    # ---------------------------------------------------------------- query p99 while a refresh runs
    def phase_during(self):
        rate = self.half_rate()
        self.results["during_refresh"] = self.during_refresh(rate, None, self.a.during_pre, self.a.during_post,
                                                             "during refresh")

    def during_refresh(self, rate, urls, pre, post, label):
        """Open-loop load at `rate` over `urls` (default: the one benchmarked shape), with one fully changed refresh of
        every console starting after `pre` seconds: p99 of the requests sent before it started vs while it ran."""
        # without the refresh row in this run, a full-size refresh (200 x 1,000) takes about 40 s on 2 cores
        expected = (self.results.get("refresh", {}).get(str(self.sim["consoles"]), {}).get("updated_wall_s")
                    or (10 if self.a.smoke else 60))
        duration = pre + expected * 3 + post
        runs = []
        for rep in range(self.a.reps):
            self.reseed()
            # the previous refresh left 200k rows that are not yet all-visible (index-only scans fetch the heap):
            # start every repetition from the state autovacuum reaches between refreshes
            self.psql("vacuum analyze license_current, license_history, license_raw")
            window = {}

            def refresh_later(start):
                time.sleep(pre)
                window["start"] = time.perf_counter() - start
                window["report"] = self.refresh()
                window["end"] = time.perf_counter() - start

            t0 = time.perf_counter()
            thread = threading.Thread(target=refresh_later, args=(t0,))
            thread.start()
            _, results = self.load(rate, duration, urls)
            thread.join()
            before = sorted(lat for s, lat, st, _ in results if s < window["start"] - 0.5 and st == 200)
            during = sorted(lat for s, lat, st, _ in results if window["start"] <= s <= window["end"] and st == 200)
            errors = sum(1 for s, lat, st, _ in results if st != 200)
            run = {"refresh_s": round(window["end"] - window["start"], 2),
                   "refresh_outcomes": window["report"]["outcomes"],
                   "refresh_gateway_cpu_s": window["report"]["cpu_s"]["gateway"],
                   "p99_without_ms": round(loadgen.percentile(before, 99), 2) if before else None,
                   "p99_during_ms": round(loadgen.percentile(during, 99), 2) if during else None,
                   "p50_without_ms": round(loadgen.percentile(before, 50), 2) if before else None,
                   "p50_during_ms": round(loadgen.percentile(during, 50), 2) if during else None,
                   "requests_without": len(before), "requests_during": len(during), "errors": errors,
                   "refresh_outlasted_load": window["end"] > duration}
            run["ratio"] = round(run["p99_during_ms"] / run["p99_without_ms"], 2) \
                if run["p99_during_ms"] and run["p99_without_ms"] else None
            runs.append(run)
            log(f"{label} rep {rep + 1}: {run}")
        return {"rate": rate, "runs": runs, "p99_without_ms": median([r["p99_without_ms"] for r in runs]),
                "p99_during_ms": median([r["p99_during_ms"] for r in runs]), "ratio": median([r["ratio"] for r in runs])}

    # ---------------------------------------------------------------- query mix
    def mutate(self, percent):
        self.seed += 1
        req = urllib.request.Request(f"http://127.0.0.1:{self.sim['control']}/mutate?percent={percent}"
                                     f"&seed={self.seed}", method="POST")
        with urllib.request.urlopen(req, timeout=300) as r:
            return json.loads(r.read())

    def table_rows(self):
        out = self.psql("select (select count(*) from license_current), (select count(*) from license_history), "
                        "(select count(*) from license_raw), (select count(*) from snapshot)")
        current, history, raw, snapshots = (int(x) for x in out.strip().split("|"))
        return {"license_current": current, "license_history": history, "license_raw": raw, "snapshot": snapshots}

    def refresh_rows(self):
        """A refresh with the rows it wrote: new versions (a license_current and a license_raw row each, stamped with
        the new snapshot's valid_from), closed versions (moved from license_current to license_history, valid_to =
        that stamp), and what pruning deleted (from the table counts before and after)."""
        before = self.table_rows()
        report = self.refresh()
        after = self.table_rows()
        new, closed = (int(x) for x in self.psql(
            f"select (select count(*) from license_raw r join snapshot s on s.console = r.console "
            f"and s.valid_from = r.valid_from where s.run_id = {report['run_id']}), "
            f"(select count(*) from license_history h join snapshot s on s.console = h.console "
            f"and h.valid_to = s.valid_from where s.run_id = {report['run_id']})").strip().split("|"))
        pruned_history = closed - (after["license_history"] - before["license_history"])
        pruned_raw = new - (after["license_raw"] - before["license_raw"])
        report["written"] = {"new_versions": new, "closed_versions": closed, "pruned_history": pruned_history,
                             "pruned_raw": pruned_raw, "inserted": 2 * new + closed,
                             "deleted": closed + pruned_history + pruned_raw,
                             "total": 2 * new + closed + closed + pruned_history + pruned_raw}
        report["tables_after"] = after
        return report

    def mix_refreshes(self):
        """Fully changed refreshes (with the COPY baseline), then the five partial ones that make the history."""
        a = self.a
        full, copies, partial, mutations = [], [], [], []
        for rep in range(a.reps):
            self.reseed()
            r = self.refresh_rows()
            full.append(r)
            copies.append(self.copy_baseline(first=rep == 0, tag="mix"))
            log(f"mix: all changed: {r['wall_s']} s {r['outcomes']} {r['rows_per_s']} licenses/s, written "
                f"{r['written']}; COPY {copies[-1]['wall_s']} s {copies[-1]['rows_per_s']} rows/s")
        for i in range(a.mix_refreshes):
            mutations.append(self.mutate(a.mix_percent))
            r = self.refresh_rows()
            partial.append(r)
            log(f"mix: {a.mix_percent} % changed ({i + 1}/{a.mix_refreshes}): {r['wall_s']} s {r['outcomes']}, "
                f"written {r['written']}")
        return {"percent": a.mix_percent, "mutations": mutations, "full": full, "partial": partial, "copy": copies,
                "full_wall_s": median([r["wall_s"] for r in full]),
                "full_written": median([r["written"]["total"] for r in full]),
                "full_new_versions": median([r["written"]["new_versions"] for r in full]),
                "full_rows_per_s": median([r["rows_per_s"] for r in full]),
                "copy_rows_per_s": median([c["rows_per_s"] for c in copies]),
                "copy_wall_s": median([c["wall_s"] for c in copies]),
                "ingest_ratio": median([r["rows_per_s"] / c["rows_per_s"] for r, c in zip(full, copies)]),
                "partial_wall_s": median([r["wall_s"] for r in partial]),
                "partial_written": median([r["written"]["total"] for r in partial]),
                "partial_new_versions": median([r["written"]["new_versions"] for r in partial])}

    def phase_mix(self):
        a = self.a
        n = self.sim["consoles"]
        log(f"mix: {n} consoles x {a.licenses} licenses")
        result = {"consoles": n, "licenses_per_console": a.licenses}
        result["refresh"] = self.mix_refreshes()
        self.psql("vacuum analyze license_current, license_history, license_raw, snapshot, console_state")
        result["tables"] = self.table_rows()
        # per console, how many refreshes' closed versions the history holds (gateway.snapshots.keep - 1 at most)
        result["history_refreshes"] = int(self.psql(
            "select coalesce(max(n), 0) from (select count(distinct valid_to) as n from license_history "
            "group by console) x").strip())
        shapes = mix.shapes(n)
        client = mix.Client(self.gw["http"], API_KEY)
        try:
            self.mix_prepare(shapes, client)
            scripts = self.mix_scripts(shapes)
            self.mix_explain(shapes, scripts)
            for _ in range(a.mix_warmup):
                for s in shapes:
                    for path in s["paths"][:3]:
                        client.get(path)
            self.mix_sequential(shapes, client)
        finally:
            client.close()
        rate = self.mix_rates(shapes, scripts)
        result["rate"] = rate
        half = a.mix_half_rate or (round(rate["api_rps"] / 2, 1) if rate.get("api_rps") else a.fallback_rate)
        result["open_loop"] = self.mix_open_loop(shapes, half)
        # the mix (every shape answered 200, in turn) while a fully changed refresh of every console runs
        urls = [s["paths"][k % len(s["paths"])] for k in range(max(len(s["paths"]) for s in shapes))
                for s in shapes if s["expect"] == 200]
        result["during_refresh"] = self.during_refresh(half, urls, a.mix_during_pre, a.during_post,
                                                       "mix during refresh")
        result["shapes"] = shapes
        slow = [s["name"] for s in shapes if (s.get("seq_p99_ms") or 0) > 20 or (s.get("open_p99_ms") or 0) > 20]
        result["over_20ms_p99"] = slow
        self.results["mix"] = result
        log(f"mix: API {rate.get('api_rps')} req/s vs pgbench {rate.get('pgbench_tps')} tps = {rate.get('ratio')}x; "
            f"open loop at {half}/s; {len(slow)} of {len(shapes)} shapes over 20 ms p99")

    def mix_prepare(self, shapes, client):
        """Fills in what needs the data: an id for "one license", the cursor walk (its URLs for the loads and the
        values of one cursor for pgbench), and every shape's list of paths (one, or the cursor pages)."""
        status, body, _ = client.get("/api/v1/licenses?limit=1&console=sim-1")
        first = json.loads(body)["data"][0]
        for s in shapes:
            s["paths"] = [s["path"]] if s["path"] else []
            if s["kind"] in ("one", "history"):
                s["query"] = f"{first['console']}/{first['id']}"
                s["path"] = "/api/v1/licenses/" + urllib.parse.quote(first["console"]) + "/" + \
                    urllib.parse.quote(first["id"]) + ("/history" if s["kind"] == "history" else "")
                s["paths"] = [s["path"]]
            elif s["kind"] == "cursor":
                limit = self.a.mix_cursor_limit
                s["query"] = mix.q(limit=limit)
                s["name"] = f"cursor page (limit={limit})"
                path = "/api/v1/licenses?" + s["query"]
                pages = []
                for _ in range(self.a.mix_cursor_pages):
                    status, body, _ = client.get(path)
                    nxt = json.loads(body)["meta"].get("nextCursor")
                    if status != 200 or not nxt:
                        break
                    path = "/api/v1/licenses?" + s["query"] + "&cursor=" + urllib.parse.quote(nxt, safe="")
                    pages.append((path, nxt))
                if not pages:
                    raise RuntimeError(f"the cursor walk needs more than {limit} licenses")
                s["paths"] = [p for p, _ in pages]
                s["path"] = s["paths"][0]
                payload = mix.cursor_payload(pages[len(pages) // 2][1])
                s["cursor"] = {"at": payload["at"], "after": payload["after"], "pages": len(pages)}

    def mix_scripts(self, shapes):
        """One pgbench script per shape that runs SQL, from BenchQueries --mix (one JVM for all)."""
        lines = []
        for s in shapes:
            if s["kind"] is None:
                continue
            fields = [s["name"], s["kind"], s["query"] or ""]
            if s["kind"] == "cursor":
                at = s["cursor"]["at"]
                fields += [at if isinstance(at, str) else datetime.datetime.fromtimestamp(
                    at, datetime.timezone.utc).isoformat()] + ["\\N" if v is None else v for v in s["cursor"]["after"]]
            lines.append("\t".join(fields))
        out = subprocess.run(["java", f"-Dbench.consoles={self.sim['consoles']}", "-cp", self.a.classpath,
                              "io.licensegateway.query.BenchQueries", "--mix"],
                             input="\n".join(lines) + "\n", check=True, capture_output=True, text=True,
                             timeout=180).stdout
        scripts = mix.split_scripts(out)
        folder = os.path.join(self.out, "mix-pgbench")
        os.makedirs(folder, exist_ok=True)
        for i, s in enumerate(shapes):
            if s["name"] in scripts:
                s["script"] = os.path.join(folder, f"{i + 1:02d}.sql")
                with open(s["script"] + ".txt", "w") as f:
                    f.write(scripts[s["name"]])
                with open(s["script"], "w") as f:
                    f.write(mix.pgbench_file(scripts[s["name"]]))
        return scripts

    def mix_explain(self, shapes, scripts):
        """EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) of each shape's statements, the variables as literals (as the
        application's unnamed prepared statements are planned: with their values), each plan as one line."""
        pin = next((sql for sc in scripts.values() for role, sql in mix.statements(sc) if role == "pin"), None)
        pinned = self.psql((pin or "select now()").replace(" as at \\gset", "")).strip()
        wanted = {"page", "count", "summary", "stream", "one", "history", "changes"}
        todo = []
        for s in shapes:
            script = scripts.get(s["name"])
            if script is None:
                continue
            values = mix.defines(script)
            values["at"] = pinned
            roles = wanted if s["kind"] != "consoles" else {"statuses"}
            for role, sql in mix.statements(script):
                if role in roles:
                    todo.append((s, role, mix.substitute(sql, values)))
        path = os.path.join(self.out, "mix-explain.sql")
        with open(path, "w") as f:
            for i, (s, role, sql) in enumerate(todo):
                f.write(f"\\echo @@{i}\nexplain (analyze, costs off, timing off, format json) {sql};\n")
        proc = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", self.db, "-Atq", "-f", path],
                              capture_output=True, text=True, timeout=600)
        chunks = re.split(r"^@@(\d+)$", proc.stdout, flags=re.M)
        plans = {int(chunks[i]): chunks[i + 1] for i in range(1, len(chunks) - 1, 2)}
        for i, (s, role, sql) in enumerate(todo):
            entry = {"role": role}
            try:
                plan = json.loads(plans[i])
                entry["plan"] = mix.one_line(plan)
                entry["seq_scans"], entry["rows_read"] = mix.scans_table(plan)
                entry["ms"] = round(plan[0].get("Execution Time", 0), 2)
            except (KeyError, ValueError, IndexError) as e:
                entry["error"] = f"{type(e).__name__}: {proc.stderr.strip()[-300:]}"
            s.setdefault("explain", []).append(entry)
        with open(os.path.join(self.out, "mix-explain.txt"), "w") as f:
            for s in shapes:
                for e in s.get("explain", []):
                    f.write(f"{s['name']} [{e['role']}]: {e.get('plan') or e.get('error')}\n")

    def mix_sequential(self, shapes, client):
        """Each shape alone: N requests one after the other on one keep-alive connection."""
        n = self.a.mix_sequential
        for s in shapes:
            latencies, bad = [], {}
            if s["kind"] == "cursor":
                # walks: the first page (not timed), then follow meta.nextCursor page by page, each page timed
                first = "/api/v1/licenses?" + s["query"]
                walks = 0
                while len(latencies) + sum(bad.values()) < n and walks < n:
                    walks += 1
                    status, body, _ = client.get(first)
                    cursor = json.loads(body)["meta"].get("nextCursor") if status == 200 else None
                    for _ in range(self.a.mix_cursor_pages):
                        if not cursor or len(latencies) + sum(bad.values()) >= n:
                            break
                        status, body, ms = client.get(first + "&cursor=" + urllib.parse.quote(cursor, safe=""))
                        if status == 200:
                            latencies.append(ms)
                            cursor = json.loads(body)["meta"].get("nextCursor")
                        else:
                            bad[status] = bad.get(status, 0) + 1
                            cursor = None
                s["seq_walks"] = walks
            else:
                for i in range(n):
                    status, _, ms = client.get(s["paths"][i % len(s["paths"])])
                    if status == s["expect"]:
                        latencies.append(ms)
                    else:
                        bad[status] = bad.get(status, 0) + 1
            latencies.sort()
            s.update({"seq_requests": len(latencies) + sum(bad.values()), "seq_errors": sum(bad.values()), "seq_unexpected": bad,
                      "seq_p50_ms": mix.percentile(latencies, 50), "seq_p99_ms": mix.percentile(latencies, 99)})
            log(f"mix seq {s['name']}: p50 {s['seq_p50_ms']} ms, p99 {s['seq_p99_ms']} ms"
                + (f", unexpected {bad}" if bad else ""))

    def mix_rates(self, shapes, scripts):
        """The maximum rate of the whole mix (closed loop, a few connections) vs pgbench replaying every shape's
        statements (one script each, equal weights), alternating, reps times. The deliberate 400 runs no SQL, so it
        is left out of both."""
        a = self.a
        c, d = a.connections, a.mix_duration
        rotation = [s for s in shapes if s["kind"] is not None]
        paths = []
        for k in range(max(len(s["paths"]) for s in rotation)):
            paths += [s["paths"][k % len(s["paths"])] for s in rotation]
        have_wrk = shutil.which("wrk") is not None
        lua = os.path.join(self.out, "mix.lua")
        with open(lua, "w") as f:
            f.write(mix.wrk_script(paths))
        defines = []
        for s in rotation:
            defines += [x for k, v in mix.defines(scripts[s["name"]]).items() for x in ("-D", f"{k}={v}")]
        files = [x for s in rotation for x in ("-f", s["script"] + "@1")]
        rate = {"connections": c, "duration_s": d, "tool": "wrk" if have_wrk else "python", "api": [], "pgbench": [],
                "shapes": len(rotation)}
        for rep in range(a.reps):
            if have_wrk:
                out = subprocess.run(["wrk", "-t2", f"-c{c}", f"-d{d}s", "-s", lua, "-H", f"X-API-Key: {API_KEY}",
                                      self.url("/")], check=True, capture_output=True, text=True,
                                     timeout=d + 60).stdout
                non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                api = {"tool": "wrk", "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                       "errors": int(non2xx.group(1)) if non2xx else 0}
            else:
                api = asyncio.run(loadgen.closed_loop([self.url(p) for p in paths], [f"X-API-Key: {API_KEY}"], c, d))
            rate["api"].append(api)
            cmd = ["pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "prepared", f"-c{c}", "-j2", f"-T{d}",
                   *files, *defines, self.db]
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=d + 120)
            if proc.returncode != 0:
                raise RuntimeError("pgbench failed: " + proc.stderr[-2000:])
            tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", proc.stdout).group(1))
            failed = re.search(r"number of failed transactions: (\d+)", proc.stdout)
            rate["pgbench"].append({"tps": tps, "failed": int(failed.group(1)) if failed else 0})
            log(f"mix rate rep {rep + 1}: API {api['rps']} req/s ({api['tool']}, errors {api['errors']}), "
                f"pgbench {tps} tps")
        rate["api_rps"] = median([x["rps"] for x in rate["api"]])
        rate["pgbench_tps"] = median([x["tps"] for x in rate["pgbench"]])
        rate["ratio"] = median([x["rps"] / p["tps"] for x, p in zip(rate["api"], rate["pgbench"]) if p["tps"]])
        rate["errors"] = sum(x["errors"] for x in rate["api"])
        return rate

    def mix_open_loop(self, shapes, half):
        """The whole mix, every shape in turn (the 400 included, expected), open loop at half the maximum rate;
        p50/p99 per shape from that one run."""
        order, urls, expected = [], [], []
        for k in range(max(len(s["paths"]) for s in shapes)):
            for i, s in enumerate(shapes):
                order.append(i)
                urls.append(self.url(s["paths"][k % len(s["paths"])]))
                expected.append(s["expect"])
        # long enough for every shape to be requested at least twice, whatever the rate
        duration = max(self.a.mix_open_duration, math.ceil(2 * len(shapes) / half))
        summary, results = asyncio.run(loadgen.run(urls, [f"X-API-Key: {API_KEY}"], half, duration,
                                                   self.a.load_connections, expected=expected))
        per = {}
        for _, lat, status, index in results:
            per.setdefault(order[index], []).append((lat, status))
        for i, s in enumerate(shapes):
            got = per.get(i, [])
            ok = sorted(lat for lat, st in got if st == s["expect"])
            s.update({"open_requests": len(got), "open_errors": len(got) - len(ok),
                      "open_p50_ms": mix.percentile(ok, 50), "open_p99_ms": mix.percentile(ok, 99)})
        log(f"mix open loop at {half}/s: {summary}")
        summary["rate"], summary["duration_s"] = half, duration
        return summary

    # ---------------------------------------------------------------- start to ready
    def phase_startup(self):
        self.stop(self.gw["proc"])
        self.results["startup"] = self.startups("startup")
        # the same with the AppCDS archive the build writes (docs/deployment.md, "Start-up (AppCDS)"; the JVM image starts with one)
        archive = os.path.join(self.a.app, "app-cds.jsa")
        if os.path.exists(archive):
            plain = self.a.java_opts
            self.a.java_opts = f"{plain} -XX:SharedArchiveFile={archive}"
            try:
                self.results["startup"]["appcds"] = self.startups("startup-appcds")
            finally:
                self.a.java_opts = plain
        self.start_gateway("after-startup")

    def startups(self, tag):
        times, reported = [], []
        for rep in range(self.a.startup_reps):
            ready = self.start_gateway(f"{tag}-{rep + 1}")
            with open(self.gw["log"]) as f:
                m = re.search(r"started in ([\d.]+)s", f.read())
            times.append(round(ready, 3))
            reported.append(float(m.group(1)) if m else None)
            self.stop(self.gw["proc"])
            log(f"{tag} rep {rep + 1}: {ready:.3f} s to ready (Quarkus reports {reported[-1]} s)")
        return {"ready_s": times, "quarkus_started_in_s": reported, "median_ready_s": median(times),
                "median_quarkus_s": median(reported), "consoles": self.sim["consoles"], "java_opts": self.a.java_opts}

    # ---------------------------------------------------------------- memory under mixed load
    def phase_memory(self):
        minutes, every = self.a.memory_minutes, self.a.memory_refresh_every
        rate = self.a.memory_rate
        duration = minutes * 60
        pid = self.gw["proc"].pid
        samples, refreshes = [], []
        stop = threading.Event()
        t0 = time.perf_counter()

        def sampler():
            while not stop.is_set():
                samples.append((round(time.perf_counter() - t0, 1), round(rss_mb(pid), 1)))
                stop.wait(self.a.memory_sample_every)

        def refresher():
            # a refresh starts every `every` seconds (right away if the previous one took longer)
            k = 1
            while not stop.wait(max(0.0, t0 + k * every - time.perf_counter())):
                if time.perf_counter() - t0 > duration - 1:
                    return
                k = int((time.perf_counter() - t0) // every) + 1
                self.reseed()
                r = self.refresh()
                refreshes.append({"at_s": round(time.perf_counter() - t0, 1), "wall_s": r["wall_s"],
                                  "outcomes": r["outcomes"]})

        threads = [threading.Thread(target=sampler), threading.Thread(target=refresher)]
        for t in threads:
            t.start()
        summary, _ = self.load(rate, duration, MIXED)
        stop.set()
        for t in threads:
            t.join()
        samples.append((round(time.perf_counter() - t0, 1), round(rss_mb(pid), 1)))
        half = duration / 2
        second_half = [(t, m) for t, m in samples if t >= half]
        at_half = min(samples, key=lambda s: abs(s[0] - half))[1]
        at_end = samples[-1][1]
        self.results["memory"] = {"minutes": minutes, "rate": rate, "urls": MIXED, "load": summary,
                                  "refreshes": refreshes, "rss_samples_mb": samples, "rss_at_half_mb": at_half,
                                  "rss_at_end_mb": at_end, "rss_max_mb": max(m for _, m in samples),
                                  "rss_max_second_half_mb": max(m for _, m in second_half),
                                  "rss_min_second_half_mb": min(m for _, m in second_half),
                                  "slope_second_half_mb_per_min": slope(second_half)}
        log(f"memory: RSS {at_half} MB at {half / 60:.1f} min, {at_end} MB at {minutes} min, "
            f"max {self.results['memory']['rss_max_mb']} MB")

    # ---------------------------------------------------------------- driver
    def run(self):
        phases = self.a.only
        try:
            if "refresh" in phases:
                self.phase_refresh()
            need_gateway = any(p in phases for p in ("query", "latency", "during", "mix", "startup", "memory"))
            if need_gateway and self.gw is None:
                n = max(self.a.consoles)
                self.fresh_database()
                self.start_simulator(n)
                self.start_gateway("setup")
                for _ in range(0 if self.a.empty_store else max(self.a.warmups, 1)):
                    self.reseed()
                    self.refresh()
            if "query" in phases:
                self.phase_query()
            if "latency" in phases:
                self.phase_latency()
            if "during" in phases:
                self.phase_during()
            if "mix" in phases:
                self.phase_mix()
            if "startup" in phases:
                self.phase_startup()
            if "memory" in phases:
                self.phase_memory()
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


def slope(points):
    """Least-squares slope in MB per minute."""
    if len(points) < 2:
        return None
    xs = [t / 60 for t, _ in points]
    ys = [m for _, m in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den, 2) if den else None


def machine():
    info = {"cores": os.cpu_count()}
    try:
        with open("/proc/meminfo") as f:
            info["memory_gib"] = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            info["cpu"] = m.group(1) if m else None
        info["loadavg_at_start"] = open("/proc/loadavg").read().split()[:3]
        info["java"] = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        info["postgres"] = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"],
                                          capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def report(r):
    """The results as Markdown rows: measure | baseline | value | target | met."""
    lines = ["| measure | compared with | result | target | met |", "|---|---|---|---|---|"]

    def row(measure, base, result, target, met):
        lines.append(f"| {measure} | {base} | {result} | {target} | {'n/a' if met is None else ('yes' if met else 'NO')} |")

    if "refresh" in r:
        ref = r["refresh"]
        one = ref[min(ref, key=int)]
        for n in sorted(ref, key=int):
            x = ref[n]
            row(f"refresh wall, {n} consoles (UPDATED / UNCHANGED)", f"{min(ref, key=int)} console: "
                f"{one['updated_wall_s']} s / {one['unchanged_wall_s']} s",
                f"{x['updated_wall_s']} s = {x['updated_ratio_to_1']}x / {x['unchanged_wall_s']} s = "
                f"{x['unchanged_ratio_to_1']}x", "<= 1.2x at 200" if n == "200" else "-",
                (x['updated_ratio_to_1'] <= 1.2) if n == "200" else None)
        big = ref[max(ref, key=int)]
        if "copy_rows_per_s" in big:
            row(f"rows/s persisted, {max(ref, key=int)} consoles", f"psql \\copy: {big['copy_rows_per_s']} rows/s",
                f"{big['updated_rows_per_s']} rows/s = {big['ingest_ratio']:.2f}x", ">= 0.5x", big["ingest_ratio"] >= 0.5)
    if "query" in r:
        q = r["query"]
        ratio = q.get("ratio")
        row(f"GET licenses filtered page, c={q['connections']}", f"pgbench: {q['pgbench_tps']} tps",
            f"{q.get('wrk_rps')} req/s" + (f" = {ratio:.2f}x" if ratio else ""), ">= 0.5x",
            None if ratio is None else ratio >= 0.5)
    if "latency" in r:
        lat = r["latency"]
        row("latency at half load", f"rate {lat['rate']}/s (achieved {lat['achieved_rate']}/s)",
            f"p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms", "p99 <= 20 ms", lat["p99_ms"] is not None and lat["p99_ms"] <= 20)
    if "during_refresh" in r:
        d = r["during_refresh"]
        row("query p99 during a refresh", f"p99 without refresh: {d['p99_without_ms']} ms",
            f"{d['p99_during_ms']} ms = {d['ratio']}x", "<= 1.5x", d["ratio"] is not None and d["ratio"] <= 1.5)
    plans = []
    if "mix" in r:
        m = r["mix"]
        ref, rate = m["refresh"], m.get("rate", {})
        size = f"{m['consoles']} x {m['licenses_per_console']}"
        row(f"mix: refresh, {size}, {ref['percent']} % of licenses changed (median of {len(ref['partial'])})",
            f"all changed: {ref['full_wall_s']} s, {ref['full_written']} rows written "
            f"({ref['full_new_versions']} new versions)",
            f"{ref['partial_wall_s']} s, {ref['partial_written']} rows written ({ref['partial_new_versions']} new "
            f"versions)", "-", None)
        row(f"mix: licenses/s stored by the fully changed refresh, {size}",
            f"psql \\copy into copies of license_current + license_raw: {ref['copy_rows_per_s']} rows/s",
            f"{ref['full_rows_per_s']} rows/s = {ref['ingest_ratio']:.2f}x", ">= 0.5x", ref["ingest_ratio"] >= 0.5)
        if rate.get("api_rps") is not None:
            row(f"mix: max rate of the mix ({rate['shapes']} shapes), closed loop c={rate['connections']} "
                f"({rate['tool']})", f"pgbench -M prepared, same statements, c={rate['connections']}: "
                f"{rate['pgbench_tps']} tps", f"{rate['api_rps']} req/s = {rate['ratio']:.2f}x", ">= 0.5x",
                rate["ratio"] >= 0.5)
        half = m.get("open_loop", {}).get("rate")
        if "during_refresh" in m:
            d = m["during_refresh"]
            row(f"mix: p99 of the whole mix at {half}/s during a fully changed refresh of {size}",
                f"p99 before the refresh: {d['p99_without_ms']} ms", f"{d['p99_during_ms']} ms = {d['ratio']}x",
                "<= 1.5x", d["ratio"] is not None and d["ratio"] <= 1.5)
        for sh in m["shapes"]:
            seq, opn = sh.get("seq_p99_ms"), sh.get("open_p99_ms")
            errors = (sh.get("seq_errors") or 0) + (sh.get("open_errors") or 0)
            met = None if seq is None or opn is None else (seq <= 20 and opn <= 20 and errors == 0)
            row(f"mix: {sh['family']}: {sh['name']}", "-" if sh["expect"] == 200 else f"expects {sh['expect']}",
                f"seq p50 {sh.get('seq_p50_ms')} / p99 {seq} ms; at {half}/s p50 {sh.get('open_p50_ms')} / p99 "
                f"{opn} ms" + (f"; {errors} unexpected answers" if errors else ""), "p99 <= 20 ms", met)
            for e in sh.get("explain", []):
                text = e.get("plan") or e.get("error")
                plans.append(f"| {sh['name']} | {e['role']} | {text.replace('|', chr(92) + '|')} |")
    if "startup" in r:
        s = r["startup"]
        row("start to ready (JVM, prod)", "-", f"{s['median_ready_s']} s (Quarkus: {s['median_quarkus_s']} s)",
            "<= 2 s", s["median_ready_s"] <= 2)
        if "appcds" in s:
            c = s["appcds"]
            row("start to ready (JVM, prod, AppCDS archive of the build)", f"without: {s['median_ready_s']} s",
                f"{c['median_ready_s']} s (Quarkus: {c['median_quarkus_s']} s)", "<= 2 s", c["median_ready_s"] <= 2)
    if "memory" in r:
        m = r["memory"]
        flat = m["rss_max_second_half_mb"] - m["rss_at_half_mb"]
        row(f"RSS after {m['minutes']} min mixed load", "-",
            f"{m['rss_at_end_mb']} MB (half-way {m['rss_at_half_mb']} MB, max {m['rss_max_mb']} MB, "
            f"slope 2nd half {m['slope_second_half_mb_per_min']} MB/min)", "<= 256 MB, flat",
            m["rss_max_mb"] <= 256 and flat <= 0.05 * m["rss_at_half_mb"])
    if plans:
        lines += ["", "| mix shape | statement | EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF), one line |", "|---|---|---|"]
        lines += plans
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--smoke", action="store_true", help="a few consoles, seconds per row: checks the harness works")
    ap.add_argument("--only", default="refresh,query,latency,during,mix,startup",
                    help="comma list of refresh,query,latency,during,mix,startup,memory")
    ap.add_argument("--out", required=True)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--app", required=True, help="target/quarkus-app")
    ap.add_argument("--database", default="bench")
    ap.add_argument("--java-opts", default=os.environ.get("BENCH_JAVA_OPTS", ""))
    ap.add_argument("--sim-java-opts", default="-Xmx3g")
    ap.add_argument("--max-concurrency", type=int, default=256, help="gateway.fetch.max-concurrency")
    ap.add_argument("--half-rate", type=float, help="req/s for the latency rows (default: half the wrk rate)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--memory-minutes", type=float, default=10)
    ap.add_argument("--consoles", dest="consoles_option", help="comma list of console counts (default 1,10,50,200; smoke 1,3); the largest "
                    "serves every row after the refresh row")
    ap.add_argument("--licenses", dest="licenses_option", type=int, help="licenses per console (default 1000; smoke 50)")
    ap.add_argument("--empty-store", action="store_true", help="no refresh before the phases after the refresh "
                    "row: start-up measured on a migrated, empty store")
    ap.add_argument("--snapshots-keep", type=int, help="gateway.snapshots.keep of every gateway started "
                    "(default: the application's, 5)")
    ap.add_argument("--mix-half-rate", type=float, help="req/s of the mix's open loop (default: half its max rate)")
    ap.add_argument("--mix-sequential", dest="mix_sequential_option", type=int,
                    help="sequential requests per mix shape (default 200; smoke 5)")
    ap.add_argument("--mix-duration", dest="mix_duration_option", type=int,
                    help="seconds of each closed-loop / pgbench run of the mix (default 20; smoke 2)")
    ap.add_argument("--mix-open-duration", dest="mix_open_duration_option", type=float,
                    help="seconds of the mix's open loop (default 60; smoke 3)")
    args = ap.parse_args()
    args.only = set(args.only.split(","))
    if args.smoke:
        args.database = args.database if args.database != "bench" else "bench_smoke"
        args.consoles, args.licenses, args.latency_ms = [1, 3], 50, 20
        args.reps, args.warmups = 1, 1
        args.connections, args.duration = 2, 2
        args.load_connections, args.latency_duration, args.fallback_rate = 4, 2, 10
        args.during_pre, args.during_post = 1, 1
        args.startup_reps = 1
        args.memory_minutes, args.memory_refresh_every, args.memory_rate, args.memory_sample_every = 0.1, 2, 10, 1
        args.mix_refreshes, args.mix_percent, args.mix_warmup, args.mix_sequential = 5, 5, 1, 5
        args.mix_cursor_pages, args.mix_cursor_limit, args.mix_duration, args.mix_open_duration = 4, 10, 2, 3
        args.mix_during_pre = 2
    else:
        args.consoles, args.licenses, args.latency_ms = [1, 10, 50, 200], 1000, 200
        args.warmups = 2
        args.connections, args.duration = 8, 20
        args.load_connections, args.latency_duration, args.fallback_rate = 32, 30, 20
        args.during_pre, args.during_post = 10, 5
        args.startup_reps = 5
        args.memory_refresh_every, args.memory_rate, args.memory_sample_every = 30, float(
            os.environ.get("BENCH_MEMORY_RATE", "4")), 5
        args.mix_refreshes, args.mix_percent, args.mix_warmup, args.mix_sequential = 5, 5, 3, 200
        args.mix_cursor_pages, args.mix_cursor_limit, args.mix_duration, args.mix_open_duration = 20, 100, 20, 60
        # enough requests before the refresh for a p99 of the whole mix
        args.mix_during_pre = 30
    if args.consoles_option:
        args.consoles = sorted({int(x) for x in args.consoles_option.split(",")})
    if args.licenses_option:
        args.licenses = args.licenses_option
    for name in ("mix_sequential", "mix_duration", "mix_open_duration"):
        if getattr(args, name + "_option"):
            setattr(args, name, getattr(args, name + "_option"))
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: sys.exit(1))
    try:
        Bench(args).run()
    finally:
        for p in PROCS:
            Bench.stop(p)


if __name__ == "__main__":
    main()
