package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pickerState is what a case picker shows and what its hidden select holds.
type pickerState struct {
	Chips    []string `json:"chips"`
	Options  []string `json:"options"`
	Selected []string `json:"selected"`
}

// picker reads the case picker of the select named name.
func (b *tab) picker(name string) pickerState {
	b.t.Helper()
	return eval[pickerState](b, call(`function(name) {
		var sel = document.querySelector('select[name="' + CSS.escape(name) + '"]');
		var box = sel && sel.previousElementSibling;
		var texts = function (q) { return box ? Array.prototype.map.call(box.querySelectorAll(q), function (e) { return e.textContent; }) : []; };
		return {
			chips: texts(".picker-chip span"),
			options: box && !box.querySelector(".picker-list").hidden ? texts(".picker-list li[role=option]") : [],
			selected: sel ? Array.prototype.filter.call(sel.options, function (o) { return o.selected && o.value; }).map(function (o) { return o.text; }) : []
		};
	}`, name))
}

// tapSelector taps, with a finger, the first element matching selector.
func (b *tab) tapSelector(selector string) {
	b.t.Helper()
	if err := b.do(chromedp.Tap(chromedp.CSS(selector))); err != nil {
		b.t.Fatalf("%s: tapping %s: %v", b.where(), selector, err)
	}
	b.check()
}

// typeInto types text into the element matching selector, key by key.
func (b *tab) typeInto(selector, text string) {
	b.t.Helper()
	if err := b.do(chromedp.SendKeys(chromedp.CSS(selector), text)); err != nil {
		b.t.Fatalf("%s: typing into %s: %v", b.where(), selector, err)
	}
}

// TestCasePickersWorkByTouchOnATablet (issue 15): on a tablet held upright
// (768×1024, touch) a judge finds a case among some three hundred by typing
// part of its plaintiff's name, taps it to add it, removes it with its ×,
// and a circuit hearing records two cases picked by tapping, posted under
// the same field names as without script.
func TestCasePickersWorkByTouchOnATablet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	judge := e.login(t, "judge1")
	judge.viewport(768, 1024, true)

	// The letter's 关联案件: one case of ~300.
	judge.visit("/letters/new")
	if judge.count(`select[name="case_id"][hidden]`) != 1 || judge.count(`#l-case-search`) != 1 {
		t.Fatalf("the letter form has no case picker: %s", judge.summary())
	}
	all := eval[[]string](judge, `Array.prototype.map.call(document.querySelectorAll('select[name="case_id"] option'), function (o) { return o.text; })`)
	if len(all) < 100 {
		t.Fatalf("the letter form offers %d cases; the demo court has some three hundred", len(all))
	}
	want := all[len(all)/2]
	plaintiff := strings.TrimSpace(strings.SplitN(strings.SplitN(want, " · ", 2)[1], " 诉 ", 2)[0])
	judge.tapSelector("#l-case-search")
	judge.typeInto("#l-case-search", plaintiff)
	shown := judge.picker("case_id").Options
	if len(shown) == 0 || len(shown) > 20 {
		t.Fatalf("typing %q lists %d cases", plaintiff, len(shown))
	}
	for _, o := range shown {
		if !strings.Contains(o, plaintiff) {
			t.Errorf("typing %q lists %q", plaintiff, o)
		}
	}
	judge.tapSelector(`#l-case-options li[role=option]`)
	got := judge.picker("case_id")
	if len(got.Chips) != 1 || len(got.Selected) != 1 || got.Chips[0] != got.Selected[0] || !strings.Contains(got.Chips[0], plaintiff) {
		t.Fatalf("after tapping: chips %q, selected %q", got.Chips, got.Selected)
	}
	judge.screenshot("tablet-letter-case-picker")
	judge.tapSelector(`.picker-chip .picker-remove`)
	if got := judge.picker("case_id"); len(got.Chips) != 0 || len(got.Selected) != 0 {
		t.Errorf("after tapping ×: chips %q, selected %q", got.Chips, got.Selected)
	}
	for _, p := range judge.audit() {
		t.Errorf("tablet, /letters/new: %s", p)
	}

	// The circuit's 审理的案件: two cases, each found by its case number.
	judge.visit("/circuits")
	cases := eval[[]string](judge, `Array.prototype.map.call(document.querySelectorAll('select[name="case_ids"] option'), function (o) { return o.text; })`)
	if len(cases) < 2 {
		t.Fatalf("the circuit form offers %d cases", len(cases))
	}
	var picked []string
	for _, c := range cases[:2] {
		no := strings.SplitN(c, " · ", 2)[0]
		judge.tapSelector("#c-case_ids-search")
		judge.typeInto("#c-case_ids-search", no)
		judge.tapSelector(`#c-case_ids-options li[role=option]`)
		picked = append(picked, no)
	}
	got = judge.picker("case_ids")
	if len(got.Chips) != 2 || len(got.Selected) != 2 {
		t.Fatalf("after picking two cases: chips %q, selected %q", got.Chips, got.Selected)
	}
	for i, no := range picked {
		if !strings.HasPrefix(got.Selected[i], no) && !strings.HasPrefix(got.Selected[1-i], no) {
			t.Errorf("%s was tapped but is not selected: %q", no, got.Selected)
		}
	}
	judge.screenshot("tablet-circuit-case-picker")
	mark := uniqueMark()
	judge.within(`form[action="/circuits"]`).fill("place", mark+"巡回法庭")
	judge.submit()
	row := eval[string](judge, call(`function(mark) {
		var r = Array.prototype.filter.call(document.querySelectorAll("main table.list tbody tr"), function (e) { return e.textContent.indexOf(mark) >= 0; })[0];
		return r ? r.innerText : "";
	}`, mark))
	for _, no := range picked {
		if !strings.Contains(row, no) {
			t.Errorf("the recorded hearing %q does not list %s", row, no)
		}
	}
}
