"""The query mix of the benchmark: the request shapes, the sequential client and the wrk script that rotates over
them. Standard library only.

A shape is one kind of request the API serves: a filter, a sort, a summary grouping, a VAC query, a deep page, a
cursor page, a conditional request, one license, the console list, a CSV. `store` says which path answers it:
"memory" (the current view) or "postgres" (asOf, history, changes). See BENCHMARKS.md ("Query mix").
"""
import datetime
import http.client
import json
import time
import urllib.parse

# Every field GET /api/v1/licenses sorts on (LicenseField without asOf and snapshotId): each ascending and descending.
SORT_FIELDS = ["console", "id", "companyName", "licensedTo", "contactPerson", "licenseAdministratorEmail",
               "licenseeEmail", "edition", "licenseType", "status", "supportId", "monitoring", "licenseExpirationDate",
               "supportExpirationDate", "backupServerName", "licensedVMs", "usedVMs", "newVMs",
               "licensedCloudconnectBackups", "usedCloudconnectBackups", "licensedCloudconnectReplicas",
               "usedCloudconnectReplicas", "licensedCloudconnectServers", "usedCloudconnectServers",
               "licensedCloudconnectWorkstations", "usedCloudconnectWorkstations", "totalInstances", "usedInstances"]
GROUPS = ["console", "edition", "licenseType", "status", "company"]
LICENSES = "/api/v1/licenses"
SUMMARY = "/api/v1/licenses/summary"
VAC = "/v2/licensing/cloudconnectLicenses"


def q(**params):
    """A query string, every value percent-encoded (spaces as %20, never '+')."""
    return "&".join(f"{k}={urllib.parse.quote(str(v), safe=',')}" for k, v in params.items())


def shapes(consoles, max_result_window=10000, cursor_depth=1000, cursor_limit=100):
    """The mix: a list of {name, family, store, path, expect}. Shapes whose path needs the data (one license, a
    cursor, an ETag) carry a `prepare` entry instead; bench.py fills their path in."""
    today = datetime.date.today()
    now = datetime.datetime.now(datetime.timezone.utc)
    day = lambda d: (today + datetime.timedelta(days=d)).isoformat()  # noqa: E731
    some = ",".join(f"sim-{i}" for i in range(1, min(consoles, 3) + 1))
    out = []

    def add(name, family, path, expect=200, store="memory", **extra):
        out.append({"name": name, "family": family, "store": store, "path": path, "expect": expect, **extra})

    def page(name, family="filter", limit=100, **params):
        add(name, family, LICENSES + "?" + q(**params, limit=limit))

    page("console=sim-1", console="sim-1")
    page(f"console={some}", console=some)
    page("status=Warning", status="Warning")
    page("edition=Standard", edition="Standard")
    page("licenseType=Subscription", licenseType="Subscription")
    page("company=contoso", company="contoso")
    page("company=a (1 char)", company="a")
    page("company=ac (2 chars)", company="ac")
    page("licensedTo=fabrikam", licensedTo="fabrikam")
    page("licensedTo=e (1 char)", licensedTo="e")
    page("q=northwind", q="northwind")
    page("q=a (1 char)", q="a")
    page("q=ab (2 chars)", q="ab")
    page("expiresBefore=+30d", expiresBefore=day(30))
    page("expiresAfter=+365d", expiresAfter=day(365))
    page("supportExpiresBefore=+60d", supportExpiresBefore=day(60))
    page("status=Valid&edition=Enterprise sort=licenseExpirationDate", status="Valid", edition="Enterprise",
         sort="licenseExpirationDate")
    page("status+edition+licenseType+expiresAfter sort=licenseExpirationDate", status="Valid", edition="Enterprise",
         licenseType="Rental", expiresAfter=day(0), sort="licenseExpirationDate")
    page("console=sim-2&status=Valid&q=acme sort=-usedInstances", console="sim-2", status="Valid", q="acme",
         sort="-usedInstances")
    page("company=globex&expiresBefore=+180d sort=companyName", company="globex", expiresBefore=day(180),
         sort="companyName")
    page("fields=companyName,status,licenseExpirationDate", "fields", fields="companyName,status,licenseExpirationDate")
    page("limit=1000", "paging", limit=1000)
    page("(no sort: console,id)", "sort")
    for field in SORT_FIELDS:
        page(f"sort={field}", "sort", sort=field)
        page(f"sort=-{field}", "sort", sort="-" + field)
    page("sort=status,-licenseExpirationDate", "sort", sort="status,-licenseExpirationDate")
    page("sort=-companyName&q=a", "sort", sort="-companyName", q="a")
    page(f"offset={max_result_window - 100}&limit=100", "paging", offset=max_result_window - 100)
    page(f"offset={max_result_window - 100}&limit=100 sort=-usedInstances", "paging", offset=max_result_window - 100,
         sort="-usedInstances")
    add(f"offset={max_result_window - 50}&limit=100 (beyond the window: 400)", "paging",
        LICENSES + "?" + q(offset=max_result_window - 50, limit=100), expect=400)
    add(f"cursor page 2 (limit={cursor_limit})", "paging", None, prepare={"cursor": q(limit=cursor_limit), "depth": 1})
    add(f"cursor page {cursor_depth + 1} (limit={cursor_limit})", "paging", None,
        prepare={"cursor": q(limit=cursor_limit), "depth": cursor_depth})
    sorted_depth = max(1, cursor_depth // 10)
    add(f"cursor page {sorted_depth + 1} (limit={cursor_limit}, sort=-usedInstances&status=Valid)", "paging", None,
        prepare={"cursor": q(limit=cursor_limit, sort="-usedInstances", status="Valid"), "depth": sorted_depth})
    add("If-None-Match: current ETag (304)", "conditional", None, expect=304,
        prepare={"etag": q(status="Valid", limit=100)})

    add("summary", "summary", SUMMARY)
    for group in GROUPS:
        add(f"summary groupBy={group}", "summary", SUMMARY + "?" + q(groupBy=group))
    add("summary groupBy=edition&status=Valid", "summary", SUMMARY + "?" + q(groupBy="edition", status="Valid"))
    add("summary groupBy=company&expiresBefore=+90d", "summary",
        SUMMARY + "?" + q(groupBy="company", expiresBefore=day(90)))
    add("summary groupBy=console&q=ab", "summary", SUMMARY + "?" + q(groupBy="console", q="ab"))
    add("summary groupBy=status&company=a&edition=Enterprise", "summary",
        SUMMARY + "?" + q(groupBy="status", company="a", edition="Enterprise"))

    vac = lambda **p: VAC + "?" + q(**p)  # noqa: E731
    add("VAC $filter=status eq 'Error' and usedInstances gt 10&$orderby=companyName&$top=100", "vac",
        vac(**{"$filter": "status eq 'Error' and usedInstances gt 10", "$orderby": "companyName", "$top": 100}))
    add("VAC $filter=contains(companyName,'cont')&$top=100", "vac",
        vac(**{"$filter": "contains(companyName,'cont')", "$top": 100}))
    add("VAC $filter=edition eq 'Enterprise'&$orderby=usedInstances desc&$top=100&$skip=500&$select=companyName,"
        "status,usedInstances", "vac",
        vac(**{"$filter": "edition eq 'Enterprise'", "$orderby": "usedInstances desc", "$top": 100, "$skip": 500,
               "$select": "companyName,status,usedInstances"}))
    add("VAC $top=100", "vac", vac(**{"$top": 100}))

    add("one license by id", "other", None, prepare={"one": ""})
    add("/api/v1/consoles", "other", "/api/v1/consoles")
    add("CSV console=sim-1&status=Warning", "csv", LICENSES + "?" + q(console="sim-1", status="Warning", format="csv"))
    add("CSV console=sim-1", "csv", LICENSES + "?" + q(console="sim-1", format="csv"))

    # the PostgreSQL paths, for comparison
    before = (now - datetime.timedelta(minutes=1)).isoformat()
    yesterday = (now - datetime.timedelta(days=1)).isoformat()
    add("summary groupBy=edition asOf=-1m", "summary", SUMMARY + "?" + q(groupBy="edition", asOf=before),
        store="postgres")
    add("changes since=-1d", "changes", "/api/v1/changes?" + q(since=yesterday, limit=100), store="postgres")
    add("changes console=sim-1&kind=status,removed since=-1d", "changes",
        "/api/v1/changes?" + q(console="sim-1", kind="status,removed", since=yesterday, limit=100), store="postgres")
    add("one license's history", "other", None, store="postgres", prepare={"one": "/history"})
    return out


class Client:
    """Sequential keep-alive HTTP client: one request at a time, latency = send to last byte of the body; a request
    unanswered after `timeout` seconds answers status 0."""

    def __init__(self, port, api_key, timeout=20):
        self.port, self.headers, self.timeout = port, {"X-API-Key": api_key}, timeout
        self.conn = None

    def get(self, path, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            t0 = time.perf_counter()
            try:
                self.conn.request("GET", path, headers={**self.headers, **(headers or {})})
                r = self.conn.getresponse()
                body = r.read()
            except TimeoutError:
                # no answer within the timeout: status 0, and a new connection for the next request
                self.close()
                return 0, b"", (time.perf_counter() - t0) * 1000.0, None
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                continue
            return r.status, body, (time.perf_counter() - t0) * 1000.0, r
        return None

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def wrk_script(requests):
    """A wrk Lua script: each thread sends the (path, extra headers) in turn, with the -H headers."""
    items = ",\n".join("  {" + json.dumps(p) + ", {" + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}"
                                                              for k, v in h.items()) + "}}" for p, h in requests)
    return ("local requests = {\n" + items + "\n}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n  local r = requests[(i % #requests) + 1]\n"
            "  local headers = {}\n  for k, v in pairs(wrk.headers) do headers[k] = v end\n"
            "  for k, v in pairs(r[2]) do headers[k] = v end\n"
            "  return wrk.format(\"GET\", r[1], headers)\nend\n")


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return round(sorted_values[k], 2)
