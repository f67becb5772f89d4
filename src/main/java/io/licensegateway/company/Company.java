package io.licensegateway.company;

import java.util.List;

/**
 * One company across consoles: its key, its display name (the spelling with the most licenses), how many current
 * licenses it has on each console and under each spelling.
 */
public record Company(String key, String name, long licenses, List<Share> consoles, List<Share> spellings) {

    /** A console's or a spelling's share: its name and its licenses. */
    public record Share(String name, long licenses) {
    }
}
