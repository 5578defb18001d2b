package demo

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports/reportstest"
)

// Every default template generates, for a demo case, a .docx that
// LibreOffice prints to PDF with the case number, the parties and the court.
func TestEveryDefaultTemplatePrintsForADemoCase(t *testing.T) {
	soffice := reportstest.Soffice(t)
	pdftotext := reportstest.Pdftotext(t)
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		clock.Set(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai))
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		for _, step := range []func(context.Context, *World) error{seedPlatform, seedWorkstations, seedCases, seedCaseFiles} {
			if err := step(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		var caseID int64
		if err := s.DB.Raw("SELECT MIN(case_id) FROM case_parties WHERE role = 'third_party'").Scan(&caseID).Error; err != nil || caseID == 0 {
			t.Fatalf("no demo case has a third party: %v", err)
		}
		judge := w.Actor("judge1")
		ref, err := s.GetCaseRef(ctx, caseID)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range w.Users {
			if u.ID == ref.JudgeID {
				judge = u.Actor()
			}
		}
		k, err := s.GetCase(ctx, judge, caseID)
		if err != nil {
			t.Fatal(err)
		}
		parties, err := s.PartiesOf(ctx, judge, k)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := s.Documents(ctx, judge, caseID)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) < 2 || len(docs[0].Services) == 0 {
			t.Fatalf("the demo case has documents %+v", docs)
		}
		dir := t.TempDir()
		var files []string
		for _, o := range app.DocumentKinds.Options {
			d, err := s.GenerateDocument(ctx, judge, caseID, o.Code)
			if err != nil {
				t.Fatalf("%s: %v", o.Label, err)
			}
			if (o.Code == "withdrawal_ruling" || o.Code == "mediation_statement") && d.Number != k.CaseNo {
				t.Errorf("%s number %q, want the case number", o.Label, d.Number)
			}
			name := filepath.Join(dir, o.Code+".docx")
			if err := os.WriteFile(name, d.Content, 0o600); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
		defer cancel()
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore",
			"--convert-to", "pdf", "--outdir", dir}, files...)
		if out, err := exec.CommandContext(cctx, soffice, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		if keep := os.Getenv("FUYUAN_TEST_KEEP_PDF"); keep != "" { // to look at the printed documents
			for _, o := range app.DocumentKinds.Options {
				if b, err := os.ReadFile(filepath.Join(dir, o.Code+".pdf")); err == nil {
					os.WriteFile(filepath.Join(keep, o.Code+".pdf"), b, 0o644)
				}
			}
		}
		squeeze := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		for _, o := range app.DocumentKinds.Options {
			out, err := exec.CommandContext(cctx, pdftotext, filepath.Join(dir, o.Code+".pdf"), "-").Output()
			if err != nil {
				t.Fatalf("%s: LibreOffice printed no PDF: %v", o.Label, err)
			}
			text := squeeze(string(out))
			want := []string{k.CaseNo, CourtName, k.OrganName, parties.Plaintiffs[0].Name}
			switch o.Code {
			case "evidence_notice", "summons", "mediation_agreement", "mediation_statement", "withdrawal_ruling":
				want = append(want, parties.ThirdParties[0].Name)
			}
			for _, s := range want {
				if !strings.Contains(text, squeeze(s)) {
					t.Errorf("%s printed without %q:\n%s", o.Label, s, out)
				}
			}
		}
	})
}
