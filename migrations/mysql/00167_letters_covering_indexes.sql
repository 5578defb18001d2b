-- +goose Up
-- The letters' figures of a period (reports.addRecords) from their indexes
-- alone: issued by kind, replied and adopted, and overdue as of a day (by
-- status and due day, with the issue and reply days), instead of looking
-- each letter of the span up in the table.
DROP INDEX letters_court_status_due ON letters;
CREATE INDEX letters_court_status_due ON letters(court_code, status, reply_due_on, issued_on, replied_on);
DROP INDEX letters_court_issued ON letters;
CREATE INDEX letters_court_issued ON letters(court_code, issued_on, kind);
DROP INDEX letters_court_replied ON letters;
CREATE INDEX letters_court_replied ON letters(court_code, replied_on, adopted);

-- +goose Down
DROP INDEX letters_court_status_due ON letters;
CREATE INDEX letters_court_status_due ON letters(court_code, status, reply_due_on);
DROP INDEX letters_court_issued ON letters;
CREATE INDEX letters_court_issued ON letters(court_code, issued_on);
DROP INDEX letters_court_replied ON letters;
CREATE INDEX letters_court_replied ON letters(court_code, replied_on);
