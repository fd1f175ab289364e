package io.pipelinehealth.support;

import io.pipelinehealth.common.MutableTestClock;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.time.Instant;

/**
 * The test clock around every {@code @QuarkusTest} method: pinned first where the class says
 * {@link PinnedClock}, and back on system time after every test, whatever it set, so no test
 * leaves its instant to the next. A Quarkus test callback (META-INF/services), like
 * {@link ApiKeyExtension}.
 */
public class TestClocks implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        PinnedClock pinned = context.getTestInstance().getClass().getAnnotation(PinnedClock.class);
        if (pinned != null) {
            clock().set(Instant.parse(pinned.value()));
        }
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        clock().reset();
    }

    private static MutableTestClock clock() {
        return Arc.container().instance(MutableTestClock.class).get();
    }
}
