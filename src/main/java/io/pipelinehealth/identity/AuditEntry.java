package io.pipelinehealth.identity;

import java.time.Instant;

/** One audited change: who (key id and name; null for the service's own jobs) did what, when. */
public record AuditEntry(long id, Instant at, String keyId, String keyName, String action, String target) {
}
