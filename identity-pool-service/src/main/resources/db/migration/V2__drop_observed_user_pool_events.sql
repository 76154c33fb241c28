-- observed_user_pool_events (V1) recorded each user pool event and had no reader: no action or check used it.
-- The consumer that wrote it is gone until identity pools have a real use for cognate.userpool.events.
DROP TABLE IF EXISTS observed_user_pool_events;
