#!/usr/bin/env python3
"""Open-loop HTTP/1.1 load at a fixed rate (what wrk2 does; wrk itself has no rate limit).

Requests are scheduled every 1/rate seconds whatever the server does; each is sent on the next free keep-alive
connection, and its latency is measured from its *scheduled* time, so a stalled server is not hidden by requests
that were never sent (no coordinated omission). Standard library only.

    loadgen.py --url http://127.0.0.1:8080/api/v1/licenses?... --header 'X-API-Key: k' --rate 50 --duration 30

Several --url make a mixed load (round robin). --samples FILE writes one line per request:
"scheduled_offset_s latency_ms status url_index". A request counts as an error when its status is not the one
expected for its URL (200 unless the caller says otherwise, e.g. a deliberate 400).

closed_loop() is the other mode: a few connections each send the next request as soon as the previous answer has
arrived, for a fixed time; its rate is the maximum the server sustains at that concurrency.
"""
import argparse
import asyncio
import json
import sys
import time
import urllib.parse


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def summarize(latencies_ms, errors, duration_s, scheduled):
    values = sorted(latencies_ms)
    return {
        "scheduled": scheduled,
        "completed": len(values),
        "errors": errors,
        "rate": round(len(values) / duration_s, 2) if duration_s > 0 else None,
        "p50_ms": round(percentile(values, 50), 2) if values else None,
        "p90_ms": round(percentile(values, 90), 2) if values else None,
        "p99_ms": round(percentile(values, 99), 2) if values else None,
        "max_ms": round(values[-1], 2) if values else None,
    }


class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, raw):
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(raw)
                return await self._response()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        return None

    async def _response(self):
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                await self.reader.readexactly(size + 2)
        elif length:
            await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def requests(urls, headers):
    """(host, port, the raw GET request of each URL)."""
    parsed = [urllib.parse.urlsplit(u) for u in urls]
    host, port = parsed[0].hostname, parsed[0].port or 80
    raws = []
    for p in parsed:
        target = p.path + ("?" + p.query if p.query else "")
        head = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n"
        raws.append(head.encode())
    return host, port, raws


async def run(urls, headers, rate, duration, connections, samples_file=None, start_event=None, expected=None):
    host, port, raws = requests(urls, headers)
    expected = expected or [200] * len(raws)
    queue = asyncio.Queue()
    results = []  # (scheduled offset s, latency ms, status, url index)
    errors = 0
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def worker():
        nonlocal errors
        conn = Connection(host, port)
        while True:
            item = await queue.get()
            if item is None:
                conn.close()
                return
            scheduled, index = item
            try:
                status = await conn.request(raws[index])
            except Exception:  # noqa: BLE001 - any failure counts as an error
                status = 0
                conn.close()
            latency = (loop.time() - scheduled) * 1000.0
            if status != expected[index]:
                errors += 1
            results.append((scheduled - start, latency, status, index))

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    if start_event is not None:
        start_event.set()
    interval = 1.0 / rate
    n = 0
    total = int(rate * duration)
    while n < total:
        scheduled = start + n * interval
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((scheduled, n % len(raws)))
        n += 1
    for _ in workers:
        queue.put_nowait(None)
    # bounded: give stragglers at most 30 s after the schedule ends
    done, pending = await asyncio.wait(workers, timeout=30)
    for task in pending:
        task.cancel()
    elapsed = loop.time() - start
    if samples_file:
        with open(samples_file, "w") as out:
            for s, lat, status, index in results:
                out.write(f"{s:.4f} {lat:.3f} {status} {index}\n")
    ok = [lat for _, lat, status, index in results if status == expected[index]]
    summary = summarize(ok, errors + len(pending), min(elapsed, duration) if elapsed else duration, total)
    summary["target_rate"] = rate
    return summary, results


async def closed_loop(urls, headers, connections, duration, expected=None):
    """Each connection requests the URLs in turn (starting at a different one), back to back, for `duration` s."""
    host, port, raws = requests(urls, headers)
    expected = expected or [200] * len(raws)
    loop = asyncio.get_running_loop()
    start = loop.time()
    end = start + duration
    completed, errors = [0], [0]

    async def worker(first):
        conn = Connection(host, port)
        i = first
        while loop.time() < end:
            index = i % len(raws)
            i += 1
            try:
                status = await conn.request(raws[index])
            except Exception:  # noqa: BLE001 - any failure counts as an error
                status = 0
                conn.close()
            if loop.time() > end + 30:
                break
            if status == expected[index]:
                completed[0] += 1
            else:
                errors[0] += 1
        conn.close()

    step = max(1, len(raws) // connections)
    workers = [asyncio.create_task(worker(k * step)) for k in range(connections)]
    await asyncio.wait(workers, timeout=duration + 60)
    elapsed = loop.time() - start
    return {"tool": "python", "connections": connections, "duration_s": round(elapsed, 2),
            "completed": completed[0], "errors": errors[0], "rps": round(completed[0] / elapsed, 2)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", action="append", required=True)
    ap.add_argument("--header", action="append", default=[])
    ap.add_argument("--rate", type=float, required=True, help="requests per second")
    ap.add_argument("--duration", type=float, required=True, help="seconds (at most 900)")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--samples")
    args = ap.parse_args()
    if args.duration > 900 or args.rate <= 0:
        sys.exit("duration must be at most 900 s and rate positive")
    summary, _ = asyncio.run(run(args.url, args.header, args.rate, args.duration, args.connections, args.samples))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
