-- observed_user_pool_events (V1) recorded each user pool event and had no reader: no trigger or check used it.
-- The consumer that wrote it is gone until post-event triggers and event subscriptions (issue 12) consume
-- cognate.userpool.events for a real effect, through libs/outbox's consumer template.
DROP TABLE IF EXISTS observed_user_pool_events;
