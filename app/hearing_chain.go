package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// hearingLink is what a held hearing carries of its case's earlier held
// hearings (migration 00160): the day of the previous one, in the order of
// held_on then id, and of the previous one with each of the head's flags
// the accountability figures count each case once by (reports.caseFigureGroups):
// appeared, notified, either, appeared and spoke, appeared as 正职. A hearing
// not held carries none.
type hearingLink struct {
	Held, Appeared, Notified, Either, Spoke, Principal Date
}

// hearingLinkColumns are the columns of hearingLink, in its order.
const hearingLinkColumns = "prev_held_on, prev_appeared_on, prev_notified_on, prev_either_on, prev_spoke_on, prev_principal_on"

// hearingFacts is what a hearing's link is computed from.
type hearingFacts struct {
	ID                                int64
	HeldOn                            Date
	HeadNotified, HeadAppeared, Spoke bool
	HeadRank                          string
	Link                              hearingLink
}

// caseHearingLinks computes the links of one case's hearings, given in the
// order of held_on then id (the ones not held anywhere among them).
func caseHearingLinks(hs []hearingFacts) []hearingLink {
	out := make([]hearingLink, len(hs))
	var last hearingLink
	for i, h := range hs {
		if h.HeldOn.IsZero() {
			continue
		}
		out[i] = last
		d := h.HeldOn
		last.Held = d
		if h.HeadAppeared {
			last.Appeared = d
		}
		if h.HeadNotified {
			last.Notified = d
		}
		if h.HeadNotified || h.HeadAppeared {
			last.Either = d
		}
		if h.HeadAppeared && h.Spoke {
			last.Spoke = d
		}
		if h.HeadAppeared && h.HeadRank == "principal" {
			last.Principal = d
		}
	}
	return out
}

// readHearingFacts reads the hearings matching where, in the order of case,
// held_on (the ones not held first) and id.
func readHearingFacts(db *gorm.DB, where string, args ...any) (map[int64][]hearingFacts, []int64, error) {
	rows, err := db.Raw(`SELECT case_id, id, held_on, head_notified, head_appeared, head_spoke, head_rank, `+hearingLinkColumns+`
		FROM hearings WHERE `+where+` ORDER BY case_id, held_on, id`, args...).Rows()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byCase := map[int64][]hearingFacts{}
	var cases []int64
	for rows.Next() {
		var caseID int64
		var h hearingFacts
		l := &h.Link
		if err := rows.Scan(&caseID, &h.ID, &h.HeldOn, &h.HeadNotified, &h.HeadAppeared, &h.Spoke, &h.HeadRank,
			&l.Held, &l.Appeared, &l.Notified, &l.Either, &l.Spoke, &l.Principal); err != nil {
			return nil, nil, err
		}
		if _, ok := byCase[caseID]; !ok {
			cases = append(cases, caseID)
		}
		byCase[caseID] = append(byCase[caseID], h)
	}
	return byCase, cases, rows.Err()
}

// linkCaseHearingsTx sets the links of the case's hearings afresh, those
// that changed only: after a hearing of the case is scheduled or changed
// (under the case's lock).
func linkCaseHearingsTx(tx *gorm.DB, caseID int64) error {
	_, err := linkHearingsTx(tx, "case_id = ?", caseID)
	return err
}

// linkHearingsTx sets the links of the hearings matching where (every
// hearing of their cases) afresh, writing those that changed only; it
// returns how many changed.
func linkHearingsTx(tx *gorm.DB, where string, args ...any) (int, error) {
	byCase, cases, err := readHearingFacts(tx, where, args...)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range cases {
		hs := byCase[c]
		for i, l := range caseHearingLinks(hs) {
			if l == hs[i].Link {
				continue
			}
			err := tx.Exec(`UPDATE hearings SET prev_held_on = ?, prev_appeared_on = ?, prev_notified_on = ?, prev_either_on = ?,
				prev_spoke_on = ?, prev_principal_on = ? WHERE id = ?`,
				l.Held, l.Appeared, l.Notified, l.Either, l.Spoke, l.Principal, hs[i].ID).Error
			if err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// RelinkHearings sets the links of the court's hearings afresh (fuyuan
// recount, after hearings were changed by hand in the database); it returns
// how many had drifted.
func (s *Store) RelinkHearings(ctx context.Context, court string) (int, error) {
	n := 0
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		n, err = linkHearingsTx(tx, "court_code = ?", court)
		return err
	})
	return n, s.Err(err)
}

// HearingLinksDrift lists the hearings whose links differ from their case's
// hearings (none when the store kept them): for tests and for checks after a
// repair by hand.
func (s *Store) HearingLinksDrift(ctx context.Context) ([]string, error) {
	byCase, cases, err := readHearingFacts(s.DB.WithContext(ctx), "1 = 1")
	if err != nil {
		return nil, s.Err(err)
	}
	var drift []string
	for _, c := range cases {
		hs := byCase[c]
		for i, l := range caseHearingLinks(hs) {
			if l != hs[i].Link {
				drift = append(drift, fmt.Sprintf("hearing %d of case %d: kept %+v, computed %+v", hs[i].ID, c, hs[i].Link, l))
			}
		}
	}
	return drift, nil
}
