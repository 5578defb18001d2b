package demo

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/driver/mysql"

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
	ctx     context.Context
	dsn     string // the store's DSN, for building indexes without its read timeout
	conn    *sql.Conn
	stmts   map[string]*sql.Stmt // by table: the INSERT of sqlRowsPerInsert rows
	indexes map[string][]string  // by table: the secondary indexes dropped for the load
}

func openSQLLoader(ctx context.Context, s *app.Store) (*sqlLoader, error) {
	conn, err := s.SQL().Conn(ctx)
	if err != nil {
		return nil, err
	}
	l := &sqlLoader{ctx: ctx, conn: conn, stmts: map[string]*sql.Stmt{}, indexes: map[string][]string{}}
	if d, ok := s.DB.Dialector.(*mysql.Dialector); ok && d.Config != nil {
		l.dsn = d.Config.DSN
	}
	if _, err := conn.ExecContext(ctx, "SET SESSION foreign_key_checks = 0, unique_checks = 0"); err != nil {
		l.close()
		return nil, err
	}
	return l, nil
}

// errIndexNeeded is MySQL's error 1553: a foreign key needs the index.
const errIndexNeeded = 1553

// dropIndexes drops the secondary indexes of tables that no foreign key
// needs, remembering them for addIndexes: InnoDB builds an index from
// sorted rows many times faster than it inserts a million rows into it.
func (l *sqlLoader) dropIndexes(tables []string) error {
	q := `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION FROM information_schema.STATISTICS
		WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY' AND TABLE_NAME IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(tables)), ", ") + `)
		ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
	args := make([]any, len(tables))
	for i, t := range tables {
		args[i] = t
	}
	rows, err := l.conn.QueryContext(l.ctx, q, args...)
	if err != nil {
		return err
	}
	type index struct {
		table, name string
		unique      bool
		cols        []string
	}
	var all []*index
	for rows.Next() {
		var table, name, col string
		var nonUnique int
		var sub sql.NullInt64
		var collation sql.NullString
		if err := rows.Scan(&table, &name, &nonUnique, &col, &sub, &collation); err != nil {
			rows.Close()
			return err
		}
		if n := len(all); n == 0 || all[n-1].table != table || all[n-1].name != name {
			all = append(all, &index{table: table, name: name, unique: nonUnique == 0})
		}
		if sub.Valid {
			col = fmt.Sprintf("`%s`(%d)", col, sub.Int64)
		} else {
			col = "`" + col + "`"
		}
		if collation.String == "D" { // a descending column
			col += " DESC"
		}
		all[len(all)-1].cols = append(all[len(all)-1].cols, col)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, ix := range all {
		_, err := l.conn.ExecContext(l.ctx, "DROP INDEX `"+ix.name+"` ON `"+ix.table+"`")
		var me *gomysql.MySQLError
		if errors.As(err, &me) && me.Number == errIndexNeeded {
			continue
		}
		if err != nil {
			return fmt.Errorf("gen: drop index %s: %w", ix.name, err)
		}
		kind := "INDEX"
		if ix.unique {
			kind = "UNIQUE INDEX"
		}
		l.indexes[ix.table] = append(l.indexes[ix.table], "ADD "+kind+" `"+ix.name+"` ("+strings.Join(ix.cols, ", ")+")")
	}
	return nil
}

// addIndexes adds the dropped indexes again, all of a table in one ALTER
// TABLE (one pass over its rows). It connects anew: the loader's connection
// may have been closed by a cancelled load, and the store's connections
// give up on an answer after their read timeout (30 s by default), which
// building the indexes of a million cases can take.
func (l *sqlLoader) addIndexes() error {
	if len(l.indexes) == 0 {
		return nil
	}
	cfg, err := gomysql.ParseDSN(l.dsn)
	if err != nil {
		return fmt.Errorf("gen: index again: %w", err)
	}
	cfg.ReadTimeout = 0
	connector, err := gomysql.NewConnector(cfg)
	if err != nil {
		return fmt.Errorf("gen: index again: %w", err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	ctx := context.WithoutCancel(l.ctx)
	for table, adds := range l.indexes {
		if _, err := db.ExecContext(ctx, "ALTER TABLE `"+table+"` "+strings.Join(adds, ", ")); err != nil {
			return fmt.Errorf("gen: index %s again: %w", table, err)
		}
		// The indexes built again have no statistics for the optimizer
		// yet (InnoDB's persistent statistics of the table are those of
		// the empty table the load began with): a sample of the loaded
		// rows, under a second at a million cases.
		if err := analyze(ctx, db, table); err != nil {
			return fmt.Errorf("gen: analyze %s: %w", table, err)
		}
		delete(l.indexes, table)
	}
	return nil
}

// analyze runs ANALYZE TABLE on table; it reports its failure, which MySQL
// gives as a row of its result (Msg_type error), not as an error.
func analyze(ctx context.Context, db *sql.DB, table string) error {
	rows, err := db.QueryContext(ctx, "ANALYZE TABLE `"+table+"`")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var tbl, op, kind, msg string
		if err := rows.Scan(&tbl, &op, &kind, &msg); err != nil {
			return err
		}
		if strings.EqualFold(kind, "error") {
			return errors.New(msg)
		}
	}
	return rows.Err()
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
