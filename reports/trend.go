package reports

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fuyuan/app"
)

// Month is a calendar month, e.g. 2025-06.
type Month struct {
	Year  int
	Month int
}

// ParseMonth parses YYYY-MM.
func ParseMonth(s string) (Month, error) {
	d, err := app.ParseDate(strings.TrimSpace(s) + "-01")
	if err != nil || len(strings.TrimSpace(s)) != 7 {
		return Month{}, fmt.Errorf("月份格式应为 YYYY-MM，如 2025-06")
	}
	return Month{d.Year, int(d.Month)}, nil
}

// MonthOf returns the month of d.
func MonthOf(d app.Date) Month { return Month{d.Year, int(d.Month)} }

// String returns YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// Chinese returns 2025年6月.
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Year, m.Month) }

// First returns the month's first day.
func (m Month) First() app.Date { return app.NewDate(m.Year, time.Month(m.Month), 1) }

// Last returns the month's last day.
func (m Month) Last() app.Date { return m.Add(1).First().AddDays(-1) }

// Period returns the whole month.
func (m Month) Period() Period { return Period{m.First(), m.Last()} }

// Add returns the month n months later (earlier when n < 0).
func (m Month) Add(n int) Month { return MonthOf(m.First().AddMonths(n)) }

// Before reports whether m is before o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || (m.Year == o.Year && m.Month < o.Month)
}

// LastMonths returns the n months ending with m, oldest first.
func LastMonths(m Month, n int) []Month {
	out := make([]Month, n)
	for i := range out {
		out[i] = m.Add(i - n + 1)
	}
	return out
}

// TrendPoint is one period of a trend: new litigation cases, closings and
// the closings by mediation or (deemed) withdrawal.
type TrendPoint struct {
	Period                  Period
	NewCases                int64
	Closed                  int64
	MediatedOrWithdrawn     int64
	MediationWithdrawalRate *float64 // nil when nothing was closed
}

// NewCasesIn counts the litigation cases filed in each period, by filed_on.
func NewCasesIn(ctx context.Context, s *app.Store, court string, periods []Period) ([]int64, error) {
	out := make([]int64, len(periods))
	lit, err := litigationTypes(ctx, s, court)
	if err != nil {
		return out, err
	}
	// The court's filings per day and type, kept by the store (app/case_figures.go).
	for i, p := range periods {
		rows, err := s.CaseFigureDays(ctx, court, "", p.From, p.To, false)
		if err != nil {
			return out, err
		}
		for _, r := range rows {
			if lit.is(r.CaseType) {
				out[i] += r.NewCases
			}
		}
	}
	return out, nil
}

// Trend returns, for each period, the litigation cases filed and closed and
// the 调撤率 of the closings, each by the date of its own event.
func Trend(ctx context.Context, s *app.Store, court string, periods []Period) ([]TrendPoint, error) {
	out := make([]TrendPoint, len(periods))
	if len(periods) == 0 {
		return out, nil
	}
	span := periods[0]
	for _, p := range periods {
		if p.From.Before(span.From) {
			span.From = p.From
		}
		if p.To.After(span.To) {
			span.To = p.To
		}
	}
	l, err := loadLedger(ctx, s, court, span)
	if err != nil {
		return out, err
	}
	for i, p := range periods {
		out[i] = l.point(p)
	}
	return out, nil
}
