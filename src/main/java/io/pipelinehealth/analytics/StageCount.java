package io.pipelinehealth.analytics;

/**
 * One rep's closed visits at one stage in the window (DOMAIN rule 11): {@code visits} in all,
 * {@code rushed} of them RUSHED or SKIPPED, {@code slow} of them SLOW.
 */
record StageCount(String ownerId, String stage, long visits, long rushed, long slow) {
}
