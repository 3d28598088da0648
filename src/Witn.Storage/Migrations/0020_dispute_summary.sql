-- The dispute summary (docs/disputes.md#summary) counts a tenant's charges that settled in a range, beside its
-- disputes opened in that range (disputes_tenant_opened, 0018): this index keeps that count a range read.
CREATE INDEX charges_tenant_settles ON charges (tenant_id, settles_at);
