package io.licensegateway.simulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * VSPC REST v3 as the simulator speaks it: {@code POST /api/v3/token}, bearer tokens or the console's API key,
 * {@code GET /api/v3/licensing/sites} and {@code /api/v3/infrastructure/sites} paged by {@code limit}/
 * {@code offset} in the {@code data}/{@code meta.pagingInfo} envelope, async actions behind a 202, and errors in
 * the {@code errors[]} envelope with every server error sent as 520.
 */
final class V3Api implements SimulatedApi {

    private static final String LICENSES = "/api/v3/licensing/sites";
    private static final String SITES = "/api/v3/infrastructure/sites";
    private static final Pattern ACTION = Pattern.compile("/api/v3/asyncActions/([A-Za-z0-9-]+)(/result)?");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final SimulatedTokens tokens;
    private final Replies replies;
    private final Map<String, AsyncAction> actions = new ConcurrentHashMap<>();

    V3Api(SimulatedTokens tokens, Replies replies) {
        this.tokens = tokens;
        this.replies = replies;
    }

    @Override
    public void route(HttpServerRequest request, SimulatedConsole console, String path, Buffer body) {
        console.counters.clientVersions.add(Objects.requireNonNullElse(request.getHeader("X-Client-Version"), "(none)"));
        boolean get = request.method().name().equals("GET");
        Matcher action = ACTION.matcher(path);
        if (path.equals("/api/v3/token") && request.method().name().equals("POST")) {
            tokens.grant(request, console, body);
        } else if (!get || !(path.equals(LICENSES) || path.equals(SITES) || action.matches())) {
            error(request, 404, "Resource " + path + " was not found.");
        } else if (!authorized(request, console)) {
            error(request, 401, "Authentication failed.");
        } else if (path.equals(LICENSES)) {
            siteLicenses(request, console);
        } else if (path.equals(SITES)) {
            page(request, console, console.sites()).ifPresent(page -> Replies.json(request, 200, page.body()));
        } else {
            action(request, console, action.group(1), action.group(2) != null);
        }
    }

    /** Server errors are all 520 on the wire, as VSPC sends them. */
    @Override
    public void error(HttpServerRequest request, int status, String message) {
        int wire = status >= 500 ? 520 : status;
        Replies.json(request, wire, errors(new JsonObject().put("message", message).put("type", type(status)).put("code", wire)));
    }

    @Override
    public void throttled(HttpServerRequest request, int retryAfterSeconds) {
        Replies.json(request, 429, errors(new JsonObject().put("type", "transport").put("code", 429)
                .put("retryAfter", retryAfterSeconds)));
    }

    private static String type(int status) {
        return switch (status) {
            case 401, 403 -> "security";
            case 409 -> "retryableLogical";
            case 429 -> "transport";
            default -> status >= 500 ? "unspecified" : "logical";
        };
    }

    private static JsonObject errors(JsonObject error) {
        return new JsonObject().putNull("data").putNull("meta").put("errors", new JsonArray().add(error));
    }

    private boolean authorized(HttpServerRequest request, SimulatedConsole console) {
        String authorization = request.getHeader("Authorization");
        return tokens.accepts(authorization, console) || console.acceptsApiKey(SimulatedTokens.bearer(authorization));
    }

    private void siteLicenses(HttpServerRequest request, SimulatedConsole console) {
        console.counters.licenseRequests.incrementAndGet();
        page(request, console, console.siteLicenses()).ifPresent(page -> {
            SimulatedConsole.AsyncPlan plan = console.nextAsync();
            if (plan == null) {
                replies.licenses(request, console, page.number(), page.body().encode(), this);
                return;
            }
            String id = UUID.randomUUID().toString();
            actions.put(id, new AsyncAction(console.name(), plan, page.body().encode()));
            request.response().setStatusCode(202)
                    .putHeader("Location", "/consoles/" + console.name() + "/api/v3/asyncActions/" + id)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(new JsonObject().put("data", actionInfo(id, "running")).encode());
        });
    }

    /** The requested page in the v3 envelope, or empty after answering 400 for a limit VSPC would refuse. */
    private Optional<Page> page(HttpServerRequest request, SimulatedConsole console, List<JsonObject> items) {
        int limit = QueryParams.integer(request, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            error(request, 400, "Property value must be between 1 and " + MAX_LIMIT + ".");
            return Optional.empty();
        }
        int offset = console.ignoresOffset() ? 0 : QueryParams.integer(request, "offset", 0);
        List<JsonObject> data = items.stream().skip(offset).limit(limit).toList();
        JsonObject body = new JsonObject().put("data", new JsonArray(data))
                .put("meta", new JsonObject().put("pagingInfo", new JsonObject()
                        .put("total", items.size()).put("count", data.size()).put("offset", offset)))
                .putNull("errors");
        return Optional.of(new Page(offset / limit + 1, body));
    }

    private void action(HttpServerRequest request, SimulatedConsole console, String id, boolean result) {
        AsyncAction action = actions.get(id);
        if (action == null || !action.console.equals(console.name())) {
            error(request, 404, "Async action " + id + " was not found.");
        } else if (result) {
            if (!action.status().equals("succeed")) {
                error(request, 400, "Async action " + id + " has no result.");
                return;
            }
            actions.remove(id);
            request.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(action.result);
        } else {
            console.counters.asyncPolls.incrementAndGet();
            String status = action.poll();
            JsonObject answer = new JsonObject().put("data", actionInfo(id, status));
            if (status.equals("failed")) {
                actions.remove(id);
                answer.put("errors", new JsonArray().add(new JsonObject().put("message", "Simulated async failure")
                        .put("type", "unspecified").put("code", 520)));
            }
            Replies.json(request, 200, answer);
        }
    }

    private static JsonObject actionInfo(String id, String status) {
        return new JsonObject().put("id", id).put("actionName", "GetSiteLicenses").put("status", status);
    }

    private record Page(int number, JsonObject body) {
    }

    /** An accepted license request: {@code running} for its planned polls, then its final status. */
    private static final class AsyncAction {
        final String console;
        final String result;
        private final AtomicInteger runningPolls;
        private final String finalStatus;

        AsyncAction(String console, SimulatedConsole.AsyncPlan plan, String result) {
            this.console = console;
            this.result = result;
            this.runningPolls = new AtomicInteger(plan.runningPolls());
            this.finalStatus = plan.succeeds() ? "succeed" : "failed";
        }

        String poll() {
            return runningPolls.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? "running" : finalStatus;
        }

        String status() {
            return runningPolls.get() > 0 ? "running" : finalStatus;
        }
    }
}
