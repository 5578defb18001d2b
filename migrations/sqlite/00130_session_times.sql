-- +goose Up
-- Circuit hearings and mediation sessions take a time and a place on the
-- calendar (optional: without times they stay all-day items) and are booked
-- like hearings. A mediation session may be scheduled ahead (scheduled = 1):
-- it is not a mediation held, so no figure counts it until it is recorded.
ALTER TABLE circuits ADD COLUMN starts_at TEXT;
ALTER TABLE circuits ADD COLUMN ends_at TEXT;
CREATE INDEX circuits_court_starts ON circuits(court_code, starts_at, ends_at);
ALTER TABLE mediations ADD COLUMN starts_at TEXT;
ALTER TABLE mediations ADD COLUMN ends_at TEXT;
ALTER TABLE mediations ADD COLUMN scheduled INTEGER NOT NULL DEFAULT 0;
CREATE INDEX mediations_court_starts ON mediations(court_code, starts_at, ends_at);
-- The colleagues chosen as participants (participant_ids): the mediators among them are booked.
CREATE TABLE mediation_participants (
    mediation_id INTEGER NOT NULL REFERENCES mediations(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (mediation_id, user_id)
);
CREATE INDEX mediation_participants_user ON mediation_participants(user_id);

-- +goose Down
DROP TABLE mediation_participants;
DROP INDEX mediations_court_starts;
ALTER TABLE mediations DROP COLUMN scheduled;
ALTER TABLE mediations DROP COLUMN ends_at;
ALTER TABLE mediations DROP COLUMN starts_at;
DROP INDEX circuits_court_starts;
ALTER TABLE circuits DROP COLUMN ends_at;
ALTER TABLE circuits DROP COLUMN starts_at;
