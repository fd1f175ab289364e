package io.pipelinehealth.connector;

/**
 * One CRM stage and the stage of our pipeline it is: a HubSpot {@code dealstage} value, a
 * Pipedrive {@code stage_id} (or {@code status:won} / {@code status:lost}), a Salesforce {@code StageName}.
 */
public record StageMapping(String crmStage, String pipelineId, String stage) {
}
