package io.pipelinehealth.ui;

import io.pipelinehealth.identity.ApiKey;
import io.pipelinehealth.identity.RepScope;
import io.pipelinehealth.identity.Roles;
import java.util.Optional;

/** Who is signed in to the pages: the session's key, and the session's CSRF token for its forms. */
public record Viewer(ApiKey key, String csrf) {

    /** Keys that may sign in: those that can read something a page shows. */
    static boolean maySignIn(ApiKey key) {
        return key.roles().contains(Roles.ADMIN) || key.roles().contains(Roles.READ) || key.isRep();
    }

    /** The rep's owner id when the key sees only its own deals, as in the API (RepScope). */
    public Optional<String> repOwner() {
        return RepScope.limited(key) ? Optional.ofNullable(key.ownerId()) : Optional.empty();
    }

    /** read and admin keys see the team pages; a rep key does not. */
    public boolean seesTeam() {
        return key.roles().contains(Roles.ADMIN) || key.roles().contains(Roles.READ);
    }

    /** As POST /api/v1/opportunities/{id}/handoffs: admin, handoff, or a rep for its own deals. */
    public boolean mayHandOff() {
        return key.roles().contains(Roles.ADMIN) || key.roles().contains(Roles.HANDOFF) || key.isRep();
    }

    /** Where this viewer lands after signing in. */
    String home() {
        return repOwner().map(owner -> "/ui/reps/" + Links.segment(owner)).orElse("/ui/");
    }

    public String name() {
        return key.name();
    }
}
