package io.pipelinehealth.feed;

import io.pipelinehealth.pipeline.Pipeline;
import java.util.Map;
import io.pipelinehealth.worktime.OpenVisitTime;
import io.pipelinehealth.worktime.TimeBasis;

/** Stored visit rows as feed rows, with open visits' figures as of the pull. */
final class FeedRows {

    private FeedRows() {
    }

    /** The row with the attributes as given (the streaming writers write them from the stored row instead). */
    static FeedRow of(FeedStored s, Pipeline pipeline, long nowSecond, Map<String, String> attributes) {
        String basis = basis(pipeline);
        if ("SKIPPED".equals(s.kind())) {
            return new FeedRow(s.visitKey(), s.opportunityId(), s.pipelineId(), s.stage(), s.ownerId(), s.enteredAt(),
                    s.leftAt(), 0, s.standardSeconds(), deviation(0, s.standardSeconds()), "SKIPPED", basis,
                    attributes);
        }
        if (s.leftAt() != null) {
            long actual = s.workingSeconds() != null ? s.workingSeconds() : s.leftSecond() - s.enteredSecond();
            return new FeedRow(s.visitKey(), s.opportunityId(), s.pipelineId(), s.stage(), s.ownerId(), s.enteredAt(),
                    s.leftAt(), actual, s.standardSeconds(), deviation(actual, s.standardSeconds()), s.closedStatus(),
                    basis, attributes);
        }
        // open: elapsed as of now; the stored frozen_after_s compares with calendar seconds for both bases (V11)
        long elapsed = OpenVisitTime.elapsed(pipeline.calendar(), s.enteredSecond(), nowSecond);
        boolean frozen = s.frozenAfterSeconds() != null && nowSecond - s.enteredSecond() > s.frozenAfterSeconds();
        return new FeedRow(s.visitKey(), s.opportunityId(), s.pipelineId(), s.stage(), s.ownerId(), s.enteredAt(),
                null, elapsed, s.standardSeconds(), deviation(elapsed, s.standardSeconds()), frozen ? "FROZEN" : "OPEN",
                basis, attributes);
    }

    /** The timeBasis cell: CALENDAR, or WORKING and the zone. */
    static String basis(Pipeline pipeline) {
        return TimeBasis.of(pipeline.calendar()).cell();
    }

    private static Long deviation(long actual, Long standard) {
        return standard == null ? null : actual - standard;
    }
}
