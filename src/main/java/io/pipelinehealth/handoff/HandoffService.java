package io.pipelinehealth.handoff;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.identity.AuditLog;
import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.opportunity.OpportunityState;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.HistoryStore;
import io.pipelinehealth.visit.Position;
import io.pipelinehealth.visit.Step;
import io.pipelinehealth.visit.VisitDeriver;
import io.pipelinehealth.visit.VisitRefresher;
import io.pipelinehealth.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Records hand-offs (DOMAIN rule 12) under the opportunity's row lock: the state at the
 * hand-off's instant must allow the move; the visits are re-derived and the webhook messages
 * written to the outbox in the same transaction.
 */
@ApplicationScoped
public class HandoffService {

    @Inject TenantResolver tenants;
    @Inject Clock clock;
    @Inject PipelineService pipelines;
    @Inject HandoffStore store;
    @Inject HistoryStore history;
    @Inject VisitRefresher refresher;
    @Inject WebhookOutbox outbox;
    @Inject RepAccess reps;
    @Inject AuditLog audit;

    @Transactional
    public Handoff handOff(String opportunityId, HandoffRequest request) {
        HandoffRequest trusted = request == null ? null : new HandoffRequest(request.direction(), request.at(),
                request.reason(), reps.actor(), request.stage(), request.ownerId());
        HandoffCommand command = HandoffCommand.parse(trusted, clock.instant());
        reps.checkHandoff(opportunityId, command.direction().name());
        return record(tenants.currentTenant(), opportunityId, command);
    }

    /** For callers that own the transaction (the frozen scan's automatic hand-offs). */
    public Handoff record(String tenant, String opportunityId, HandoffCommand command) {
        // the pipeline's share lock before the opportunity's row lock, in the order ingestion and
        // pipeline replacement take them, so none of them can deadlock with a hand-off
        String pipelineId = store.pipelineOf(tenant, opportunityId)
                .orElseThrow(() -> ApiException.notFound("opportunity", opportunityId));
        Pipeline pipeline = pipelines.findForDerivation(tenant, pipelineId).orElseThrow();
        store.lockOpportunity(tenant, opportunityId);
        command.checkStage(pipeline);
        List<Step> before = history.steps(tenant, Set.of(opportunityId), command.at())
                .getOrDefault(opportunityId, List.of());
        if (!VisitDeriver.accepts(pipeline, before, command.direction())) {
            throw refused(opportunityId, pipeline, VisitDeriver.derive(pipeline, before), command);
        }
        Handoff handoff = store.insert(tenant, opportunityId, pipelineId, command, clock.instant());
        refresher.refresh(tenant, pipeline, List.of(opportunityId));
        audit.record(tenant, "handoff." + handoff.direction(), opportunityId);
        outbox.enqueue(tenant, HandoffEvents.type(handoff.direction()), HandoffEvents.data(handoff));
        return handoff;
    }

    public Handoff find(long handoffId) {
        return store.find(tenants.currentTenant(), handoffId)
                .orElseThrow(() -> ApiException.notFound("handoff", String.valueOf(handoffId)));
    }

    private static ApiException refused(String opportunityId, Pipeline pipeline, List<Position> positions,
            HandoffCommand command) {
        String allowed = switch (command.direction()) {
            case TO_NURTURING -> "only an open deal (at a stage) can be handed to nurturing";
            case TO_SALES -> "only a deal in nurturing can be handed back to sales";
            case DISQUALIFY -> "only an open deal or one in nurturing can be disqualified";
        };
        String state;
        if (positions.isEmpty()) {
            state = "has no events at or before " + command.at();
        } else {
            Position current = positions.get(positions.size() - 1);
            OpportunityState s = OpportunityState.of(current.kind(), current.stage(), pipeline);
            state = "is " + s + (s == OpportunityState.OPEN ? " (at stage " + current.stage() + ")" : "")
                    + " at " + command.at();
        }
        return ApiException.conflict("invalid-handoff-state", "Hand-off not allowed",
                "opportunity '" + opportunityId + "' " + state + "; " + allowed);
    }
}
