package app_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// The search (q=) finds exactly the cases a plain substring match of the
// number, the plaintiff and the organ's name finds, computed here in Go
// (on SQLite, whose LIKE ignores the case of ASCII letters, with those
// folded; MariaDB's utf8mb4_bin compares characters as they are): on a
// register of full-width names, mixed scripts, wildcard characters, one
// character, a renamed plaintiff, a case moved to another organ, and with
// the list's other filters (the total of q alone is summed from
// case_search_counts, case_search_counts.go).
func TestSearchFindsWhatASubstringMatchFinds(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		admin := ct.Actor("admin")
		setCaseToday(clock, "2025-09-10")
		organs := []app.Organ{ct.Organ}
		for _, name := range []string{"清远市ＡＢＣ自然资源局", "Qingyuan 2号 Bureau", "张家镇人民政府"} {
			organs = append(organs, caseMust(s.CreateOrgan(caseCtx, admin, app.OrganInput{Name: name, Kind: "林业局", Region: "清新区"})))
		}
		names := []string{"张三", "张", "弓长张", "ＡＢＣ科技有限公司", "abc贸易", "ABC贸易", "Ｚ１２３", "李四 123",
			"王%五", "赵_六", "钱!七", "林业开发公司", "清远市林业开发有限公司", "１２３", "2025年合作社", "Ωmega 张", "𠀋家园"}
		types := []string{"行初", "行审", "行诉前调"}
		var ids []int64
		for i, name := range names {
			in := caseFiling(ct, types[i%len(types)], fmt.Sprintf("2025-0%d-%02d", 1+i%8, 1+i))
			in.Plaintiff.Name = name
			in.OrganID = organs[i%len(organs)].ID
			ids = append(ids, fileCase(t, s, ct, in).ID)
		}
		// A type and year numbered without gaps (seqs 1…34: all of
		// last, counted from their runs without reading them) beside
		// those with numbers given below (gaps: counted on cases_number);
		// names with digits, some of them in their own numbers (counted
		// once: countSearchKept).
		for i := range 34 {
			in := caseFiling(ct, "行诉前调", fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28))
			in.Plaintiff.Name = fmt.Sprintf("连号%d", 34-i+i%2)
			in.OrganID = organs[i%len(organs)].ID
			if i%3 == 1 {
				in.JudgeID = ct.Users["judge2"].ID
			}
			ids = append(ids, fileCase(t, s, ct, in).ID)
		}
		// One of them closed: a filter on the status or the judge over a
		// type and year without gaps counts its cases by their runs, not
		// from the runs' lengths.
		gapless := ids[len(names)+3]
		// Numbers given at filing: seqs of several lengths, a year of its own.
		for i, no := range []struct{ no, typ, filed string }{
			{"（2025）粤1803行初12号", "行初", "2025-08-11"}, {"（2025）粤1803行初105号", "行初", "2025-08-12"},
			{"（2025）粤1803行初120号", "行初", "2025-08-13"}, {"（2025）粤1803行初1203号", "行初", "2025-08-14"},
			{"（2025）粤1803行初2012号", "行初", "2025-08-15"}, {"（2025）粤1803行审21号", "行审", "2025-08-16"},
			{"（2024）粤1803行审10号", "行审", "2024-12-30"}, {"（2024）粤1803行初100012号", "行初", "2024-12-31"},
			// tails of case_seq_tails: 1012's is "012", not 12's; 112's is 112.
			{"（2025）粤1803行初1012号", "行初", "2025-08-17"}, {"（2025）粤1803行审112号", "行审", "2025-08-18"},
			{"（2025）粤1803行初3100号", "行初", "2025-08-19"}, {"（2025）粤1803行初1004号", "行初", "2025-08-20"},
		} {
			in := caseFiling(ct, no.typ, no.filed)
			in.Plaintiff.Name = "编号" + string([]rune("甲乙丙丁戊己庚辛壬癸子丑")[i]) // no digit: found by number only
			in.OrganID = organs[0].ID
			err := s.Tx(caseCtx, func(tx *caseTxDB) error {
				c, err := s.CreateCaseTx(tx, admin, in, no.no)
				ids = append(ids, c.ID)
				return err
			})
			if err != nil {
				t.Fatal(no.no, err)
			}
		}
		// A renamed plaintiff is found under its new name only.
		c := caseMust(s.GetCase(caseCtx, judge, ids[0]))
		caseMust(s.UpdateCase(caseCtx, judge, c.ID, app.CasePatch{Version: c.Version,
			PlaintiffName: app.Change[string]{Set: true, To: "新名字ＸＹ"}}))
		// A case moved to another organ is found under that organ's name
		// only (the kept counts of case_search_counts move with it).
		c = caseMust(s.GetCase(caseCtx, judge, ids[1]))
		caseMust(s.UpdateCase(caseCtx, judge, c.ID, app.CasePatch{Version: c.Version,
			OrganID: app.Change[int64]{Set: true, To: organs[3].ID}}))
		if drift := caseMust(s.CaseCountsDrift(caseCtx)); len(drift) > 0 {
			t.Fatalf("kept counts drift: %v", drift)
		}
		closed := ids[3]
		caseMust(s.CloseCase(caseCtx, judge, closed, app.CloseInput{ClosedOn: app.MustDate("2025-09-01"), Method: "withdrawal"}))
		caseMust(s.CloseCase(caseCtx, judge, gapless, app.CloseInput{ClosedOn: app.MustDate("2025-09-01"), Method: "failed"}))
		judge2 := strconv.FormatInt(ct.Users["judge2"].ID, 10)

		all := caseMust(s.ListCases(caseCtx, judge, app.NewVisibility(judge, app.ScopeAll), app.CaseFilter{Sort: "filed_on"}, app.Page{Page: 1, Size: 100}))
		if len(all.Items) != len(ids) {
			t.Fatalf("%d cases listed, want %d", len(all.Items), len(ids))
		}
		fold := func(s string) string { return s }
		if s.Dialect == app.SQLite {
			fold = app.FoldASCII
		}
		queries := []string{"张", "张三", "新名字", "名字ＸＹ", "三", "林", "林业", "林业开发", "开发有限", "清远", "清远市", "局",
			"Ａ", "ＡＢ", "ＡＢＣ", "A", "a", "ab", "AB", "abc贸", "b", "Z", "Ｚ", "１", "１２", "1", "12", "123", "3号", "2号",
			"号", "行", "行初", "初1", "行审2号", "粤1803", "（2025）", "（", "）", "2025", "0", "%", "_", "!", "王%", "赵_", "钱!七",
			" ", "四 1", "Ω", "mega", "ω", "𠀋", "𠀋家", "家", "镇人民", "Bureau", "bureau", "2号 B", "xyz", "不存在",
			// case numbers, whole and in parts
			"（2025）粤1803行初12号", "（2025）粤1803行初1", "（2025）粤1803行初", "（2024）粤1803行审10号", "(2025)粤1803行初12号",
			"行初12", "行初12号", "初120", "行初1203号", "行初10", "行初105号", "行初0", "1803行审1", "03行初1", "5）粤", "）粤1803行初2",
			"12号", "0号", "3号", "20", "120", "012", "1203", "203号", "2024", "1号", "10001", "100012号", "99", "初1号", "审21号",
			"粤1803行", "行审2", "编号", "编号甲",
			// ends of numbers (counted from case_seq_tails), runs of seqs
			// (100: 1000–1009 …), full-width digits, digits with 号 or 行初
			"012号", "112号", "12号", "2号", "0号", "00号", "100号", "012", "1012号", "1012", "100", "10", "1000", "00", "004号",
			"１２号", "１２", "行初１２号", "行初12号", "行审112号", "初1012号", "审112", "行初3100号", "行初100",
			// digits in more seqs than a search lists (seqs below)
			"33", "3", "13", "34", "4", "31", "2"}
		// Cases found by number are named by id when few (1000), or when
		// their seqs are (listed: a list of literals, read by runs of
		// seqs), else each range of numbers is a condition of its own (0).
		// Plaintiff names are sent as a list up to 500, else not (names 0:
		// a subquery on SQLite, the cases' names checked on MariaDB), their
		// cases named by id when the kept counts find them few (few 1000;
		// 2, where some queries find more), else not (few 0). Digits in
		// more seqs than 20,000 (seqs; 2, 5 and 0 here) are matched with
		// LIKE and counted from runs of seqs: from their lengths when a
		// type has no gap, else on cases_number (up to seqs runs) or with
		// LIKE.
		// With a filter, such digits are counted by the tails of the seqs
		// that hold them (their last four digits, cases_seq_tail; tails
		// of one and two digits here, mod 10 and 100, so that the seqs
		// above them are counted by their runs, and in both) and the runs
		// of the others.
		for _, limits := range []struct{ few, listed, names, seqs, mod int }{{1000, 20000, 500, 20000, 0}, {0, 20000, 500, 20000, 0}, {0, 0, 500, 20000, 0},
			{1000, 0, 500, 20000, 0}, {1000, 20000, 0, 20000, 0}, {2, 20000, 0, 20000, 0}, {0, 0, 0, 20000, 0}, {1000, 20000, 500, 2, 0}, {0, 20000, 500, 2, 0},
			{0, 0, 0, 0, 0}, {0, 20000, 0, 5, 0}, {2, 20000, 0, 2, 0}, {1000, 20000, 500, 2, 10}, {0, 20000, 0, 0, 100}} {
			few := limits.few
			if limits.mod != 0 {
				defer app.SetSeqTailMod(limits.mod)()
			} else {
				defer app.SetSeqTailMod(10000)()
			}
			defer app.SetMaxSearchNumbers(few)()
			defer app.SetMaxListedNumbers(limits.listed)()
			defer app.SetMaxSearchNames(limits.names)()
			defer app.SetMaxNumberSeqs(limits.seqs)()
			for _, q := range queries {
				for _, extra := range []map[string]string{nil, {"status": "open"}, {"case_type": "行初"}, {"status": "closed"},
					{"judge_id": judge2}, {"judge_id": judge2, "case_type": "行诉前调"}} {
					var want []int64
					for _, k := range all.Items {
						if extra["status"] == "open" && k.Status == app.StatusClosed || extra["status"] == "closed" && k.Status != app.StatusClosed ||
							extra["case_type"] != "" && k.CaseType != extra["case_type"] ||
							extra["judge_id"] != "" && strconv.FormatInt(k.JudgeID, 10) != extra["judge_id"] {
							continue
						}
						if strings.Contains(fold(k.CaseNo), fold(q)) || strings.Contains(fold(k.Plaintiff.Name), fold(q)) ||
							strings.Contains(fold(k.OrganName), fold(q)) {
							want = append(want, k.ID)
						}
					}
					get := func(k string) string {
						if k == "q" {
							return q
						}
						if k == "sort" {
							return "filed_on"
						}
						return extra[k]
					}
					f, err := app.ParseCaseFilter(get)
					if err != nil {
						t.Fatal(err)
					}
					f.Q = q // " " is a query of its own here (the form trims it)
					list := caseMust(s.ListCases(caseCtx, judge, app.NewVisibility(judge, app.ScopeAll), f, app.Page{Page: 1, Size: 100}))
					var got []int64
					for _, k := range list.Items {
						got = append(got, k.ID)
					}
					if !slices.Equal(got, want) || list.Total != int64(len(want)) {
						t.Errorf("q=%q %v (by id up to %d, listed up to %d seqs, names listed up to %d, seqs named up to %d, tails mod %d): got %v (total %d), want %v",
							q, extra, few, limits.listed, limits.names, limits.seqs, limits.mod, got, list.Total, want)
					}
				}
			}
		}
	})
}
