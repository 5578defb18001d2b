-- +goose Up
-- A circuit hearing held at a judge workstation names it, and counts once
-- among that workstation's services (app.WorkstationServiceRows).
ALTER TABLE circuits
    ADD COLUMN workstation_id BIGINT NULL,
    ADD CONSTRAINT circuits_workstation FOREIGN KEY (workstation_id) REFERENCES workstations(id);

-- +goose Down
ALTER TABLE circuits DROP FOREIGN KEY circuits_workstation, DROP COLUMN workstation_id;
