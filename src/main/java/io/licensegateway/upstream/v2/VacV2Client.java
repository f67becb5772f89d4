package io.licensegateway.upstream.v2;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Console;
import io.licensegateway.upstream.ConsoleHttp;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.HttpAnswers;
import io.licensegateway.upstream.OAuthSession;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.PagedCollection;
import io.licensegateway.upstream.UpstreamClient;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;
import io.smallrye.mutiny.Uni;

/**
 * VAC REST v2: {@code POST /token}, then {@code GET /v2/licensing/cloudconnectLicenses} page by page
 * ({@code $top}/{@code $skip}, ordered by id so pages are stable) until a short page ({@link PagedCollection}: pages
 * answered as last time are not read).
 */
public final class VacV2Client implements UpstreamClient {

    static final String LICENSES = "GET /v2/licensing/cloudconnectLicenses";
    private static final String LICENSES_PATH = "/v2/licensing/cloudconnectLicenses";

    private final ConsoleHttp http;
    private final OAuthSession session;
    private final V2LicenseMapper mapper = new V2LicenseMapper();
    private final Executor parsing;
    private final int pageSize;

    /** {@code http} is the console's; the token endpoint is at its root, not under {@code /v2}. */
    public VacV2Client(ConsoleHttp http, Console console, ObjectMapper json, int pageSize, Clock clock,
            Executor parsing) {
        this.http = http;
        this.session = new OAuthSession(form -> http.postForm("/token", form, "POST /token"), "/token",
                console.credentials(), HttpAnswers::failure, json, clock);
        this.parsing = parsing;
        this.pageSize = pageSize;
    }

    @Override
    public Uni<Fetched> fetchLicenses(PageDigests previous) {
        PagedCollection<UpstreamLicense> licenses = new PagedCollection<>(LICENSES, previous, this::read);
        return licenses.fetch(skip -> session.authorized(bearer -> http.get(LICENSES_PATH, page(skip), bearer, LICENSES))
                .map(answer -> HttpAnswers.bytesOf(answer, LICENSES, HttpAnswers::failure)), parsing)
                .map(read -> read.unchanged() ? Fetched.unchanged(PageDigests.of(read))
                        : new Fetched(unique(read.items()), PageDigests.of(read)));
    }

    private Map<String, Object> page(int skip) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("$top", pageSize);
        query.put("$skip", skip);
        query.put("$orderby", "id");
        query.put("setLinks", false);
        return query;
    }

    private PagedCollection.Page<UpstreamLicense> read(byte[] body, int skip, List<UpstreamLicense> before) {
        List<UpstreamLicense> page = mapper.page(body);
        if (skip > 0 && !page.isEmpty() && page.get(0).id().equals(before.get(0).id())) {
            // it ignores $skip: paging on would repeat the first page until the deadline
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, LICENSES + " ignores $skip");
        }
        // A console that ignores $top answers everything at once: more than a page means done.
        return new PagedCollection.Page<>(page, page.size() == pageSize ? OptionalInt.of(skip + page.size())
                : OptionalInt.empty());
    }

    /** Pages that shifted while we read them show up as a license twice; better to fail than store a guess. */
    private static List<UpstreamLicense> unique(List<UpstreamLicense> licenses) {
        if (licenses.stream().map(UpstreamLicense::id).distinct().count() != licenses.size()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, LICENSES + " answered a license id twice");
        }
        return licenses;
    }
}
