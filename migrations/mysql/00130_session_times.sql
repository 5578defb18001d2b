-- +goose Up
-- Circuit hearings and mediation sessions take a time and a place on the
-- calendar (optional: without times they stay all-day items) and are booked
-- like hearings. A mediation session may be scheduled ahead (scheduled = 1):
-- it is not a mediation held, so no figure counts it until it is recorded.
ALTER TABLE circuits
    ADD COLUMN starts_at CHAR(16) NULL,
    ADD COLUMN ends_at CHAR(16) NULL,
    ADD INDEX circuits_court_starts (court_code, starts_at, ends_at);
ALTER TABLE mediations
    ADD COLUMN starts_at CHAR(16) NULL,
    ADD COLUMN ends_at CHAR(16) NULL,
    ADD COLUMN scheduled TINYINT(1) NOT NULL DEFAULT 0,
    ADD INDEX mediations_court_starts (court_code, starts_at, ends_at);
-- The colleagues chosen as participants (participant_ids): the mediators among them are booked.
CREATE TABLE mediation_participants (
    mediation_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (mediation_id, user_id),
    KEY mediation_participants_user (user_id),
    FOREIGN KEY (mediation_id) REFERENCES mediations(id),
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE mediation_participants;
ALTER TABLE mediations DROP INDEX mediations_court_starts, DROP COLUMN scheduled, DROP COLUMN ends_at, DROP COLUMN starts_at;
ALTER TABLE circuits DROP INDEX circuits_court_starts, DROP COLUMN ends_at, DROP COLUMN starts_at;
