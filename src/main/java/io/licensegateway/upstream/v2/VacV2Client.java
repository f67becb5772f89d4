package io.licensegateway.upstream.v2;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Console;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.HttpAnswers;
import io.licensegateway.upstream.OAuthSession;
import io.licensegateway.upstream.RestClients;
import io.licensegateway.upstream.UpstreamClient;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * VAC REST v2: {@code POST /token}, then {@code GET /v2/licensing/cloudconnectLicenses} page by page
 * ({@code $top}/{@code $skip}, ordered by id so pages are stable) until a short page.
 */
public final class VacV2Client implements UpstreamClient {

    static final String LICENSES = "GET /v2/licensing/cloudconnectLicenses";

    private final VacV2Api api;
    private final OAuthSession session;
    private final V2LicenseMapper mapper = new V2LicenseMapper();
    private final Executor parsing;
    private final int pageSize;

    public VacV2Client(RestClients clients, Console console, ObjectMapper json, int pageSize, Clock clock,
            Executor parsing) {
        this.api = clients.build(console, VacV2Api.class);
        this.session = new OAuthSession(form -> api.token(new MultivaluedHashMap<>(form)), "/token",
                console.credentials(), HttpAnswers::failure, json, clock);
        this.parsing = parsing;
        this.pageSize = pageSize;
    }

    /** Pages that shifted while we read them show up as a license twice; better to fail than store a guess. */
    private static List<UpstreamLicense> unique(List<UpstreamLicense> licenses) {
        if (licenses.stream().map(UpstreamLicense::id).distinct().count() != licenses.size()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, LICENSES + " answered a license id twice");
        }
        return licenses;
    }

    @Override
    public Uni<List<UpstreamLicense>> fetchLicenses() {
        return pagesFrom(0, new ArrayList<>());
    }

    private Uni<List<UpstreamLicense>> pagesFrom(int skip, List<UpstreamLicense> collected) {
        return session.authorized(bearer -> api.cloudconnectLicenses(bearer, pageSize, skip, "id", false))
                .map(response -> HttpAnswers.bytesOf(response, LICENSES, HttpAnswers::failure))
                .emitOn(parsing)
                .map(mapper::page)
                .flatMap(page -> {
                    if (skip > 0 && !page.isEmpty() && page.get(0).id().equals(collected.get(0).id())) {
                        // it ignores $skip: paging on would repeat the first page until the deadline
                        throw new UpstreamException(ErrorKind.BAD_RESPONSE, LICENSES + " ignores $skip");
                    }
                    collected.addAll(page);
                    // A console that ignores $top answers everything at once: more than a page means done.
                    return page.size() == pageSize ? pagesFrom(skip + page.size(), collected)
                            : Uni.createFrom().item(unique(collected));
                });
    }
}
