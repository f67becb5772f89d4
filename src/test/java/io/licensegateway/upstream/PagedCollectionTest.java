package io.licensegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * Pages are lines of comma-separated items; a page of three items means there is another one (a v2 console's
 * paging). The reader records the offsets it read, so each test sees what was parsed and what was only compared.
 */
class PagedCollectionTest {

    private static final String REQUEST = "GET /items";

    private final List<Integer> read = new ArrayList<>();

    private PagedCollection.Page<String> read(byte[] body, int offset, List<String> before) {
        read.add(offset);
        List<String> items = Arrays.asList(new String(body, StandardCharsets.UTF_8).split(","));
        return new PagedCollection.Page<>(items, items.size() == 3 ? OptionalInt.of(offset + 3) : OptionalInt.empty());
    }

    private PagedCollection<String> fetch(PageDigests previous, String... pages) {
        PagedCollection<String> collection = new PagedCollection<>(REQUEST, previous, this::read);
        return collection.fetch(offset -> Uni.createFrom().item(pages[offset / 3].getBytes(StandardCharsets.UTF_8)),
                Runnable::run).await().indefinitely();
    }

    /** The digests of a first fetch of {@code pages}, forgetting what it read. */
    private PageDigests firstFetch(String... pages) {
        PageDigests digests = digestsOf(fetch(PageDigests.NONE, pages));
        read.clear();
        return digests;
    }

    private PageDigests digestsOf(PagedCollection<?> collection) {
        return PageDigests.of(collection);
    }

    @Test
    void readsEveryPageTheFirstTime() {
        PagedCollection<String> first = fetch(PageDigests.NONE, "a,b,c", "d,e,f", "g");

        assertThat(first.unchanged()).isFalse();
        assertThat(first.items()).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(read).containsExactly(0, 3, 6);
        assertThat(digestsOf(first).pagesOf(REQUEST)).extracting(PageDigests.Page::next)
                .containsExactly(OptionalInt.of(3), OptionalInt.of(6), OptionalInt.empty());
    }

    @Test
    void readsNothingWhenEveryPageIsTheSameAsLastTime() {
        PageDigests previous = firstFetch("a,b,c", "d,e,f", "g");

        PagedCollection<String> again = fetch(previous, "a,b,c", "d,e,f", "g");

        assertThat(again.unchanged()).isTrue();
        assertThat(read).isEmpty();
        assertThat(digestsOf(again)).isEqualTo(previous);
        // and the stored form reads back equal, so the writer can check it against the snapshot's
        assertThat(PageDigests.fromJson(previous.toJson())).isEqualTo(previous);
    }

    @Test
    void readsThePagesKeptAsBytesInOrderOnceALaterPageDiffers() {
        PageDigests previous = firstFetch("a,b,c", "d,e,f", "g");

        PagedCollection<String> changed = fetch(previous, "a,b,c", "d,e,f", "g,h");

        assertThat(changed.unchanged()).isFalse();
        assertThat(changed.items()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(read).containsExactly(0, 3, 6);
        assertThat(digestsOf(changed).pagesOf(REQUEST).subList(0, 2)).isEqualTo(previous.pagesOf(REQUEST).subList(0, 2));
        assertThat(digestsOf(changed).pagesOf(REQUEST).get(2)).isNotEqualTo(previous.pagesOf(REQUEST).get(2));
    }

    @Test
    void followsTheNewPagingWhenAPageDiffers() {
        PageDigests previous = firstFetch("a,b,c", "d");

        // the second page is now full, so there is a third one the previous fetch never asked for
        PagedCollection<String> grown = fetch(previous, "a,b,c", "d,e,f", "g");

        assertThat(grown.items()).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(read).containsExactly(0, 3, 6);
    }

    @Test
    void anUnreadableStoredFormIsNoPreviousFetch() {
        assertThat(PageDigests.fromJson(null)).isEqualTo(PageDigests.NONE);
        assertThat(PageDigests.fromJson(new io.vertx.core.json.JsonObject().put(REQUEST, "not pages")))
                .isEqualTo(PageDigests.NONE);
    }
}
