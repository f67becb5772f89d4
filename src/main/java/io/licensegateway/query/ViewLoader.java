package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.security.Signer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the next version of the {@link View} from PostgreSQL: pins the store's time T, reads every console's state
 * and snapshot as of T, and reloads — as of T, with the very statement of the {@code asOf} path — only the consoles
 * whose snapshot differs from the previous version's. So a version is exactly the database's view as of its T, and a
 * refresh that changed one console costs the view that console.
 */
@ApplicationScoped
class ViewLoader {

    private static final String ALIASES = "select spelling, company from company_alias";

    private final Pool pool;
    private final LicenseRepository licenses;
    private final List<String> registered;
    private final Signer signer;

    ViewLoader(Pool pool, LicenseRepository licenses, ConsoleRegistry registry, Signer signer) {
        this.pool = pool;
        this.signer = signer;
        this.licenses = licenses;
        this.registered = registry.all().stream().map(Console::name).toList();
    }

    /**
     * The view now; {@code previous} (or null) lends the slices of consoles that did not change. The first load also
     * reads the signing key, so cursors are issued and checked while the store is away.
     */
    Uni<View> next(View previous) {
        Uni<?> ready = previous == null ? signer.sign("") : Uni.createFrom().voidItem();
        return ready.flatMap(ignored -> licenses.pin()).flatMap(at -> Uni.combine().all().unis(records(at), aliases()).asTuple()
                .flatMap(loaded -> {
                    Map<String, ConsoleRecord> records = loaded.getItem1();
                    CompanyDirectory companies = loaded.getItem2();
                    Set<String> changed = previous == null ? records.keySet() : previous.changedIn(records);
                    if (previous != null && changed.isEmpty()) {
                        return Uni.createFrom().item(previous.withRecords(records, companies));
                    }
                    List<String> withData = changed.stream().filter(c -> records.get(c) != null
                            && records.get(c).snapshotId() != null).sorted().toList();
                    return slices(at, withData, records).map(fresh -> {
                        List<Slice> slices = new ArrayList<>(fresh);
                        if (previous != null) {
                            previous.slices().stream().filter(s -> !changed.contains(s.console())).forEach(slices::add);
                        }
                        return new View(at, slices, records, companies);
                    });
                }));
    }

    /** Every registered console's record as of {@code at}. */
    private Uni<Map<String, ConsoleRecord>> records(OffsetDateTime at) {
        return pool.preparedQuery(ConsoleStatuses.SQL).execute(Tuple.of(at)).map(rows -> {
            Map<String, ConsoleRecord> records = new HashMap<>();
            for (Row row : rows) {
                String console = row.getString("console");
                if (registered.contains(console)) {
                    records.put(console, ConsoleRecord.of(row));
                }
            }
            return records;
        });
    }

    private Uni<CompanyDirectory> aliases() {
        return pool.query(ALIASES).execute().map(rows -> {
            Map<String, String> aliases = new HashMap<>();
            rows.forEach(row -> aliases.put(row.getString("spelling"), row.getString("company")));
            return new CompanyDirectory(aliases);
        });
    }

    /**
     * The consoles' licenses as of {@code at}, streamed in console and id order; each console's slice is built as
     * soon as its last row arrived, so loading holds one console's rows at a time.
     */
    private Uni<List<Slice>> slices(OffsetDateTime at, List<String> consoles, Map<String, ConsoleRecord> records) {
        if (consoles.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        SqlBuilder sql = LicenseRepository.where(consoles, LicenseFilter.NONE);
        String text = LicenseRepository.SELECT + LicenseRepository.viewAt(sql, sql.bind(at) + "::timestamptz") + " order by l.console, l.id collate \"C\"";
        List<Slice> built = new ArrayList<>();
        Slice.Builder[] current = new Slice.Builder[1];
        String[] console = new String[1];
        return licenses.stream(text, sql).invoke(row -> {
            String name = row.getString(LicenseField.CONSOLE.ordinal());
            if (!name.equals(console[0])) {
                if (current[0] != null) {
                    built.add(current[0].build());
                }
                console[0] = name;
                ConsoleRecord record = records.get(name);
                current[0] = new Slice.Builder(name, record.snapshotId(), record.snapshotValidFrom());
            }
            Object[] values = new Object[LicenseField.values().length];
            for (LicenseField field : LicenseField.values()) {
                if (field.stored()) {
                    values[field.ordinal()] = LicenseView.value(row, field);
                }
            }
            current[0].add(values);
        }).collect().last().map(ignored -> {
            if (current[0] != null) {
                built.add(current[0].build());
            }
            return built;
        });
    }
}
