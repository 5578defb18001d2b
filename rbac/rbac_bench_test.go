package rbac_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
)

// benchEnforcer loads the shipped policy from a fresh SQLite database.
func benchEnforcer(b *testing.B) *rbac.Enforcer {
	b.Helper()
	s := apptest.MustOpenSQLite(b, app.NewFakeClock(apptest.DefaultNow))
	en, err := rbac.New(s.DB, apptest.Quiet())
	if err != nil {
		b.Fatal(err)
	}
	return en
}

// judgeClosesOwnCase is the decision of a request that acts on one record:
// judge1 closing a case of their own (scope "own" checked against the case).
var (
	judge     = app.Actor{UserID: 7, Username: "judge1", Role: app.RoleJudge, Court: "粤1803"}
	ownCase   = rbac.Object{Kind: "case", Court: "粤1803", Owner: 7, Assigned: []int64{9}}
	otherCase = rbac.Object{Kind: "case", Court: "粤1803", Owner: 8}
)

// BenchmarkAuthorize is one authorisation decision as a request makes it,
// the policy decision taken from the cache (target: < 5 µs).
func BenchmarkAuthorize(b *testing.B) {
	en := benchEnforcer(b)
	if err := en.Authorize(judge, rbac.CaseClose, ownCase); err != nil {
		b.Fatal(err)
	}
	if err := en.Authorize(judge, rbac.CaseClose, otherCase); app.ErrorCode(err) != app.EFORBIDDEN {
		b.Fatalf("another judge's case: %v", err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := en.Authorize(judge, rbac.CaseClose, ownCase); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorizeParallel is the same decision taken by concurrent requests.
func BenchmarkAuthorizeParallel(b *testing.B) {
	en := benchEnforcer(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := en.Authorize(judge, rbac.CaseClose, ownCase); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkAuthorizeUncached is a decision casbin takes afresh: each
// iteration asks for a court the cache has not seen (the shipped policy
// grants every court through the domain "*"), as after a policy change.
func BenchmarkAuthorizeUncached(b *testing.B) {
	en := benchEnforcer(b)
	courts := make([]string, b.N)
	for i := range courts {
		courts[i] = "粤" + strconv.Itoa(100000+i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := judge
		a.Court = courts[i]
		obj := ownCase
		obj.Court = courts[i]
		if err := en.Authorize(a, rbac.CaseClose, obj); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReload is the policy reload every instance runs every 2 s (it
// keeps the decisions of an unchanged policy cached).
func BenchmarkReload(b *testing.B) {
	en := benchEnforcer(b)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := en.Reload(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
