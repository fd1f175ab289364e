package io.pipelinehealth.identity;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.pipelinehealth.common.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per key (in memory, per replica): {@code perSecond} refilled, {@code burst} at
 * once. An exhausted bucket answers 429 problem+json with {@code Retry-After} in whole seconds.
 */
public class RateLimitFilter {

    private final CurrentIdentityAssociation identities;
    private final KeyConfig.RateLimit config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(CurrentIdentityAssociation identities, KeyConfig config) {
        this.identities = identities;
        this.config = config.rateLimit();
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        return identities.getDeferredIdentity().map(identity -> {
            ApiKey key = identity.isAnonymous() ? null : identity.getAttribute(ApiKey.ATTRIBUTE);
            if (key == null) {
                return null;
            }
            ConsumptionProbe probe = buckets.computeIfAbsent(key.tenantId() + "/" + key.id(), id -> newBucket())
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? null : tooMany(request, probe.getNanosToWaitForRefill());
        });
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(config.burst())
                .refillGreedy(config.perSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private static Response tooMany(ContainerRequestContext request, long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        String path = request.getUriInfo().getRequestUri().getPath();
        Response problem = new Problem(Problem.type("rate-limited"), "Too many requests", 429,
                "This key has used its request budget; retry after " + seconds + " s.", path, null).toResponse();
        return Response.fromResponse(problem).header("Retry-After", seconds).build();
    }
}
