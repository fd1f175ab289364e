package io.pipelinehealth.identity;

import io.pipelinehealth.common.ApiException;
import java.util.Optional;

/**
 * What a rep key may see: a key whose only data role is {@code rep} is limited to its owner's deals.
 * A key that also holds admin or read sees its whole tenant.
 */
public final class RepScope {

    private RepScope() {
    }

    public static boolean limited(ApiKey key) {
        return key.isRep() && !key.roles().contains(Roles.ADMIN) && !key.roles().contains(Roles.READ);
    }

    /**
     * The owner filter of a list for this key: a rep's own id (another rep's id is a 403), or the
     * requested filter unchanged.
     */
    public static String ownerFilter(Optional<String> repOwner, String requested) {
        if (repOwner.isEmpty()) {
            return requested;
        }
        if (requested != null && !requested.isEmpty() && !requested.equals(repOwner.get())) {
            throw forbidden("A rep key sees only its own deals; ownerId must be '" + repOwner.get() + "' or absent.");
        }
        return repOwner.get();
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
    }
}
