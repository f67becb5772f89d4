package io.licensegateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dev mode without a PostgreSQL server: when the datasource URL is only the one from the properties files and nothing
 * answers there, an embedded PostgreSQL is started and the datasource pointed at it. A URL from the environment or a
 * system property is an explicit choice and is never replaced, nor is anything outside dev mode: the embedded server's
 * library is on the class path of dev mode only, not in the packaged application.
 */
public final class EmbeddedDevDatabase implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(EmbeddedDevDatabase.class);

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    /** The environment (300) and system properties (400) outrank every properties file. */
    private static final int EXPLICIT_ORDINAL = 300;
    /** Above the properties files, below the environment. */
    private static final int ORDINAL = 290;
    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    private static final int DEFAULT_PORT = 5432;
    private static final Path HOME = Path.of("target", "embedded-postgres");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return List.of();
        }
        ConfigValue url = configuredUrl(context);
        if (url == null || url.getValue() == null || url.getConfigSourceOrdinal() >= EXPLICIT_ORDINAL
                || answers(URI.create(url.getValue()))) {
            return List.of();
        }
        int port = Server.start();
        Map<String, String> datasource = Map.of(
                REACTIVE_URL, "postgresql://127.0.0.1:" + port + "/postgres",
                JDBC_URL, "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                USERNAME, "postgres");
        // live reload builds the configuration again in a fresh class loader: as system properties the URLs
        // are explicit from then on, so the server of this JVM is reused instead of a second one started
        datasource.forEach(System::setProperty);
        LOG.infof("No PostgreSQL answers at %s: started an embedded PostgreSQL on port %d (data in %s)",
                url.getValue(), port, HOME.toAbsolutePath());
        return List.of(new PropertiesConfigSource(datasource, "embedded dev PostgreSQL", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static ConfigValue configuredUrl(ConfigSourceContext context) {
        ConfigValue profiled = context.getValue("%dev." + REACTIVE_URL);
        return profiled != null && profiled.getValue() != null ? profiled : context.getValue(REACTIVE_URL);
    }

    private static boolean answers(URI url) {
        int port = url.getPort() < 0 ? DEFAULT_PORT : url.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException notThere) {
            return false;
        }
    }

    /** Apart, so the embedded server's classes are loaded only when one is started. */
    private static final class Server {

        static int start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(HOME.resolve("data"))
                        .setOverrideWorkingDirectory(HOME.resolve("binaries").toFile())
                        // kept between runs, like a server of one's own; the shutdown hook stops it with the JVM
                        .setCleanDataDirectory(false)
                        .start();
                return postgres.getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded dev PostgreSQL", e);
            }
        }
    }
}
