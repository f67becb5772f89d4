package io.licensegateway.operations;

import java.util.Locale;

/** The license counters whose utilization is measured, with their used/licensed columns in {@code license}. */
enum UtilizationCounter {
    BACKUPS("used_cloudconnect_backups", "licensed_cloudconnect_backups"),
    REPLICAS("used_cloudconnect_replicas", "licensed_cloudconnect_replicas"),
    SERVERS("used_cloudconnect_servers", "licensed_cloudconnect_servers"),
    WORKSTATIONS("used_cloudconnect_workstations", "licensed_cloudconnect_workstations"),
    VMS("used_vms", "licensed_vms"),
    INSTANCES("used_instances", "total_instances");

    private final String used;
    private final String licensed;

    UtilizationCounter(String used, String licensed) {
        this.used = used;
        this.licensed = licensed;
    }

    /** The metric label value. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * used / licensed of a console's summary row ({@code license_rollup r}, which holds the sums) as a double; null
     * where nothing is licensed (a ratio of 0/0 means nothing).
     */
    String ratioSql() {
        return "(r." + used + "::float8 / nullif(r." + licensed + ", 0)::float8) as " + label();
    }
}
