package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.security.Signer;
import io.licensegateway.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * What a keyset cursor carries: the point in time the paging reads (so a refresh landing meanwhile neither skips nor
 * repeats an item), the query it belongs to, and the sort values of the last row served. Signed, so an altered
 * cursor is rejected.
 */
@RegisterForReflection
record Cursor(OffsetDateTime at, String sort, String filter, List<String> after) {

    Uni<String> encode(ObjectMapper json, Signer signer) {
        try {
            return signer.sign(json.writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Uni<Cursor> decode(String text, ObjectMapper json, Signer signer) {
        return signer.verify(text).map(payload -> {
            if (payload == null) {
                throw invalid();
            }
            try {
                return json.readValue(payload, Cursor.class);
            } catch (JsonProcessingException e) {
                throw invalid();
            }
        });
    }

    static ProblemException invalid() {
        return ProblemException.badParameter("cursor", "not a cursor this gateway issued (altered or truncated); "
                + "start again without a cursor");
    }
}
