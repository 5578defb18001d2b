package form_test

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"fuyuan/app/form"
)

type problems map[string]string

func (p problems) Add(field, why string) {
	if _, ok := p[field]; !ok {
		p[field] = why
	}
}

// TestEveryBadFieldIsNamedWithItsReason: the one reader of request input
// reads ids, yes/no, lists and parsed values the same way for a query, a
// form and a JSON body, and names every bad field instead of stopping.
func TestEveryBadFieldIsNamedWithItsReason(t *testing.T) {
	p := problems{}
	q := form.FromURL(url.Values{"organ_id": {"12"}, "judge_id": {"-3"}, "linkage": {"是"}, "overdue": {"maybe"},
		"mediator_ids": {"4", "", "4", "x"}, "n": {"7"}, "bad_n": {"seven"}})
	if got := form.ID(p, "organ_id", q.Str("organ_id"), "编号"); got != 12 {
		t.Errorf("organ_id %d", got)
	}
	if got := form.ID(p, "judge_id", q.Str("judge_id"), "编号不正确"); got != 0 || p["judge_id"] != "编号不正确" {
		t.Errorf("a negative id: %d, %q", got, p["judge_id"])
	}
	if got := form.ID(p, "absent", q.Str("absent"), "编号"); got != 0 || p["absent"] != "" {
		t.Errorf("an absent id is none: %d, %q", got, p["absent"])
	}
	if b := form.Bool(p, "linkage", q.Str("linkage"), "是否"); b == nil || !*b {
		t.Errorf("是 reads as yes: %v", b)
	}
	if b := form.Bool(p, "overdue", q.Str("overdue"), "应为 true 或 false"); b != nil || p["overdue"] == "" {
		t.Errorf("maybe: %v, %q", b, p["overdue"])
	}
	if ids := form.IDs(p, "mediator_ids", q["mediator_ids"], "调解员编号不正确"); !slices.Equal(ids, []int64{4}) || p["mediator_ids"] == "" {
		t.Errorf("ids %v, problem %q", ids, p["mediator_ids"])
	}
	if n, ok := form.Parse(p, "n", q.Str("n"), "应为数字", strconv.Atoi); !ok || n != 7 {
		t.Errorf("parsed %d %v", n, ok)
	}
	if _, ok := form.Parse(p, "bad_n", q.Str("bad_n"), "应为数字", strconv.Atoi); ok || p["bad_n"] != "应为数字" {
		t.Errorf("a bad number: %v, %q", ok, p["bad_n"])
	}
	if _, ok := form.Parse(p, "empty", "", "应为数字", func(string) (int, error) { return 0, errors.New("never called") }); ok || p["empty"] != "" {
		t.Errorf("an empty value is not parsed")
	}

	jp := problems{}
	j := form.FromJSON([]byte(`{"plaintiff":{"name":" 张三 "},"mediator_ids":[1,"2"],"linkage":true,"penalty_before":null}`), jp)
	if j.Str("plaintiff.name") != "张三" || !form.Flag(jp, "linkage", j.Str("linkage"), "") || !j.Has("penalty_before") || j.Str("penalty_before") != "" {
		t.Errorf("JSON flattened as %v", j)
	}
	if ids := form.IDs(jp, "mediator_ids", j["mediator_ids"], ""); !slices.Equal(ids, []int64{1, 2}) || len(jp) != 0 {
		t.Errorf("JSON ids %v, problems %v", ids, jp)
	}
	form.FromJSON([]byte(`[1]`), jp)
	if jp["_"] == "" {
		t.Error("a body that is not an object is named")
	}
}
