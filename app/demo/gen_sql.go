package demo

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"fuyuan/app"
)

// sqlRowsPerInsert is how many rows one multi-row INSERT carries on MySQL:
// few round trips, far below the limit of 65,535 placeholders.
const sqlRowsPerInsert = 1000

// sqlLoader writes generated rows through database/sql on a connection of
// its own, with multi-row INSERTs prepared once per table and reused, in
// one transaction per batch. Foreign-key and unique checks are off for the
// connection while it loads: the generator takes every reference from rows
// it has just read or written, and numbers every case from the counters.
type sqlLoader struct {
	ctx   context.Context
	conn  *sql.Conn
	stmts map[string]*sql.Stmt // by table: the INSERT of sqlRowsPerInsert rows
}

func openSQLLoader(ctx context.Context, s *app.Store) (*sqlLoader, error) {
	conn, err := s.SQL().Conn(ctx)
	if err != nil {
		return nil, err
	}
	l := &sqlLoader{ctx: ctx, conn: conn, stmts: map[string]*sql.Stmt{}}
	if _, err := conn.ExecContext(ctx, "SET SESSION foreign_key_checks = 0, unique_checks = 0"); err != nil {
		l.close()
		return nil, err
	}
	return l, nil
}

// insert is the INSERT of n rows into rs's table.
func insert(rs *rows, n int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", rs.ncol), ",") + ")"
	return "INSERT INTO " + rs.table + " (" + rs.cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+",", n), ",")
}

func (l *sqlLoader) load(batch []*rows) (err error) {
	if _, err := l.conn.ExecContext(l.ctx, "START TRANSACTION"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			l.conn.ExecContext(context.WithoutCancel(l.ctx), "ROLLBACK")
		}
	}()
	for _, rs := range batch {
		for start := 0; start < rs.n; start += sqlRowsPerInsert {
			end := min(rs.n, start+sqlRowsPerInsert)
			args := rs.vals[start*rs.ncol : end*rs.ncol]
			if end-start < sqlRowsPerInsert {
				_, err = l.conn.ExecContext(l.ctx, insert(rs, end-start), args...)
			} else {
				st, ok := l.stmts[rs.table]
				if !ok {
					if st, err = l.conn.PrepareContext(l.ctx, insert(rs, sqlRowsPerInsert)); err != nil {
						return fmt.Errorf("gen: prepare %s: %w", rs.table, err)
					}
					l.stmts[rs.table] = st
				}
				_, err = st.ExecContext(l.ctx, args...)
			}
			if err != nil {
				return fmt.Errorf("gen: insert %s: %w", rs.table, err)
			}
		}
	}
	_, err = l.conn.ExecContext(l.ctx, "COMMIT")
	return err
}

// close gives the connection back with the checks on again, or drops it.
func (l *sqlLoader) close() error {
	for _, st := range l.stmts {
		st.Close()
	}
	ctx := context.WithoutCancel(l.ctx)
	if _, err := l.conn.ExecContext(ctx, "SET SESSION foreign_key_checks = 1, unique_checks = 1"); err != nil {
		// A connection whose checks may still be off never goes back to the pool.
		l.conn.Raw(func(any) error { return driver.ErrBadConn })
		l.conn.Close()
		return err
	}
	return l.conn.Close()
}
