package io.pipelinehealth.analytics;

import java.time.Instant;
import java.util.List;

/**
 * What a rep gets back: their stage rows (visits they entered) next to the pipeline's median,
 * the deals they own now ranked by seconds past the standard, and those among them that are frozen.
 */
public record RepProfile(
        String ownerId,
        String pipelineId,
        Instant from,
        Instant to,
        Instant asOf,
        List<ProfileStage> stages,
        List<OpenDeal> openDeals,
        List<OpenDeal> frozenDeals) {
}
