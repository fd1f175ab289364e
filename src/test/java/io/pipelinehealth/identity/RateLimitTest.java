package io.pipelinehealth.identity;

import static io.pipelinehealth.identity.Keys.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.ApiKeyExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key that spends its burst gets 429 with Retry-After; other keys are not affected. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline-health.keys.rate-limit.per-second", "1",
                    "pipeline-health.keys.rate-limit.burst", "5");
        }
    }

    @Test
    void spentBucketIs429WithRetryAfter() {
        String reader = Keys.create(ApiKeyExtension.TEST_KEY, "busy", List.of("read"), null);
        long start = System.nanoTime();
        int allowed = 0;
        Response refused;
        while ((refused = as(reader).get("/api/v1/pipelines")).statusCode() == 200) {
            allowed++;
            // the burst of 5, plus one token refilled per second the loop has taken (a slow machine)
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(allowed <= 5 + seconds + 1, allowed + " requests allowed in " + seconds + " s");
        }
        assertTrue(allowed >= 4, "the burst is available at once");
        // the refused answer itself: a later request could find a token refilled meanwhile
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pipeline-health.dev/problems/rate-limited"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        as(ApiKeyExtension.TEST_KEY).get("/api/v1/pipelines").then().statusCode(200);
    }
}
