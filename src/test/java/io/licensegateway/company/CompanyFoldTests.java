package io.licensegateway.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** The Java fold of the in-memory view gives what {@code company_fold} (V17) gives in PostgreSQL, name for name. */
@QuarkusTest
class CompanyFoldTests {

    private static final String[] WORDS = { "Contoso", "CONTOSO", "contoso", "Fabrikam", "Ünïcode", "Ærø", "Œuvre",
            "Straße", "Łódź", "Smith & Sons", "A&B", "The", "AB", "Oy", "ooo", "pt", "de", "S", "p", "A", "B", "V",
            "100%_Match", "x_y", "日本", "Ωmega", "Жук", "İstanbul", "  ", "-", ".", "e\u0301", "Tomás", "García" };
    private static final String[] FORMS = { "GmbH", "G.m.b.H.", "gmbh.", "AG", "Ltd", "Ltd.", "Inc.", "S.A.", "S.p.A.",
            "B.V.", "Oy", "LLC", "GmbH & Co. KG", "Co", "and", "the", "Sàrl", "sp. z o.o.", "S.A. de C.V.", "" };

    @Inject
    Pool pool;

    @Test
    void javaAndSqlFoldEveryNameAlike() {
        Random random = new Random(42);
        List<String> names = new ArrayList<>(List.of("", " ", "GmbH", "The Company", "AB Volvo", "Oy Alpine Ab",
                "s p a", "S. p. A.", "a b c d", "The The", "Contoso  G.m.b.H", "CONTOSO GMBH.", "Ab c d e"));
        for (int i = 0; i < 1500; i++) {
            StringBuilder name = new StringBuilder();
            int words = 1 + random.nextInt(3);
            for (int w = 0; w < words; w++) {
                name.append(random.nextBoolean() ? " " : random.nextBoolean() ? "  " : ",")
                        .append(WORDS[random.nextInt(WORDS.length)]);
            }
            name.append(random.nextBoolean() ? " " : ", ").append(FORMS[random.nextInt(FORMS.length)]);
            names.add(random.nextInt(4) == 0 ? name.toString().toUpperCase() : name.toString());
        }
        Map<String, String> sql = new HashMap<>();
        for (Row row : pool.preparedQuery("select n, company_fold(n) from unnest($1::text[]) n")
                .execute(Tuple.of(names.toArray(String[]::new))).await().atMost(Duration.ofSeconds(30))) {
            sql.put(row.getString(0), row.getString(1));
        }
        for (String name : names) {
            assertThat(CompanyFold.fold(name)).as("fold of '%s'", name).isEqualTo(sql.get(name));
        }
        assertThat(CompanyFold.fold(null)).isNull();
    }
}
