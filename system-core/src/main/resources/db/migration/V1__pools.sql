-- Pools and their members. A user is in at most one pool: user_id is the key of pool_members.
-- member_count is kept equal to the number of member rows by the Pools service, under a row lock.
CREATE TABLE pools (
    id CHAR(36) NOT NULL,
    name VARCHAR(200) NOT NULL,
    capacity INT NULL,
    member_count INT NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE pool_members (
    user_id CHAR(36) NOT NULL,
    pool_id CHAR(36) NOT NULL,
    joined_at DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_pool_members_pool FOREIGN KEY (pool_id) REFERENCES pools (id) ON DELETE CASCADE
);

CREATE INDEX ix_pool_members_pool ON pool_members (pool_id, joined_at);
