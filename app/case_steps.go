package app

// What a user may do with a case, answered by the domain so that the pages
// and the API render what the services will accept: the steps on a case as
// it is now, the filing rule and the closing methods of a case type.

// CaseSteps are the steps a user may take on a case as it is now: the
// case's state allows the step and the policy lets the user take it.
type CaseSteps struct {
	Edit      bool `json:"edit"`      // change the case's details (case:edit)
	Assign    bool `json:"assign"`    // give the case another judge (case:assign)
	Mediators bool `json:"mediators"` // set the mediators (case:mediators)
	Suspend   bool `json:"suspend"`   // 中止 a running case (case:suspend)
	Resume    bool `json:"resume"`    // resume a suspended case (case:suspend)
	Close     bool `json:"close"`     // close a running case (case:close)
	Mediate   bool `json:"mediate"`   // record a mediation (case:mediate)
	Commit    bool `json:"commit"`    // record a commitment (case:commit)
	Exclude   bool `json:"exclude"`   // record a period outside the time limit (case:edit)
	Extend    bool `json:"extend"`    // record an extension of the time limit (case:edit)
	// RequestExtension: ask the leader to put an extension to the higher court (case:edit).
	RequestExtension bool `json:"request_extension"`
	// DecideExtension: approve or refuse a pending request (extension:decide).
	DecideExtension bool `json:"decide_extension"`
}

// caseRunning reports whether a case's clock runs: filed or mediating.
func caseRunning(status string) bool { return status == StatusFiled || status == StatusMediating }

// StepsOn answers which steps the actor may take on c.
func StepsOn(z Authorizer, a Actor, c Case) CaseSteps {
	rec := c.Ref().Record()
	may := func(action Action) bool { return z.Authorize(a, action, rec) == nil }
	open, running := c.Status != StatusClosed, caseRunning(c.Status)
	return CaseSteps{
		Edit: open && may(ActionCaseEdit), Assign: open && may(ActionCaseAssign),
		Mediators: open && may(ActionCaseMediators),
		Suspend:   running && may(ActionCaseSuspend), Resume: c.Status == StatusSuspended && may(ActionCaseSuspend),
		Close: running && may(ActionCaseClose), Mediate: open && may(ActionCaseMediate), Commit: may(ActionCaseCommit),
		Exclude: open && may(ActionCaseEdit), Extend: open && may(ActionCaseEdit),
		RequestExtension: open && may(ActionCaseEdit), DecideExtension: may(ActionExtensionDecide),
	}
}

// ApplyFilingRule is the filing rule: a user who may not assign judges
// files as the judge of the case (no judge given means themselves; naming
// another judge is forbidden), and mediators are named only by who may set
// the mediators of the case filed (case:mediators).
func ApplyFilingRule(z Authorizer, a Actor, in *CaseInput) error {
	if z.Authorize(a, ActionCaseAssign, Record{Kind: "case", Court: a.Court}) != nil {
		if in.JudgeID == 0 {
			in.JudgeID = a.UserID
		}
		if in.JudgeID != a.UserID {
			return Errorf(EFORBIDDEN, "您只能以自己为承办法官立案；指派其他法官请联系院庭长")
		}
	}
	if len(in.MediatorIDs) > 0 {
		return z.Authorize(a, ActionCaseMediators, Record{Kind: "case", Court: a.Court, Owner: in.JudgeID})
	}
	return nil
}

// CloseMethodsFor lists the closing methods of a case type: a
// pre-litigation mediation (行诉前调) closes as resolved (化解成功) or
// failed, a litigation case in any other way.
func CloseMethodsFor(caseType string) []Option {
	var out []Option
	pre := caseType == PreLitigationType
	for _, o := range CloseMethods.Options {
		switch {
		case pre && o.Code == "mediation":
			out = append(out, Option{Code: o.Code, Label: "调解（化解成功）"})
		case pre && o.Code == "failed", !pre && o.Code != "failed":
			out = append(out, o)
		}
	}
	return out
}
