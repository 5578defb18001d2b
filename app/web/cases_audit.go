package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"fuyuan/app"
)

// auditRow is one entry of a case's audit trail as the case page shows it:
// when, who, what was done, and what changed, in words.
type auditRow struct {
	At      string
	User    string
	Action  string
	Changes []string
}

// caseAuditActions are the names of the audited steps of a case.
var caseAuditActions = map[string]string{
	"case.create": "立案", "case.update": "修改案件信息", "case.mediation": "记录调解", "case.suspend": "中止审理",
	"case.resume": "恢复审理", "case.excluded_period": "登记扣除审限期间", "case.extension": "延长审限",
	"case.extension_request": "申请延长审限", "case.extension_request.approved": "同意报请延长审限",
	"case.extension_request.refused": "不予报请延长审限", "case.extension_request.withdrawn": "撤回延长审限申请",
	"case.extension_request.completed": "延长审限申请已获批准",
	"case.commitment":                  "登记履行承诺", "case.commitment_fulfil": "登记承诺履行", "case.close": "结案",
}

// caseFieldLabels name the fields of a case whose changes the trail shows, in this order.
var caseFieldLabels = []struct{ key, label, enum string }{
	{"status", "状态", "status"}, {"cause", "案由", "cause"}, {"domain", "领域", "domain"},
	{"plaintiff.name", "原告", ""}, {"plaintiff.kind", "原告类型", "plaintiff_kind"}, {"organ_name", "被告", ""},
	{"filed_on", "立案日期", ""}, {"judge_name", "承办法官", ""}, {"mediator_ids", "调解员（编号）", ""},
	{"linkage", "府院联动", ""}, {"linkage_partner", "联动单位", ""}, {"cross_region", "跨区域", ""},
	{"region", "地区", ""}, {"workstation_id", "法官工作室（编号）", ""}, {"fast_track", "快审", ""},
	{"simplified", "简易程序", ""}, {"penalty_before", "原处罚金额（元）", ""}, {"penalty_after", "结案后处罚金额（元）", ""},
	{"deadline_on", "审限届满", ""}, {"closed_on", "结案日期", ""}, {"method", "结案方式", "method"},
	{"judgment_result", "判决结果", "judgment_result"},
}

// auditRows turns a case's audit entries into rows for the page.
func auditRows(entries []app.AuditEntry) []auditRow {
	out := make([]auditRow, 0, len(entries))
	for _, e := range entries {
		r := auditRow{At: e.At.In(app.Shanghai).Format("2006-01-02 15:04"), User: e.Username, Action: caseAuditActions[e.Action]}
		if r.Action == "" {
			r.Action = e.Action
		}
		before, after := decodeObject(e.Before), decodeObject(e.After)
		recorded := after
		if inner, ok := after["case"].(map[string]any); ok {
			after = inner
		} else if e.Action != "case.create" && e.Action != "case.update" && e.Action != "case.close" {
			after = nil
		}
		r.Changes = append(r.Changes, recordedItems(recorded)...)
		if e.Action == "case.create" {
			r.Changes = append(r.Changes, fmt.Sprintf("案号 %v，审限届满 %v", after["case_no"], after["deadline_on"]))
		} else if before != nil && after != nil {
			r.Changes = append(r.Changes, fieldChanges(before, after)...)
		}
		out = append(out, r)
	}
	return out
}

func decodeObject(raw json.RawMessage) map[string]any {
	if len(raw) == 0 {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

// lookup reads "a.b" from a decoded object.
func lookup(m map[string]any, key string) any {
	head, rest, nested := strings.Cut(key, ".")
	v := m[head]
	if !nested {
		return v
	}
	inner, _ := v.(map[string]any)
	return inner[rest]
}

// fieldChanges lists "字段：旧 → 新" for every field that differs.
func fieldChanges(before, after map[string]any) []string {
	var out []string
	for _, f := range caseFieldLabels {
		b, a := auditValue(lookup(before, f.key), f.enum), auditValue(lookup(after, f.key), f.enum)
		if b != a {
			out = append(out, fmt.Sprintf("%s：%s → %s", f.label, b, a))
		}
	}
	return out
}

// auditValue writes a recorded value in words.
func auditValue(v any, enum string) string {
	switch x := v.(type) {
	case nil:
		return "（空）"
	case bool:
		if x {
			return "是"
		}
		return "否"
	case string:
		if x == "" {
			return "（空）"
		}
		if enum != "" {
			return enumByName(enum).Label(x)
		}
		return x
	case float64:
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.2f", x), "00"), ".")
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, auditValue(e, ""))
		}
		sort.Strings(parts)
		if len(parts) == 0 {
			return "（无）"
		}
		return strings.Join(parts, "、")
	}
	return fmt.Sprint(v)
}

// recordedItems describes the records a step added (a mediation, a period …).
func recordedItems(m map[string]any) []string {
	var out []string
	if x, ok := m["mediation"].(map[string]any); ok {
		out = append(out, fmt.Sprintf("调解日期 %v，%s，%s", x["held_on"], app.MediationModes.Label(fmt.Sprint(x["mode"])), app.MediationResults.Label(fmt.Sprint(x["result"]))))
	}
	if x, ok := m["commitment"].(map[string]any); ok {
		line := fmt.Sprintf("%s，履行期限 %v", app.CommitmentKinds.Label(fmt.Sprint(x["kind"])), x["due_on"])
		if x["fulfilled_on"] != nil {
			line += fmt.Sprintf("，已于 %v 履行", x["fulfilled_on"])
		}
		out = append(out, line)
	}
	if x, ok := m["excluded_period"].(map[string]any); ok {
		line := fmt.Sprintf("%s，自 %v", app.ExcludedReasons.Label(fmt.Sprint(x["reason"])), x["start_on"])
		if x["end_on"] != nil {
			line += fmt.Sprintf(" 至 %v（%v 天）", x["end_on"], x["days"])
		}
		out = append(out, line)
	}
	if x, ok := m["extension_request"].(map[string]any); ok {
		line := fmt.Sprintf("申请延长至 %v（理由：%v），%s", x["requested_deadline_on"], x["reason"], app.ExtensionRequestStatuses.Label(fmt.Sprint(x["status"])))
		if c, _ := x["comment"].(string); c != "" {
			line += "，意见：" + c
		}
		out = append(out, line)
	}
	if x, ok := m["extension"].(map[string]any); ok {
		out = append(out, fmt.Sprintf("%v 批准延长至 %v（%v）", x["approved_on"], x["new_deadline_on"], x["approved_by"]))
	}
	return out
}
