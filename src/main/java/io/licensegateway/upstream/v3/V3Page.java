package io.licensegateway.upstream.v3;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.JsonFields;
import io.licensegateway.upstream.UpstreamException;

/**
 * One page of a v3 collection, {@code {"data":[...],"meta":{"pagingInfo":{"total","count","offset"}}}}, read
 * for the offset it was asked for.
 */
record V3Page(List<JsonNode> data, int total, int offset, String request) {

    static V3Page parse(ObjectMapper json, String body, String request, int requestedOffset) {
        JsonNode envelope = JsonFields.tree(json, body, request);
        JsonNode data = envelope.path("data");
        if (!data.isArray()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered no data array");
        }
        List<JsonNode> items = new ArrayList<>(data.size());
        data.forEach(items::add);
        JsonNode paging = envelope.path("meta").path("pagingInfo");
        // An operation that does not page answers without pagingInfo: then the page is the whole collection.
        int total = paging.path("total").isNumber() ? paging.get("total").asInt() : requestedOffset + items.size();
        int offset = paging.path("offset").isNumber() ? paging.get("offset").asInt() : requestedOffset;
        if (offset != requestedOffset) {
            throw notAdvancing(request, "asked for offset " + requestedOffset + ", got offset " + offset);
        }
        return new V3Page(items, total, offset, request);
    }

    /**
     * Where the next page starts, or empty once {@code total} is reached. A page that brings nothing before
     * then would make the loop spin forever, so it is a failure.
     */
    OptionalInt nextOffset() {
        int next = offset + data.size();
        if (next >= total) {
            return OptionalInt.empty();
        }
        if (data.isEmpty()) {
            throw notAdvancing(request, "an empty page at offset " + offset + " of " + total);
        }
        return OptionalInt.of(next);
    }

    private static UpstreamException notAdvancing(String request, String detail) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, request + " paging does not advance: " + detail);
    }
}
