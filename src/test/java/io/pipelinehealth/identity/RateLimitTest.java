package io.pipelinehealth.identity;

import static io.pipelinehealth.identity.Keys.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.ApiKeyExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
        int allowed = 0;
        while (as(reader).get("/api/v1/pipelines").statusCode() == 200) {
            allowed++;
            assertTrue(allowed <= 6, "the bucket holds 5 (plus at most one refilled while the test runs)");
        }
        assertTrue(allowed >= 4, "the burst is available at once");
        String retryAfter = as(reader).get("/api/v1/pipelines").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pipeline-health.dev/problems/rate-limited"))
                .extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1);
        as(ApiKeyExtension.TEST_KEY).get("/api/v1/pipelines").then().statusCode(200);
    }
}
