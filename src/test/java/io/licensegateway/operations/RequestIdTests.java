package io.licensegateway.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
@DefaultCredentials.None
class RequestIdTests {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void echoesASaneIncomingId() {
        given().header("X-API-Key", DefaultCredentials.READER_KEY).header("X-Request-Id", "lb-7f3a.B_9-x")
                .get("/api/v1/consoles").then().statusCode(200).header("X-Request-Id", "lb-7f3a.B_9-x");
    }

    @Test
    void generatesAnIdWhenNoneIsGiven() {
        String first = given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/consoles").then()
                .statusCode(200).header("X-Request-Id", matchesPattern(UUID)).extract().header("X-Request-Id");
        given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/consoles").then()
                .header("X-Request-Id", not(equalTo(first)));
    }

    @Test
    void replacesAnIdThatIsUnsafeToEchoOrLog() {
        for (String bad : List.of("has space", "x".repeat(65), "inject\"quote", "semi;colon", "ümlaut", "")) {
            given().header("X-API-Key", DefaultCredentials.READER_KEY).header("X-Request-Id", bad)
                    .get("/api/v1/consoles").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
        }
        given().header("X-Request-Id", "x".repeat(64)).get("/api/v1/consoles").then()
                .header("X-Request-Id", "x".repeat(64));
    }

    @Test
    void errorAnswersCarryTheIdToo() {
        given().header("X-Request-Id", "unauthenticated-1").get("/api/v1/consoles").then().statusCode(401)
                .header("X-Request-Id", "unauthenticated-1");
        given().header("X-API-Key", DefaultCredentials.READER_KEY).header("X-Request-Id", "missing-1")
                .get("/api/v1/runs/999999").then().statusCode(404).header("X-Request-Id", "missing-1");
    }

    @Test
    void theIdIsInTheLoggingMdcOnTheEventLoopAndOnWorkers() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (RequestIdProbe.LOG_MESSAGE.equals(record.getMessage())) {
                    ((ExtLogRecord) record).copyMdc(); // as an async handler would, while still on the request
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RequestIdProbe.class.getName());
        logger.addHandler(capture);
        try {
            given().header("X-Request-Id", "probe-1").get("/api/v1/test/request-id").then().statusCode(200)
                    .body(equalTo("probe-1"));
            given().header("X-Request-Id", "probe-2").get("/api/v1/test/request-id/blocking").then().statusCode(200)
                    .body(equalTo("probe-2"));
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(records).singleElement()
                .satisfies(r -> assertThat(((ExtLogRecord) r).getMdc(RequestIds.MDC_KEY)).isEqualTo("probe-1"));
    }
}
