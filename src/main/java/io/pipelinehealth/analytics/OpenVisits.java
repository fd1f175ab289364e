package io.pipelinehealth.analytics;

/**
 * The stage visits open at {@code :asOf} (rule 9), as a subquery for the analytics: those still
 * open now, plus those that ended after asOf. Two branches so that each reads one partial index
 * of V2 ({@code visit_open_now}, {@code visit_left_at}) instead of the whole table.
 */
final class OpenVisits {

    static final String SQL = """
            select owner_id, stage, entered_s, frozen_after_s
            from visit
            where tenant_id = :tenant and pipeline_id = :pipeline and kind = 'VISIT' and left_at is null
              and entered_at <= :asOf
            union all
            select owner_id, stage, entered_s, frozen_after_s
            from visit
            where tenant_id = :tenant and pipeline_id = :pipeline and kind = 'VISIT' and left_at > :asOf
              and entered_at <= :asOf""";

    private OpenVisits() {
    }
}
