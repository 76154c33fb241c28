-- The W3C traceparent of the span that wrote an outbox row (libs/outbox Outbox.append), sent by the relay as the Kafka
-- record header `traceparent` so the consumer's work joins the writer's trace. NULL when traces are off or the write
-- happened outside a trace. The outbox table itself comes from libs/outbox (db/outbox), whose landed migration is not
-- edited; each service adds the column in its own schema.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
