package io.licensegateway.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small upstream answers (tokens, errors, actions) read as JSON trees; collections go through {@link JsonItems}. */
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
            throw JsonItems.notJson(request);
        }
    }
}
