package reports

import "math"

// PercentagePoints is the unit of the 同比 of a rate: a rate of 33.33%
// against 30.00% rose by 3.33 个百分点, not by 3.33%.
const PercentagePoints = "个百分点"

// PointsChange is the 同比 of a rate (a fraction, 0.3333 for 33.33%): the
// difference in percentage points, rounded to two decimals. The dashboard
// and the monthly report both write it with PercentagePoints.
func PointsChange(cur, prev float64) float64 {
	return math.Round((cur-prev)*10000) / 100
}

// DaysChange is the 同比 of an average number of days, rounded to one
// decimal; ok is false when either period has no average (nil: no case
// closed, written Unknown).
func DaysChange(cur, prev *float64) (change float64, ok bool) {
	if cur == nil || prev == nil {
		return 0, false
	}
	return math.Round((*cur-*prev)*10) / 10, true
}
