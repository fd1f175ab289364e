package io.pipelinehealth.ui;

import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.common.TenantResolver;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A page's independent reads side by side: a page that shows several analytics answers waits for
 * the slowest of them instead of their sum. Each read takes its own pooled connection. The tenant
 * is handed over explicitly: a connection's row-level security setting comes from the checking-out
 * thread's tenant (db.TenantSession), and a ThreadLocal does not travel. The reads run on a small
 * pool of their own, not on the request workers, so page requests waiting for them can never hold
 * every thread their reads need.
 */
@ApplicationScoped
class Concurrently {

    private static final int THREADS = 4;

    @Inject TenantResolver tenants;
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, work -> {
        Thread thread = new Thread(work, "ui-reads");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts the read now, as the current tenant; {@code get()} waits for it and rethrows its failure. */
    <T> Supplier<T> start(Supplier<T> read) {
        String tenant = tenants.currentTenant();
        CompletableFuture<T> running = CompletableFuture.supplyAsync(() -> TenantContext.call(tenant, read), executor);
        return () -> {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        };
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
