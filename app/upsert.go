package app

import "strings"

// onConflict is the end of an INSERT whose rows may be there already, by
// key (the columns of the table's primary key or of one of its unique
// indexes): such a row is updated instead of the INSERT failing. Each
// column of add is raised by the value the INSERT gave it (a kept count, a
// running number), each of take set to it, each of raise set to the larger
// of the two; with none of them the row is left as it is. The two
// databases write this differently (MariaDB's ON DUPLICATE KEY UPDATE and
// VALUES(), SQLite's ON CONFLICT and excluded), and here alone.
type onConflict struct {
	key              []string
	add, take, raise []string
}

// sql is the clause for dialect. (Of an INSERT … SELECT, SQLite needs the
// SELECT to end with a WHERE, else it reads ON as a join's.)
func (o onConflict) sql(dialect string) string {
	value := func(c string) string { return "excluded." + c }
	larger := "MAX"
	if dialect == MySQL {
		value = func(c string) string { return "VALUES(" + c + ")" }
		larger = "GREATEST"
	}
	var set []string
	for _, c := range o.add {
		set = append(set, c+" = "+c+" + "+value(c))
	}
	for _, c := range o.take {
		set = append(set, c+" = "+value(c))
	}
	for _, c := range o.raise {
		set = append(set, c+" = "+larger+"("+c+", "+value(c)+")")
	}
	if dialect == MySQL {
		if len(set) == 0 {
			// MariaDB has no DO NOTHING; a column set to itself changes
			// nothing (and reports no row affected).
			set = []string{o.key[0] + " = " + o.key[0]}
		}
		return " ON DUPLICATE KEY UPDATE " + strings.Join(set, ", ")
	}
	head := " ON CONFLICT (" + strings.Join(o.key, ", ") + ") DO "
	if len(set) == 0 {
		return head + "NOTHING"
	}
	return head + "UPDATE SET " + strings.Join(set, ", ")
}
