// Package demo seeds the demo courts of api.md: 粤1803 (清新区人民法院) with
// every role and three years of realistic records up to "today", and 粤1881
// (英德市人民法院) so that the separation of courts can be seen.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"fuyuan/app"
)

// Password is the password of every demo account.
const Password = "demo12345"

// The demo courts.
const (
	CourtCode  = "粤1803"
	CourtName  = "清新区人民法院"
	Court2Code = "粤1881"
	Court2Name = "英德市人民法院"
)

// Accounts are the demo accounts: username, name, role, court.
var Accounts = []struct{ Username, Name, Role, Court string }{
	{"admin", "陈志强", app.RoleAdmin, CourtCode},
	{"leader", "李文华", app.RoleLeader, CourtCode},
	{"judge1", "王建国", app.RoleJudge, CourtCode},
	{"judge2", "刘晓敏", app.RoleJudge, CourtCode},
	{"mediator1", "张秀英", app.RoleMediator, CourtCode},
	{"liaison1", "黄海涛", app.RoleLiaison, CourtCode},
	{"admin2", "周国平", app.RoleAdmin, Court2Code},
	{"judge3", "吴丽娟", app.RoleJudge, Court2Code},
}

// World is what seeding has created so far; each part adds to it.
type World struct {
	Store   *app.Store
	Today   app.Date
	Rand    *rand.Rand
	Users   map[string]app.User // by username
	Organs  []app.Organ         // of 粤1803
	Organs2 []app.Organ         // of 粤1881
	// Workstations of 粤1803 by kind, filled by the field-work part.
	Workstations map[string]int64
	// CaseIDs of 粤1803, filled by the case part.
	CaseIDs []int64
	// Outcomes draws the hearings, appeals and finer outcomes of the cases
	// (seed_hearings.go) apart from Rand, so that they leave the rest of the
	// demo as it was.
	Outcomes *rand.Rand
	// appeals numbers the second-instance cases of the demo by year.
	appeals map[int]int
}

// Actor returns the demo user as an actor.
func (w *World) Actor(username string) app.Actor { return w.Users[username].Actor() }

// Seed fills an empty database with the demo courts. It is deterministic for a given today.
func Seed(ctx context.Context, s *app.Store) error {
	w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
		Users: map[string]app.User{}, Workstations: map[string]int64{}}
	steps := []struct {
		name string
		fn   func(context.Context, *World) error
	}{
		{"courts and users", seedPlatform},
		{"workstations", seedWorkstations},
		{"cases", seedCases},
		{"extension requests", seedExtensionRequests},
		{"case files", seedCaseFiles},
		{"follow-up visits", seedVisits},
		{"letters and meetings", seedLinkage},
		{"attachments", seedAttachments},
		{"field work", seedFieldwork},
		{"reports", seedReports},
		{"mediation sessions", seedMediationSessions},
	}
	for _, st := range steps {
		if err := st.fn(ctx, w); err != nil {
			return fmt.Errorf("demo %s: %w", st.name, err)
		}
	}
	return nil
}

// Organs of the demo courts: name, kind, region.
var demoOrgans = []app.OrganInput{
	{Name: "清远市清新区林业局", Kind: "林业局", Region: "清新区"},
	{Name: "清远市自然资源局清新分局", Kind: "自然资源局", Region: "清新区"},
	{Name: "清远市清新区人力资源和社会保障局", Kind: "人社局", Region: "清新区"},
	{Name: "清远市清新区文化广电旅游体育局", Kind: "文广旅体局", Region: "清新区"},
	{Name: "清远市清新区市场监督管理局", Kind: "市场监管局", Region: "清新区"},
	{Name: "清远市清新区综合行政执法局", Kind: "综合执法局", Region: "清新区"},
	{Name: "清远市清新区司法局", Kind: "司法局", Region: "清新区"},
	{Name: "清远市生态环境局清新分局", Kind: "生态环境局", Region: "清新区"},
	{Name: "英德市林业局", Kind: "林业局", Region: "英德市"},
	{Name: "佛冈县自然资源局", Kind: "自然资源局", Region: "佛冈县"},
	{Name: "清远市清城区人力资源和社会保障局", Kind: "人社局", Region: "清城区"},
	{Name: "清新区太平镇人民政府", Kind: "镇人民政府", Region: "清新区"},
}

func seedPlatform(ctx context.Context, w *World) error {
	s := w.Store
	if _, err := s.EnsureCourt(ctx, CourtCode, CourtName); err != nil {
		return err
	}
	if _, err := s.EnsureCourt(ctx, Court2Code, Court2Name); err != nil {
		return err
	}
	for _, a := range Accounts {
		u, err := s.SeedUser(ctx, a.Court, a.Username, a.Name, a.Role, Password)
		if err != nil {
			return err
		}
		w.Users[a.Username] = u
	}
	admin := w.Actor("admin")
	for _, in := range demoOrgans {
		o, err := s.CreateOrgan(ctx, admin, in)
		if err != nil {
			return err
		}
		w.Organs = append(w.Organs, o)
	}
	admin2 := w.Actor("admin2")
	for _, in := range []app.OrganInput{
		{Name: "英德市自然资源局", Kind: "自然资源局", Region: "英德市"},
		{Name: "英德市人力资源和社会保障局", Kind: "人社局", Region: "英德市"},
	} {
		o, err := s.CreateOrgan(ctx, admin2, in)
		if err != nil {
			return err
		}
		w.Organs2 = append(w.Organs2, o)
	}
	return nil
}
