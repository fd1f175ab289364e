package io.pipelinehealth.identity;

import java.time.Instant;
import java.util.List;

/** A key just created: the only time {@code key} is ever shown. */
public record NewKey(String id, String name, List<String> roles, String ownerId, String prefix, Instant createdAt,
        Instant expiresAt, String key) {

    static NewKey of(ApiKey stored, String key) {
        return new NewKey(stored.id(), stored.name(), stored.roles(), stored.ownerId(), stored.prefix(),
                stored.createdAt(), stored.expiresAt(), key);
    }
}
