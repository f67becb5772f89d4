package io.licensegateway.query;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/licenses")
@Tag(name = "Licenses")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {

    private final Pool pool;
    private final ConsoleStatuses statuses;

    LicenseResource(Pool pool, ConsoleStatuses statuses) {
        this.pool = pool;
        this.statuses = statuses;
    }

    public record LicensePage(List<License> data, Meta meta) {
        public record Meta(long total, int limit, int offset, List<ConsoleStatus> consoles) {
        }
    }

    @GET
    public Uni<LicensePage> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return pool.preparedQuery("""
                select l.*, s.confirmed_at as as_of, count(*) over () as total
                from console_state c join snapshot s on s.id = c.current_snapshot_id
                join license l on l.snapshot_id = s.id
                order by l.console, l.id limit $1 offset $2""").execute(Tuple.of(limit, offset))
                .flatMap(rows -> statuses.all().map(consoles -> {
                    List<License> data = new ArrayList<>();
                    long[] total = { 0 };
                    rows.forEach(row -> {
                        data.add(License.of(row));
                        total[0] = row.getLong("total");
                    });
                    return new LicensePage(data, new LicensePage.Meta(total[0], limit, offset, consoles));
                }));
    }
}
