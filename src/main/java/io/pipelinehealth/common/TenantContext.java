package io.pipelinehealth.common;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * An explicit tenant for a unit of work that is not an HTTP request (the frozen scan, the webhook
 * dispatcher, tests). {@link TenantResolver#currentTenant()} answers it first. Start the unit's
 * transaction inside {@link #call}: the connection takes its tenant when it is checked out
 * ({@code db.TenantSession}), so a transaction begun outside keeps the tenant it started with.
 */
public final class TenantContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static <T> T call(String tenantId, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(tenantId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void run(String tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }

    static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
