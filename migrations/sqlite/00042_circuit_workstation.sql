-- +goose Up
-- A circuit hearing held at a judge workstation names it, and counts once
-- among that workstation's services (app.WorkstationServiceRows).
ALTER TABLE circuits ADD COLUMN workstation_id INTEGER REFERENCES workstations(id);
CREATE INDEX circuits_workstation ON circuits(workstation_id);

-- +goose Down
DROP INDEX circuits_workstation;
ALTER TABLE circuits DROP COLUMN workstation_id;
