package app

import (
	"strings"

	"gorm.io/gorm"
)

// caseCopy is a table whose rows carry copies of columns of their case
// (case_id), kept by the store in the transaction that writes the row or
// changes the case (bumpCasesFiguresTx): own column ← expression over the
// case c.
type caseCopy struct {
	table string
	cols  [][2]string
}

// caseDimensionCols are the accountability figures' dimensions
// (reports.CaseFiguresBy) and the case type; case_judge_id is the case's
// judge (0: none), not the row's.
var caseDimensionCols = [][2]string{
	{"case_type", "c.case_type"}, {"organ_id", "c.organ_id"}, {"case_judge_id", "COALESCE(c.judge_id, 0)"},
	{"domain", "c.domain"}, {"cause", "c.cause"},
}

var (
	// hearingCopy: a hearing carries its case's dimensions (migration 00111).
	hearingCopy = caseCopy{"hearings", caseDimensionCols}
	// appealCopy: an appeal carries its case's status and closing day and
	// its dimensions (migration 00210).
	appealCopy = caseCopy{"appeals", append([][2]string{{"case_status", "c.status"}, {"case_closed_on", "c.closed_on"}}, caseDimensionCols...)}
	// commitmentCopy: a commitment carries its case's status, closing day
	// and method and its dimensions (migration 00211).
	commitmentCopy = caseCopy{"commitments", append([][2]string{{"case_status", "c.status"}, {"case_closed_on", "c.closed_on"},
		{"case_close_method", "c.close_method"}}, caseDimensionCols...)}
	// caseCopies are every table that carries columns of its case.
	caseCopies = []caseCopy{hearingCopy, appealCopy, commitmentCopy}
)

// caseColumns are the columns of cases the copy's expressions read.
func (cc caseCopy) caseColumns() []string {
	var out []string
	for _, c := range cc.cols {
		e := strings.TrimSuffix(strings.TrimPrefix(c[1], "COALESCE("), ", 0)")
		out = append(out, strings.TrimPrefix(e, "c."))
	}
	return out
}

// copyTx copies the case's columns onto the rows of the table that match
// where (with args): after a row is written, and after a change to any of
// those columns of its case.
func (cc caseCopy) copyTx(tx *gorm.DB, where string, args ...any) error {
	sets := make([]string, len(cc.cols))
	for i, c := range cc.cols {
		sets[i] = c[0] + " = (SELECT " + c[1] + " FROM cases c WHERE c.id = " + cc.table + ".case_id)"
	}
	return tx.Exec(`UPDATE `+cc.table+` SET `+strings.Join(sets, ", ")+` WHERE `+where, args...).Error
}

// touches reports whether changes to a case row change what the table's
// rows carry.
func (cc caseCopy) touches(changes map[string]any) bool {
	for _, c := range cc.caseColumns() {
		if _, ok := changes[c]; ok {
			return true
		}
	}
	return false
}

// copyCaseColumnsTx copies onto the rows of every table that carries columns
// of its case the changed columns of the cases ids.
func copyCaseColumnsTx(tx *gorm.DB, changes map[string]any, ids []int64) error {
	for _, cc := range caseCopies {
		if cc.touches(changes) {
			if err := cc.copyTx(tx, "case_id IN ?", ids); err != nil {
				return err
			}
		}
	}
	return nil
}

// CaseCopiesDrift counts the rows (hearings, appeals, commitments) whose copies of their
// case's columns differ from the case (0 when the store kept them): for
// tests and for checks after a repair by hand.
func (s *Store) CaseCopiesDrift(db *gorm.DB) (int64, error) {
	var total int64
	for _, cc := range caseCopies {
		var differ []string
		for _, c := range cc.cols {
			// NULL-safe: a closing day is NULL while the case is open.
			if s.Dialect == MySQL {
				differ = append(differ, "NOT (x."+c[0]+" <=> "+c[1]+")")
			} else {
				differ = append(differ, "x."+c[0]+" IS NOT "+c[1])
			}
		}
		var n int64
		err := db.Raw(`SELECT COUNT(*) FROM ` + cc.table + ` x JOIN cases c ON c.id = x.case_id WHERE ` + strings.Join(differ, " OR ")).Scan(&n).Error
		if err != nil {
			return 0, s.Err(err)
		}
		total += n
	}
	return total, nil
}
