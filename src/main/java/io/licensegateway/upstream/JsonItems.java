package io.licensegateway.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads upstream collections straight from the bytes received into {@link JsonItem}s, without a JSON tree and
 * without writing anything back out: each item keeps the slice of the body it was read from, and the values of the
 * fields its reader named ({@link Fields}) in an array; every other field is skipped without being decoded.
 */
public final class JsonItems {

    /** The top-level fields a reader takes from each item, each at its own index. */
    public static final class Fields {
        private final Map<String, Integer> index = new HashMap<>();

        private Fields(String... names) {
            for (String name : names) {
                index.putIfAbsent(name, index.size());
            }
        }

        int size() {
            return index.size();
        }

        /** The index of {@code name}, or -1 when the reader did not ask for it. */
        int indexOf(String name) {
            Integer at = index.get(name);
            return at == null ? -1 : at;
        }

        int require(String name) {
            int at = indexOf(name);
            if (at < 0) {
                throw new IllegalArgumentException(name + " is not one of the fields read");
            }
            return at;
        }
    }

    public static Fields fields(String... names) {
        return new Fields(names);
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonItems() {
    }

    /** A parser over a whole answer of {@code request}; an empty body is a {@code BAD_RESPONSE}. */
    public static JsonParser open(byte[] body, String request) {
        try {
            JsonParser parser = FACTORY.createParser(body);
            if (parser.nextToken() == null) {
                throw new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered an empty body");
            }
            return parser;
        } catch (IOException e) {
            throw notJson(request);
        }
    }

    /**
     * The objects of the array the parser stands on ({@code START_ARRAY}), each with its bytes from {@code body} and
     * the values of {@code fields}.
     */
    public static List<JsonItem> array(JsonParser parser, byte[] body, Fields fields, String request) {
        try {
            List<JsonItem> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered an item that is not an object");
                }
                items.add(item(parser, body, fields));
            }
            return items;
        } catch (IOException e) {
            throw notJson(request);
        }
    }

    private static JsonItem item(JsonParser parser, byte[] body, Fields fields) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        Object[] values = new Object[fields.size()];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int at = fields.indexOf(parser.currentName());
            JsonToken value = parser.nextToken();
            if (at < 0 || value == JsonToken.START_OBJECT) {
                parser.skipChildren();
            } else {
                values[at] = value == JsonToken.START_ARRAY ? scalars(parser) : scalar(parser, value);
            }
        }
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        return new JsonItem(fields, values, Arrays.copyOfRange(body, Math.toIntExact(start), Math.toIntExact(end)));
    }

    private static List<Object> scalars(JsonParser parser) throws IOException {
        List<Object> values = new ArrayList<>(2);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                values.add(null);
            } else {
                values.add(scalar(parser, token));
            }
        }
        return values;
    }

    /** Whole numbers that fit 32 bits as {@link Integer}, other numbers as {@link java.math.BigDecimal}. */
    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue()
                    : parser.getDecimalValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    public static UpstreamException notJson(String request) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, request + " answered a body that is not JSON");
    }
}
