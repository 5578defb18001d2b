-- +goose Up
-- InnoDB's statistics of cases again after 00300 and 00350 dropped and
-- built its list indexes: on a large register upgraded through them, the
-- optimizer was seen to misjudge cases_court_organ_list (pages of up to 8 s,
-- docs/benchmarks.md) until ANALYZE TABLE. A sample of the table's pages
-- (innodb_stats_persistent_sample_pages), under a second at a million
-- cases; on an empty or small register it costs nothing.
ANALYZE TABLE cases;

-- +goose Down
SELECT 1;
