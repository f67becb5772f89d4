package io.licensegateway.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.licensegateway.console.ApiFlavour;
import io.vertx.core.json.JsonObject;

/**
 * One simulated console: the API it speaks, its data, its credentials and the failure modes a test can switch
 * at run time. Failure modes apply to license (data) requests; latency applies to every request. Thread-safe.
 */
public final class SimulatedConsole {

    private final String name;
    private final ApiFlavour api;
    private final String username;
    private final String password;
    private final String apiKey;
    private volatile boolean apiKeyRevoked;
    private final int licenseCount;
    private volatile long seed;
    private volatile List<JsonObject> licenses;
    /** Whether {@link #serve} replaced the generated licenses, so {@link #reset} must generate them again. */
    private volatile boolean edited;

    private volatile Duration latency = Duration.ZERO;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 500;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private final AtomicInteger hangNext = new AtomicInteger();
    private final AtomicInteger malformedNext = new AtomicInteger();
    private final AtomicInteger resetNext = new AtomicInteger();
    private volatile int failingPage;
    private final AtomicInteger failPageTimes = new AtomicInteger();
    private final AtomicInteger asyncNext = new AtomicInteger();
    private volatile AsyncPlan asyncPlan;
    private volatile boolean ignoresOffset;

    final Counters counters = new Counters();

    SimulatedConsole(String name, ApiFlavour api, String username, String password, String apiKey, int licenseCount,
            long seed) {
        this.name = name;
        this.api = api;
        this.username = username;
        this.password = password;
        this.apiKey = apiKey;
        this.licenseCount = licenseCount;
        reseed(seed);
    }

    public String name() {
        return name;
    }

    public ApiFlavour api() {
        return api;
    }

    public String username() {
        return username;
    }

    /** The password the simulator accepts for this console (tests need it to check it never leaks). */
    public String password() {
        return password;
    }

    /** v3 only: the REST API key the simulator accepts as bearer (tests need it to check it never leaks). */
    public String apiKey() {
        return apiKey;
    }

    /** The licenses in the VAC v2 shape, as generated. */
    public List<JsonObject> licenses() {
        return licenses;
    }

    /** The same licenses as VSPC v3 {@code SiteLicense} items. */
    public List<JsonObject> siteLicenses() {
        return licenses.stream().map(V3Shapes::siteLicense).toList();
    }

    /** The v3 infrastructure sites that name the licenses' sites. */
    List<JsonObject> sites() {
        return licenses.stream().map(V3Shapes::site).toList();
    }

    /** Serves exactly these licenses (VAC v2 shape) from now on: tests edit, add and remove single ones with it. */
    public SimulatedConsole serve(List<JsonObject> replacement) {
        this.licenses = List.copyOf(replacement);
        this.edited = true;
        return this;
    }

    /** Replaces the data with a different deterministic set, as if usage had changed upstream. */
    public SimulatedConsole reseed(long newSeed) {
        this.seed = newSeed;
        this.licenses = LicenseGenerator.generate(name, licenseCount, newSeed, LocalDate.now());
        this.edited = false;
        return this;
    }

    public SimulatedConsole latency(Duration value) {
        latency = value;
        return this;
    }

    public SimulatedConsole tokenLifetime(Duration value) {
        tokenLifetime = value;
        return this;
    }

    /** The next {@code n} license requests answer {@code status} (v3 sends any 5xx as 520, as VSPC does). */
    public SimulatedConsole failNext(int n, int status) {
        failStatus = status;
        failNext.set(n);
        return this;
    }

    /**
     * The next {@code n} license requests answer 429: v2 with {@code Retry-After: seconds}, v3 with
     * {@code retryAfter} in its error body.
     */
    public SimulatedConsole throttleNext(int n, int seconds) {
        retryAfterSeconds = seconds;
        throttleNext.set(n);
        return this;
    }

    /** The next {@code n} license requests never answer. */
    public SimulatedConsole hangNext(int n) {
        hangNext.set(n);
        return this;
    }

    /** The next {@code n} license requests answer 200 with a body that is not JSON. */
    public SimulatedConsole malformedNext(int n) {
        malformedNext.set(n);
        return this;
    }

    /** The next {@code n} license requests close the connection halfway through the body. */
    public SimulatedConsole resetMidBodyNext(int n) {
        resetNext.set(n);
        return this;
    }

    /**
     * Requests for page {@code page} (1-based, by {@code $skip / $top} or {@code offset / limit}) fail with a
     * server error, {@code times} times.
     */
    public SimulatedConsole failOnPage(int page, int times) {
        failingPage = page;
        failPageTimes.set(times);
        return this;
    }

    /**
     * v3: the next {@code n} license requests answer 202 with an async action that is {@code running} for
     * {@code runningPolls} polls, then {@code succeed}s with the page.
     */
    public SimulatedConsole asyncNext(int n, int runningPolls) {
        return async(n, new AsyncPlan(runningPolls, true));
    }

    /** v3: like {@link #asyncNext}, but the action ends {@code failed}. */
    public SimulatedConsole asyncFailNext(int n, int runningPolls) {
        return async(n, new AsyncPlan(runningPolls, false));
    }

    private SimulatedConsole async(int n, AsyncPlan plan) {
        asyncPlan = plan;
        asyncNext.set(n);
        return this;
    }

    /** Every page request is answered from the start, as by a console that ignores {@code $skip} / {@code offset}. */
    public SimulatedConsole ignoreOffset(boolean value) {
        ignoresOffset = value;
        return this;
    }

    /** Every token issued so far becomes invalid, as if an administrator revoked them. */
    public void revokeTokens() {
        counters.tokenGeneration.incrementAndGet();
    }

    /** v3: the API key is rejected from now on, as if its identity had been disabled. */
    public void revokeApiKey() {
        apiKeyRevoked = true;
    }

    /** Back to a healthy console with the original data and zeroed counters. */
    public void reset(long originalSeed) {
        latency = Duration.ZERO;
        tokenLifetime = Duration.ofHours(1);
        failNext.set(0);
        throttleNext.set(0);
        hangNext.set(0);
        malformedNext.set(0);
        resetNext.set(0);
        failPageTimes.set(0);
        asyncNext.set(0);
        ignoresOffset = false;
        apiKeyRevoked = false;
        if (seed != originalSeed || edited) {
            reseed(originalSeed);
        }
        revokeTokens();
        counters.reset();
    }

    public int requests() {
        return counters.requests.get();
    }

    public int licenseRequests() {
        return counters.licenseRequests.get();
    }

    public int passwordGrants() {
        return counters.passwordGrants.get();
    }

    public int refreshGrants() {
        return counters.refreshGrants.get();
    }

    public int peakInFlight() {
        return counters.peakInFlight.get();
    }

    /** v3: async action polls ({@code GET /api/v3/asyncActions/{id}}). */
    public int asyncPolls() {
        return counters.asyncPolls.get();
    }

    /** v3: every {@code X-Client-Version} seen since the last reset; {@code (none)} for a request without it. */
    public Set<String> clientVersions() {
        return new TreeSet<>(counters.clientVersions);
    }

    Duration latency() {
        return latency;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    boolean acceptsPassword(String user, String pass) {
        return username.equals(user) && password.equals(pass);
    }

    boolean acceptsApiKey(String key) {
        return !apiKeyRevoked && apiKey.equals(key);
    }

    boolean ignoresOffset() {
        return ignoresOffset;
    }

    /** Decides, and consumes, whether the next license request becomes an async action; null if not. */
    AsyncPlan nextAsync() {
        return take(asyncNext) ? asyncPlan : null;
    }

    /** Decides, and consumes, the failure the next license request for {@code page} gets. */
    Failure nextFailure(int page) {
        if (take(hangNext)) {
            return Failure.HANG;
        }
        if (take(throttleNext)) {
            return Failure.THROTTLE;
        }
        if (take(failNext)) {
            return Failure.STATUS;
        }
        if (take(malformedNext)) {
            return Failure.MALFORMED;
        }
        if (take(resetNext)) {
            return Failure.RESET;
        }
        if (page == failingPage && take(failPageTimes)) {
            return Failure.PAGE;
        }
        return Failure.NONE;
    }

    int failStatus() {
        return failStatus;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static boolean take(AtomicInteger remaining) {
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    enum Failure {
        NONE, HANG, THROTTLE, STATUS, MALFORMED, RESET, PAGE
    }

    record AsyncPlan(int runningPolls, boolean succeeds) {
    }

    static final class Counters {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger licenseRequests = new AtomicInteger();
        final AtomicInteger passwordGrants = new AtomicInteger();
        final AtomicInteger refreshGrants = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peakInFlight = new AtomicInteger();
        final AtomicInteger tokenGeneration = new AtomicInteger();
        final AtomicInteger asyncPolls = new AtomicInteger();
        final Set<String> clientVersions = ConcurrentHashMap.newKeySet();

        void reset() {
            requests.set(0);
            licenseRequests.set(0);
            passwordGrants.set(0);
            refreshGrants.set(0);
            asyncPolls.set(0);
            clientVersions.clear();
            peakInFlight.set(inFlight.get());
        }
    }
}
