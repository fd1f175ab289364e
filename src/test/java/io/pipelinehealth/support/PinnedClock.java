package io.pipelinehealth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test clock stands at this instant at the start of each test of the class ({@link TestClocks}):
 * for tests whose figures depend on now, such as open visits' elapsed seconds.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PinnedClock {

    /** An ISO-8601 instant. */
    String value();
}
