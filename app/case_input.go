package app

import (
	"net/url"
	"strconv"
	"strings"

	"fuyuan/app/form"
)

// fieldValues is a request's input as text (form.Values), keyed by the JSON
// name of each field ("plaintiff.name" for nested ones). JSON bodies and
// HTML forms both become fieldValues, so that one parser checks both and
// names every bad field at once instead of stopping at the first value that
// does not decode. Its readers are package form's, with the case fields' words.
type fieldValues form.Values

// fieldsFromJSON flattens a JSON object into fieldValues.
func fieldsFromJSON(b []byte, p Problems) fieldValues { return fieldValues(form.FromJSON(b, p)) }

// fieldsFromForm takes the values of a posted HTML form.
func fieldsFromForm(v url.Values) fieldValues { return fieldValues(form.FromURL(v)) }

func (f fieldValues) has(key string) bool { return form.Values(f).Has(key) }

func (f fieldValues) str(key string) string { return form.Values(f).Str(key) }

// id reads a positive record id; "" or "0" (a select's "none") is 0.
func (f fieldValues) id(p Problems, key, why string) int64 {
	if f.str(key) == "0" {
		return 0
	}
	return form.ID(p, key, f.str(key), why)
}

// ids reads a list of positive ids, without duplicates.
func (f fieldValues) ids(p Problems, key, why string) []int64 { return form.IDs(p, key, f[key], why) }

// date reads a YYYY-MM-DD date; the zero date when empty.
func (f fieldValues) date(p Problems, key, what string) Date {
	d, _ := form.Parse(p, key, f.str(key), what+"不是有效日期（格式 YYYY-MM-DD，且须真实存在，如 2025-03-04）", ParseDate)
	return d
}

// boolean reads a yes/no value: true/false, 1/0, on (a ticked checkbox), 是/否.
func (f fieldValues) boolean(p Problems, key, what string) bool {
	return form.Flag(p, key, f.str(key), what+"应为 true 或 false")
}

// money reads an amount in yuan; nil when empty.
func (f fieldValues) money(p Problems, key, what string) *Money {
	m, ok := form.Parse(p, key, f.str(key), what+"应为不小于 0 的金额（元），最多两位小数", ParseYuan)
	if !ok {
		return nil
	}
	return &m
}

// Change is an optional new value of a field in a patch; Set says whether the field was sent.
type Change[T any] struct {
	Set bool
	To  T
}

func set[T any](v T) Change[T] { return Change[T]{Set: true, To: v} }

// given writes *v onto *dst when v is given: a field left out of a PATCH
// (nil) keeps its value.
func given[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// Party is the plaintiff of a case.
type Party struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// CaseInput is the body of POST /cases. cause, domain and plaintiff.kind
// take the code or the Chinese label; penalty_before is in yuan.
type CaseInput struct {
	CaseType       string  `json:"case_type"`
	Cause          string  `json:"cause"`
	Domain         string  `json:"domain"`
	Plaintiff      Party   `json:"plaintiff"`
	OrganID        int64   `json:"organ_id"`
	FiledOn        Date    `json:"filed_on"`
	JudgeID        int64   `json:"judge_id"`
	MediatorIDs    []int64 `json:"mediator_ids"`
	Linkage        bool    `json:"linkage"`
	LinkagePartner string  `json:"linkage_partner"`
	CrossRegion    bool    `json:"cross_region"`
	Region         string  `json:"region"`
	WorkstationID  *int64  `json:"workstation_id"`
	FastTrack      bool    `json:"fast_track"`
	Simplified     bool    `json:"simplified"`
	PenaltyBefore  *Money  `json:"penalty_before"`
	// OriginCaseID links a 行初 case to the failed pre-litigation mediation (行诉前调) it follows.
	OriginCaseID *int64 `json:"origin_case_id"`
	// CaseFile is the case file's optional parties, challenged act and claims.
	CaseFile CaseFileInput `json:"-"`

	// problems are the fields that did not even decode (an impossible date,
	// a word where a number belongs); validation reports them with the rest.
	problems Problems
}

// UnmarshalJSON reads the body of POST /cases, keeping every value that does
// not decode as a field problem instead of failing at the first one.
func (in *CaseInput) UnmarshalJSON(b []byte) error {
	p := Problems{}
	b, lists := partyListsFromJSON(b, p)
	*in = caseInputFrom(fieldsFromJSON(b, p), p)
	in.CaseFile.lists, in.CaseFile.fromForm = lists, false
	return nil
}

// CaseInputFromForm reads the new-case form, whose inputs are named as the JSON keys.
func CaseInputFromForm(v url.Values) CaseInput {
	p := Problems{}
	return caseInputFrom(fieldsFromForm(v), p)
}

func caseInputFrom(f fieldValues, p Problems) CaseInput {
	in := CaseInput{
		CaseType:       f.str("case_type"),
		Cause:          f.str("cause"),
		Domain:         f.str("domain"),
		Plaintiff:      Party{Name: f.str("plaintiff.name"), Kind: f.str("plaintiff.kind")},
		OrganID:        f.id(p, "organ_id", "请选择被告行政机关"),
		FiledOn:        f.date(p, "filed_on", "立案日期"),
		JudgeID:        f.id(p, "judge_id", "请选择承办法官"),
		MediatorIDs:    f.ids(p, "mediator_ids", "调解员编号不正确"),
		Linkage:        f.boolean(p, "linkage", "府院联动"),
		LinkagePartner: f.str("linkage_partner"),
		CrossRegion:    f.boolean(p, "cross_region", "跨区域"),
		Region:         f.str("region"),
		FastTrack:      f.boolean(p, "fast_track", "快审"),
		Simplified:     f.boolean(p, "simplified", "简易程序"),
		PenaltyBefore:  f.money(p, "penalty_before", "原处罚金额"),
		problems:       p,
	}
	if id := f.id(p, "workstation_id", "请选择法官工作室"); id > 0 {
		in.WorkstationID = &id
	}
	if id := f.id(p, "origin_case_id", "诉前调解案件编号不正确"); id > 0 {
		in.OriginCaseID = &id
	}
	in.CaseFile = caseFileFrom(f, p)
	return in
}

// normalize checks the fields that need no database and turns labels into codes.
func (in *CaseInput) normalize(today Date) Problems {
	p := Problems{}
	for k, v := range in.problems {
		p.Add(k, v)
	}
	in.CaseType = strings.TrimSpace(in.CaseType)
	if in.CaseType == "" {
		p.Add("case_type", "请选择案件类型")
	}
	in.Cause = parseEnumField(p, "cause", Causes, in.Cause, "请选择案由（行政处罚、行政强制、行政许可、工伤认定等）")
	in.Domain = parseEnumField(p, "domain", Domains, in.Domain, "请选择领域（生态、文旅、涉企、劳动社保、其他）")
	in.Plaintiff.Name = form.Required(p, "plaintiff.name", in.Plaintiff.Name, "原告姓名或名称", "请填写原告（申请人）姓名或名称", 100)
	in.Plaintiff.Kind = parseEnumField(p, "plaintiff.kind", PlaintiffKinds, in.Plaintiff.Kind, "请选择原告类型：个人或企业")
	if in.OrganID <= 0 {
		p.Add("organ_id", "请选择被告行政机关")
	}
	checkFiledOn(p, in.FiledOn, today)
	if in.JudgeID <= 0 {
		p.Add("judge_id", "请选择承办法官")
	}
	if !in.Linkage {
		in.LinkagePartner = ""
	}
	in.LinkagePartner = form.Text(p, "linkage_partner", in.LinkagePartner, "联动单位", 100)
	in.Region = form.Text(p, "region", in.Region, "地区", 64)
	if in.MediatorIDs == nil {
		in.MediatorIDs = []int64{}
	}
	in.CaseFile.normalize(p, in.Plaintiff, today)
	return p
}

func checkFiledOn(p Problems, d, today Date) {
	switch {
	case d.IsZero():
		p.Add("filed_on", "请填写立案日期（格式 YYYY-MM-DD）")
	case d.After(today):
		p.Add("filed_on", "立案日期不能晚于今天（"+today.String()+"）")
	case d.Year < 2000:
		p.Add("filed_on", "立案日期不能早于 2000 年")
	}
}

// parseEnumField turns a code or label into the code, or records why not.
func parseEnumField(p Problems, key string, e Enum, v, why string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		p.Add(key, why)
		return ""
	}
	code, ok := e.Parse(v)
	if !ok {
		p.Add(key, why)
		return v
	}
	return code
}

// CasePatch is the body of PATCH /cases/:id: the version read, and the fields
// to change (the others are left alone). The case type and number never change.
type CasePatch struct {
	Version        int
	Cause          Change[string]
	Domain         Change[string]
	PlaintiffName  Change[string]
	PlaintiffKind  Change[string]
	OrganID        Change[int64]
	FiledOn        Change[Date]
	JudgeID        Change[int64]
	MediatorIDs    Change[[]int64]
	Linkage        Change[bool]
	LinkagePartner Change[string]
	CrossRegion    Change[bool]
	Region         Change[string]
	WorkstationID  Change[int64] // 0 clears it
	FastTrack      Change[bool]
	Simplified     Change[bool]
	PenaltyBefore  Change[*Money] // nil clears it
	CaseType       Change[string] // only to refuse a change of type

	problems Problems
}

// UnmarshalJSON reads a PATCH body; absent keys are left alone, null clears an optional field.
func (pt *CasePatch) UnmarshalJSON(b []byte) error {
	p := Problems{}
	*pt = casePatchFrom(fieldsFromJSON(b, p), p)
	return nil
}

// CasePatchFromForm reads an edit form: every input present in the form is a field to set.
func CasePatchFromForm(v url.Values) CasePatch {
	return casePatchFrom(fieldsFromForm(v), Problems{})
}

// casePatchFrom reads a patch from flattened fields (JSON or form).
func casePatchFrom(f fieldValues, p Problems) CasePatch {
	pt := CasePatch{problems: p}
	if s := f.str("version"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			p.Add("version", "版本号 version 应为正整数")
		}
		pt.Version = n
	}
	if f.has("case_type") {
		pt.CaseType = set(f.str("case_type"))
	}
	if f.has("cause") {
		pt.Cause = set(f.str("cause"))
	}
	if f.has("domain") {
		pt.Domain = set(f.str("domain"))
	}
	if f.has("plaintiff.name") {
		pt.PlaintiffName = set(f.str("plaintiff.name"))
	}
	if f.has("plaintiff.kind") {
		pt.PlaintiffKind = set(f.str("plaintiff.kind"))
	}
	if f.has("organ_id") {
		pt.OrganID = set(f.id(p, "organ_id", "请选择被告行政机关"))
	}
	if f.has("filed_on") {
		pt.FiledOn = set(f.date(p, "filed_on", "立案日期"))
	}
	if f.has("judge_id") {
		pt.JudgeID = set(f.id(p, "judge_id", "请选择承办法官"))
	}
	if f.has("mediator_ids") {
		pt.MediatorIDs = set(f.ids(p, "mediator_ids", "调解员编号不正确"))
	}
	if f.has("linkage") {
		pt.Linkage = set(f.boolean(p, "linkage", "府院联动"))
	}
	if f.has("linkage_partner") {
		pt.LinkagePartner = set(f.str("linkage_partner"))
	}
	if f.has("cross_region") {
		pt.CrossRegion = set(f.boolean(p, "cross_region", "跨区域"))
	}
	if f.has("region") {
		pt.Region = set(f.str("region"))
	}
	if f.has("workstation_id") {
		pt.WorkstationID = set(f.id(p, "workstation_id", "请选择法官工作室"))
	}
	if f.has("fast_track") {
		pt.FastTrack = set(f.boolean(p, "fast_track", "快审"))
	}
	if f.has("simplified") {
		pt.Simplified = set(f.boolean(p, "simplified", "简易程序"))
	}
	if f.has("penalty_before") {
		pt.PenaltyBefore = set(f.money(p, "penalty_before", "原处罚金额"))
	}
	return pt
}

// ChangesJudge reports whether the patch changes the judge of a case
// currently assigned as ref says (that needs case:assign).
func (pt CasePatch) ChangesJudge(ref CaseRef) bool {
	return pt.JudgeID.Set && pt.JudgeID.To != ref.JudgeID
}

// ChangesMediators reports whether the patch changes the mediators of a case
// currently assigned as ref says (that needs case:mediators).
func (pt CasePatch) ChangesMediators(ref CaseRef) bool {
	return pt.MediatorIDs.Set && !sameIDs(pt.MediatorIDs.To, ref.MediatorIDs)
}

// ChangesDetails reports whether the patch sets any field other than the
// judge and the mediators (that needs case:edit).
func (pt CasePatch) ChangesDetails() bool {
	return pt.Cause.Set || pt.Domain.Set || pt.PlaintiffName.Set || pt.PlaintiffKind.Set || pt.OrganID.Set ||
		pt.FiledOn.Set || pt.Linkage.Set || pt.LinkagePartner.Set || pt.CrossRegion.Set || pt.Region.Set ||
		pt.WorkstationID.Set || pt.FastTrack.Set || pt.Simplified.Set || pt.PenaltyBefore.Set || pt.CaseType.Set
}

func sameIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, y := range b {
		if !seen[y] {
			return false
		}
	}
	return true
}
