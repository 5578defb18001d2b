package reportstest

import (
	"time"

	"fuyuan/app"
)

// Year is what ScriptedYear recorded, for the assertions of a test.
type Year struct {
	// Days are the days_to_close of the litigation cases closed in 2025, and
	// FastDays those of the fast-track ones among them.
	Days, FastDays []int
	// Reduction is the total fine reduction of the cases closed in 2025.
	Reduction app.Money
	// ChangedCase is a case closed in December 2025 (for archive tests).
	ChangedCase int64
}

// ScriptedYear records the year of issue 6's first acceptance line:
// 45/40/35/30 new litigation cases filed in 2022–2025; in 2025 closings of
// 12 mediation, 14 withdrawal, 4 deemed withdrawal, 8 judgments and 2
// dismissals; 70 pre-litigation cases of which 60 resolved. Around them it
// puts what a real court also has, so that every rule is exercised: closings
// in 2024 of cases filed earlier, suspended cases, fines, letters, meetings,
// circuits, inspections, mediation records and workstation services, in 2025
// and in 2024.
func ScriptedYear(f *Fixture) Year {
	f.T.Helper()
	var y Year
	f.InTx(func() { y = scriptedYear(f) })
	return y
}

func scriptedYear(f *Fixture) Year {
	f.T.Helper()
	var y Year
	filedIn := map[int][]int64{}
	filedOn := map[int64]app.Date{}
	for year, n := range map[int]int{2022: 45, 2023: 40, 2024: 35, 2025: 30} {
		for i := 0; i < n; i++ {
			d := app.NewDate(year, monthOf(i), 1+(i*7)%28)
			if year == 2025 {
				d = app.NewDate(year, monthOf(i%9), 1+(i*7)%28) // up to September, so that they can close in 2025
			}
			c := Case{FiledOn: d, Domain: []string{"ecology", "tourism", "enterprise", "labour"}[i%4]}
			if year == 2025 && i >= 25 {
				c.Status = "suspended" // suspended cases are not closed
			}
			id := f.Case(c)
			filedIn[year] = append(filedIn[year], id)
			filedOn[id] = d
		}
	}
	// 2022 and 2023 filings closed in 2023 and 2024 (by judgment, not counted in 2025).
	for i, id := range filedIn[2022] {
		f.close(id, filedOn[id], app.NewDate(2023, monthOf(i), 20), "judgment")
	}
	for i, id := range filedIn[2023][:30] {
		f.close(id, filedOn[id], app.NewDate(2024, monthOf(i), 25), []string{"mediation", "withdrawal", "judgment"}[i%3])
	}
	// The 40 closings of 2025: 25 cases filed in 2024 and 15 filed in 2025.
	methods := repeat(map[string]int{"mediation": 12, "withdrawal": 14, "deemed_withdrawal": 4, "judgment": 8, "dismissal": 2},
		[]string{"mediation", "withdrawal", "deemed_withdrawal", "judgment", "dismissal"})
	var closing []int64
	closing = append(closing, filedIn[2024][:25]...)
	closing = append(closing, filedIn[2025][:15]...)
	for i, id := range closing {
		on := app.NewDate(2025, monthOf(i), 28)
		if on.Before(filedOn[id].AddDays(10)) {
			on = filedOn[id].AddDays(10 + i)
		}
		fast := i%4 == 0
		days := on.DaysSince(filedOn[id])
		y.Days = append(y.Days, days)
		if fast {
			y.FastDays = append(y.FastDays, days)
		}
		f.setFast(id, fast)
		f.close(id, filedOn[id], on, methods[i])
		if on.Month == 12 && y.ChangedCase == 0 {
			y.ChangedCase = id
		}
	}
	// Fines: three cut by 20,000 yuan in mediation, one upheld (not adjusted).
	for i, id := range closing[:4] {
		before, after := Yuan(50000), Yuan(30000)
		if i == 3 {
			before, after = Yuan(45000), Yuan(45000)
		} else {
			y.Reduction += *before - *after
		}
		f.db().Exec("UPDATE cases SET penalty_before = ?, penalty_after = ? WHERE id = ?", int64(*before), int64(*after), id)
	}
	// A fine cut in 2024 is not a 2025 figure.
	f.db().Exec("UPDATE cases SET penalty_before = 1000000, penalty_after = 500000 WHERE id = ?", filedIn[2023][0])

	// 70 pre-litigation mediations filed in 2025, 60 resolved, 10 failed.
	for i := 0; i < 70; i++ {
		d := app.NewDate(2025, monthOf(i%11), 1+(i*3)%27)
		id := f.Case(Case{Type: app.PreLitigationType, FiledOn: d, Deadline: d.AddDays(30)})
		method := "mediation"
		if i >= 60 {
			method = "failed"
		}
		f.close(id, d, d.AddDays(5+i%20), method)
	}
	// Pre-litigation mediations of 2024 are not 2025 figures.
	for i := 0; i < 5; i++ {
		d := app.NewDate(2024, 3, 1+i)
		id := f.Case(Case{Type: app.PreLitigationType, FiledOn: d, Deadline: d.AddDays(30)})
		f.close(id, d, d.AddDays(10), "mediation")
	}

	// Mediation records: 52 joint or cross-regional in 2025, 8 on site, 4 joint in 2024.
	for i := 0; i < 52; i++ {
		f.Mediation(closing[i%len(closing)], app.NewDate(2025, monthOf(i), 10), []string{"joint", "cross_region"}[i%2], "success")
	}
	for i := 0; i < 8; i++ {
		f.Mediation(closing[i], app.NewDate(2025, monthOf(i), 11), "onsite", "continuing")
	}
	for i := 0; i < 4; i++ {
		f.Mediation(filedIn[2024][i], app.NewDate(2024, 11, 11), "joint", "success")
	}
	// Circuits: 9 in 2025 of which 7 cross-regional; 3 in 2024.
	for i := 0; i < 9; i++ {
		f.Circuit(app.NewDate(2025, monthOf(i), 15), "巡回点", i < 7, 30+i)
	}
	for i := 0; i < 3; i++ {
		f.Circuit(app.NewDate(2024, monthOf(i), 15), "巡回点", true, 20)
	}
	// Inspections: 15 in 2025, 2 in 2024.
	for i := 0; i < 15; i++ {
		f.Inspection(closing[i], app.NewDate(2025, monthOf(i), 5))
	}
	for i := 0; i < 2; i++ {
		f.Inspection(filedIn[2024][i], app.NewDate(2024, 6, 5))
	}
	// Letters issued in 2025: 5 pre-judgment, 3 coordination, 2 judicial; 6 replied in
	// 2025 (5 adopted), one of them issued in 2024; two past due and unanswered.
	f.Letter(Letter{Kind: "pre_judgment", IssuedOn: app.NewDate(2024, 12, 1), RepliedOn: app.NewDate(2025, 1, 5), Adopted: true})
	f.Letter(Letter{Kind: "pre_judgment", IssuedOn: app.NewDate(2024, 6, 1), RepliedOn: app.NewDate(2024, 6, 20), Adopted: true})
	kinds := []string{"pre_judgment", "pre_judgment", "pre_judgment", "pre_judgment", "pre_judgment", "coordination", "coordination", "coordination", "judicial", "judicial"}
	for i, k := range kinds {
		issued := app.NewDate(2025, monthOf(i), 3)
		l := Letter{Kind: k, IssuedOn: issued}
		switch {
		case i < 5:
			l.RepliedOn, l.Adopted = issued.AddDays(20), i != 2
		case i == 8 || i == 9:
			// unanswered, past due
		default:
			l.ReplyDueOn = app.NewDate(2026, 12, 31) // unanswered, not yet due
		}
		f.Letter(l)
	}
	f.Letter(Letter{Kind: "judicial"}) // approved, not issued
	// Meetings: 7 enforcement trainings with 930 attendances, one of each other kind; 2024 ones.
	for i := 0; i < 7; i++ {
		f.Meeting("enforcement_training", app.NewDate(2025, monthOf(i), 18), 120+10*i)
	}
	for _, k := range []string{"annual_training", "quarterly_joint", "monthly_symposium", "joint_conference"} {
		f.Meeting(k, app.NewDate(2025, 6, 18), 40)
	}
	f.Meeting("enforcement_training", app.NewDate(2024, 6, 18), 200)
	// Workstation services in 2025: 4 consultations, 3 circuit hearings, 2 publicity, 5 mediations.
	ws := f.Workstation("forest")
	for k, n := range map[string]int{"consultation": 4, "circuit_hearing": 3, "publicity": 2, "mediation": 5} {
		for i := 0; i < n; i++ {
			f.Service(ws, k, app.NewDate(2025, monthOf(i), 9), 10+i)
		}
	}
	f.Service(ws, "publicity", app.NewDate(2024, 9, 9), 500)
	return y
}

func (f *Fixture) close(id int64, filed, on app.Date, method string) {
	f.T.Helper()
	res := f.db().Exec("UPDATE cases SET status = 'closed', closed_on = ?, close_method = ?, days_to_close = ? WHERE id = ?",
		on, method, on.DaysSince(filed), id)
	if res.Error != nil {
		f.T.Fatal(res.Error)
	}
	f.recount()
}

func (f *Fixture) setFast(id int64, fast bool) {
	f.T.Helper()
	if err := f.db().Exec("UPDATE cases SET fast_track = ? WHERE id = ?", fast, id).Error; err != nil {
		f.T.Fatal(err)
	}
}

func monthOf(i int) time.Month { return time.Month(1 + i%12) }

func repeat(n map[string]int, order []string) []string {
	var out []string
	for _, k := range order {
		for i := 0; i < n[k]; i++ {
			out = append(out, k)
		}
	}
	return out
}
