package io.pipelinehealth.frozen;

import io.pipelinehealth.worktime.TimeBasis;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** An open deal whose current visit is past frozenAfter as of the list's asOf; ownerId is the current owner. */
public record FrozenItem(
        String opportunityId,
        String pipelineId,
        String stage,
        String ownerId,
        Instant enteredAt,
        long elapsedSeconds,
        long frozenAfterSeconds,
        long overdueSeconds,
        TimeBasis timeBasis,
        BigDecimal amount,
        String currency,
        Map<String, String> attributes) {
}
