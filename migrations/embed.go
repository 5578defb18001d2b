// Package migrations holds the versioned SQL schema of fuyuan, one folder per
// dialect. A migration that has landed is never edited: add a new one.
package migrations

import "embed"

// SQLite is the schema for the embedded SQLite database.
//
//go:embed sqlite/*.sql
var SQLite embed.FS

// MySQL is the schema for MySQL 8 and MariaDB 10.11.
//
//go:embed mysql/*.sql
var MySQL embed.FS
