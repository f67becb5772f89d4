package io.licensegateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;

/**
 * Streams (the VAC-compatible collection, the CSV) borrow a connection of their own. Clients that hang up while
 * their stream still waits for one must not cost the pool that connection once it frees up.
 */
@QuarkusTest
class StreamCancellationTests {

    private static final int CLIENTS = 24;
    /** Longer than the pool's acquire timeout (2 s), so "no connection" shows as a failure, not as a hang. */
    private static final Duration ACQUIRE = Duration.ofSeconds(4);

    @Inject
    Pool pool;

    @Test
    void streamsWhoseClientsHangUpWhileWaitingGiveTheirConnectionsBack() throws Exception {
        List<SqlConnection> held = holdAllFree();
        assertThat(held).isNotEmpty();

        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(request(i % 2 == 0 ? "/v2/licensing/cloudconnectLicenses" : "/api/v1/licenses?format=csv"));
        }
        // let every request reach the pool's queue (the pool gives up on them after its 2 s acquire timeout)
        Thread.sleep(500);
        for (Socket client : clients) {
            client.setSoLinger(true, 0);
            client.close();
        }
        Thread.sleep(300);
        held.forEach(SqlConnection::closeAndAwait);

        // the hung-up streams' connections arrive now; each must go back to the pool
        Thread.sleep(500);
        List<SqlConnection> again = new ArrayList<>();
        try {
            for (int i = 0; i < held.size(); i++) {
                again.add(pool.getConnection().await().atMost(ACQUIRE));
            }
        } catch (RuntimeException poolShort) {
            // reported by the assertion below
        } finally {
            again.forEach(SqlConnection::closeAndAwait);
        }
        assertThat(again).as("connections the pool can lend at once after %d hung-up streams", CLIENTS)
                .hasSize(held.size());
    }

    /** Every connection the pool can lend now (it refuses the next one after its acquire timeout). */
    private List<SqlConnection> holdAllFree() {
        List<SqlConnection> held = new ArrayList<>();
        try {
            while (held.size() < 1000) {
                held.add(pool.getConnection().await().atMost(ACQUIRE));
            }
        } catch (RuntimeException exhausted) {
            // all of them
        }
        return held;
    }

    private static Socket request(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + DefaultCredentials.ADMIN_KEY
                + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
