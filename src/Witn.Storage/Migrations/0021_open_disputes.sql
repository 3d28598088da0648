-- A draft invoice marks the lines whose charges have an open dispute (docs/disputes.md#invoices): it reads the
-- tenant's open disputes, which are few beside its charges, so the draft never scans the period's charges for them.
CREATE INDEX disputes_tenant_open ON disputes (tenant_id, charge_id) WHERE status IN ('open', 'under_review');
