-- Deliveries are listed newest outbox row first, then by endpoint, and paged by that key (GET /v1/webhooks/deliveries):
-- without a filter the keyset condition is an index range instead of a sort of every delivery.
CREATE INDEX webhook_deliveries_outbox_endpoint ON webhook_deliveries (outbox_id DESC, endpoint_id);

-- Keys and webhook endpoints are paged in creation order (created_at, id).
CREATE INDEX api_keys_created_id ON api_keys (created_at, id);
CREATE INDEX webhook_endpoints_created_id ON webhook_endpoints (created_at, id);
