package io.licensegateway.upstream;

import java.util.Locale;

/** One spelling per edition: VAC documents {@code EnterprisePlus} but its examples print {@code Enterprise Plus}. */
public final class Editions {

    private Editions() {
    }

    public static String canonical(String edition) {
        if (edition == null) {
            return null;
        }
        return switch (edition.replace(" ", "").toLowerCase(Locale.ROOT)) {
            case "enterpriseplus" -> "Enterprise Plus";
            case "enterprise" -> "Enterprise";
            case "standard" -> "Standard";
            default -> edition.trim();
        };
    }
}
