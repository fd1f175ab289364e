package io.pipelinehealth.visit;

/**
 * Rule 10's person who has to act, as SQL over a visit row aliased {@code v} and the parameters
 * {@code :asOf} and {@code :tenant} (the subquery names the tenant itself, not {@code v.tenant_id}:
 * Citus routes a correlated subquery to one shard only by its own predicate): the opportunity's owner as known at asOf. The row's {@code current_owner} is the
 * owner after its last event; when a step of the row came after asOf, the owner of the latest
 * event of the row up to asOf is looked up instead (the row's entering owner when there is none).
 */
public final class OwnerAtAsOf {

    /** The owner of the row's latest event up to asOf, or its entering owner: for rows stepped after asOf. */
    public static final String LOOKED_UP = """
            coalesce((select e.owner_id from transition_event e
                      where e.tenant_id = :tenant and e.opportunity_id = v.opportunity_id
                        and e.occurred_at >= v.entered_at and e.occurred_at <= :asOf
                      order by e.occurred_at desc, e.event_id desc limit 1), v.owner_id)""";

    /** The snapshot when the row's last event is known at asOf, else {@link #LOOKED_UP}. */
    public static final String SQL = "case when v.last_event_at <= :asOf then v.current_owner else " + LOOKED_UP + " end";

    private OwnerAtAsOf() {
    }
}
