package io.pipelinehealth.connector;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.ApiKey;
import io.pipelinehealth.identity.CurrentKey;
import io.pipelinehealth.identity.Roles;
import io.pipelinehealth.transition.IngestService;
import io.pipelinehealth.transition.TransitionInput;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inbound CRM requests. The connector id names the tenant; everything after runs inside
 * {@link TenantContext} with it. What is stored goes through {@link IngestService#ingestJoined},
 * the same validation and storage as a POST /api/v1/transitions, but inside this class's one
 * transaction: the events, the connector's log and HubSpot's deal properties commit or roll back
 * together, on one connection. A batch larger than the inline limit is derived after that commit
 * ({@link IngestService#finish}), as a large POST is.
 */
@ApplicationScoped
public class InboundService {

    /** What the resource read from the request, before any connector is known. */
    record Request(String method, String uri, byte[] body, String hubspotSignature, String hubspotTimestamp,
            String authorization) {
    }

    @Inject ConnectorStore store;
    @Inject SecretBox secrets;
    @Inject HubSpotInbound hubspot;
    @Inject IngestService ingest;
    @Inject CurrentKey currentKey;
    @Inject Clock clock;

    /** A HubSpot or Pipedrive webhook (JSON). */
    public InboundResult webhook(String connectorId, Request request) {
        String tenant = tenantOf(connectorId);
        return TenantContext.call(tenant, () -> {
            ConnectorStore.Stored c = connector(tenant, connectorId);
            switch (c.kind()) {
                case HUBSPOT -> {
                    String problem = HubSpotSignature.problem(secrets.open(tenant, c.id(), c.secretSealed()),
                            request.method(), request.uri(), request.body(), request.hubspotTimestamp(),
                            request.hubspotSignature(), clock.instant());
                    if (problem != null) {
                        throw unauthorized("invalid-signature", "Invalid signature", problem);
                    }
                    List<HubSpotInbound.Event> events = HubSpotInbound.parse(CrmJson.read(request.body()));
                    return store(c, () -> hubspot.translate(c, events));
                }
                case PIPEDRIVE -> {
                    if (!BasicSecret.matches(BasicSecret.fromHeader(request.authorization()), c.secretHash())) {
                        throw unauthorized("invalid-credentials", "Invalid credentials",
                                "HTTP basic auth does not match the user:password of this connector");
                    }
                    return store(c, () -> PipedriveInbound.translate(c, CrmJson.read(request.body())));
                }
                default -> throw new ApiException(415, "unsupported-media-type", "Unsupported media type", "connector "
                        + c.id() + " takes a Salesforce export as text/csv, uploaded with a key of role ingest");
            }
        });
    }

    /** A Salesforce OpportunityHistory export (text/csv), uploaded with one of our keys. */
    public InboundResult export(String connectorId, InputStream body) {
        String tenant = tenantOf(connectorId);
        Optional<ApiKey> key = currentKey.get();
        if (key.isEmpty()) {
            throw unauthorized("unauthorized", "Unauthorized",
                    "A Salesforce export is uploaded with one of our keys: Authorization: Bearer <key> with role ingest.");
        }
        if (!key.get().tenantId().equals(tenant)) {
            throw ConnectorService.notFound(connectorId);
        }
        return TenantContext.call(tenant, () -> {
            ConnectorStore.Stored c = connector(tenant, connectorId);
            if (c.kind() != ConnectorKind.SALESFORCE_CSV) {
                throw new ApiException(415, "unsupported-media-type", "Unsupported media type", "connector " + c.id()
                        + " takes the CRM's JSON webhooks (application/json), not text/csv");
            }
            if (!key.get().roles().contains(Roles.INGEST) && !key.get().roles().contains(Roles.ADMIN)) {
                throw new ApiException(403, "forbidden", "Forbidden", "uploading an export needs a key with role ingest");
            }
            try (SalesforceExport export = new SalesforceExport(body)) {
                return exportBatches(c, export);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Batches of at most {@link IngestService#MAX_BATCH} transitions, each stored atomically with its log. */
    private InboundResult exportBatches(ConnectorStore.Stored c, SalesforceExport export) {
        Outcomes total = new Outcomes();
        Outcomes batch = new Outcomes();
        for (SalesforceExport.Row row = export.next(); row != null; row = export.next()) {
            total.received++;
            TransitionInput input = SalesforceExport.toInput(c, row, batch);
            if (input != null) {
                batch.transition(input, "line " + row.line(), row.line(), null);
            }
            if (batch.pending.size() == IngestService.MAX_BATCH) {
                total.add(storeBatch(c, batch));
                batch = new Outcomes();
            }
        }
        total.add(storeBatch(c, batch));
        return total.result();
    }

    /**
     * One batch of an export. Rows the ingest refuses (an invalid field, a conflict with a stored
     * event) are taken out by their index and listed with their line; the rest is tried again.
     */
    private Outcomes storeBatch(ConnectorStore.Stored c, Outcomes batch) {
        while (true) {
            try {
                IngestService.Joined joined = QuarkusTransaction.requiringNew().call(() -> {
                    IngestService.Joined stored = null;
                    if (!batch.pending.isEmpty()) {
                        List<Outcomes.Pending> rows = batch.pending;
                        String lines = "lines " + rows.get(0).line() + "-" + rows.get(rows.size() - 1).line();
                        stored = ingest.ingestJoined(batch.inputs());
                        batch.ingestedBatch(stored.result(), lines);
                    }
                    store.log(c.tenantId(), c.id(), clock.instant(), batch.log);
                    return stored;
                });
                if (joined != null) {
                    ingest.finish(joined);
                }
                return batch;
            } catch (ApiException e) {
                Set<Integer> bad = new HashSet<>();
                e.errors().stream().map(FieldError::index).filter(i -> i != null).forEach(bad::add);
                if (bad.isEmpty() || e.status() >= 500) {
                    throw e;
                }
                List<Outcomes.Pending> kept = new ArrayList<>();
                for (int i = 0; i < batch.pending.size(); i++) {
                    Outcomes.Pending p = batch.pending.get(i);
                    if (bad.contains(i)) {
                        int index = i;
                        batch.refused(p.source(), p.line(), p.input().eventId(), p.input().opportunityId(),
                                e.errors().stream().filter(f -> f.index() != null && f.index() == index)
                                        .map(f -> (f.field() == null ? "" : f.field() + " ") + f.message())
                                        .reduce((a, b) -> a + "; " + b).orElse(e.detail()));
                    } else {
                        kept.add(p);
                    }
                }
                batch.pending.clear();
                batch.pending.addAll(kept);
            }
        }
    }

    /** A webhook's events in one transaction: the CRM's retry of a refused request changes nothing twice. */
    private InboundResult store(ConnectorStore.Stored c, java.util.function.Supplier<Outcomes> translate) {
        try {
            IngestService.Joined[] joined = new IngestService.Joined[1];
            InboundResult result = QuarkusTransaction.requiringNew().call(() -> {
                Outcomes out = translate.get();
                if (!out.pending.isEmpty()) {
                    joined[0] = ingest.ingestJoined(out.inputs());
                    out.ingested(joined[0].result());
                }
                store.log(c.tenantId(), c.id(), clock.instant(), out.log);
                return out.result();
            });
            if (joined[0] != null) {
                ingest.finish(joined[0]);
            }
            return result;
        } catch (ApiException e) {
            // nothing was stored; the log still says what arrived and why it was refused
            QuarkusTransaction.requiringNew().run(() -> store.log(c.tenantId(), c.id(), clock.instant(),
                    List.of(new ConnectorStore.NewLogEntry("request", LogEntry.Outcome.REFUSED, null, null,
                            e.status() + " " + e.title() + ": " + e.detail()))));
            throw e;
        }
    }

    private String tenantOf(String connectorId) {
        return store.tenantOf(connectorId).orElseThrow(() -> ConnectorService.notFound(connectorId));
    }

    private ConnectorStore.Stored connector(String tenant, String connectorId) {
        return store.find(tenant, connectorId).orElseThrow(() -> ConnectorService.notFound(connectorId));
    }

    private static ApiException unauthorized(String type, String title, String detail) {
        return new ApiException(401, type, title, detail);
    }
}
