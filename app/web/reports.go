package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// RunMonthEndArchive archives the previous month's report of every court at
// start-up when it is missing, then checks every hour, so that on the first
// day of each month the month that ended is archived. It returns when ctx ends.
func (s *Server) RunMonthEndArchive(ctx context.Context) {
	reports.RunArchiver(ctx, s.Store, s.Log, time.Hour)
}

// statsPeriod reads ?from and ?to (dates inclusive): by default this year up
// to today; only `to` given means from 1 January of its year.
func statsPeriod(get func(string) string, today app.Date) (reports.Period, error) {
	bad := app.Problems{}
	date := func(key string) app.Date {
		v := strings.TrimSpace(get(key))
		if v == "" {
			return app.Date{}
		}
		d, err := app.ParseDate(v)
		if err != nil {
			bad.Add(key, "日期格式应为 YYYY-MM-DD 且为真实存在的日期")
		}
		return d
	}
	p := reports.Period{From: date("from"), To: date("to")}
	if err := bad.Err(); err != nil {
		return p, err
	}
	if p.To.IsZero() {
		p.To = today
	}
	if p.From.IsZero() {
		p.From = app.NewDate(p.To.Year, 1, 1)
		if p.From.After(p.To) {
			p.From = p.To
		}
	}
	if p.From.After(p.To) {
		bad.Add("from", "开始日期不能晚于结束日期")
		bad.Add("to", "结束日期不能早于开始日期")
	}
	return p, bad.Err()
}

func (s *Server) apiStats(c *gin.Context) {
	today := s.Clock.Today()
	p, err := statsPeriod(c.Query, today)
	if err != nil {
		s.fail(c, err)
		return
	}
	if by := c.Query("by"); by != "" {
		t, err := s.figureTable(c, p, by)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, t)
		return
	}
	a, _ := actorOf(c)
	f, err := reports.Stats(c.Request.Context(), s.Store, a.Court, p, today)
	apiAnswer(s, c, http.StatusOK, f, err)
}

// reportMonth reads ?month=YYYY-MM (by default last month); a month that
// has not begun is bad input.
func (s *Server) reportMonth(v string) (reports.Month, error) {
	today := s.Clock.Today()
	if strings.TrimSpace(v) == "" {
		return reports.MonthOf(today).Add(-1), nil
	}
	m, err := reports.ParseMonth(v)
	if err != nil {
		return m, app.Invalid("month", err.Error())
	}
	return m, reports.CheckArchiveMonth(m, today)
}

func (s *Server) apiMonthlyReport(c *gin.Context) {
	m, err := s.reportMonth(c.Query("month"))
	if err != nil {
		s.fail(c, err)
		return
	}
	vis, err := s.caseVisibility(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	var buf bytes.Buffer
	if err := reports.Monthly(c.Request.Context(), s.Store, a.Court, m, vis, &buf); err != nil {
		s.fail(c, err)
		return
	}
	sendXLSX(c, fmt.Sprintf("%s月度报表-%s.xlsx", s.courtName(c), m), buf.Bytes())
}

func (s *Server) courtName(c *gin.Context) string {
	a, _ := actorOf(c)
	court, err := s.Store.GetCourt(c.Request.Context(), a.Court)
	if err != nil {
		return a.Court
	}
	return court.Name
}

// sendXLSX answers a workbook as a download named name.
func sendXLSX(c *gin.Context, name string, b []byte) {
	setDownload(c, name)
	c.Data(http.StatusOK, xlsxType, b)
}

func setDownload(c *gin.Context, name string) {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return -1
		}
		return r
	}, name)
	if strings.Trim(ascii, ".-") == "" || strings.HasPrefix(ascii, "-") {
		ascii = "report" + ascii
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii,
		strings.ReplaceAll(url.QueryEscape(name), "+", "%20")))
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Type", xlsxType)
}

// exportCases streams every case matching the case list's filters that the
// user may read (GET /api/v1/reports/cases.xlsx and the page's /reports/cases.xlsx).
func (s *Server) exportCases(c *gin.Context) {
	f, vis, err := s.caseListRequest(c)
	if err != nil {
		s.failAuto(c, err)
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	// The rows are read and streamed into the sheet first; only then does the
	// answer start, so that a failure is still an error answer.
	each := func(fn func(app.Case) error) error { return s.Store.EachCase(ctx, a, vis, f, fn) }
	out := &lazyDownload{c: c, name: fmt.Sprintf("%s案件清单-%s.xlsx", s.courtName(c), s.Clock.Today())}
	if err := reports.ExportCases(each, out); err != nil {
		if out.started {
			s.Log.Error("case export broke off", "err", err, "request_id", c.GetString("request_id"))
			panic(http.ErrAbortHandler)
		}
		s.failAuto(c, err)
	}
}

// lazyDownload sets the download headers on its first write.
type lazyDownload struct {
	c       *gin.Context
	name    string
	started bool
}

func (d *lazyDownload) Write(p []byte) (int, error) {
	if !d.started {
		d.started = true
		setDownload(d.c, d.name)
		d.c.Status(http.StatusOK)
	}
	return d.c.Writer.Write(p)
}

func (s *Server) apiListArchive(c *gin.Context) {
	a, _ := actorOf(c)
	items, err := reports.ListArchive(c.Request.Context(), s.Store, a.Court, 500)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items, "total": len(items)}, err)
}

type archiveInput struct {
	Month string `json:"month"`
}

func (s *Server) apiArchiveMonth(c *gin.Context) {
	var in archiveInput
	if !s.bindJSON(c, &in) {
		return
	}
	if strings.TrimSpace(in.Month) == "" {
		s.fail(c, app.Invalid("month", "请填写月份（YYYY-MM）"))
		return
	}
	m, err := s.reportMonth(in.Month)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	arch, err := reports.Archive(c.Request.Context(), s.Store, a, m)
	apiAnswer(s, c, http.StatusCreated, arch, err)
}

// archivedFile loads an archived report of the user's court (another
// court's is 404). An archived report lists every case of the court, so it
// is given only to those who may read all of the court's cases (403 else).
func (s *Server) archivedFile(c *gin.Context) (reports.Archived, []byte, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return reports.Archived{}, nil, false
	}
	a, _ := actorOf(c)
	arch, content, err := reports.ArchivedFile(c.Request.Context(), s.Store, a.Court, id)
	if err != nil {
		s.failAuto(c, err)
		return arch, nil, false
	}
	if !s.authorize(c, rbac.CaseRead, rbac.Object{Kind: "case", Court: a.Court}) {
		return arch, nil, false
	}
	return arch, content, true
}

func (s *Server) apiArchivedFile(c *gin.Context) {
	arch, content, ok := s.archivedFile(c)
	if !ok {
		return
	}
	c.Header("X-Content-SHA256", arch.SHA256)
	sendXLSX(c, fmt.Sprintf("%s月度报表-%s-第%d版.xlsx", s.courtName(c), arch.Month, arch.Version), content)
}

func (s *Server) apiImportTemplate(c *gin.Context) {
	var buf bytes.Buffer
	if err := reports.LedgerTemplate(&buf, s.Clock.Today()); err != nil {
		s.fail(c, err)
		return
	}
	sendXLSX(c, "案件台账导入模板.xlsx", buf.Bytes())
}

// importResult is the outcome of a ledger upload: imported rows or the rows' problems.
type importResult struct {
	Imported int
	Errors   []reports.RowError
}

// importUpload reads the multipart field "file" (never its name) and
// imports it. Bad rows come back in the result; other problems as an error.
func (s *Server) importUpload(c *gin.Context) (importResult, error) {
	content, err := s.uploadedFile(c, "file")
	if err != nil {
		return importResult{}, err
	}
	return s.importLedger(c, content, nil)
}

// importLedger reads and imports an uploaded ledger, telling progress
// (nil: nobody) how far it has come.
func (s *Server) importLedger(c *gin.Context, content []byte, progress reports.Progress) (importResult, error) {
	rows, rowErrs, err := reports.ReadLedgerProgress(c.Request.Context(), content, progress)
	if err != nil {
		return importResult{}, err
	}
	if len(rows) == 0 && len(rowErrs) > 0 {
		return importResult{Errors: rowErrs}, nil
	}
	a, _ := actorOf(c)
	n, err := reports.ImportLedgerProgress(c.Request.Context(), s.Store, a, rows, rowErrs, progress)
	var bad *reports.ErrLedgerRows
	if errors.As(err, &bad) {
		return importResult{Errors: bad.Errors}, nil
	}
	return importResult{Imported: n}, err
}

// uploadedFile reads one multipart file field into memory, up to the upload
// limit (413 beyond it). The client's file name is never used.
func (s *Server) uploadedFile(c *gin.Context, field string) ([]byte, error) {
	mt, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, app.Invalid(field, "请以 multipart/form-data 上传 .xlsx 文件（字段名 file）")
	}
	mr := multipart.NewReader(c.Request.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, app.Invalid(field, "请选择要上传的 .xlsx 文件")
		}
		if err != nil {
			return nil, uploadError(err, s.Config.MaxUpload)
		}
		if part.FormName() != field {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, uploadError(err, s.Config.MaxUpload)
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, s.Config.MaxUpload+1))
		if err != nil {
			return nil, uploadError(err, s.Config.MaxUpload)
		}
		if int64(len(b)) > s.Config.MaxUpload {
			return nil, app.Errorf(app.ETOOLARGE, "上传的文件过大（上限 %d MB）", s.Config.MaxUpload>>20)
		}
		if len(b) == 0 {
			return nil, app.Invalid(field, "上传的文件是空的")
		}
		return b, nil
	}
}

func uploadError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return app.Errorf(app.ETOOLARGE, "上传的文件过大（上限 %d MB）", limit>>20)
	}
	return app.Invalid("file", "上传的内容不完整或格式不正确，请重新上传")
}

// apiImportCases imports a ledger: 200 {imported}, or 400 {errors} and
// nothing imported. A client that accepts application/x-ndjson (the import
// page) gets, once the file is uploaded, 200 and a stream of one JSON object
// a line: {"phase":"read","done":n,"total":0} while the sheet is read,
// {"phase":"import","done":n,"total":N} while the rows are checked and filed
// (every reports.ProgressRows rows), and last the outcome with the status
// the plain answer would have had: {"status":200,"imported":N},
// {"status":400,"error":{…},"errors":[…]} or {"status":…,"error":{…}}.
// The progress travels with the answer, so any instance behind the proxy
// serves it (nginx is told not to buffer it).
func (s *Server) apiImportCases(c *gin.Context) {
	if strings.Contains(c.GetHeader("Accept"), ndjson) {
		s.apiImportCasesStream(c)
		return
	}
	res, err := s.importUpload(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(res.Errors) > 0 {
		c.JSON(http.StatusBadRequest, gin.H{"errors": res.Errors,
			"error": errorDetail{Code: app.EINVALID, Message: fmt.Sprintf("台账中有 %d 处错误，未导入任何记录", len(res.Errors))}})
		return
	}
	c.JSON(http.StatusOK, gin.H{"imported": res.Imported})
}

const ndjson = "application/x-ndjson"

// apiImportCasesStream is apiImportCases streaming its progress.
func (s *Server) apiImportCasesStream(c *gin.Context) {
	content, err := s.uploadedFile(c, "file")
	if err == nil && !bytes.HasPrefix(content, []byte("PK\x03\x04")) {
		err = reports.ErrNotXLSX
	}
	if err != nil {
		s.fail(c, err) // nothing streamed yet: the plain answer
		return
	}
	c.Header("Content-Type", ndjson+"; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.Header("X-Accel-Buffering", "no")
	c.Status(http.StatusOK)
	enc := json.NewEncoder(c.Writer)
	line := func(v any) {
		if enc.Encode(v) == nil {
			c.Writer.Flush()
		}
	}
	res, err := s.importLedger(c, content, func(phase string, done, total int) {
		line(gin.H{"phase": phase, "done": done, "total": total})
	})
	switch {
	case err != nil:
		e := s.asAppError(c, err)
		line(gin.H{"status": statusOf[e.Code], "error": errorDetail{e.Code, e.Message, e.Fields}})
	case len(res.Errors) > 0:
		line(gin.H{"status": http.StatusBadRequest, "errors": res.Errors,
			"error": errorDetail{Code: app.EINVALID, Message: fmt.Sprintf("台账中有 %d 处错误，未导入任何记录", len(res.Errors))}})
	default:
		line(gin.H{"status": http.StatusOK, "imported": res.Imported})
	}
}
