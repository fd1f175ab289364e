package io.pipelinehealth.transition;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Stored transition events. A batch goes in by {@code COPY} into a temporary staging table of the
 * transaction's connection, then by one {@code insert ... select ... on conflict do nothing}: no
 * parameter arrays to encode, and no row lock on the opportunity (the derivation step takes that).
 */
@ApplicationScoped
public class TransitionStore {

    /**
     * Session-local, emptied at every commit: a pooled connection reuses it, no two transactions
     * share it. Created only when missing, not by {@code if not exists}: that form sends a NOTICE
     * per batch, which the driver turns into a warning object on the connection.
     */
    private static final String STAGING = """
            do $$ begin
                if to_regclass('pg_temp.transition_staging') is null then
                    create temporary table transition_staging (
                        event_id text collate "C", opportunity_id text collate "C", pipeline_id text collate "C",
                        stage text collate "C", occurred_at timestamptz, owner_id text collate "C", amount numeric,
                        currency text, attributes jsonb
                    ) on commit delete rows;
                end if;
            end $$
            """;

    @Inject AgroalDataSource dataSource;

    /** Copies the batch (ids unique) into the staging table of this transaction's connection. */
    public void stage(List<TransitionEvent> events) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement create = connection.createStatement()) {
                create.execute(STAGING);
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy transition_staging (event_id, opportunity_id, pipeline_id, stage, occurred_at, owner_id,
                        amount, currency, attributes) from stdin
                    """, CopyText.reader(events));
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        } catch (IOException e) {
            throw new IllegalStateException("could not stream the batch to the database", e);
        }
    }

    /**
     * Creates the staged opportunities that do not exist yet (in id order: concurrent creators of
     * the same ones wait for each other in one order) and answers the stored pipeline of each of
     * {@code opportunityIds}; the caller compares it with the batch's.
     */
    public Map<String, String> createOpportunities(String tenantId, Collection<String> opportunityIds) {
        new NamedSql("""
                insert into opportunity (tenant_id, opportunity_id, pipeline_id)
                select distinct :tenant, opportunity_id, pipeline_id from transition_staging
                order by opportunity_id
                on conflict do nothing
                """).set("tenant", tenantId).update(dataSource);
        // a statement of its own: it sees opportunities that a concurrent batch created meanwhile.
        // The ids come as a parameter, not by a join with the staging table: the temporary table
        // has no statistics, and the planner chose a hash join that read every opportunity of
        // the store per batch; = any(:ids) is an index lookup per id.
        return new NamedSql("""
                select o.opportunity_id, o.pipeline_id
                from opportunity o
                where o.tenant_id = :tenant and o.opportunity_id = any(:ids)
                """).set("tenant", tenantId).array("ids", "text", opportunityIds.toArray()).pairs(dataSource);
    }

    /**
     * Inserts the staged events, skipping ids already stored; answers the ids inserted with each
     * opportunity's earliest inserted instant. With {@code recordPending}, the same statement
     * writes the durable record that those opportunities are still to derive.
     */
    public Inserted insertStaged(String tenantId, boolean recordPending) {
        Inserted inserted = new Inserted(new HashSet<>(), new HashMap<>(), new HashMap<>());
        new NamedSql("""
                with inserted as (
                    insert into transition_event (tenant_id, event_id, opportunity_id, pipeline_id, stage,
                        occurred_at, owner_id, amount, currency, attributes)
                    select :tenant, event_id, opportunity_id, pipeline_id, stage, occurred_at, owner_id,
                        amount, currency, attributes
                    from transition_staging
                    order by event_id -- one order for all: two batches sharing ids wait, never deadlock
                    on conflict do nothing
                    returning event_id, opportunity_id, pipeline_id, occurred_at
                ), pending as (
                    insert into derive_pending (tenant_id, opportunity_id, pipeline_id, from_at)
                    select :tenant, opportunity_id, min(pipeline_id), min(occurred_at) from inserted
                    where :recordPending group by opportunity_id
                    on conflict do nothing -- never applies (a new identity); on Citus an INSERT, not a COPY, which row-level security refuses
                )
                select event_id, opportunity_id, pipeline_id, occurred_at from inserted
                """).set("tenant", tenantId).set("recordPending", recordPending)
                .each(dataSource, row -> inserted.add(row.getString(1), row.getString(2), row.getString(3),
                        Jdbc.instant(row, 4)));
        return inserted;
    }

    /** The ids inserted, and per opportunity its pipeline and earliest inserted instant. */
    public record Inserted(Set<String> eventIds, Map<String, String> pipelineOf,
            Map<String, Instant> earliest) {

        void add(String eventId, String opportunityId, String pipelineId, Instant at) {
            eventIds.add(eventId);
            pipelineOf.put(opportunityId, pipelineId);
            earliest.merge(opportunityId, at, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    /**
     * Locks the opportunities' rows until the transaction ends, in id order (no deadlock between
     * derivations); with {@code skipLocked}, only those no other transaction holds, without waiting.
     * Answers the ids locked.
     */
    public Set<String> lockForDerivation(String tenantId, Collection<String> opportunityIds, boolean skipLocked) {
        return new HashSet<>(new NamedSql("""
                select opportunity_id from opportunity
                where tenant_id = :tenant and opportunity_id = any(:ids)
                order by opportunity_id for update
                """ + (skipLocked ? " skip locked" : ""))
                .set("tenant", tenantId).array("ids", "text", opportunityIds.toArray()).strings(dataSource));
    }

    /** Up to {@code limit} opportunities with pending derivations, oldest first, with their pipelines. */
    public Map<String, String> pendingOpportunities(String tenantId, int limit) {
        return new NamedSql("""
                select opportunity_id, min(pipeline_id) from derive_pending where tenant_id = :tenant
                group by opportunity_id order by min(pending_id) limit :limit
                """).set("tenant", tenantId).set("limit", limit).pairs(dataSource);
    }

    /** The tenant's derivation backlog: opportunities pending and since when the oldest waits. */
    public IngestStatus status(String tenantId) {
        return new NamedSql("""
                select count(distinct opportunity_id), min(since) from derive_pending where tenant_id = :tenant
                """).set("tenant", tenantId)
                .first(dataSource, row -> new IngestStatus(row.getLong(1), Jdbc.instant(row, 2))).orElseThrow();
    }

    public Map<String, TransitionEvent> find(String tenantId, Collection<String> eventIds) {
        Map<String, TransitionEvent> found = new HashMap<>();
        new NamedSql("""
                select event_id, opportunity_id, pipeline_id, stage, occurred_at, owner_id, amount,
                       currency, attributes
                from transition_event where tenant_id = :tenant and event_id = any(:ids)
                """).set("tenant", tenantId).array("ids", "text", eventIds.toArray())
                .each(dataSource, row -> {
                    TransitionEvent event = new TransitionEvent(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), Jdbc.instant(row, 5), row.getString(6), row.getBigDecimal(7),
                            row.getString(8), Jdbc.stringMap(row.getString(9)));
                    found.put(event.eventId(), event);
                });
        return found;
    }
}
