package io.pipelinehealth.connector;

import io.pipelinehealth.transition.IngestResult;
import io.pipelinehealth.transition.TransitionInput;
import java.util.ArrayList;
import java.util.List;

/** What one inbound request (or one batch of an export) became, item by item, for the answer and the log. */
final class Outcomes {

    /** A transition to ingest and the item it came from. */
    record Pending(TransitionInput input, String source, Integer line, String note) {
    }

    final List<Pending> pending = new ArrayList<>();
    final List<ConnectorStore.NewLogEntry> log = new ArrayList<>();
    final List<InboundItem> ignored = new ArrayList<>();
    final List<InboundItem> refused = new ArrayList<>();
    int received;
    int stored;
    int duplicates;
    int noted;
    int ignoredCount;
    int refusedCount;

    void transition(TransitionInput input, String source, Integer line, String note) {
        pending.add(new Pending(input, source, line, note));
    }

    List<TransitionInput> inputs() {
        return pending.stream().map(Pending::input).toList();
    }

    void duplicate(String source, String eventId, String opportunityId, String detail) {
        duplicates++;
        log.add(new ConnectorStore.NewLogEntry(source, LogEntry.Outcome.DUPLICATE, eventId, opportunityId, detail));
    }

    void noted(String source, String opportunityId, String detail) {
        noted++;
        log.add(new ConnectorStore.NewLogEntry(source, LogEntry.Outcome.NOTED, null, opportunityId, detail));
    }

    void ignored(String source, Integer line, String opportunityId, String reason) {
        ignoredCount++;
        if (ignored.size() < InboundResult.MAX_LISTED) {
            ignored.add(new InboundItem(source, line, reason));
        }
        log.add(new ConnectorStore.NewLogEntry(source, LogEntry.Outcome.IGNORED, null, opportunityId, reason));
    }

    void refused(String source, Integer line, String eventId, String opportunityId, String reason) {
        refusedCount++;
        if (refused.size() < InboundResult.MAX_LISTED) {
            refused.add(new InboundItem(source, line, reason));
        }
        log.add(new ConnectorStore.NewLogEntry(source, LogEntry.Outcome.REFUSED, eventId, opportunityId, reason));
    }

    /**
     * After ingest: every pending transition was stored or already stored. Ingest answers counts,
     * so a request of both kinds logs each item STORED with the counts in its detail.
     */
    void ingested(IngestResult result) {
        stored += result.stored();
        duplicates += result.duplicates();
        LogEntry.Outcome outcome = result.stored() == 0 ? LogEntry.Outcome.DUPLICATE : LogEntry.Outcome.STORED;
        String detail = result.duplicates() == 0 || result.stored() == 0 ? null : result.stored() + " of this request's "
                + result.received() + " transitions were new, " + result.duplicates() + " already stored";
        for (Pending p : pending) {
            String note = p.note() == null ? detail : detail == null ? p.note() : p.note() + "; " + detail;
            log.add(new ConnectorStore.NewLogEntry(p.source(), outcome, p.input().eventId(), p.input().opportunityId(), note));
        }
        pending.clear();
    }

    /** After ingest of an export's batch: one log line for the batch, not one per row. */
    void ingestedBatch(IngestResult result, String source) {
        stored += result.stored();
        duplicates += result.duplicates();
        log.add(new ConnectorStore.NewLogEntry(source, result.stored() == 0 ? LogEntry.Outcome.DUPLICATE
                : LogEntry.Outcome.STORED, null, null, result.received() + " transitions: " + result.stored()
                + " stored, " + result.duplicates() + " already stored"));
        pending.clear();
    }

    /** Another batch's outcomes added to these (the export's answer sums its batches). */
    void add(Outcomes batch) {
        stored += batch.stored;
        duplicates += batch.duplicates;
        noted += batch.noted;
        ignoredCount += batch.ignoredCount;
        refusedCount += batch.refusedCount;
        batch.ignored.stream().limit(InboundResult.MAX_LISTED - ignored.size()).forEach(ignored::add);
        batch.refused.stream().limit(InboundResult.MAX_LISTED - refused.size()).forEach(refused::add);
    }

    InboundResult result() {
        return new InboundResult(received, stored, duplicates, noted, ignoredCount, refusedCount, List.copyOf(ignored),
                List.copyOf(refused));
    }
}
