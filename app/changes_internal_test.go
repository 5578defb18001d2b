package app

import "testing"

func TestWrittenTableIsReadFromTheStatement(t *testing.T) {
	for sql, want := range map[string]string{
		"INSERT INTO cases (a) VALUES (1)":            "cases",
		"insert or replace into `case_counts`(a) ...": "case_counts",
		"INSERT IGNORE INTO sessions SET a = 1":       "sessions",
		"REPLACE INTO counters VALUES (1)":            "counters",
		"  UPDATE\n\t\"users\" SET a = 1":             "users",
		"DELETE FROM login_attempts WHERE 1":          "login_attempts",
		"DELETE cases FROM cases JOIN x":              "cases",
		"SELECT * FROM cases":                         "",
		"PRAGMA optimize":                             "",
		"CREATE INDEX x ON cases(a)":                  "",
		"UPDATE":                                      "",
	} {
		if got := writtenTable(sql); got != want {
			t.Errorf("%q: %q, want %q", sql, got, want)
		}
	}
}
