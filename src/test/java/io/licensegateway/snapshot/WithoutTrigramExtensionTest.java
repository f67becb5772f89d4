package io.licensegateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A role that may create tables but not extensions (no CREATE on the database), as on a locked-down managed
 * database: the migrations still complete, without the trigram indexes (which SearchIndexes then names at start).
 */
class WithoutTrigramExtensionTest {

    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DATABASE = "lg_no_extension";
    private static final String ROLE = "lg_no_extension";

    @BeforeEach
    void lockedDownDatabase() throws SQLException {
        dropAll();
        try (Connection admin = DriverManager.getConnection(ADMIN, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create role " + ROLE + " login");
            statement.execute("create database " + DATABASE);
        }
        try (Connection owner = DriverManager.getConnection(url(), "postgres", "");
                Statement statement = owner.createStatement()) {
            statement.execute("revoke create on database " + DATABASE + " from public");
            statement.execute("grant usage, create on schema public to " + ROLE);
        }
    }

    @AfterEach
    void dropAll() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("drop role if exists " + ROLE);
        }
    }

    @Test
    void migratesWithoutTheTrigramIndexes() throws SQLException {
        Flyway.configure().dataSource(url(), ROLE, "").locations("classpath:db/migration").load().migrate();

        try (Connection connection = DriverManager.getConnection(url(), ROLE, "");
                Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "select extname from pg_extension")).doesNotContain("pg_trgm");
            assertThat(strings(statement, "select indexname from pg_indexes where tablename = 'license_current'"))
                    .contains("license_current_pkey", "license_current_expiry_idx")
                    .noneMatch(name -> name.contains("trgm"));
        }
    }

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
