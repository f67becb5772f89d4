package io.licensegateway.upstream;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lenient readers for upstream JSON fields: a missing field or {@code null} is {@code null}; dates may carry
 * up to 9 fraction digits and an offset, or none (then UTC); numbers may be integers or decimals.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The JSON tree of {@code request}'s answer; a body that is not JSON is a {@code BAD_RESPONSE}. */
    public static JsonNode tree(ObjectMapper json, String body, String request) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered an empty body");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered a body that is not JSON");
        }
    }

    public static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static Integer integer(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw bad(field, "is not a whole number that fits 32 bits");
        }
        return value.asInt();
    }

    public static BigDecimal decimal(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw bad(field, "is not a number");
        }
        return value.decimalValue();
    }

    public static OffsetDateTime dateTime(JsonNode item, String field) {
        String value = text(item, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return utc(value);
        } catch (DateTimeParseException e) {
            throw bad(field, "is not an ISO-8601 date-time");
        }
    }

    /** An ISO-8601 date-time with up to 9 fraction digits, in UTC; without an offset it is taken as UTC. */
    public static OffsetDateTime utc(String value) {
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
        }
    }

    private static UpstreamException bad(String field, String problem) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, "field " + field + " " + problem);
    }
}
