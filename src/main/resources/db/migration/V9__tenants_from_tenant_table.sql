-- V6 kept its own list of tenant ids (tenant_directory, filled by triggers) for background work,
-- made before the identity work's tenant table (V4) was there to read. Every tenant with data is
-- created through that table, so background work reads it and the copy goes.
drop trigger pipeline_tenant_directory on pipeline;
drop trigger webhook_subscription_tenant_directory on webhook_subscription;
drop function tenant_directory_add();
drop table tenant_directory;
