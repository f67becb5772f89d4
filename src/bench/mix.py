"""The query mix of the benchmark (bench.py's phase "mix"): the request shapes, the sequential client, the wrk
script that rotates over them, the pgbench scripts and the one-line EXPLAIN plans. Standard library only.

A shape is one kind of request the API serves: a filter, a sort, a summary grouping, a VAC query, a deep page, a
cursor page, one license, the console list, a CSV. See BENCHMARKS.md ("Query mix") for the method.
"""
import base64
import datetime
import http.client
import json
import re
import time
import urllib.parse

# Sortable field families of GET /api/v1/licenses: each ascending and descending.
SORT_FIELDS = ["licenseExpirationDate", "supportExpirationDate", "companyName", "usedInstances", "totalInstances",
               "usedCloudconnectBackups", "status"]
GROUPS = ["console", "edition", "licenseType", "status", "company"]


def q(**params):
    """A query string, every value percent-encoded (spaces as %20, never '+')."""
    return "&".join(f"{k}={urllib.parse.quote(str(v), safe=',')}" for k, v in params.items())


def shapes(consoles, max_result_window=10000):
    """The mix: a list of {name, family, kind, query, path, expect}. `kind` says which SQL BenchQueries prints."""
    today = datetime.date.today()
    day = lambda d: (today + datetime.timedelta(days=d)).isoformat()  # noqa: E731
    some = ",".join(f"sim-{i}" for i in range(1, min(consoles, 3) + 1))
    out = []

    def add(name, family, kind, query, path=None, expect=200):
        out.append({"name": name, "family": family, "kind": kind, "query": query, "expect": expect,
                    "path": path or (None if query is None else "/api/v1/licenses?" + query)})

    lim = {"limit": 100}
    add("console=sim-1", "filter", "licenses", q(console="sim-1", **lim))
    add(f"console={some}", "filter", "licenses", q(console=some, **lim))
    add("status=Warning", "filter", "licenses", q(status="Warning", **lim))
    add("edition=Standard", "filter", "licenses", q(edition="Standard", **lim))
    add("licenseType=Subscription", "filter", "licenses", q(licenseType="Subscription", **lim))
    add("company=contoso", "filter", "licenses", q(company="contoso", **lim))
    add("company=ac (2 chars)", "filter", "licenses", q(company="ac", **lim))
    add("licensedTo=fabrikam", "filter", "licenses", q(licensedTo="fabrikam", **lim))
    add("q=northwind", "filter", "licenses", q(q="northwind", **lim))
    add("expiresBefore=+30d", "filter", "licenses", q(expiresBefore=day(30), **lim))
    add("expiresAfter=+365d", "filter", "licenses", q(expiresAfter=day(365), **lim))
    add("supportExpiresBefore=+60d", "filter", "licenses", q(supportExpiresBefore=day(60), **lim))
    add("status=Valid&edition=Enterprise sort=licenseExpirationDate", "filter", "licenses",
        q(status="Valid", edition="Enterprise", sort="licenseExpirationDate", **lim))
    add("status+edition+licenseType+expiresAfter sort=licenseExpirationDate", "filter", "licenses",
        q(status="Valid", edition="Enterprise", licenseType="Rental", expiresAfter=day(0),
          sort="licenseExpirationDate", **lim))
    add("console=sim-2&status=Valid&q=acme sort=-usedInstances", "filter", "licenses",
        q(console="sim-2", status="Valid", q="acme", sort="-usedInstances", **lim))
    add("company=globex&expiresBefore=+180d sort=companyName", "filter", "licenses",
        q(company="globex", expiresBefore=day(180), sort="companyName", **lim))
    add("(no sort: console,id)", "sort", "licenses", q(**lim))
    for field in SORT_FIELDS:
        add(f"sort={field}", "sort", "licenses", q(sort=field, **lim))
        add(f"sort=-{field}", "sort", "licenses", q(sort="-" + field, **lim))
    add("sort=status,-licenseExpirationDate", "sort", "licenses", q(sort="status,-licenseExpirationDate", **lim))
    add("summary", "summary", "summary", "", "/api/v1/licenses/summary")
    for group in GROUPS:
        add(f"summary groupBy={group}", "summary", "summary", q(groupBy=group),
            "/api/v1/licenses/summary?" + q(groupBy=group))
    add("summary groupBy=edition&status=Valid", "summary", "summary", q(groupBy="edition", status="Valid"),
        "/api/v1/licenses/summary?" + q(groupBy="edition", status="Valid"))
    # the view a minute before the mix is built: the aggregate over the versions valid then
    before = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).isoformat()
    add("summary groupBy=edition asOf=-1m", "summary", "summary", q(groupBy="edition", asOf=before),
        "/api/v1/licenses/summary?" + q(groupBy="edition", asOf=before))
    yesterday = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)).isoformat()
    add("changes since=-1d", "changes", "changes", q(since=yesterday, limit=100),
        "/api/v1/changes?" + q(since=yesterday, limit=100))
    add("changes console=sim-1&kind=status,removed since=-1d", "changes", "changes",
        q(console="sim-1", kind="status,removed", since=yesterday, limit=100),
        "/api/v1/changes?" + q(console="sim-1", kind="status,removed", since=yesterday, limit=100))
    vac1 = q(**{"$filter": "status eq 'Error' and usedInstances gt 10", "$orderby": "companyName", "$top": 100})
    vac2 = q(**{"$filter": "contains(companyName,'cont')", "$top": 100})
    add("VAC $filter=status eq 'Error' and usedInstances gt 10&$orderby=companyName&$top=100", "vac", "vac", vac1,
        "/v2/licensing/cloudconnectLicenses?" + vac1)
    add("VAC $filter=contains(companyName,'cont')&$top=100", "vac", "vac", vac2,
        "/v2/licensing/cloudconnectLicenses?" + vac2)
    add("offset=9900&limit=100", "paging", "licenses", q(offset=max_result_window - 100, limit=100))
    add("offset=9950&limit=100 (beyond the window: 400)", "paging", None, q(offset=max_result_window - 50, limit=100),
        expect=400)
    add("cursor page (limit=100)", "paging", "cursor", q(**lim))  # path and SQL set once the walk has run
    add("one license by id", "other", "one", None)  # path set once an id is known
    add("one license's history", "other", "history", None)  # path set once an id is known
    add("/api/v1/consoles", "other", "consoles", "", "/api/v1/consoles")
    add("CSV console=sim-1&status=Warning", "other", "csv", q(console="sim-1", status="Warning", format="csv"))
    return out


class Client:
    """Sequential keep-alive HTTP client: one request at a time, latency = send to last byte of the body."""

    def __init__(self, port, api_key):
        self.port, self.headers = port, {"X-API-Key": api_key}
        self.conn = None

    def get(self, path):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            t0 = time.perf_counter()
            try:
                self.conn.request("GET", path, headers=self.headers)
                r = self.conn.getresponse()
                body = r.read()
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                continue
            return r.status, body, (time.perf_counter() - t0) * 1000.0
        return None

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def cursor_payload(cursor):
    """The JSON a cursor carries (base64url(payload).signature): {at, sort, filter, after}."""
    body = cursor.split(".", 1)[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def wrk_script(paths):
    """A wrk Lua script: each thread sends the paths in turn (the -H headers ride along)."""
    items = ",\n".join("  " + json.dumps(p) for p in paths)  # JSON strings are valid Lua strings here (ASCII)
    return ("local paths = {\n" + items + "\n}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n")


# ---------------------------------------------------------------------------------------------- pgbench scripts
def split_scripts(text):
    """BenchQueries --mix output → {shape name: script text}."""
    scripts, name, lines = {}, None, []
    for line in text.splitlines():
        if line.startswith("-- shape: "):
            if name is not None:
                scripts[name] = "\n".join(lines) + "\n"
            name, lines = line[len("-- shape: "):], []
        else:
            lines.append(line)
    if name is not None:
        scripts[name] = "\n".join(lines) + "\n"
    return scripts


def defines(script):
    return dict(re.findall(r"^-- define: (\w+?)=(.*)$", script, re.M))


def statements(script):
    """[(role, sql)] of a script (sql without its ';' or \\gset)."""
    out, role = [], None
    for line in script.splitlines():
        if line.startswith("-- role: "):
            role = line[len("-- role: "):]
        elif line and not line.startswith("--"):
            out.append((role, line.rstrip(";")))
    return out


def pgbench_file(script):
    """The script as pgbench reads it: statements only (comments dropped, -D passes the values)."""
    return "\n".join(line for line in script.splitlines() if line and not line.startswith("--")) + "\n"


def literal(value):
    return "'" + value.replace("'", "''") + "'"


def substitute(sql, values):
    """:name → 'value' (the values of the script's defines; the pinned time under "at")."""
    return re.sub(r"(?<!:):(\w+)", lambda m: literal(values[m.group(1)]) if m.group(1) in values else m.group(0), sql)


# ---------------------------------------------------------------------------------------------- EXPLAIN
def one_line(plan):
    """An EXPLAIN (FORMAT JSON, ANALYZE) plan as one line: node → node, children of a node with several in [a | b];
    each scan with its relation or index and the rows it returned (and removed by its filter)."""

    def node(n):
        label = n["Node Type"]
        if n.get("Index Name"):
            label += " " + n["Index Name"]
        elif n.get("Relation Name"):
            label += " " + n["Relation Name"]
        if "Scan" in n["Node Type"] and n["Node Type"] not in ("Subquery Scan", "Function Scan", "Values Scan"):
            rows = int(round(n.get("Actual Rows", 0) * n.get("Actual Loops", 1)))
            removed = int(round((n.get("Rows Removed by Filter", 0) + n.get("Rows Removed by Index Recheck", 0))
                                * n.get("Actual Loops", 1)))
            label += f" ({rows} rows" + (f", {removed} removed" if removed else "") + \
                (f", {n['Actual Loops']} loops" if n.get("Actual Loops", 1) > 1 else "") + ")"
        if n["Node Type"] == "Sort" and n.get("Sort Method"):
            label += f" ({n['Sort Method']})"
        kids = n.get("Plans", [])
        if len(kids) == 1:
            return label + " → " + node(kids[0])
        if kids:
            return label + " → [" + " | ".join(node(k) for k in kids) + "]"
        return label

    top = plan[0] if isinstance(plan, list) else plan
    return node(top["Plan"]) + f" ({top.get('Execution Time', 0):.2f} ms)"


def scans_table(plan):
    """Whether the plan reads license_current/license_history sequentially (a full scan), and the rows its scans
    of license_* read in all (returned + removed by filters)."""
    seq, read = [], 0

    def walk(n):
        nonlocal read
        rel = n.get("Relation Name") or ""
        if n["Node Type"] == "Seq Scan" and rel.startswith("license_"):
            seq.append(rel)
        if "Scan" in n["Node Type"] and (rel.startswith("license_") or (n.get("Index Name") or "").startswith("license_")):
            read += int(round((n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0)
                               + n.get("Rows Removed by Index Recheck", 0)) * n.get("Actual Loops", 1)))
        for k in n.get("Plans", []):
            walk(k)

    walk((plan[0] if isinstance(plan, list) else plan)["Plan"])
    return seq, read


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return round(sorted_values[k], 2)
