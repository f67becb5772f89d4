package io.licensegateway.query;

import org.junit.jupiter.api.BeforeEach;

import io.licensegateway.support.Database;
import io.licensegateway.support.Snapshots;
import jakarta.inject.Inject;

/** Query tests read {@link LicenseQueryTests#DATA}, stored afresh before each test as three consoles' snapshots. */
abstract class FixedDataset {

    @Inject
    Database database;

    @Inject
    Snapshots snapshots;

    @BeforeEach
    void storeFixedDataset() {
        database.clear();
        LicenseQueryTests.DATA.forEach(snapshots::store);
    }
}
