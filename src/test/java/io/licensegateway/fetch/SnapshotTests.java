package io.licensegateway.fetch;

import static io.licensegateway.fetch.RefreshTests.outcomeOf;
import static io.licensegateway.fetch.RefreshTests.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorResource;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class SnapshotTests extends SimulatorTestBase {

    @Test
    void aFailureOnALaterPageKeepsThePreviousSnapshotAndStoresNothingPartial() {
        refresh("sim-01");
        Long before = database.currentSnapshot("sim-01");
        var original = simulator.console("sim-01").licenses().get(0);

        SimulatedConsole console = simulator.console("sim-01").reseed(1234).failOnPage(2, 1000);
        // Every attempt fails on page 2; the breaker may open before the last retry.
        assertThat(outcomeOf(refresh("sim-01"), "sim-01").get("outcome")).isIn("FAILED", "CIRCUIT_OPEN");

        assertThat(console.licenseRequests()).isGreaterThan(2);
        assertThat(database.currentSnapshot("sim-01")).isEqualTo(before);
        assertThat(database.count("select count(*) from snapshot where console = $1", "sim-01")).isEqualTo(1);
        assertThat(database.count("select count(*) from license_current where console = $1", "sim-01"))
                .isEqualTo(SimulatorResource.LICENSES);
        assertThat(database.count("select count(*) from license_current where console = $1 and id = $2 and company_name = $3",
                "sim-01", original.getString("id"), original.getString("companyName"))).isEqualTo(1);
        // nothing of the failed fetch was written: no version closed, no item stored
        assertThat(database.count("select count(*) from license_history where console = $1", "sim-01")).isZero();
        assertThat(database.count("select count(*) from license_raw where console = $1", "sim-01"))
                .isEqualTo(SimulatorResource.LICENSES);
        assertThat(console.licenses().get(0).getString("companyName")).isNotEqualTo(original.getString("companyName"));
    }

    @Test
    void identicalContentIsConfirmedWithoutCopyingRows() {
        long first = ((Number) outcomeOf(refresh("sim-02"), "sim-02").get("snapshotId")).longValue();

        var second = outcomeOf(refresh("sim-02"), "sim-02");

        assertThat(second).containsEntry("outcome", "UNCHANGED");
        assertThat(((Number) second.get("snapshotId")).longValue()).isEqualTo(first);
        assertThat(database.count("select count(*) from snapshot where console = $1", "sim-02")).isEqualTo(1);
        assertThat(database.count("select count(*) from license_current where console = $1", "sim-02"))
                .isEqualTo(SimulatorResource.LICENSES);
        assertThat(database.count("select count(*) from license_raw where console = $1", "sim-02"))
                .isEqualTo(SimulatorResource.LICENSES);
        assertThat(database.count("select count(*) from license_history where console = $1", "sim-02")).isZero();
        assertThat(database.count("select count(*) from snapshot where id = $1 and confirmed_at > fetched_at", first))
                .isEqualTo(1);
    }

    @Test
    void changedContentBecomesANewCurrentSnapshotAndOldOnesArePruned() {
        SimulatedConsole console = simulator.console("sim-03");
        long previous = 0;
        for (int seed = 1; seed <= 7; seed++) {
            console.reseed(seed);
            var outcome = outcomeOf(refresh("sim-03"), "sim-03");
            assertThat(outcome).containsEntry("outcome", "UPDATED");
            long id = ((Number) outcome.get("snapshotId")).longValue();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }

        assertThat(database.currentSnapshot("sim-03")).isEqualTo(previous);
        // the profile keeps 5 (gateway.snapshots.keep); the run prunes after its writes
        assertThat(database.count("select count(*) from snapshot where console = $1", "sim-03")).isEqualTo(5);
        // Every reseed changes every license: the current versions, plus the closed versions the four older kept
        // snapshots show; those only the two pruned snapshots showed are gone.
        assertThat(database.count("select count(*) from license_current where console = $1", "sim-03"))
                .isEqualTo(SimulatorResource.LICENSES);
        assertThat(database.count("select count(*) from license_history where console = $1", "sim-03"))
                .isEqualTo(4L * SimulatorResource.LICENSES);
        assertThat(database.count("select count(*) from license_raw where console = $1", "sim-03"))
                .isEqualTo(5L * SimulatorResource.LICENSES);
        // a gateway of the previous version still reads every kept snapshot through the compatibility view
        assertThat(database.count("select count(*) from license where console = $1", "sim-03"))
                .isEqualTo(5L * SimulatorResource.LICENSES);
    }

    @Test
    void storesTypedColumnsAndTheRawUpstreamItem() {
        refresh("sim-04");
        var license = simulator.console("sim-04").licenses().get(3);

        assertThat(database.count("""
                select count(*) from license_current l join license_raw r using (console, id, valid_from)
                where l.console = $1 and l.id = $2 and l.company_name = $3
                and l.licensed_cloudconnect_backups = $4 and r.raw ->> 'companyName' = $3""",
                "sim-04", license.getString("id"), license.getString("companyName"),
                license.getInteger("licensedCloudconnectBackups"))).isEqualTo(1);
    }
}
