package io.licensegateway.upstream.v3;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Console;
import io.licensegateway.upstream.Authorizer;
import io.licensegateway.upstream.ConsoleHttp;
import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.JsonItem;
import io.licensegateway.upstream.JsonItems;
import io.licensegateway.upstream.OAuthSession;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.PagedCollection;
import io.licensegateway.upstream.UpstreamClient;
import io.smallrye.mutiny.Uni;

/**
 * VSPC REST v3: authorised by an API key, or by the password grant at {@code POST /api/v3/token}; reads
 * {@code GET /api/v3/licensing/sites} and names each site from {@code GET /api/v3/infrastructure/sites}, both
 * paged by {@code limit}/{@code offset} until {@code meta.pagingInfo.total}. A failure of either collection
 * fails the fetch: the seam never returns a partial list.
 */
public final class VspcV3Client implements UpstreamClient {

    static final String LICENSES = "GET /api/v3/licensing/sites";
    static final String SITES = "GET /api/v3/infrastructure/sites";
    /** VSPC rejects a larger {@code limit} unless its {@code MaxPageSize} was raised. */
    static final int MAX_LIMIT = 500;

    /**
     * The API version the gateway was written for, sent with every call, so enum values newer than it come back as
     * {@code Unknown} instead of surprising the mapper.
     */
    static final String CLIENT_VERSION = "3.5.1";

    private final ConsoleHttp http;
    private final Authorizer authorizer;
    private final V3Requests requests;
    private final V3LicenseMapper mapper = new V3LicenseMapper();
    private final Executor parsing;
    private final int limit;

    public VspcV3Client(ConsoleHttp http, Console console, ObjectMapper json, int pageSize, Clock clock,
            Executor parsing) {
        this.http = http.withHeader("X-Client-Version", CLIENT_VERSION);
        V3Errors errors = new V3Errors(json);
        this.authorizer = authorizer(console, errors, json, clock);
        this.requests = new V3Requests(this.http, authorizer, errors, json);
        this.parsing = parsing;
        this.limit = Math.min(pageSize, MAX_LIMIT);
    }

    /** An API key needs no token call and never expires, so it wins when a password is configured as well. */
    private Authorizer authorizer(Console console, V3Errors errors, ObjectMapper json, Clock clock) {
        return console.credentials().apiKey().<Authorizer>map(ApiKey::new)
                .orElseGet(() -> new OAuthSession(form -> http.postForm("/api/v3/token", form, "POST /api/v3/token"),
                        "/api/v3/token", console.credentials(), errors, json, clock));
    }

    @Override
    public Uni<Fetched> fetchLicenses(PageDigests previous) {
        PagedCollection<JsonItem> licenses = new PagedCollection<>(LICENSES, previous,
                reader(LICENSES, V3LicenseMapper.LICENSE_FIELDS));
        PagedCollection<JsonItem> sites = new PagedCollection<>(SITES, previous, reader(SITES, V3LicenseMapper.SITE_FIELDS));
        // Logged in first, so that both collections can then page at once on the same token.
        return authorizer.ready().flatMap(ignored -> Uni.combine().all()
                .unis(licenses.fetch(pages(LICENSES, "/api/v3/licensing/sites"), parsing),
                        sites.fetch(pages(SITES, "/api/v3/infrastructure/sites"), parsing))
                .with((l, s) -> {
                    PageDigests pages = PageDigests.of(licenses, sites);
                    return licenses.unchanged() && sites.unchanged() ? Fetched.unchanged(pages)
                            : new Fetched(mapper.licenses(licenses.items(), sites.items()), pages);
                }));
    }

    private IntFunction<Uni<byte[]>> pages(String request, String path) {
        return offset -> requests.get(path, Map.of("limit", limit, "offset", offset), request);
    }

    private static PagedCollection.PageReader<JsonItem> reader(String request, JsonItems.Fields fields) {
        return (body, offset, before) -> {
            V3Page page = V3Page.parse(body, fields, request, offset);
            return new PagedCollection.Page<>(page.data(), page.nextOffset());
        };
    }
}
