-- Matches between two users of a pool, their decisions, and the outcome of each processed cleanup event.
-- Deleting a pool removes its matches, and through them their decisions, by cascade.
CREATE TABLE matches (
    id CHAR(36) NOT NULL,
    pool_id CHAR(36) NOT NULL,
    user_a_id CHAR(36) NOT NULL,
    user_b_id CHAR(36) NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_matches_pool FOREIGN KEY (pool_id) REFERENCES pools (id) ON DELETE CASCADE
);

-- The cleanup of a user's leave looks the user up on either side of the match, within one pool.
CREATE INDEX ix_matches_pool_user_a ON matches (pool_id, user_a_id);
CREATE INDEX ix_matches_pool_user_b ON matches (pool_id, user_b_id);
CREATE INDEX ix_matches_user_a ON matches (user_a_id);
CREATE INDEX ix_matches_user_b ON matches (user_b_id);

CREATE TABLE match_decisions (
    match_id CHAR(36) NOT NULL,
    user_id CHAR(36) NOT NULL,
    decision VARCHAR(16) NOT NULL,
    decided_at DATETIME(6) NOT NULL,
    PRIMARY KEY (match_id, user_id),
    CONSTRAINT fk_match_decisions_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE CASCADE
);

-- One row per processed cleanup event; the key makes a redelivered event a recorded duplicate.
-- Event ids are UUIDs, or Pub/Sub message ids for events of older producers, hence the wider column.
CREATE TABLE cleanup_log (
    event_id VARCHAR(128) NOT NULL,
    user_id CHAR(36) NOT NULL,
    pool_id CHAR(36) NOT NULL,
    left_at DATETIME(6) NULL,
    matches_deleted INT NOT NULL,
    decisions_deleted INT NOT NULL,
    accepted_kept INT NOT NULL,
    processed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (event_id)
);
