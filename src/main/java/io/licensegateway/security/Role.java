package io.licensegateway.security;

import java.util.Set;

/** What a caller may do: readers read everything; admins also start refreshes. */
public enum Role {
    READER, ADMIN;

    public static final String READ = "reader";
    public static final String WRITE = "admin";

    /** The role names a caller with this role holds (an admin is also a reader). */
    Set<String> grants() {
        return this == ADMIN ? Set.of(READ, WRITE) : Set.of(READ);
    }
}
