package io.licensegateway.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The pages one fetch of a console read, per collection: each page's SHA-256 (over the offset asked for and the
 * bytes answered) and where the next page started. Kept with the snapshot the fetch stored, so that the next fetch
 * recognises a console that answers the same bytes again without parsing them ({@link PagedCollection}). Stored as
 * jsonb: {@code {"GET /v2/…": [{"sha256": "…", "next": 500}, {"sha256": "…"}]}}.
 */
public record PageDigests(Map<String, List<Page>> collections) {

    public static final PageDigests NONE = new PageDigests(Map.of());

    /** One page: its digest, and the offset of the page after it (none after the last). */
    public record Page(String sha256, OptionalInt next) {
    }

    public PageDigests {
        collections = Map.copyOf(collections);
    }

    List<Page> pagesOf(String request) {
        return collections.getOrDefault(request, List.of());
    }

    /** The digests of several collections read by one fetch. */
    public static PageDigests of(PagedCollection<?>... read) {
        Map<String, List<Page>> collections = new LinkedHashMap<>();
        for (PagedCollection<?> collection : read) {
            collections.put(collection.request(), collection.pages());
        }
        return new PageDigests(collections);
    }

    /** Null or anything unreadable is {@link #NONE}: the fetch then reads every page, as if it were the first. */
    public static PageDigests fromJson(JsonObject json) {
        if (json == null) {
            return NONE;
        }
        try {
            Map<String, List<Page>> collections = new LinkedHashMap<>();
            for (String request : json.fieldNames()) {
                List<Page> pages = new ArrayList<>();
                for (Object page : json.getJsonArray(request)) {
                    JsonObject p = (JsonObject) page;
                    Integer next = p.getInteger("next");
                    pages.add(new Page(p.getString("sha256"), next == null ? OptionalInt.empty() : OptionalInt.of(next)));
                }
                collections.put(request, pages);
            }
            return new PageDigests(collections);
        } catch (ClassCastException e) {
            return NONE;
        }
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        collections.forEach((request, pages) -> {
            JsonArray array = new JsonArray();
            pages.forEach(page -> {
                JsonObject p = new JsonObject().put("sha256", page.sha256());
                page.next().ifPresent(next -> p.put("next", next));
                array.add(p);
            });
            json.put(request, array);
        });
        return json;
    }
}
