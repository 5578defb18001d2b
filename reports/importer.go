package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"fuyuan/app"
)

// The columns of the case ledger (台账), in the order of api.md. 判决结果 is
// an optional extra column: a case closed by 判决 needs its result.
const (
	ColCaseNo        = "案号"
	ColCaseType      = "案件类型"
	ColCause         = "案由"
	ColDomain        = "领域"
	ColPlaintiff     = "原告"
	ColPlaintiffKind = "原告类型"
	ColOrgan         = "被告行政机关"
	ColFiledOn       = "立案日期"
	ColJudge         = "承办法官"
	ColLinkage       = "府院联动"
	ColClosedOn      = "结案日期"
	ColMethod        = "结案方式"
	ColResult        = "判决结果"
)

// The case file's optional columns (issue 18): a ledger without them still
// imports. Several names in one cell are separated by 、 ， ; or a line break.
const (
	ColCoPlaintiffs = "其他原告"
	ColThirdParties = "第三人"
	ColActNumber    = "被诉行政行为文号"
	ColActContent   = "被诉行政行为内容"
	ColClaims       = "诉讼请求"
)

// CaseFileHeaders are the optional case-file columns, after LedgerHeaders in the template.
var CaseFileHeaders = []string{ColCoPlaintiffs, ColThirdParties, ColActNumber, ColActContent, ColClaims}

// LedgerHeaders are the column headers of the import template, in order.
var LedgerHeaders = []string{ColCaseNo, ColCaseType, ColCause, ColDomain, ColPlaintiff, ColPlaintiffKind, ColOrgan,
	ColFiledOn, ColJudge, ColLinkage, ColClosedOn, ColMethod}

// requiredColumns must be present in a ledger's header row.
var requiredColumns = []string{ColCaseType, ColCause, ColDomain, ColPlaintiff, ColPlaintiffKind, ColOrgan, ColFiledOn, ColJudge}

// Limits of a ledger upload.
const (
	MaxLedgerRows  = 50_000   // data rows, headers not counted, blank rows counted
	MaxLedgerUnzip = 64 << 20 // bytes of the whole unzipped workbook
)

// RowError is one problem of an uploaded ledger: the sheet's row number
// (the headers are row 1), the column header and why.
type RowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// LedgerColumns maps a header to its 0-based column.
type LedgerColumns map[string]int

// LedgerRow is one data row of a ledger, parsed but not yet checked against
// the court's records (case types, judges, numbers in use).
type LedgerRow struct {
	Row            int
	CaseNo         string
	CaseType       string
	Cause          string // code
	Domain         string // code
	Plaintiff      string
	PlaintiffKind  string // code
	Organ          string
	FiledOn        app.Date
	Judge          string // username
	Linkage        bool
	ClosedOn       app.Date
	Method         string // code; "" when the case is open
	JudgmentResult string // code
	// The case file's optional columns.
	CoPlaintiffs, ThirdParties []string
	ActNumber, ActContent      string
	Claims                     string
}

// ParseLedgerHeader reads the header row; a missing required column or a
// column given twice is an error on row 1.
func ParseLedgerHeader(cells []string) (LedgerColumns, []RowError) {
	cols := LedgerColumns{}
	var errs []RowError
	for i, c := range cells {
		h := ledgerHeaderName(c)
		if h == "" {
			continue
		}
		if _, dup := cols[h]; dup {
			errs = append(errs, RowError{1, h, "列“" + h + "”出现了两次"})
			continue
		}
		cols[h] = i
	}
	for _, h := range requiredColumns {
		if _, ok := cols[h]; !ok {
			errs = append(errs, RowError{1, h, "缺少列“" + h + "”（请使用导入模板）"})
		}
	}
	return cols, errs
}

// ledgerHeaderName is a header cell's column name: without a byte-order
// mark, surrounding spaces or a trailing "（可选）".
func ledgerHeaderName(cell string) string {
	h := strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
	return strings.TrimSuffix(strings.TrimSuffix(h, "（可选）"), "(可选)")
}

// knownColumns are the headers the import reads; a sheet's other columns are never read.
var knownColumns = func() map[string]bool {
	m := map[string]bool{ColResult: true}
	for _, h := range append(append([]string{}, LedgerHeaders...), CaseFileHeaders...) {
		m[h] = true
	}
	return m
}()

// ParseLedgerRow parses the cells of sheet row `row` by column header. It
// checks every value that needs no database: required values, enum labels
// (codes are accepted too), real dates, 是/否, and a closing date given
// with its method. It never panics, whatever the cells hold.
func ParseLedgerRow(cols LedgerColumns, cells []string, row int) (LedgerRow, []RowError) {
	r := LedgerRow{Row: row}
	var errs []RowError
	bad := func(field, msg string) { errs = append(errs, RowError{row, field, msg}) }
	get := func(h string) string {
		i, ok := cols[h]
		if !ok || i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	text := func(h string, max int, required bool) string {
		v := get(h)
		switch {
		case !utf8.ValidString(v):
			bad(h, "含有无法识别的字符")
		case v == "" && required:
			bad(h, "不能为空")
		case utf8.RuneCountInString(v) > max:
			bad(h, fmt.Sprintf("最多 %d 个字", max))
		}
		return v
	}
	enum := func(h string, e app.Enum, required bool) string {
		v := get(h)
		if v == "" {
			if required {
				bad(h, "不能为空（可填："+labels(e)+"）")
			}
			return ""
		}
		code, ok := e.Parse(v)
		if !ok {
			bad(h, "“"+clip(v)+"”不正确（可填："+labels(e)+"）")
		}
		return code
	}
	date := func(h string, required bool) app.Date {
		v := get(h)
		if v == "" {
			if required {
				bad(h, "不能为空（格式 YYYY-MM-DD）")
			}
			return app.Date{}
		}
		d, err := ParseCellDate(v)
		if err != nil {
			bad(h, "“"+clip(v)+"”不是真实存在的日期（格式 YYYY-MM-DD）")
		}
		return d
	}
	r.CaseNo = text(ColCaseNo, 64, false)
	r.CaseType = text(ColCaseType, 16, true)
	r.Cause = enum(ColCause, app.Causes, true)
	r.Domain = enum(ColDomain, app.Domains, true)
	r.Plaintiff = text(ColPlaintiff, 100, true)
	r.PlaintiffKind = enum(ColPlaintiffKind, app.PlaintiffKinds, true)
	r.Organ = text(ColOrgan, 100, true)
	r.FiledOn = date(ColFiledOn, true)
	r.Judge = text(ColJudge, 32, true)
	switch v := get(ColLinkage); v {
	case "", "否", "N", "n", "no", "false", "0":
	case "是", "Y", "y", "yes", "true", "1":
		r.Linkage = true
	default:
		bad(ColLinkage, "应填“是”或“否”")
	}
	r.ClosedOn = date(ColClosedOn, false)
	r.Method = enum(ColMethod, app.CloseMethods, false)
	r.JudgmentResult = enum(ColResult, app.JudgmentResults, false)
	switch closing, method := get(ColClosedOn) != "", get(ColMethod) != ""; {
	case closing && !method:
		bad(ColMethod, "填写了结案日期，请同时填写结案方式")
	case method && !closing:
		bad(ColClosedOn, "填写了结案方式，请同时填写结案日期")
	}
	if !r.FiledOn.IsZero() && !r.ClosedOn.IsZero() && r.ClosedOn.Before(r.FiledOn) {
		bad(ColClosedOn, "结案日期不能早于立案日期")
	}
	if r.Method == "judgment" && r.JudgmentResult == "" {
		bad(ColMethod, "以判决结案的，请增加“判决结果”列并填写（"+labels(app.JudgmentResults)+"）")
	}
	r.CoPlaintiffs = splitNames(text(ColCoPlaintiffs, 1000, false))
	r.ThirdParties = splitNames(text(ColThirdParties, 1000, false))
	r.ActNumber = text(ColActNumber, 100, false)
	r.ActContent = text(ColActContent, 2000, false)
	r.Claims = text(ColClaims, 2000, false)
	for h, list := range map[string][]string{ColCoPlaintiffs: r.CoPlaintiffs, ColThirdParties: r.ThirdParties} {
		for _, n := range list {
			if utf8.RuneCountInString(n) > 100 {
				bad(h, "每个姓名或名称最多 100 个字")
			}
		}
	}
	return r, errs
}

// splitNames splits a cell of several names (、 ， , ; ； or line breaks).
func splitNames(v string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("、，,;；\n\r", r) }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// ParseCellDate reads a date cell: YYYY-MM-DD (also with / or . and
// without leading zeros, or 2025年3月4日) or a spreadsheet date serial.
// An impossible date such as 2025-02-30 is an error.
func ParseCellDate(v string) (app.Date, error) {
	v = strings.TrimSpace(v)
	if n, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, "-/.年") {
		if n < 1 || n > 400000 {
			return app.Date{}, errors.New("bad serial")
		}
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			return app.Date{}, err
		}
		return app.ParseDate(t.Format("2006-01-02"))
	}
	v = strings.TrimPrefix(v, "'")
	// Only the date part of "2025-03-04 00:00:00".
	if i := strings.IndexByte(v, ' '); i > 0 {
		v = v[:i]
	}
	r := strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-")
	parts := strings.Split(r.Replace(v), "-")
	if len(parts) != 3 {
		return app.Date{}, errors.New("bad date")
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) == 0 || len(p) > 4 || n < 0 {
			return app.Date{}, errors.New("bad date")
		}
		nums[i] = n
	}
	return app.ParseDate(fmt.Sprintf("%04d-%02d-%02d", nums[0], nums[1], nums[2]))
}

func labels(e app.Enum) string {
	out := make([]string, len(e.Options))
	for i, o := range e.Options {
		out[i] = o.Label
	}
	return strings.Join(out, "、")
}

func clip(v string) string {
	if utf8.RuneCountInString(v) > 20 {
		return string([]rune(v)[:20]) + "…"
	}
	return v
}

// ErrNotXLSX is the answer to an upload that is not an .xlsx workbook.
var ErrNotXLSX = app.Invalid("file", "上传的文件不是 Excel 工作簿（.xlsx），请使用导入模板填写后上传")

// ReadLedger reads the first sheet of an uploaded workbook into rows, with
// every problem it finds. It reads only the columns of known headers, so a
// far-away cell costs nothing; every row number counts against
// MaxLedgerRows, blank or absent rows too (EINVALID beyond); a workbook that
// inflates past MaxLedgerUnzip is refused before it is inflated, and one that
// takes longer than MaxLedgerParse to read (ETOOLARGE both); a file that is
// not an .xlsx is EINVALID. It stops with ctx's error when ctx ends (the
// client has gone).
func ReadLedger(ctx context.Context, content []byte) ([]LedgerRow, []RowError, error) {
	return ReadLedgerProgress(ctx, content, nil)
}

// Progress is told how far a ledger's import has come: the rows read from
// the sheet (total 0: not known yet), then the rows checked and filed out of
// total. It is called every ProgressRows rows and at the end of each phase,
// from the goroutine of the import.
type Progress func(phase string, done, total int)

// The phases of Progress.
const (
	PhaseRead   = "read"
	PhaseImport = "import"
)

// ProgressRows is how often Progress is told.
const ProgressRows = 500

// ReadLedgerProgress is ReadLedger telling progress (nil: nobody) the rows read.
func ReadLedgerProgress(ctx context.Context, content []byte, progress Progress) ([]LedgerRow, []RowError, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	if !bytes.HasPrefix(content, []byte("PK\x03\x04")) {
		return nil, nil, ErrNotXLSX
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, ledgerParseLimit)
	defer cancel()
	sh, err := openLedgerSheet(ctx, content)
	if err != nil {
		return nil, nil, ledgerReadError(ctx, parent, err)
	}
	defer sh.Close()
	row, header, err := sh.nextRow(0, func(int) bool { return true })
	if err == io.EOF {
		return nil, []RowError{{1, ColCaseType, "工作表是空的：第 1 行应为列标题（请使用导入模板）"}}, nil
	}
	if err != nil {
		return nil, nil, ledgerReadError(ctx, parent, err)
	}
	// The known headers in sheet order; each data row is read as these columns only.
	var sheetCols []int
	if row == 1 {
		for col, v := range header {
			if knownColumns[ledgerHeaderName(v)] {
				sheetCols = append(sheetCols, col)
			}
		}
	}
	sort.Ints(sheetCols)
	names := make([]string, len(sheetCols))
	index := map[int]int{} // sheet column → position in names
	for i, col := range sheetCols {
		names[i], index[col] = header[col], i
	}
	cols, herrs := ParseLedgerHeader(names)
	if len(herrs) > 0 {
		return nil, herrs, nil
	}
	keep := func(col int) bool { _, ok := index[col]; return ok }
	var (
		out  []LedgerRow
		errs []RowError
	)
	for prev := row; ; prev = row {
		var values map[int]string
		row, values, err = sh.nextRow(prev, keep)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, ledgerReadError(ctx, parent, err)
		}
		if row-1 > MaxLedgerRows {
			return nil, nil, app.Invalid("file", fmt.Sprintf("一次最多导入 %d 行（空行也计入），第 %d 行已超出，请删除多余的行或分批导入", MaxLedgerRows, row))
		}
		cells := make([]string, len(names))
		for col, v := range values {
			cells[index[col]] = v
		}
		if blank(cells) {
			continue
		}
		r, rerrs := ParseLedgerRow(cols, cells, row)
		out = append(out, r)
		errs = append(errs, rerrs...)
		if len(out)%ProgressRows == 0 {
			progress(PhaseRead, len(out), 0)
		}
	}
	progress(PhaseRead, len(out), 0)
	if len(out) == 0 && len(errs) == 0 {
		return nil, []RowError{{2, ColCaseType, "没有可导入的数据行"}}, nil
	}
	return out, errs, nil
}

func errTooLarge() error {
	return app.Errorf(app.ETOOLARGE, "工作簿解压后超过 %d MB，已拒绝", MaxLedgerUnzip>>20)
}

func errTooSlow() error {
	return app.Errorf(app.ETOOLARGE, "工作簿过于复杂，%d 秒内未能读完，请分批导入", int(MaxLedgerParse/time.Second))
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// ErrLedgerRows is returned by ImportLedger with the rows' problems; nothing was imported.
type ErrLedgerRows struct{ Errors []RowError }

func (e *ErrLedgerRows) Error() string { return fmt.Sprintf("ledger: %d bad rows", len(e.Errors)) }

// fieldColumns maps the fields of the case services' errors to ledger columns.
var fieldColumns = map[string]string{
	"case_no": ColCaseNo, "case_type": ColCaseType, "cause": ColCause, "domain": ColDomain,
	"plaintiff.name": ColPlaintiff, "plaintiff": ColPlaintiff, "plaintiff.kind": ColPlaintiffKind,
	"organ_id": ColOrgan, "filed_on": ColFiledOn, "judge_id": ColJudge, "linkage": ColLinkage,
	"closed_on": ColClosedOn, "method": ColMethod, "judgment_result": ColResult,
	"challenged_act.number": ColActNumber, "challenged_act.content": ColActContent, "claims": ColClaims,
}

// caseFile is the case-file part of a ledger row's case.
func (r LedgerRow) caseFile() app.CaseFileInput {
	in := app.CaseFileInput{Act: app.ActInput{Number: r.ActNumber, Content: r.ActContent, Claims: r.Claims}}
	for _, n := range r.CoPlaintiffs {
		in.Parties = append(in.Parties, app.PartyInput{Role: app.RolePlaintiff, Name: n})
	}
	for _, n := range r.ThirdParties {
		in.Parties = append(in.Parties, app.PartyInput{Role: app.RoleThirdParty, Name: n})
	}
	return in
}

// ImportLedger files every row in ONE transaction: organs are created by
// name when new, judges are found by username, and the cases are filed by
// the case register's own FileCasesTx, ledgerBatch rows at a time, by the
// rules of a filing through the form (its 案号 kept when given) and closed
// by the rules of a closing when a closing is given. Rows with a given 案号
// go first, so that a generated number never takes one the file names. Any
// bad row rolls everything back and comes back in *ErrLedgerRows.
//
// parsed are the problems ReadLedger found: when there are any, the other
// rows are still checked against the court's records (and rolled back), so
// that one answer lists every problem of the file.
func ImportLedger(ctx context.Context, s *app.Store, a app.Actor, rows []LedgerRow, parsed []RowError) (int, error) {
	return ImportLedgerProgress(ctx, s, a, rows, parsed, nil)
}

// ledgerBatch is how many rows the import files at once (FileCasesTx):
// a few statements for several hundred rows instead of a dozen for each.
var ledgerBatch = 500

// ImportLedgerProgress is ImportLedger telling progress (nil: nobody) the
// rows checked and filed; a transaction run again starts again from 0.
func ImportLedgerProgress(ctx context.Context, s *app.Store, a app.Actor, rows []LedgerRow, parsed []RowError, progress Progress) (int, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	skip := map[int]bool{}
	for _, e := range parsed {
		skip[e.Row] = true
	}
	var order []int
	for i, r := range rows {
		if !skip[r.Row] {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return rows[order[i]].CaseNo != "" && rows[order[j]].CaseNo == "" })
	var errs []RowError
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		errs = append(errs[:0], parsed...)
		if s.Dialect == app.SQLite {
			// Thousands of rows into a large register's indexes: a page
			// cache of 16 MB for this transaction (2 MB by default) keeps
			// more of the indexes' pages it descends, instead of reading
			// them again and again (at a million cases: 46 s of CPU with 64
			// MB, 51 s with 16 MB, peak 240 MB and 137 MB; docs/benchmarks.md).
			// The connection gets its own size back at the end.
			var was int64
			if err := tx.Raw("PRAGMA cache_size").Scan(&was).Error; err != nil {
				return err
			}
			if err := tx.Exec("PRAGMA cache_size = -16384").Error; err != nil {
				return err
			}
			defer tx.Exec(fmt.Sprintf("PRAGMA cache_size = %d", was))
		}
		organs, judges, types, err := ledgerLookups(tx, a.Court)
		if err != nil {
			return err
		}
		rowErr := func(row int, e *app.Error) {
			if len(e.Fields) == 0 {
				errs = append(errs, RowError{row, ColCaseNo, e.Message})
				return
			}
			keys := make([]string, 0, len(e.Fields))
			for k := range e.Fields {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				col, ok := fieldColumns[k]
				if !ok {
					col = k
				}
				errs = append(errs, RowError{row, col, e.Fields[k]})
			}
		}
		// The kept counts of every batch, written once at the end: each
		// key once instead of once per batch (case_figure_days' days and
		// dimensions recur in every batch of a year's ledger).
		counts := app.NewFilingCounts()
		progress(PhaseImport, 0, len(order))
		for start := 0; start < len(order); start += ledgerBatch {
			if start > 0 && start%ProgressRows == 0 {
				progress(PhaseImport, start, len(order))
			}
			batch := order[start:min(start+ledgerBatch, len(order))]
			var filings []app.Filing
			var filed []int // the sheet row of each filing
			for _, i := range batch {
				r := rows[i]
				organ, ok := organs[r.Organ]
				if !ok {
					in := app.OrganInput{Name: r.Organ, Kind: organKindOf(r.Organ)}
					if err := in.Validate(); err != nil {
						rowErr(r.Row, asAppError(err, "name", ColOrgan))
						continue
					}
					o, err := s.CreateImportedOrganTx(tx, a, in)
					if err != nil {
						if e := domainError(err); e != nil {
							rowErr(r.Row, asAppError(e, "name", ColOrgan))
							continue
						}
						return err
					}
					organ = o.ID
					organs[r.Organ] = organ
				}
				judge, ok := judges[r.Judge]
				if !ok {
					errs = append(errs, RowError{r.Row, ColJudge, "本院没有用户名为“" + clip(r.Judge) + "”的法官"})
					continue
				}
				caseType := r.CaseType
				if code, ok := types[caseType]; ok {
					caseType = code
				}
				f := app.Filing{CaseNo: r.CaseNo, Input: app.CaseInput{CaseType: caseType, Cause: r.Cause, Domain: r.Domain,
					Plaintiff: app.Party{Name: r.Plaintiff, Kind: r.PlaintiffKind}, OrganID: organ, FiledOn: r.FiledOn,
					JudgeID: judge, Linkage: r.Linkage, CaseFile: r.caseFile()}}
				if r.Method != "" {
					f.Close = &app.CloseInput{ClosedOn: r.ClosedOn, Method: r.Method, JudgmentResult: r.JudgmentResult}
				}
				filings = append(filings, f)
				filed = append(filed, r.Row)
			}
			out, err := s.FileCasesCountedTx(tx, a, filings, counts)
			if err != nil {
				return err
			}
			for n, f := range out {
				if f.Err == nil {
					continue
				}
				e := domainError(f.Err)
				if e == nil {
					return f.Err
				}
				if filings[n].Close != nil && f.Case.ID != 0 && len(e.Fields) == 0 {
					// The closing's conflicts name no field: the closing's columns.
					e = &app.Error{Code: e.Code, Message: e.Message, Fields: map[string]string{"method": e.Message}}
				}
				rowErr(filed[n], e)
			}
		}
		if len(errs) > 0 {
			progress(PhaseImport, len(order), len(order))
			return &ErrLedgerRows{}
		}
		if err := s.AddFilingCountsTx(tx, counts); err != nil {
			return err
		}
		progress(PhaseImport, len(order), len(order))
		return s.Audit(tx, a, "cases.import", "import", 0, nil, map[string]any{"imported": len(rows)})
	})
	var bad *ErrLedgerRows
	if errors.As(err, &bad) {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
		return 0, &ErrLedgerRows{Errors: append([]RowError(nil), errs...)}
	}
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// domainError returns err as an *app.Error of bad input or of a state that
// forbids the change, nil for anything else (which aborts the import).
func domainError(err error) *app.Error {
	var e *app.Error
	if errors.As(err, &e) && (e.Code == app.EINVALID || e.Code == app.ECONFLICT) {
		return e
	}
	return nil
}

// asAppError renames field from in the error's fields to to.
func asAppError(err error, from, to string) *app.Error {
	var e *app.Error
	if !errors.As(err, &e) {
		return &app.Error{Code: app.EINVALID, Message: err.Error(), Fields: map[string]string{to: err.Error()}}
	}
	fields := map[string]string{}
	for k, v := range e.Fields {
		if k == from {
			k = to
		}
		fields[k] = v
	}
	return &app.Error{Code: e.Code, Message: e.Message, Fields: fields}
}

// ledgerLookups loads the court's organs by name, its active judges by
// username and its case types by code and by name.
func ledgerLookups(tx *gorm.DB, court string) (organs, judges map[string]int64, types map[string]string, err error) {
	organs, judges, types = map[string]int64{}, map[string]int64{}, map[string]string{}
	var os []struct {
		ID   int64
		Name string
	}
	if err = tx.Table("organs").Select("id, name").Where("court_code = ?", court).Scan(&os).Error; err != nil {
		return
	}
	for _, o := range os {
		organs[o.Name] = o.ID
	}
	var us []struct {
		ID       int64
		Username string
	}
	if err = tx.Table("users").Select("id, username").Where("court_code = ? AND role = ? AND disabled = ?", court, app.RoleJudge, false).
		Scan(&us).Error; err != nil {
		return
	}
	for _, u := range us {
		judges[u.Username] = u.ID
	}
	var ts []struct{ Code, Name string }
	if err = tx.Table("case_types").Select("code, name").Where("court_code = ?", court).Scan(&ts).Error; err != nil {
		return
	}
	for _, t := range ts {
		types[t.Code] = t.Code
		if _, taken := types[t.Name]; !taken {
			types[t.Name] = t.Code
		}
	}
	return
}

// organKindNames are the words of an organ's name that tell its kind.
var organKindNames = []struct{ word, kind string }{
	{"林业", "林业局"}, {"自然资源", "自然资源局"}, {"人力资源", "人社局"}, {"人社", "人社局"},
	{"文化广电旅游", "文广旅体局"}, {"文广旅", "文广旅体局"}, {"市场监督", "市场监管局"}, {"市场监管", "市场监管局"},
	{"综合行政执法", "综合执法局"}, {"综合执法", "综合执法局"}, {"司法局", "司法局"}, {"生态环境", "生态环境局"},
	{"住房和城乡建设", "住建局"}, {"住建", "住建局"}, {"公安", "公安局"}, {"镇人民政府", "镇人民政府"},
	{"区人民政府", "区人民政府"},
}

// organKindOf guesses a new organ's kind from its name; 其他 when nothing matches.
func organKindOf(name string) string {
	for _, k := range organKindNames {
		if strings.Contains(name, k.word) {
			return k.kind
		}
	}
	return "其他"
}

// LedgerTemplate writes the import template: one sheet whose first row holds
// the column headers of api.md in order, and a sheet of instructions.
func LedgerTemplate(out io.Writer, today app.Date) error {
	w, err := newWorkbook()
	if err != nil {
		return err
	}
	defer w.f.Close()
	const sheet, help = "案件台账", "填写说明"
	if err := w.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	headers := make([]any, 0, len(LedgerHeaders)+len(CaseFileHeaders))
	for _, h := range LedgerHeaders {
		headers = append(headers, h)
	}
	for _, h := range CaseFileHeaders {
		headers = append(headers, h+"（可选）")
	}
	if err := w.row(sheet, 1, []int{w.st.header}, headers...); err != nil {
		return err
	}
	if err := w.widths(sheet, 26, 10, 12, 10, 22, 10, 26, 12, 12, 10, 12, 14, 22, 26, 22, 30, 30); err != nil {
		return err
	}
	if err := w.f.SetPanes(sheet, panes(2)); err != nil {
		return err
	}
	// Keep typed dates and numbers as text, so 2025-03-04 stays a date string.
	textCols, err := w.f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	if err := w.f.SetColStyle(sheet, "A:Q", textCols); err != nil {
		return err
	}
	if _, err := w.f.NewSheet(help); err != nil {
		return err
	}
	lines := [][2]string{
		{ColCaseNo, "可选。已有案号的填写，如“（2025）粤1803行初12号”；不填则按立案年份自动编号"},
		{ColCaseType, "必填。本院案件类型代字，如 行初、行审、行赔初、行诉前调"},
		{ColCause, "必填。" + labels(app.Causes)},
		{ColDomain, "必填。" + labels(app.Domains)},
		{ColPlaintiff, "必填。原告（申请人）姓名或名称"},
		{ColPlaintiffKind, "必填。" + labels(app.PlaintiffKinds)},
		{ColOrgan, "必填。机关全称；系统中没有的将自动新建"},
		{ColFiledOn, "必填。格式 YYYY-MM-DD，如 " + today.String()},
		{ColJudge, "必填。承办法官的登录用户名"},
		{ColLinkage, "是 或 否（不填为否）"},
		{ColClosedOn, "已结案的填写，格式 YYYY-MM-DD"},
		{ColMethod, "已结案的填写：" + labels(app.CloseMethods)},
		{ColResult, "可另加此列：以判决结案的填写 " + labels(app.JudgmentResults)},
		{ColCoPlaintiffs, "可选。共同起诉的其他原告，多个以顿号分隔"},
		{ColThirdParties, "可选。第三人，多个以顿号分隔"},
		{ColActNumber, "可选。被诉行政行为的文号"},
		{ColActContent, "可选。被诉行政行为的内容"},
		{ColClaims, "可选。原告的诉讼请求"},
	}
	if err := w.row(help, 1, []int{w.st.header}, "列", "说明"); err != nil {
		return err
	}
	for i, l := range lines {
		if err := w.row(help, i+2, []int{w.st.bold, w.st.wrap}, l[0], l[1]); err != nil {
			return err
		}
	}
	if err := w.widths(help, 16, 90); err != nil {
		return err
	}
	if err := w.properties("案件台账导入模板", "", time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, app.Shanghai)); err != nil {
		return err
	}
	return w.writeTo(out)
}
