package io.pipelinehealth.visit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** What is known of an opportunity after its latest event: stored once, not on every visit row. */
record OpportunitySnapshot(BigDecimal amount, String currency, Map<String, String> attributes, Instant knownAt) {
}
