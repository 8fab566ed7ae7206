-- User-Match's outbox. A leave's pool_member_removed event is stored here in the same moment User-Match
-- answers, and a relay publishes the pending rows (published_at NULL) in order of id, one user's events in
-- turn. The message is stored as it is published (body, attributes, ordering key) so a relay never needs
-- to re-encode it; event_id, pool_id, user_id and left_at repeat what it carries for queries and consoles.
CREATE TABLE event_outbox (
    id BIGINT NOT NULL AUTO_INCREMENT,
    event_id CHAR(36) NOT NULL,
    pool_id CHAR(36) NOT NULL,
    user_id CHAR(36) NOT NULL,
    left_at DATETIME(6) NOT NULL,
    payload VARCHAR(2000) NOT NULL,
    attributes VARCHAR(2000) NOT NULL,
    ordering_key VARCHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    -- A relay owns a row it is publishing until claimed_until; a relay that died loses it when that passes.
    claimed_by VARCHAR(64) NULL,
    claimed_until DATETIME(6) NULL,
    published_at DATETIME(6) NULL,
    message_id VARCHAR(128) NULL,
    last_error VARCHAR(1000) NULL,
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ux_event_outbox_event ON event_outbox (event_id);
-- Relays look for pending rows that are due, and for earlier pending rows of the same user.
CREATE INDEX ix_event_outbox_pending ON event_outbox (published_at, next_attempt_at);
CREATE INDEX ix_event_outbox_user ON event_outbox (user_id, published_at, id);
