package io.licensegateway.company;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** {@code gateway.companies.*}. */
@ConfigMapping(prefix = "gateway.companies")
public interface CompaniesConfig {

    /**
     * Aliases set at every start: {@code gateway.companies.aliases.<company>=<spelling>,<spelling>}. A company named
     * here gets exactly these spellings (API changes to it last until the next start); spellings are folded.
     */
    Map<String, List<String>> aliases();
}
