-- Charges are listed (and paged) by (qualified_at, id) per tenant: the id in the index makes a page's keyset
-- condition an index range instead of a filter over every charge with the same qualification time.
CREATE INDEX charges_tenant_qualified_id ON charges (tenant_id, qualified_at, id);
DROP INDEX charges_tenant_qualified;

CREATE INDEX credits_tenant_created_id ON credits (tenant_id, created_at, id);
DROP INDEX credits_tenant_created;
