package app

// LosingResults are the judgment results by which the organ loses (败诉) a
// litigation case: the act revoked, altered, confirmed illegal or invalid,
// or the organ ordered to perform; in a 行赔初 case also a judgment for the
// plaintiff (compensate). The figures per day count them by OrganLost
// (case_figures.go).
var LosingResults = []string{"revoke", "alter", "confirm_illegal", "confirm_invalid", "order_perform"}

// OrganLost reports whether the organ lost a case closed this way.
func OrganLost(caseType, method, result string) bool {
	if method != "judgment" {
		return false
	}
	if result == "compensate" {
		return caseType == CompensationType
	}
	for _, r := range LosingResults {
		if r == result {
			return true
		}
	}
	return false
}
