-- The outbox: one row per change, written in the change's transaction (see Outbox.java).
CREATE TABLE todo_events (
    id         BIGINT PRIMARY KEY,
    type       VARCHAR(20) NOT NULL,
    data       VARCHAR(4000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- Event ids come from this single row, updated under its row lock, so they follow commit order.
CREATE TABLE event_sequence (
    id      INT PRIMARY KEY,
    last_id BIGINT NOT NULL
);
INSERT INTO event_sequence (id, last_id) VALUES (1, 0);
