-- Row-level security (V6) for the identity tables of V4, which were made before it.
-- The audit trail is tenant data like any other.
select pipeline_health_protect('audit_event');
-- tenant and api_key stay outside the policy on purpose: a key is looked up by its hash before
-- its tenant is known (that lookup is what tells the tenant), and operators list every tenant.
-- They hold no CRM data: tenant names, and keys only as SHA-256 hashes (docs/threat-model.md).
