package app

import (
	"context"
	"fmt"
)

// DeadlineFunc returns a function that computes the statutory deadline of a
// new case of the court (no excluded periods, no extensions), with the holiday
// calendar and the case types read once; bulk generation of cases uses it.
func (s *Store) DeadlineFunc(ctx context.Context, court string) (func(caseType string, filed Date, simplified bool) Date, error) {
	cal, err := s.courtCalendarTx(s.DB.WithContext(ctx), court, Date{}, Date{})
	if err != nil {
		return nil, err
	}
	types, err := s.CaseTypes(ctx, court)
	if err != nil {
		return nil, err
	}
	byCode := map[string]CaseType{}
	for _, t := range types {
		byCode[t.Code] = t
	}
	return func(caseType string, filed Date, simplified bool) Date {
		ct, ok := byCode[caseType]
		if !ok {
			panic(fmt.Sprintf("deadline: unknown case type %q", caseType))
		}
		return deadlineOf(cal, ct, filed, simplified, nil, nil)
	}, nil
}
