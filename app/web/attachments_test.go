package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
	"fuyuan/rbac"
)

// uploadBody is a multipart attachment upload: owner and owner_id first, then the file.
func uploadBody(t *testing.T, owner string, ownerID int64, name string, content []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("owner", owner)
	mw.WriteField("owner_id", fmt.Sprint(ownerID))
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// upload posts a file to POST /api/v1/attachments.
func (c *client) attach(owner string, ownerID int64, name string, content []byte) response {
	c.t.Helper()
	body, ct := uploadBody(c.t, owner, ownerID, name, content)
	return c.do("POST", "/api/v1/attachments", body, "Content-Type", ct)
}

// fakePDF is a PDF-looking file of n bytes (the header, then random bytes).
func fakePDF(n int, seed uint64) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	copy(b, "%PDF-1.7\n")
	return b
}

// officeFile is a zip container holding the named parts.
func officeFile(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.Create(p)
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// twoInstances opens two stores on one database (SQLite file or MariaDB
// database), each with its own connection pool, enforcer and server: two
// instances that share nothing but the database.
func twoInstances(t *testing.T, dialect string) (*env, *env) {
	t.Helper()
	clock := app.NewFakeClock(apptest.DefaultNow)
	dsn := filepath.Join(t.TempDir(), "shared.db")
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
	s1 := open()
	if _, err := s1.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	e1 := newEnv(t, s1, clock)
	s2 := open()
	authz, err := rbac.New(s2.DB, apptest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(s2, authz, apptest.Quiet(), Config{RequestTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	e2 := *e1
	e2.Store, e2.Authz, e2.Server, e2.users = s2, authz, srv, map[string]*client{}
	e2.HTTP = httptest.NewServer(srv.Handler())
	t.Cleanup(e2.HTTP.Close)
	return e1, &e2
}

// An attachment uploaded through one instance downloads byte-identical through
// another on the same database; who may not read its case gets 404; a
// withdrawn attachment is listed as withdrawn with its reason and stays in
// the audit trail.
func TestAttachmentIsServedByEveryInstance(t *testing.T) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		t.Run(dialect, func(t *testing.T) {
			e1, e2 := twoInstances(t, dialect)
			k := matrixCase(e1, false)
			content := fakePDF(3*app.AttachmentChunk+12345, 1) // several chunks and a partial one
			res := e1.as("judge1").attach("case", k.ID, `..\..\etc/送达回证扫描件.PDF`, content)
			if res.Status != 201 {
				t.Fatalf("upload: %d %s", res.Status, res.Body)
			}
			var at struct {
				ID           int64  `json:"id"`
				Name         string `json:"name"`
				OriginalName string `json:"original_name"`
				SHA256       string `json:"sha256"`
				ContentType  string `json:"content_type"`
				Size         int64  `json:"size"`
			}
			res.JSON(t, &at)
			sum := sha256.Sum256(content)
			if at.SHA256 != hex.EncodeToString(sum[:]) || at.Size != int64(len(content)) || at.ContentType != "application/pdf" {
				t.Errorf("answer %+v: want the sha256, size and type of the file", at)
			}
			if at.Name != fmt.Sprintf("附件%d.pdf", at.ID) || strings.ContainsAny(at.OriginalName, `/\`) {
				t.Errorf("names %q, %q: want the system's own name and a cleaned original", at.Name, at.OriginalName)
			}
			path := fmt.Sprintf("/api/v1/attachments/%d", at.ID)
			got := e2.as("judge1").do("GET", path, nil)
			if got.Status != 200 || got.Body != string(content) {
				t.Fatalf("download through the other instance: %d, %d bytes, identical %v", got.Status, len(got.Body), got.Body == string(content))
			}
			if cd := got.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
				t.Errorf("Content-Disposition %q", cd)
			}
			for user, want := range map[string]int{"leader": 200, "mediator1": 200, "liaison1": 404, "judge3": 404, "admin2": 404} {
				if res := e2.as(user).do("GET", path, nil); res.Status != want {
					t.Errorf("%s downloads: %d, want %d", user, res.Status, want)
				}
			}
			// The liaison reads a linkage case's attachments.
			lk := matrixCase(e1, true)
			lres := e1.as("judge1").attach("case", lk.ID, "scan.pdf", fakePDF(1000, 2))
			if lres.Status != 201 {
				t.Fatalf("upload: %d %s", lres.Status, lres.Body)
			}
			if res := e2.as("liaison1").do("GET", fmt.Sprintf("/api/v1/attachments/%d", lres.id(t)), nil); res.Status != 200 {
				t.Errorf("liaison downloads a linkage case's attachment: %d", res.Status)
			}

			// Withdrawn through the second instance, listed so through the first.
			if res := e2.as("judge2").do("POST", path+"/withdraw", map[string]string{"reason": "误传"}); res.Status != 403 {
				t.Errorf("another judge withdraws: %d, want 403", res.Status)
			}
			if res := e2.as("judge1").do("POST", path+"/withdraw", map[string]string{"reason": " "}); res.Status != 400 {
				t.Errorf("withdraw without a reason: %d, want 400", res.Status)
			}
			if res := e2.as("judge1").do("POST", path+"/withdraw", map[string]string{"reason": "扫描不清，已重新上传"}); res.Status != 200 {
				t.Fatalf("withdraw: %d %s", res.Status, res.Body)
			}
			if res := e1.as("judge1").do("POST", path+"/withdraw", map[string]string{"reason": "再撤一次"}); res.Status != 409 {
				t.Errorf("withdraw twice: %d, want 409", res.Status)
			}
			var detail struct {
				Attachments []struct {
					ID             int64  `json:"id"`
					Withdrawn      bool   `json:"withdrawn"`
					WithdrawReason string `json:"withdraw_reason"`
				} `json:"attachments"`
			}
			e1.as("judge1").do("GET", fmt.Sprintf("/api/v1/cases/%d", k.ID), nil).JSON(t, &detail)
			if len(detail.Attachments) != 1 || !detail.Attachments[0].Withdrawn || detail.Attachments[0].WithdrawReason != "扫描不清，已重新上传" {
				t.Errorf("case attachments after the withdrawal: %+v", detail.Attachments)
			}
			var trail struct {
				Items []struct{ Action string }
			}
			e1.as("leader").do("GET", fmt.Sprintf("/api/v1/audit?entity=attachment&id=%d", at.ID), nil).JSON(t, &trail)
			if len(trail.Items) != 2 || trail.Items[0].Action != "attachment.add" || trail.Items[1].Action != "attachment.withdraw" {
				t.Errorf("audit trail: %+v", trail.Items)
			}
			// Never deleted: the withdrawn file still downloads.
			if res := e1.as("judge1").do("GET", path, nil); res.Status != 200 || res.Body != string(content) {
				t.Errorf("withdrawn file: %d", res.Status)
			}
		})
	}
}

// The type of an attachment is recognised by its content, never by its name.
func TestAttachmentTypeIsCheckedByContent(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		png := append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, make([]byte, 100)...)
		for _, tc := range []struct {
			name    string
			content []byte
			want    int
			mime    string
		}{
			{"真的.pdf", fakePDF(2000, 3), 201, "application/pdf"},
			{"假的.pdf", append([]byte("MZ\x90\x00"), make([]byte, 500)...), 400, ""},
			{"网页.pdf", []byte("<!DOCTYPE html><html><body>x</body></html>"), 400, ""},
			{"照片.png", png, 201, "image/png"},
			{"照片.jpg", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 100)...), 201, "image/jpeg"},
			{"协议.docx", officeFile(t, "[Content_Types].xml", "word/document.xml"), 201, app.TypeDOCX.MIME},
			{"清单.xlsx", officeFile(t, "[Content_Types].xml", "xl/workbook.xml"), 201, app.TypeXLSX.MIME},
			{"回复.ofd", officeFile(t, "OFD.xml", "Doc_0/Document.xml"), 201, "application/ofd"},
			{"压缩包.docx", officeFile(t, "readme.txt"), 400, ""},
			{"坏的.docx", []byte("PK\x03\x04 not a zip"), 400, ""},
			{"空.pdf", nil, 400, ""},
		} {
			res := e.as("judge1").attach("case", k.ID, tc.name, tc.content)
			if res.Status != tc.want {
				t.Errorf("%s: %d, want %d: %s", tc.name, res.Status, tc.want, res.Body)
				continue
			}
			if tc.want == 201 && !strings.Contains(res.Body, `"content_type":"`+tc.mime+`"`) {
				t.Errorf("%s: %s, want %s", tc.name, res.Body, tc.mime)
			}
		}
		if res := e.as("judge1").attach("case", 0, "a.pdf", fakePDF(100, 4)); res.Status != 400 {
			t.Errorf("no owner_id: %d", res.Status)
		}
		if res := e.as("judge1").attach("hearing", k.ID, "a.pdf", fakePDF(100, 4)); res.Status != 400 {
			t.Errorf("unknown owner: %d", res.Status)
		}
		if res := e.as("judge3").attach("case", k.ID, "a.pdf", fakePDF(100, 4)); res.Status != 404 {
			t.Errorf("another court's case: %d, want 404", res.Status)
		}
		if res := e.as("judge2").attach("case", k.ID, "a.pdf", fakePDF(100, 4)); res.Status != 403 {
			t.Errorf("another judge's case: %d, want 403", res.Status)
		}
	})
}

// A file over 20 MiB is 413, whether its length is declared or found while reading; 20 MiB exactly is taken.
func TestAttachmentOverTwentyMiBIsRefused(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		if res := e.as("judge1").attach("case", k.ID, "big.pdf", fakePDF(app.MaxAttachmentSize+1, 5)); res.Status != 413 {
			t.Errorf("20 MiB + 1 byte: %d, want 413: %.200s", res.Status, res.Body)
		}
		body, ct := uploadBody(t, "case", k.ID, "huge.pdf", fakePDF(app.MaxAttachmentSize+2<<20, 6))
		if res := e.as("judge1").do("POST", "/api/v1/attachments", body, "Content-Type", ct); res.Status != 413 {
			t.Errorf("22 MiB body: %d, want 413", res.Status)
		}
		res := e.as("judge1").attach("case", k.ID, "max.pdf", fakePDF(app.MaxAttachmentSize, 7))
		if res.Status != 201 {
			t.Fatalf("20 MiB exactly: %d %s", res.Status, res.Body)
		}
		var n int64
		s.DB.Raw("SELECT COUNT(*) FROM attachment_chunks WHERE attachment_id = ?", res.id(t)).Scan(&n)
		if n != app.MaxAttachmentSize/app.AttachmentChunk {
			t.Errorf("%d chunks, want %d", n, app.MaxAttachmentSize/app.AttachmentChunk)
		}
	})
}

// The case file .zip opens; its index lists every attachment not withdrawn,
// in filing order, and the files follow it in that order, byte-identical.
func TestCaseFileZipListsEveryItemInOrder(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		ctx := context.Background()
		m, err := e.Store.RecordMediation(ctx, e.Courts.Actor("judge1"), k.ID, app.MediationInput{HeldOn: app.MustDate("2025-06-20"),
			Mode: "onsite", Result: "success", Agreement: "原告撤回起诉"})
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		var order []string
		up := func(owner string, id int64, name string, content []byte) int64 {
			clock.Advance(time.Minute)
			res := e.as("judge1").attach(owner, id, name, content)
			if res.Status != 201 {
				t.Fatalf("upload %s: %d %s", name, res.Status, res.Body)
			}
			files[name], order = content, append(order, name)
			return res.id(t)
		}
		up("case", k.ID, "起诉状.pdf", fakePDF(5000, 8))
		bad := up("case", k.ID, "错传.pdf", fakePDF(300, 9))
		up("mediation", m.ID, "调解协议.pdf", fakePDF(app.AttachmentChunk+1, 10))
		up("case", k.ID, "现场照片.png", append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 1, 2, 3))
		if res := e.as("judge1").do("POST", fmt.Sprintf("/api/v1/attachments/%d/withdraw", bad), map[string]string{"reason": "错传"}); res.Status != 200 {
			t.Fatal(res.Body)
		}
		order = append(order[:1], order[2:]...)

		for _, path := range []string{"/api/v1/cases/%d/file.zip", "/cases/%d/file.zip"} {
			res := e.as("judge1").do("GET", fmt.Sprintf(path, k.ID), nil)
			if res.Status != 200 || res.Header.Get("Content-Type") != "application/zip" {
				t.Fatalf("%s: %d %s", path, res.Status, res.Header.Get("Content-Type"))
			}
			zr, err := zip.NewReader(strings.NewReader(res.Body), int64(len(res.Body)))
			if err != nil {
				t.Fatalf("the case file does not open: %v", err)
			}
			if len(zr.File) != len(order)+1 || zr.File[0].Name != app.CaseFileIndexName {
				t.Fatalf("entries %d, first %q", len(zr.File), zr.File[0].Name)
			}
			index := readZipEntry(t, zr.File[0])
			if !strings.Contains(index, "卷 宗 目 录") || !strings.Contains(index, k.CaseNo) {
				t.Errorf("index without its heading or case number")
			}
			last := 0
			for i, name := range order {
				f := zr.File[i+1]
				title := strings.TrimSuffix(name, filepath.Ext(name))
				if !strings.HasPrefix(f.Name, fmt.Sprintf("%02d-", i+1)) || !strings.Contains(f.Name, title) {
					t.Errorf("entry %d is %q, want %s", i+1, f.Name, name)
				}
				if readZipEntry(t, f) != string(files[name]) {
					t.Errorf("entry %s differs from the upload", f.Name)
				}
				at := strings.Index(index, f.Name)
				if at < last {
					t.Errorf("index lists %s out of order (or not at all)", f.Name)
				}
				last = at
			}
			if strings.Contains(index, "错传") {
				t.Errorf("the index lists a withdrawn attachment")
			}
		}
		if res := e.as("liaison1").do("GET", fmt.Sprintf("/api/v1/cases/%d/file.zip", k.ID), nil); res.Status != 403 {
			t.Errorf("liaison, non-linkage case file: %d", res.Status)
		}
		if res := e.as("judge3").do("GET", fmt.Sprintf("/api/v1/cases/%d/file.zip", k.ID), nil); res.Status != 404 {
			t.Errorf("another court's case file: %d", res.Status)
		}
	})
}

func readZipEntry(t *testing.T, f *zip.File) string {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A service's receipt (送达回证) is an attachment of the service, in its case's file.
func TestServiceReceiptIsAnAttachmentOfTheCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		now := clock.Now().UTC()
		if err := s.DB.Exec("INSERT INTO documents (case_id, kind, number, content, created_at) VALUES (?, 'response_notice', '', ?, ?)", k.ID, []byte("PK"), now).Error; err != nil {
			t.Fatal(err)
		}
		var docID, svcID int64
		s.DB.Raw("SELECT MAX(id) FROM documents").Scan(&docID)
		if err := s.DB.Exec("INSERT INTO services (document_id, case_id, recipient, method, sent_on, created_at) VALUES (?, ?, '清远市清新区林业局', 'post', '2025-06-05', ?)", docID, k.ID, now).Error; err != nil {
			t.Fatal(err)
		}
		s.DB.Raw("SELECT MAX(id) FROM services").Scan(&svcID)
		png := append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, make([]byte, 64)...)
		if res := e.as("judge2").attach("service", svcID, "回证.png", png); res.Status != 403 {
			t.Errorf("another judge attaches a receipt: %d, want 403", res.Status)
		}
		res := e.as("judge1").attach("service", svcID, "回证.png", png)
		if res.Status != 201 {
			t.Fatalf("receipt: %d %s", res.Status, res.Body)
		}
		var detail struct {
			Attachments []struct {
				ID    int64  `json:"id"`
				Owner string `json:"owner"`
			} `json:"attachments"`
		}
		e.as("mediator1").do("GET", fmt.Sprintf("/api/v1/cases/%d", k.ID), nil).JSON(t, &detail)
		if len(detail.Attachments) != 1 || detail.Attachments[0].Owner != "service" {
			t.Errorf("case attachments: %+v", detail.Attachments)
		}
		if res := e.as("liaison1").do("GET", fmt.Sprintf("/api/v1/attachments/%d", res.id(t)), nil); res.Status != 404 {
			t.Errorf("liaison, receipt of a non-linkage case: %d, want 404", res.Status)
		}
		page := e.as("judge1").do("GET", fmt.Sprintf("/cases/%d", k.ID), nil)
		if !strings.Contains(page.Body, fmt.Sprintf(`value="service:%d"`, svcID)) || !strings.Contains(page.Body, "回证.png") {
			t.Errorf("the case page offers no service to attach to, or does not list the receipt")
		}
	})
}

// The case file .zip of a demo case opens; its index lists every attachment
// of the case file that is not withdrawn, in filing order, and each follows
// under the name the index gives.
func TestDemoCaseFileOpensWithItsIndexInOrder(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai))
		if err := demo.Seed(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		authz, err := rbac.New(s.DB, apptest.Quiet())
		if err != nil {
			t.Fatal(err)
		}
		srv, err := NewServer(s, authz, apptest.Quiet(), Config{RequestTimeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv.Handler())
		defer hs.Close()
		e := &env{t: t, Store: s, Clock: clock, Server: srv, HTTP: hs, Authz: authz, users: map[string]*client{}}
		judge := e.anon()
		if res := judge.do("POST", "/api/v1/login", map[string]string{"username": "judge1", "password": demo.Password}); res.Status != 200 {
			t.Fatal(res.Body)
		}
		// The demo case with the most attachments.
		var caseID int64
		s.DB.Raw("SELECT owner_id FROM attachments WHERE owner_kind = 'case' GROUP BY owner_id ORDER BY COUNT(*) DESC, owner_id LIMIT 1").Scan(&caseID)
		if caseID == 0 {
			t.Fatal("the demo has no attachments")
		}
		var detail struct {
			CaseNo    string `json:"case_no"`
			Documents []struct {
				Kind      string    `json:"kind"`
				CreatedAt time.Time `json:"created_at"`
			} `json:"documents"`
			Attachments []struct {
				OriginalName string    `json:"original_name"`
				Withdrawn    bool      `json:"withdrawn"`
				CreatedAt    time.Time `json:"created_at"`
			} `json:"attachments"`
		}
		judge.do("GET", fmt.Sprintf("/api/v1/cases/%d", caseID), nil).JSON(t, &detail)
		type item struct {
			title string
			at    time.Time
		}
		var items []item
		for _, d := range detail.Documents {
			items = append(items, item{app.DocumentKinds.Label(d.Kind), d.CreatedAt})
		}
		withdrawn, attached := 0, 0
		for _, a := range detail.Attachments {
			if a.Withdrawn {
				withdrawn++
				continue
			}
			attached++
			items = append(items, item{strings.TrimSuffix(a.OriginalName, filepath.Ext(a.OriginalName)), a.CreatedAt})
		}
		if attached < 3 || withdrawn == 0 {
			t.Fatalf("demo case %d: %d attachments, %d withdrawn; want several and one withdrawn", caseID, attached, withdrawn)
		}
		slices.SortStableFunc(items, func(x, y item) int { return x.at.Compare(y.at) })
		var want []string
		for _, it := range items {
			want = append(want, it.title)
		}
		t.Logf("demo case %s: %d documents, %d attachments in its file", detail.CaseNo, len(detail.Documents), attached)
		res := judge.do("GET", fmt.Sprintf("/cases/%d/file.zip", caseID), nil)
		zr, err := zip.NewReader(strings.NewReader(res.Body), int64(len(res.Body)))
		if res.Status != 200 || err != nil {
			t.Fatalf("case file: %d, %v", res.Status, err)
		}
		if len(zr.File) != len(want)+1 {
			t.Fatalf("%d entries, want the index and %d", len(zr.File), len(want))
		}
		index := readZipEntry(t, zr.File[0])
		if !strings.Contains(index, detail.CaseNo) {
			t.Errorf("the index does not name the case %s", detail.CaseNo)
		}
		last := 0
		for i, title := range want {
			f := zr.File[i+1]
			if !strings.HasPrefix(f.Name, fmt.Sprintf("%02d-", i+1)) || !strings.Contains(f.Name, title) {
				t.Errorf("entry %d is %q, want %s", i+1, f.Name, title)
			}
			at := strings.Index(index, "<td>"+f.Name+"</td>")
			if at < last {
				t.Errorf("the index lists %s out of order or not at all", f.Name)
			}
			last = at
			if b := readZipEntry(t, f); !strings.HasPrefix(b, "%PDF-") && !strings.HasPrefix(b, "\x89PNG") && !strings.HasPrefix(b, "PK") {
				t.Errorf("%s is not the file", f.Name)
			}
		}
	})
}

// The organ's reply to a letter is attached on the letter's page (by the
// liaison, who may record replies) and listed there; a judge reads it, a
// mediator (no letter:read) does not.
func TestLetterReplyIsAttachedOnTheLetterPage(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e := newEnv(t, s, clock)
		id := matrixLetter(e, "issued")
		body, ct := uploadBody(t, "", 0, "林业局回复函.pdf", fakePDF(4000, 11))
		body = bytes.Replace(body, []byte(`name="owner"`), []byte(`name="target"`), 1)
		body = bytes.Replace(body, []byte("\r\n\r\n\r\n"), []byte(fmt.Sprintf("\r\n\r\nletter:%d\r\n", id)), 1)
		res := e.as("liaison1").do("POST", "/attachments", body, "Content-Type", ct)
		if res.Status != 303 || !strings.HasPrefix(res.Header.Get("Location"), fmt.Sprintf("/letters/%d?done=attachment", id)) {
			t.Fatalf("page upload: %d %s %.300s", res.Status, res.Header.Get("Location"), res.Body)
		}
		page := e.as("judge1").do("GET", fmt.Sprintf("/letters/%d", id), nil)
		if !strings.Contains(page.Body, "林业局回复函.pdf") || !strings.Contains(page.Body, "建议函回复") {
			t.Errorf("the letter page does not list the reply")
		}
		var atID int64
		s.DB.Raw("SELECT MAX(id) FROM attachments").Scan(&atID)
		for user, want := range map[string]int{"judge1": 200, "leader": 200, "liaison1": 200, "mediator1": 404, "judge3": 404} {
			if res := e.as(user).do("GET", fmt.Sprintf("/api/v1/attachments/%d", atID), nil); res.Status != want {
				t.Errorf("%s downloads the reply: %d, want %d", user, res.Status, want)
			}
		}
		// A judge who is not its drafter may record replies too (letter:reply, all).
		if res := e.as("judge2").attach("letter", id, "补充.pdf", fakePDF(100, 12)); res.Status != 201 {
			t.Errorf("judge2 attaches to the letter: %d %s", res.Status, res.Body)
		}
		if res := e.as("mediator1").attach("letter", id, "x.pdf", fakePDF(100, 13)); res.Status != 404 {
			t.Errorf("a mediator attaches to a letter: %d, want 404", res.Status)
		}
	})
}
