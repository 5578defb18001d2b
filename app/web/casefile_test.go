package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"mime/multipart"
	"strings"
	"testing"

	"fuyuan/app/apptest"
	"fuyuan/app/docx"
)

// templateUpload is a multipart body with a .docx whose body is the paragraphs' XML.
func templateUpload(t *testing.T, paragraphs ...string) ([]byte, string) {
	t.Helper()
	var doc bytes.Buffer
	zw := zip.NewWriter(&doc)
	for name, content := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			strings.Join(paragraphs, "") + `</w:body></w:document>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	zw.Close()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "court.docx")
	fw.Write(doc.Bytes())
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// The case file through the API: parties at filing and later, GET /cases/:id
// in full, a document generated (201 {id, kind, number?}) and downloaded,
// its service recorded, bad input named, templates uploaded and refused.
func TestTheCaseFileThroughTheAPI(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge := e.as("judge1")
		res := judge.do("POST", "/api/v1/cases", caseBody(e, map[string]any{
			"third_parties":  []any{"广东省清新林场"},
			"agents":         []any{map[string]any{"name": "梁志华", "side": "plaintiff", "kind": "lawyer", "phone": "13902611234"}},
			"challenged_act": map[string]any{"number": "清新林罚决字〔2025〕7号", "date": "2025-05-01", "content": "罚款四万五千元"},
			"claims":         "撤销行政处罚决定",
		}))
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		id := res.id(t)
		res = judge.do("POST", fmt.Sprintf("/api/v1/cases/%d/parties", id), map[string]any{"role": "plaintiff", "name": "黎桂英"})
		if res.Status != 201 {
			t.Fatalf("add a co-plaintiff: %d %s", res.Status, res.Body)
		}
		res = judge.do("POST", fmt.Sprintf("/api/v1/cases/%d/parties", id), map[string]any{"role": "agent", "name": "邓伟明", "side": "被告", "kind": "公民代理", "phone": "abc"})
		if res.Status != 400 || !strings.Contains(res.Body, `"phone"`) {
			t.Fatalf("an agent with a bad phone: %d %s", res.Status, res.Body)
		}
		var got struct {
			Plaintiffs    []struct{ Name string }
			ThirdParties  []struct{ Name string } `json:"third_parties"`
			Agents        []struct{ Name, Side, Kind, Phone string }
			ChallengedAct struct{ Number, Date, Content string } `json:"challenged_act"`
			Claims        string
			Documents     []any
		}
		judge.do("GET", fmt.Sprintf("/api/v1/cases/%d", id), nil).JSON(t, &got)
		if len(got.Plaintiffs) != 2 || got.Plaintiffs[1].Name != "黎桂英" || len(got.ThirdParties) != 1 || len(got.Agents) != 1 ||
			got.Agents[0].Phone != "13902611234" || got.ChallengedAct.Date != "2025-05-01" || got.Claims != "撤销行政处罚决定" || got.Documents == nil {
			t.Fatalf("GET /cases/:id: %+v", got)
		}

		res = judge.do("POST", fmt.Sprintf("/api/v1/cases/%d/documents", id), map[string]any{"kind": "nonsense"})
		if res.Status != 400 || !strings.Contains(res.Body, `"kind"`) {
			t.Fatalf("a bad kind: %d %s", res.Status, res.Body)
		}
		res = judge.do("POST", fmt.Sprintf("/api/v1/cases/%d/documents", id), map[string]any{"kind": "withdrawal_ruling"})
		var doc struct {
			ID     int64
			Kind   string
			Number string
		}
		res.JSON(t, &doc)
		if res.Status != 201 || doc.Kind != "withdrawal_ruling" || !strings.HasPrefix(doc.Number, "（2025）粤1803行赔初") {
			t.Fatalf("generate: %d %s", res.Status, res.Body)
		}
		file := judge.do("GET", fmt.Sprintf("/api/v1/documents/%d/file.docx", doc.ID), nil)
		text, err := docx.Text([]byte(file.Body))
		if file.Status != 200 || err != nil || !strings.Contains(text, "准许原告") || !strings.Contains(text, "广东省清新林场") || !strings.Contains(text, "梁志华") {
			t.Fatalf("download: %d %v\n%s", file.Status, err, text)
		}
		if e.as("judge3").do("GET", fmt.Sprintf("/api/v1/documents/%d/file.docx", doc.ID), nil).Status != 404 {
			t.Fatal("another court's judge reads the document")
		}
		res = judge.do("POST", fmt.Sprintf("/api/v1/documents/%d/services", doc.ID), map[string]any{"recipient": "", "method": "fax", "sent_on": "2025-13-01"})
		if res.Status != 400 || !strings.Contains(res.Body, `"recipient"`) || !strings.Contains(res.Body, `"method"`) || !strings.Contains(res.Body, `"sent_on"`) {
			t.Fatalf("a bad service: %d %s", res.Status, res.Body)
		}
		res = judge.do("POST", fmt.Sprintf("/api/v1/documents/%d/services", doc.ID), map[string]any{"recipient": "清远市绿源林业有限公司", "method": "post", "sent_on": "2025-06-05"})
		if res.Status != 201 {
			t.Fatalf("a service: %d %s", res.Status, res.Body)
		}

		admin := e.as("admin")
		body, ct := templateUpload(t, `<w:p><w:r><w:t>{{案</w:t></w:r><w:r><w:t>号}}</w:t></w:r></w:p>`)
		if res := admin.do("PUT", "/api/v1/document-templates/summons", body, "Content-Type", ct); res.Status != 200 || !strings.Contains(res.Body, `"案号"`) {
			t.Fatalf("upload: %d %s", res.Status, res.Body)
		}
		body, ct = templateUpload(t, `<w:p><w:r><w:t>{{不存在}}</w:t></w:r></w:p>`)
		if res := admin.do("PUT", "/api/v1/document-templates/summons", body, "Content-Type", ct); res.Status != 400 || !strings.Contains(res.Body, "{{不存在}}") {
			t.Fatalf("an unknown placeholder: %d %s", res.Status, res.Body)
		}
		if res := judge.do("PUT", "/api/v1/document-templates/summons", body, "Content-Type", ct); res.Status != 403 {
			t.Fatalf("a judge uploads a template: %d", res.Status)
		}
		var list []struct {
			Kind         string
			Placeholders []string
		}
		judge.do("GET", "/api/v1/document-templates", nil).JSON(t, &list)
		if len(list) != 12 || list[3].Kind != "summons" || strings.Join(list[3].Placeholders, ",") != "案号" {
			t.Fatalf("templates: %+v", list)
		}
		res = judge.do("POST", fmt.Sprintf("/api/v1/cases/%d/documents", id), map[string]any{"kind": "开庭传票"})
		res.JSON(t, &doc)
		file = judge.do("GET", fmt.Sprintf("/api/v1/documents/%d/file.docx", doc.ID), nil)
		if text, _ := docx.Text([]byte(file.Body)); !strings.HasPrefix(text, "（2025）粤1803行赔初") {
			t.Fatalf("the court's summons reads %q", text)
		}
	})
}
