package io.licensegateway.upstream.v3;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.JsonItem;
import io.licensegateway.upstream.JsonItems;
import io.licensegateway.upstream.UpstreamException;

/**
 * One page of a v3 collection, {@code {"data":[...],"meta":{"pagingInfo":{"total","count","offset"}}}}, read
 * for the offset it was asked for.
 */
record V3Page(List<JsonItem> data, int total, int offset, String request) {

    /** {@code fields}: what to read from each item of {@code data}. */
    static V3Page parse(byte[] body, JsonItems.Fields fields, String request, int requestedOffset) {
        try (JsonParser parser = JsonItems.open(body, request)) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw noData(request);
            }
            List<JsonItem> items = null;
            Integer total = null;
            Integer offset = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data") && value == JsonToken.START_ARRAY) {
                    items = JsonItems.array(parser, body, fields, request);
                } else if (name.equals("meta") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String metaName = parser.currentName();
                        if (parser.nextToken() == JsonToken.START_OBJECT && metaName.equals("pagingInfo")) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String field = parser.currentName();
                                JsonToken number = parser.nextToken();
                                if (number == JsonToken.VALUE_NUMBER_INT && field.equals("total")) {
                                    total = parser.getIntValue();
                                } else if (number == JsonToken.VALUE_NUMBER_INT && field.equals("offset")) {
                                    offset = parser.getIntValue();
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (items == null) {
                throw noData(request);
            }
            // An operation that does not page answers without pagingInfo: then the page is the whole collection.
            int pageOffset = offset == null ? requestedOffset : offset;
            if (pageOffset != requestedOffset) {
                throw notAdvancing(request, "asked for offset " + requestedOffset + ", got offset " + pageOffset);
            }
            return new V3Page(items, total == null ? requestedOffset + items.size() : total, pageOffset, request);
        } catch (IOException e) {
            throw JsonItems.notJson(request);
        }
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

    private static UpstreamException noData(String request) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered no data array");
    }

    private static UpstreamException notAdvancing(String request, String detail) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, request + " paging does not advance: " + detail);
    }
}
