package app

// Actor is the logged-in user on whose behalf a service method runs.
type Actor struct {
	UserID   int64
	Username string
	Name     string
	Role     string
	Court    string
}

// Role names.
const (
	RoleAdmin    = "admin"
	RoleLeader   = "leader"
	RoleJudge    = "judge"
	RoleMediator = "mediator"
	RoleLiaison  = "liaison"
)
