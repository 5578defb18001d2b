package app

import "gorm.io/gorm"

// hearingDimensionColumns are the columns of cases whose values each of the
// case's hearings carries (migration 00111): the dimensions of the
// accountability figures (reports.CaseFiguresBy) and the case type.
var hearingDimensionColumns = []string{"case_type", "organ_id", "judge_id", "domain", "cause"}

// copyCaseDimensionsTx copies the case's dimensions onto the hearings that
// match where (with args): after a hearing is scheduled, and after a change
// to any of those columns of its case.
func copyCaseDimensionsTx(tx *gorm.DB, where string, args ...any) error {
	col := func(expr string) string {
		return "(SELECT " + expr + " FROM cases c WHERE c.id = hearings.case_id)"
	}
	return tx.Exec(`UPDATE hearings SET case_type = `+col("c.case_type")+`, organ_id = `+col("c.organ_id")+
		`, case_judge_id = `+col("COALESCE(c.judge_id, 0)")+`, domain = `+col("c.domain")+`, cause = `+col("c.cause")+
		` WHERE `+where, args...).Error
}

// touchesHearingDimensions reports whether changes to a case row change
// what its hearings carry.
func touchesHearingDimensions(changes map[string]any) bool {
	for _, c := range hearingDimensionColumns {
		if _, ok := changes[c]; ok {
			return true
		}
	}
	return false
}

// HearingDimensionsDrift counts the hearings whose copies of their case's
// dimensions differ from the case (0 when the store kept them): for tests
// and for checks after a repair by hand.
func (s *Store) HearingDimensionsDrift(db *gorm.DB) (int64, error) {
	var n int64
	err := db.Raw(`SELECT COUNT(*) FROM hearings h JOIN cases c ON c.id = h.case_id
		WHERE h.case_type <> c.case_type OR h.organ_id <> c.organ_id OR h.case_judge_id <> COALESCE(c.judge_id, 0)
		OR h.domain <> c.domain OR h.cause <> c.cause`).Scan(&n).Error
	return n, s.Err(err)
}
