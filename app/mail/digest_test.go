package mail_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/mail"
)

// received is one message the test SMTP server accepted.
type received struct {
	To, Subject, Body string
}

// smtpServer is a real SMTP server (emersion/go-smtp) on loopback that keeps what it receives.
type smtpServer struct {
	mu   sync.Mutex
	got  []received
	Addr string
}

func (s *smtpServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{srv: s}, nil }

type smtpSession struct {
	srv *smtpServer
	to  []string
}

func (x *smtpSession) Reset()                                    { x.to = nil }
func (x *smtpSession) Logout() error                             { return nil }
func (x *smtpSession) Mail(string, *smtp.MailOptions) error      { return nil }
func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error { x.to = append(x.to, to); return nil }
func (x *smtpSession) Data(r io.Reader) error {
	msg, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	var body io.Reader = msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(msg.Body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, msg.Body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	x.srv.mu.Lock()
	defer x.srv.mu.Unlock()
	for _, to := range x.to {
		x.srv.got = append(x.srv.got, received{To: to, Subject: subject, Body: string(bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")))})
	}
	return nil
}

// to lists what was received for an address.
func (s *smtpServer) to(addr string) []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []received
	for _, r := range s.got {
		if r.To == addr {
			out = append(out, r)
		}
	}
	return out
}

// startSMTP starts the server on 127.0.0.1 for the test.
func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	be := &smtpServer{}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	be.Addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return be
}

func sender(t *testing.T, addr string) *mail.SMTP {
	t.Helper()
	m, err := mail.New(mail.Config{Addr: addr, From: "fuyuan@court.example", TLS: "none", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// twoInstances opens two stores on one fresh database of the dialect, as two
// instances of the server would (the first migrates it).
func twoInstances(t *testing.T, dialect string, clock app.Clock) (*app.Store, *app.Store) {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "test.db")
	if dialect == app.MySQL {
		dsn = apptest.FreshMySQLDSN(t)
	}
	open := func() *app.Store {
		s, err := app.Open(app.Options{Dialect: dialect, DSN: dsn, PasswordCost: apptest.PasswordCost}, clock, apptest.Quiet())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a := open()
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return a, open()
}

func TestDigestCarriesEachReminderOnceAndTwoInstancesSendOneMailPerUser(t *testing.T) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		t.Run(dialect, func(t *testing.T) {
			clock := app.NewFakeClock(apptest.DefaultNow)
			s, s2 := twoInstances(t, dialect, clock)
			digestWithTwoInstances(t, s, s2, clock)
		})
	}
}

func digestWithTwoInstances(t *testing.T, s, s2 *app.Store, clock *app.FakeClock) {
	{
		ctx := context.Background()
		server := startSMTP(t)
		ct := apptest.MustCourts(t, s)
		court := ct.Users["judge1"].CourtCode
		yes := true
		for _, u := range []string{"judge1", "leader"} {
			email := u + "@court.example"
			if _, err := s.UpdateOwnContact(ctx, ct.Actor(u), app.ContactInput{Email: &email, Digest: &yes}); err != nil {
				t.Fatal(err)
			}
		}
		k, err := s.CreateCase(ctx, ct.Actor("judge1"), app.CaseInput{CaseType: "行赔初", Cause: "行政处罚", Domain: "ecology",
			Plaintiff: app.Party{Name: "邮件原告", Kind: "individual"}, OrganID: ct.Organ.ID, FiledOn: app.MustDate("2025-06-01"),
			JudgeID: ct.Users["judge1"].ID})
		if err != nil {
			t.Fatal(err)
		}
		log := apptest.Quiet()
		// runBoth is two instances doing the day's digest at the same minute, each with its own SMTP client.
		runBoth := func(days int) {
			d := k.DeadlineOn
			clock.Set(time.Date(d.Year, d.Month, d.Day, 7, 30, 0, 0, app.Shanghai).AddDate(0, 0, days))
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for _, inst := range []*app.Store{s, s2} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := inst.RunDigest(ctx, court, app.DigestOptions{BaseURL: "https://fuyuan.court.example"}); err != nil {
						errs <- err
					}
					if _, err := inst.DeliverOutbox(ctx, sender(t, server.Addr), log); err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
		}
		runBoth(-16)
		if got := server.to("judge1@court.example"); len(got) != 1 || !strings.Contains(got[0].Body, k.CaseNo+" 剩 16 天") {
			t.Fatalf("day -16: the judge's digests %+v", got)
		}
		runBoth(-15)
		got := server.to("judge1@court.example")
		if len(got) != 2 {
			t.Fatalf("day -15: %d digests in all, want 2: %+v", len(got), got)
		}
		if n := strings.Count(got[1].Body, k.CaseNo); n != 1 || !strings.Contains(got[1].Body, "剩 15 天") ||
			!strings.Contains(got[1].Body, "https://fuyuan.court.example/cases/") || !strings.Contains(got[1].Subject, "（1 条）") {
			t.Errorf("day -15: one line of the 15-day threshold, got %d: %q %q", n, got[1].Subject, got[1].Body)
		}
		runBoth(-14)
		if got := server.to("judge1@court.example"); len(got) != 2 {
			t.Errorf("day -14: nothing new, yet %d digests: %+v", len(got), got[2:])
		}
		// The leader had nothing to be reminded of.
		if got := server.to("leader@court.example"); len(got) != 0 {
			t.Errorf("leader: %+v", got)
		}
	}
}

func TestSMTPFailureKeepsTheMailAndRetriesLater(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		court := ct.Users["judge1"].CourtCode
		email, yes := "judge1@court.example", true
		if _, err := s.UpdateOwnContact(ctx, ct.Actor("judge1"), app.ContactInput{Email: &email, Digest: &yes}); err != nil {
			t.Fatal(err)
		}
		// A returned letter reaches its author: in the inbox and then by mail.
		l, err := s.DraftLetter(ctx, ct.Actor("judge1"), app.LetterInput{Kind: "judicial", OrganID: ct.Organ.ID,
			Problems: "处罚前未告知听证权利。", Suggestions: "建议依法重新作出处理。"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReturnLetter(ctx, ct.Actor("leader"), l.ID, app.LetterNote{Comment: "请补充法律依据"}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.RunDigest(ctx, court, app.DigestOptions{}); err != nil || n != 1 {
			t.Fatalf("digest: %d %v", n, err)
		}
		// Nothing listens on this port: the send fails, the mail stays.
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		dead := ln.Addr().String()
		ln.Close()
		if sent, err := s.DeliverOutbox(ctx, sender(t, dead), apptest.Quiet()); err != nil || sent != 0 {
			t.Fatalf("failed send: %d %v", sent, err)
		}
		var m app.OutboxMail
		if err := s.DB.Where("to_addr = ?", email).Take(&m).Error; err != nil || m.SentAt != nil || m.Attempts != 1 || m.LastError == "" {
			t.Fatalf("after the failure: %+v %v", m, err)
		}
		server := startSMTP(t)
		if sent, _ := s.DeliverOutbox(ctx, sender(t, server.Addr), apptest.Quiet()); sent != 0 {
			t.Errorf("retried before its time")
		}
		clock.Advance(2 * time.Minute)
		if sent, err := s.DeliverOutbox(ctx, sender(t, server.Addr), apptest.Quiet()); err != nil || sent != 1 {
			t.Fatalf("retry: %d %v", sent, err)
		}
		if got := server.to(email); len(got) != 1 || !strings.Contains(got[0].Body, "请补充法律依据") {
			t.Errorf("the author's digest: %+v", got)
		}
	})
}
