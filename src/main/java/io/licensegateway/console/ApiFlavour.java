package io.licensegateway.console;

/** Which upstream REST API a console speaks. */
public enum ApiFlavour {
    /** VAC REST API v2 (VAC 2.x/3.x, VSPC 4–6). */
    V2,
    /** VSPC REST API v3 (VSPC 7 and later). */
    V3;

    public String label() {
        return name().toLowerCase();
    }
}
