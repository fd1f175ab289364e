package io.pipelinehealth.connector;

/** Which CRM a connector speaks for, and so how its inbound requests are read and authenticated. */
public enum ConnectorKind {
    /** HubSpot webhooks API (deal property changes), signed with X-HubSpot-Signature-v3. */
    HUBSPOT,
    /** Pipedrive webhooks v2 (deal create and change), with HTTP basic auth. */
    PIPEDRIVE,
    /** A Salesforce OpportunityHistory export (text/csv), uploaded with one of our keys. */
    SALESFORCE_CSV
}
