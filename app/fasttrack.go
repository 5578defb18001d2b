package app

import (
	"context"

	"gorm.io/gorm"
)

// The tourism fast track (文旅"四快二就一优"): cases flagged fast_track —
// typically disputes of tourists and businesses filed at a scenic-area
// workstation — get fast mediation, filing, trial and enforcement (四快),
// are filed and heard on the spot (二就) and go to mediation first (一优).
// The queue shows the open ones, oldest first, so none is forgotten, and
// measures how many days the closed ones took from filing to closing.

// FastTrackCase is an open fast-track case in the queue.
type FastTrackCase struct {
	ID              int64  `json:"id"`
	CaseNo          string `json:"case_no"`
	CaseType        string `json:"case_type"`
	Cause           string `json:"cause"`
	Domain          string `json:"domain"`
	PlaintiffName   string `json:"plaintiff_name"`
	OrganName       string `json:"organ_name"`
	FiledOn         Date   `json:"filed_on"`
	DaysSinceFiling int    `json:"days_since_filing"`
	DeadlineOn      Date   `json:"deadline_on"`
	Status          string `json:"status"`
	JudgeID         *int64 `json:"judge_id"`
	JudgeName       string `json:"judge_name"`
	WorkstationID   *int64 `json:"workstation_id"`
	WorkstationName string `json:"workstation_name"`
}

// FastTrackQueue is the fast-track queue: one page of the open cases, oldest
// first (Total counts them all), and the closed ones' average days from
// filing to closing (nil while none is closed).
type FastTrackQueue struct {
	Items          []FastTrackCase `json:"items"`
	Total          int64           `json:"total"`
	Closed         int64           `json:"closed"`
	AvgDaysToClose *float64        `json:"avg_days_to_close"`
}

// FastTrackQueue returns the fast-track cases of the actor's court that the
// actor may read: vis is the actor's visibility for reading cases.
func (s *Store) FastTrackQueue(ctx context.Context, vis Visibility, pg Page) (FastTrackQueue, error) {
	out := FastTrackQueue{Items: []FastTrackCase{}}
	base := func() (*gorm.DB, error) {
		if vis.None() {
			return nil, Forbidden()
		}
		return vis.Apply(s.DB.WithContext(ctx).Table("cases c"), CaseColumns("c")).Where("c.fast_track = 1"), nil
	}
	open, err := base()
	if err != nil {
		return out, err
	}
	open = open.Where("c.status <> 'closed'")
	if err := open.Count(&out.Total).Error; err != nil {
		return out, s.Err(err)
	}
	err = open.Select(`c.id, c.case_no, c.case_type, c.cause, c.domain, c.plaintiff_name, COALESCE(o.name, '') AS organ_name,
			c.filed_on, c.deadline_on, c.status, c.judge_id, COALESCE(u.name, '') AS judge_name,
			c.workstation_id, COALESCE(w.name, '') AS workstation_name`).
		Joins("LEFT JOIN organs o ON o.id = c.organ_id").
		Joins("LEFT JOIN users u ON u.id = c.judge_id").
		Joins("LEFT JOIN workstations w ON w.id = c.workstation_id").
		Order("c.filed_on, c.id").Offset(pg.Offset()).Limit(pg.Size).Scan(&out.Items).Error
	if err != nil {
		return out, s.Err(err)
	}
	today := s.Clock.Today()
	for i := range out.Items {
		out.Items[i].DaysSinceFiling = today.DaysSince(out.Items[i].FiledOn)
	}
	closed, err := base()
	if err != nil {
		return out, err
	}
	var agg struct {
		N       int64
		AvgDays *float64
	}
	err = closed.Where("c.status = 'closed' AND c.days_to_close IS NOT NULL").
		Select("COUNT(*) AS n, AVG(c.days_to_close) AS avg_days").Scan(&agg).Error
	if err != nil {
		return out, s.Err(err)
	}
	out.Closed, out.AvgDaysToClose = agg.N, roundDays(agg.AvgDays)
	return out, nil
}
