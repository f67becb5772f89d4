package io.licensegateway.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.json.JsonObject;

/**
 * One simulated console: its data, its credentials and the failure modes a test can switch at run time.
 * Failure modes apply to license (data) requests; latency applies to every request. Thread-safe.
 */
public final class SimulatedConsole {

    private final String name;
    private final String username;
    private final String password;
    private final int licenseCount;
    private volatile long seed;
    private volatile List<JsonObject> licenses;

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

    final Counters counters = new Counters();

    SimulatedConsole(String name, String username, String password, int licenseCount, long seed) {
        this.name = name;
        this.username = username;
        this.password = password;
        this.licenseCount = licenseCount;
        reseed(seed);
    }

    public String name() {
        return name;
    }

    public String username() {
        return username;
    }

    /** The password the simulator accepts for this console (tests need it to check it never leaks). */
    public String password() {
        return password;
    }

    public List<JsonObject> licenses() {
        return licenses;
    }

    /** Replaces the data with a different deterministic set, as if usage had changed upstream. */
    public SimulatedConsole reseed(long newSeed) {
        this.seed = newSeed;
        this.licenses = LicenseGenerator.generate(name, licenseCount, newSeed, LocalDate.now());
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

    /** The next {@code n} license requests answer {@code status}. */
    public SimulatedConsole failNext(int n, int status) {
        failStatus = status;
        failNext.set(n);
        return this;
    }

    /** The next {@code n} license requests answer 429 with {@code Retry-After: seconds}. */
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

    /** Requests for page {@code page} (1-based, by {@code $skip / $top}) fail with 500, {@code times} times. */
    public SimulatedConsole failOnPage(int page, int times) {
        failingPage = page;
        failPageTimes.set(times);
        return this;
    }

    /** Every token issued so far becomes invalid, as if an administrator revoked them. */
    public void revokeTokens() {
        counters.tokenGeneration.incrementAndGet();
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
        if (seed != originalSeed) {
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

    Duration latency() {
        return latency;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    boolean acceptsPassword(String user, String pass) {
        return username.equals(user) && password.equals(pass);
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

    static final class Counters {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger licenseRequests = new AtomicInteger();
        final AtomicInteger passwordGrants = new AtomicInteger();
        final AtomicInteger refreshGrants = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peakInFlight = new AtomicInteger();
        final AtomicInteger tokenGeneration = new AtomicInteger();

        void reset() {
            requests.set(0);
            licenseRequests.set(0);
            passwordGrants.set(0);
            refreshGrants.set(0);
            peakInFlight.set(inFlight.get());
        }
    }
}
