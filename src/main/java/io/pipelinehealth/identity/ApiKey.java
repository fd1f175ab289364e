package io.pipelinehealth.identity;

import java.time.Instant;
import java.util.List;

/** A stored key, without its secret: the hash stays in the store. */
public record ApiKey(String tenantId, String id, String name, List<String> roles, String ownerId, String prefix,
        Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    /** The attribute of the security identity that carries the key. */
    public static final String ATTRIBUTE = "pipeline-health.api-key";

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public boolean isRep() {
        return roles.contains(Roles.REP);
    }

    /** Who a hand-off or an audit entry names: the rep's owner id, else the key's name. */
    public String actor() {
        return ownerId != null ? ownerId : name;
    }
}
