package io.pipelinehealth.identity;

import java.util.List;

/** The roles a key can hold; the constants are what {@code @RolesAllowed} names. */
public final class Roles {

    /** Creates and lists tenants: the people who run the service. */
    public static final String OPERATOR = "operator";
    /** Everything inside its tenant, keys and webhooks included. */
    public static final String ADMIN = "admin";
    /** POST transitions. */
    public static final String INGEST = "ingest";
    /** Every GET of its tenant, JSON and CSV. */
    public static final String READ = "read";
    /** POST hand-offs. */
    public static final String HANDOFF = "handoff";
    /** One rep's own profile and deals; the key must carry the rep's ownerId. */
    public static final String REP = "rep";

    public static final List<String> ALL = List.of(OPERATOR, ADMIN, INGEST, READ, HANDOFF, REP);

    private Roles() {
    }
}
