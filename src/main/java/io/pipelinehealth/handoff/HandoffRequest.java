package io.pipelinehealth.handoff;

/**
 * The body of POST /api/v1/opportunities/{id}/handoffs. Loosely typed (direction and at as
 * strings) so validation can name every bad field in one 422.
 */
public record HandoffRequest(String direction, String at, String reason, String by, String stage, String ownerId) {
}
