package io.pipelinehealth.connector;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** HubSpot deal properties with the instant each value took effect (connector_deal_property). */
@ApplicationScoped
public class DealPropertyStore {

    /** One property change as HubSpot reported it; {@code eventKey} is unique per connector. */
    record Change(String eventKey, String dealId, String property, Instant occurredAt, String value) {
    }

    /** A value and the instant it took effect. */
    record Value(String value, Instant occurredAt) {
    }

    @Inject AgroalDataSource dataSource;

    /** Stores the changes not seen before and answers their event keys (a retry's key is not among them). */
    Set<String> insertNew(String tenantId, String connectorId, List<Change> changes) {
        if (changes.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(new NamedSql("""
                insert into connector_deal_property (tenant_id, connector_id, deal_id, property, occurred_at,
                    event_key, value)
                select :tenant, :connector, c.deal_id, c.property, c.occurred_at, c.event_key, c.value
                from unnest(:dealIds, :properties, :occurredAts, :eventKeys, :values)
                    as c(deal_id, property, occurred_at, event_key, value)
                on conflict (tenant_id, connector_id, event_key) do nothing
                returning event_key
                """).set("tenant", tenantId).set("connector", connectorId)
                .array("dealIds", "text", changes.stream().map(Change::dealId).toArray())
                .array("properties", "text", changes.stream().map(Change::property).toArray())
                .array("occurredAts", "timestamptz", changes.stream().map(c -> Jdbc.timestamptz(c.occurredAt())).toArray())
                .array("eventKeys", "text", changes.stream().map(Change::eventKey).toArray())
                .array("values", "text", changes.stream().map(Change::value).toArray())
                .strings(dataSource));
    }

    /**
     * The deal's value of the property in effect at {@code at}: the latest change at or before it
     * (ties: the larger event key, so every replica and retry picks the same one).
     */
    Optional<Value> valueAt(String tenantId, String connectorId, String dealId, String property, Instant at) {
        return new NamedSql("""
                select value, occurred_at from connector_deal_property
                where tenant_id = :tenant and connector_id = :connector and deal_id = :deal
                  and property = :property and occurred_at <= :at
                order by occurred_at desc, event_key collate "C" desc limit 1
                """).set("tenant", tenantId).set("connector", connectorId).set("deal", dealId)
                .set("property", property).set("at", at)
                .first(dataSource, row -> new Value(row.getString(1), Jdbc.instant(row, 2)));
    }
}
