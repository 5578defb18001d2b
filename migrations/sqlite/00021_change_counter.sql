-- +goose Up
-- One number that every change made through the store raises, in the
-- transaction that makes it (app/changes.go). An instance that keeps a page
-- of cases in memory keeps it under the number it read before reading the
-- page, so a change on any instance sharing the database retires the page.
CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO change_counter (id, n) VALUES (1, 0);

-- +goose Down
DROP TABLE change_counter;
