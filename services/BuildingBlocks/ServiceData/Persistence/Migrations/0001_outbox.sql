-- Transactional outbox: written in the same transaction as the state change, published by OutboxDispatcher.
CREATE TABLE IF NOT EXISTS outbox_messages (
    sequence      bigserial PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    message_type  text        NOT NULL,
    payload       jsonb       NOT NULL,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text        NULL
);
CREATE INDEX IF NOT EXISTS ix_outbox_messages_unsent ON outbox_messages (sequence) WHERE sent_at IS NULL;

-- Consumers apply an event only when its version is newer than the one they hold.
CREATE TABLE IF NOT EXISTS projection_versions (
    aggregate_type text   NOT NULL,
    aggregate_id   text   NOT NULL,
    version        bigint NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- Every mutation, with who did it and the state before and after.
CREATE TABLE IF NOT EXISTS audit_entries (
    id          bigserial PRIMARY KEY,
    entity_type text        NOT NULL,
    entity_key  text        NOT NULL,
    action      text        NOT NULL,
    actor       text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    before      jsonb       NULL,
    after       jsonb       NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_entries_entity ON audit_entries (entity_type, entity_key, id);
