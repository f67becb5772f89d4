package io.licensegateway.upstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

import io.smallrye.mutiny.Uni;

/**
 * Pages through one collection of a console and reads its items — unless the console answers what it answered
 * last time. Each page's digest is compared with the page at the same place of the previous fetch
 * ({@link PageDigests}); while they match, the page is only kept as bytes and the next offset is the one that
 * followed it then (paging is a function of the offset and the bytes, so it would be the same again). The first page
 * that differs makes the kept pages and every later one be read. If every page matched, nothing was parsed: the
 * console's content is its current snapshot's ({@link #unchanged()}). So a console's data is held once, as bytes or
 * as items, never both beyond the page being read.
 */
public final class PagedCollection<T> {

    /** Reads a page answered for {@code offset}, knowing the items read before it. */
    @FunctionalInterface
    public interface PageReader<T> {
        Page<T> read(byte[] body, int offset, List<T> before);
    }

    /** A page's items and the offset of the next page (none after the last). */
    public record Page<T>(List<T> items, OptionalInt next) {
    }

    private record Kept(int offset, byte[] body) {
    }

    private final String request;
    private final List<PageDigests.Page> previous;
    private final PageReader<T> reader;
    private final List<PageDigests.Page> pages = new ArrayList<>();
    private List<Kept> kept = new ArrayList<>();
    /** Null while every page so far equals the previous fetch's. */
    private List<T> items;

    public PagedCollection(String request, PageDigests previous, PageReader<T> reader) {
        this.request = request;
        this.previous = previous.pagesOf(request);
        this.reader = reader;
    }

    /**
     * Fetches every page from offset 0 ({@code call} answers a page's body), taking each on {@code parsing}, never on
     * the event loop that received it.
     */
    public Uni<PagedCollection<T>> fetch(IntFunction<Uni<byte[]>> call, Executor parsing) {
        return from(0, call, parsing);
    }

    private Uni<PagedCollection<T>> from(int offset, IntFunction<Uni<byte[]>> call, Executor parsing) {
        return call.apply(offset).emitOn(parsing).map(body -> take(body, offset))
                .flatMap(next -> next.isPresent() ? from(next.getAsInt(), call, parsing) : Uni.createFrom().item(this));
    }

    /** Takes the page answered for {@code offset}; answers where the next one starts. */
    OptionalInt take(byte[] body, int offset) {
        String digest = digest(offset, body);
        int index = pages.size();
        if (items == null && index < previous.size() && previous.get(index).sha256().equals(digest)) {
            kept.add(new Kept(offset, body));
            pages.add(previous.get(index));
            return previous.get(index).next();
        }
        readKept();
        Page<T> page = reader.read(body, offset, items);
        items.addAll(page.items());
        pages.add(new PageDigests.Page(digest, page.next()));
        return page.next();
    }

    /** True when every page was the one the previous fetch read: nothing was parsed. */
    public boolean unchanged() {
        return items == null;
    }

    /** Every item of the collection, reading the pages kept as bytes first. */
    public List<T> items() {
        readKept();
        return items;
    }

    String request() {
        return request;
    }

    List<PageDigests.Page> pages() {
        return List.copyOf(pages);
    }

    private void readKept() {
        if (items != null) {
            return;
        }
        items = new ArrayList<>();
        List<Kept> bodies = kept;
        kept = List.of();
        for (int i = 0; i < bodies.size(); i++) {
            Kept page = bodies.get(i);
            bodies.set(i, null); // each body can go as soon as it is read
            items.addAll(reader.read(page.body(), page.offset(), items).items());
        }
    }

    private static String digest(int offset, byte[] body) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        return HexFormat.of().formatHex(sha256.digest(body));
    }
}
