package io.pipelinehealth.identity;

import java.time.Instant;
import java.util.List;

/** A key as listed: never any key material beyond its visible prefix. */
public record KeyView(String id, String name, List<String> roles, String ownerId, String prefix, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    static KeyView of(ApiKey key) {
        return new KeyView(key.id(), key.name(), key.roles(), key.ownerId(), key.prefix(), key.createdAt(),
                key.expiresAt(), key.lastUsedAt(), key.revokedAt());
    }
}
