package app_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/docx"
)

// wordDocx is a .docx whose body is the given paragraphs' XML, as Word
// writes it: a placeholder may be split over several runs.
func wordDocx(t *testing.T, paragraphs ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+
		strings.Join(paragraphs, "")+`</w:body></w:document>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A court's own template with {{案号}} fills, also when Word split the
// placeholder over runs; one naming {{不存在}} is refused with that name.
func TestAnUploadedTemplateFillsItsPlaceholdersAndAnUnknownOneIsRefused(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2026-03-10")
		in := caseFiling(ct, "行初", "2026-03-02")
		b, _ := json.Marshal(map[string]any{"case_type": "行初", "cause": "行政处罚", "domain": "ecology",
			"plaintiff":      map[string]string{"name": "清远市绿源林业有限公司", "kind": "enterprise"},
			"plaintiffs":     []any{"清远市绿源林业有限公司", map[string]string{"name": "黎桂英", "kind": "individual"}},
			"third_parties":  []any{"广东省清新林场"},
			"agents":         []any{map[string]string{"name": "梁志华", "side": "plaintiff", "kind": "lawyer", "phone": "13902611234"}},
			"challenged_act": map[string]string{"number": "清新林罚决字〔2026〕3号", "date": "2026-02-01", "content": "责令恢复原状"},
			"claims":         "撤销行政处罚决定", "organ_id": ct.Organ.ID, "filed_on": "2026-03-02", "judge_id": ct.Users["judge1"].ID})
		if err := json.Unmarshal(b, &in); err != nil {
			t.Fatal(err)
		}
		k := fileCase(t, s, ct, in)
		judge := ct.Actor("judge1")
		parties := caseMust(s.PartiesOf(caseCtx, judge, k))
		if len(parties.Plaintiffs) != 2 || parties.Plaintiffs[1].Name != "黎桂英" || len(parties.ThirdParties) != 1 ||
			len(parties.Agents) != 1 || parties.Agents[0].Side != "plaintiff" || parties.ChallengedAct.Number != "清新林罚决字〔2026〕3号" ||
			parties.Claims != "撤销行政处罚决定" {
			t.Fatalf("parties filed with the case: %+v", parties)
		}

		admin := ct.Actor("admin")
		split := wordDocx(t,
			`<w:p><w:r><w:t>案号：{{案</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>号}}</w:t></w:r></w:p>`,
			`<w:p><w:r><w:t xml:space="preserve">原告：{{ </w:t></w:r><w:r><w:t>原告</w:t></w:r><w:r><w:t>}}，被告：{{被告}} &amp; 其他</w:t></w:r></w:p>`)
		if _, err := s.SaveTemplate(caseCtx, admin, "response_notice", split); err != nil {
			t.Fatal(err)
		}
		d := caseMust(s.GenerateDocument(caseCtx, judge, k.ID, "response_notice"))
		text, err := docx.Text(d.Content)
		if err != nil {
			t.Fatal(err)
		}
		want := "案号：" + k.CaseNo + "\n原告：清远市绿源林业有限公司、黎桂英，被告：" + ct.Organ.Name + " & 其他"
		if text != want {
			t.Fatalf("filled text %q, want %q", text, want)
		}

		unknown := wordDocx(t, `<w:p><w:r><w:t>{{不存</w:t></w:r><w:r><w:t>在}} {{案号}}</w:t></w:r></w:p>`)
		_, err = s.SaveTemplate(caseCtx, admin, "summons", unknown)
		if errCode(err) != app.EINVALID || !strings.Contains(errFields(err)["file"], "{{不存在}}") {
			t.Fatalf("a template with {{不存在}}: %v", err)
		}
		if _, err := s.SaveTemplate(caseCtx, admin, "summons", []byte("not a zip")); errCode(err) != app.EINVALID {
			t.Fatalf("a template that is not a .docx: %v", err)
		}
		list := caseMust(s.DocumentTemplates(caseCtx, admin))
		for _, tpl := range list {
			if tpl.Kind == "summons" && tpl.Uploaded {
				t.Fatal("the refused template was saved")
			}
			if tpl.Kind == "response_notice" && (!tpl.Uploaded || strings.Join(tpl.Placeholders, ",") != "案号,原告,被告") {
				t.Fatalf("the uploaded template is listed as %+v", tpl)
			}
		}
	})
}

// A 公告送达 adds an excluded period of its notice days to the deadline;
// a bad service names the field.
func TestANoticeServiceExcludesItsNoticeDays(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2026-03-10")
		k := fileCase(t, s, ct, caseFiling(ct, "行初", "2026-03-02"))
		judge := ct.Actor("judge1")
		d := caseMust(s.GenerateDocument(caseCtx, judge, k.ID, "response_notice"))
		_, err := s.RecordService(caseCtx, judge, d.ID, app.DocumentServiceInput{Recipient: "", Method: "pigeon", SentOn: app.MustDate("2026-03-20")})
		f := errFields(err)
		if errCode(err) != app.EINVALID || f["recipient"] == "" || f["method"] == "" || f["sent_on"] == "" {
			t.Fatalf("a bad service: %v", err)
		}
		sv := caseMust(s.RecordService(caseCtx, judge, d.ID, app.DocumentServiceInput{Recipient: ct.Organ.Name, Method: "notice",
			SentOn: app.MustDate("2026-03-05")}))
		if sv.ExcludedPeriodID == nil {
			t.Fatal("a 公告送达 added no excluded period")
		}
		after := caseMust(s.GetCase(caseCtx, judge, k.ID))
		periods := caseMust(s.ListExcludedPeriods(caseCtx, judge, k.ID))
		if len(periods) != 1 || periods[0].Reason != "announcement" || periods[0].Days != app.NoticeDays || periods[0].StartOn != app.MustDate("2026-03-05") {
			t.Fatalf("excluded periods %+v", periods)
		}
		// 60 days later, moved past a weekend or holiday as every deadline is.
		if got := after.DeadlineOn.DaysSince(k.DeadlineOn); got < app.NoticeDays || got > app.NoticeDays+7 {
			t.Fatalf("the deadline moved %d days (%s → %s), want %d", got, k.DeadlineOn, after.DeadlineOn, app.NoticeDays)
		}
		// The same notice for a second document adds nothing more.
		d2 := caseMust(s.GenerateDocument(caseCtx, judge, k.ID, "evidence_notice"))
		caseMust(s.RecordService(caseCtx, judge, d2.ID, app.DocumentServiceInput{Recipient: ct.Organ.Name, Method: "notice",
			SentOn: app.MustDate("2026-03-05")}))
		if again := caseMust(s.GetCase(caseCtx, judge, k.ID)); again.DeadlineOn != after.DeadlineOn {
			t.Fatalf("a second document in the same notice moved the deadline to %s", again.DeadlineOn)
		}
		docs := caseMust(s.Documents(caseCtx, judge, k.ID))
		if len(docs) != 2 || len(docs[0].Services) != 1 || docs[0].Services[0].Method != "notice" {
			t.Fatalf("documents %+v", docs)
		}
	})
}
