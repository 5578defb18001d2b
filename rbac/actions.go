package rbac

import "fuyuan/app"

// The domain actions. Each is a resource kind and a verb; the policy rows in
// migrations/*/00002_policy.sql grant them to roles.
const (
	UserRead  Action = "user:read"
	UserWrite Action = "user:write"
	StaffRead Action = "staff:read"

	OrganRead   Action = "organ:read"
	OrganWrite         = app.ActionOrganWrite
	OrganImport        = app.ActionOrganImport

	CaseRead      Action = "case:read"
	CaseCreate    Action = "case:create"
	CaseEdit             = app.ActionCaseEdit
	CaseAssign           = app.ActionCaseAssign    // assign the judge
	CaseMediators        = app.ActionCaseMediators // set the mediators, at filing and later
	CaseClose            = app.ActionCaseClose
	CaseSuspend          = app.ActionCaseSuspend
	CaseMediate          = app.ActionCaseMediate
	CaseCommit           = app.ActionCaseCommit
	CaseVisit            = app.ActionCaseVisit // record a follow-up visit (回访) of a resolved case

	HearingWrite        = app.ActionHearingWrite // schedule a hearing of a case and record what happened at it
	AppealWrite         = app.ActionAppealWrite  // record an appeal of a case and its second-instance result
	VisitRead    Action = "visit:read"           // the lists of follow-up visits (each role within its reach)

	// ExtensionDecide: a leader approves or refuses a judge's request to extend a time limit.
	ExtensionDecide = app.ActionExtensionDecide

	LetterRead  Action = "letter:read"
	LetterDraft Action = "letter:draft"
	// LetterEdit and LetterWithdraw are the author's, until approval.
	LetterEdit     Action = "letter:edit"
	LetterWithdraw Action = "letter:withdraw"
	// LetterReturn sends a draft back to its author for revision.
	LetterReturn  Action = "letter:return"
	LetterApprove Action = "letter:approve"
	LetterIssue   Action = "letter:issue"
	LetterReply   Action = "letter:reply"

	MeetingRead  Action = "meeting:read"
	MeetingWrite Action = "meeting:write"

	CircuitRead     Action = "circuit:read"
	CircuitWrite    Action = "circuit:write"
	InspectionRead  Action = "inspection:read"
	InspectionWrite Action = "inspection:write"

	WorkstationRead  Action = "workstation:read"
	WorkstationWrite Action = "workstation:write"
	ServiceWrite     Action = "service:write"

	ProtectionOrderRead  Action = "protection_order:read"
	ProtectionOrderWrite Action = "protection_order:write"

	AuditRead       Action = "audit:read"
	StatsRead       Action = "stats:read"
	StatsByJudge    Action = "stats:by_judge" // the figures of each judge (own: a judge's own row)
	WhitePaperWrite Action = "whitepaper:write"
	ReportRead      Action = "report:read"
	ReportGenerate  Action = "report:generate"
	ImportCases     Action = "import:cases"
	HolidayWrite    Action = "holiday:write"
	CaseTypeWrite   Action = "casetype:write"
	TemplateWrite   Action = app.ActionTemplateWrite
)
