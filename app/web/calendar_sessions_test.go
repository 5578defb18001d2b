package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// calendarItems reads GET /api/v1/calendar for judge1 in the week of 2025-07-14.
func calendarItems(t *testing.T, e *env) map[string]app.CalendarEntry {
	t.Helper()
	var cal struct{ Items []app.CalendarEntry }
	res := e.as("judge1").do("GET", idPath("/api/v1/calendar?judge_id=%d&from=2025-07-14&to=2025-07-20", e.Courts.Users["judge1"].ID), nil)
	if res.Status != 200 {
		t.Fatalf("calendar: %d %s", res.Status, res.Body)
	}
	res.JSON(t, &cal)
	out := map[string]app.CalendarEntry{}
	for _, it := range cal.Items {
		out[fmt.Sprintf("%s-%d", it.Kind, it.ID)] = it
	}
	return out
}

// Issue 19: circuit hearings and mediation sessions with times are booked
// like hearings — the same judge, colleague, place or agent at overlapping
// times is a 409 naming the first clash unless confirmed; confirmed, both
// carry the conflict mark; the feed holds them at their times.
func TestTimedCircuitsAndMediationSessionsAreBookedLikeHearings(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge := e.as("judge1")
		k1 := matrixCase(e, false)
		res := judge.do("POST", "/api/v1/circuits", map[string]any{"starts_at": "2025-07-15T09:00", "ends_at": "2025-07-15T11:00", "place": "石潭镇巡回法庭"})
		if res.Status != 201 || !strings.Contains(res.Body, `"held_on":"2025-07-15"`) {
			t.Fatalf("timed circuit: %d %s", res.Status, res.Body)
		}
		circuit := res.id(t)
		hearing := map[string]any{"starts_at": "2025-07-15T10:00", "ends_at": "2025-07-15T11:30", "room": "第二法庭"}
		res = judge.do("POST", idPath("/api/v1/cases/%d/hearings", k1.ID), hearing)
		if res.Status != 409 || !strings.Contains(res.Body, `"kind":"circuit"`) || !strings.Contains(res.Body, idPath(`"id":%d`, circuit)) ||
			!strings.Contains(res.Body, "巡回审判 石潭镇巡回法庭") {
			t.Fatalf("a hearing over the judge's circuit: %d %s", res.Status, res.Body)
		}
		hearing["confirm"] = true
		res = judge.do("POST", idPath("/api/v1/cases/%d/hearings", k1.ID), hearing)
		if res.Status != 201 {
			t.Fatalf("confirmed: %d %s", res.Status, res.Body)
		}
		h := res.id(t)
		cal := calendarItems(t, e)
		c, hh := cal[idPath("circuit-%d", circuit)], cal[idPath("hearing-%d", h)]
		if c.AllDay || c.StartsAt.String() != "2025-07-15T09:00" || c.EndsAt.String() != "2025-07-15T11:00" || c.Place != "石潭镇巡回法庭" || !c.Conflict || !hh.Conflict {
			t.Errorf("calendar: circuit %+v hearing %+v", c, hh)
		}
		// The other way round: a circuit over the hearing is refused too.
		res = judge.do("POST", "/api/v1/circuits", map[string]any{"starts_at": "2025-07-15T11:00", "ends_at": "2025-07-15T12:00", "place": "第二法庭"})
		if res.Status != 409 || !strings.Contains(res.Body, idPath(`"id":%d`, h)) || !strings.Contains(res.Body, "同一法庭 第二法庭") {
			t.Errorf("a circuit over the hearing: %d %s", res.Status, res.Body)
		}

		// A mediation session of another judge's case sharing an agent with a hearing.
		ctx := context.Background()
		in := app.CaseInput{CaseType: "行赔初", Cause: "行政处罚", Domain: "ecology", Plaintiff: app.Party{Name: "代理冲突原告", Kind: "individual"},
			OrganID: e.Courts.Organ.ID, FiledOn: app.MustDate("2025-06-01"), JudgeID: e.Courts.Users["judge2"].ID}
		k2, err := e.Store.CreateCase(ctx, e.Courts.Actor("leader"), in)
		if err != nil {
			t.Fatal(err)
		}
		for k, who := range map[int64]string{k1.ID: "judge1", k2.ID: "judge2"} {
			if _, err := e.Store.AddParty(ctx, e.Courts.Actor(who), k, app.PartyInput{Role: app.RoleAgent, Side: "plaintiff", Name: "李律师", Kind: "lawyer", Phone: "0763-5551234"}); err != nil {
				t.Fatal(err)
			}
		}
		session := map[string]any{"starts_at": "2025-07-15T11:00", "ends_at": "2025-07-15T12:00", "mode": "onsite", "location": "本院调解室"}
		res = e.as("judge2").do("POST", idPath("/api/v1/cases/%d/mediations", k2.ID), session)
		if res.Status != 409 || !strings.Contains(res.Body, idPath(`"id":%d`, h)) || !strings.Contains(res.Body, "同一代理人 李律师") {
			t.Fatalf("a mediation session sharing an agent with a hearing: %d %s", res.Status, res.Body)
		}
		// The mediators among the participants are booked: mediator1 at another session at the same time.
		k3 := matrixCase(e, false)
		mediator := e.Courts.Users["mediator1"].ID
		res = judge.do("POST", idPath("/api/v1/cases/%d/mediations", k3.ID), map[string]any{"starts_at": "2025-07-16T14:00", "ends_at": "2025-07-16T15:00",
			"mode": "onsite", "location": "石潭镇调解室", "participant_ids": []int64{mediator}})
		if res.Status != 201 || !strings.Contains(res.Body, `"scheduled":true`) {
			t.Fatalf("a session scheduled ahead: %d %s", res.Status, res.Body)
		}
		first := res.id(t)
		res = e.as("judge2").do("POST", idPath("/api/v1/cases/%d/mediations", k2.ID), map[string]any{"starts_at": "2025-07-16T14:30", "ends_at": "2025-07-16T15:30",
			"mode": "online", "location": "线上", "participant_ids": []int64{mediator}})
		if res.Status != 409 || !strings.Contains(res.Body, idPath(`"id":%d`, first)) || !strings.Contains(res.Body, "同一调解员") {
			t.Errorf("one mediator at two sessions: %d %s", res.Status, res.Body)
		}
		session["confirm"] = true
		if res = e.as("judge2").do("POST", idPath("/api/v1/cases/%d/mediations", k2.ID), session); res.Status != 201 {
			t.Fatalf("confirmed session: %d %s", res.Status, res.Body)
		}
		if m := calendarItems(t, e)[idPath("mediation-%d", first)]; m.AllDay || m.StartsAt.String() != "2025-07-16T14:00" || m.Place != "石潭镇调解室" {
			t.Errorf("the session on the calendar: %+v", m)
		}

		// Bad times: 400 naming the field; outside 07:00–22:00 with confirm is saved.
		for _, bad := range []struct {
			path, from, to, field string
		}{
			{"/api/v1/circuits", "11:00", "10:00", "ends_at"},
			{"/api/v1/circuits", "06:00", "08:00", "starts_at"},
			{idPath("/api/v1/cases/%d/mediations", k3.ID), "16:00", "15:00", "ends_at"},
			{idPath("/api/v1/cases/%d/mediations", k3.ID), "06:00", "08:00", "starts_at"},
			{idPath("/api/v1/cases/%d/mediations", k3.ID), "21:00", "22:30", "ends_at"},
		} {
			body := map[string]any{"starts_at": "2025-07-18T" + bad.from, "ends_at": "2025-07-18T" + bad.to, "place": "大坑村", "mode": "onsite", "location": "大坑村"}
			res := judge.do("POST", bad.path, body)
			if res.Status != 400 || !strings.Contains(res.Body, `"`+bad.field+`"`) {
				t.Errorf("%s %s–%s: %d %s", bad.path, bad.from, bad.to, res.Status, res.Body)
			}
		}
		if res := judge.do("POST", "/api/v1/circuits", map[string]any{"starts_at": "2025-07-18T06:00", "ends_at": "2025-07-18T08:00", "place": "大坑村", "confirm": true}); res.Status != 201 {
			t.Errorf("early circuit confirmed: %d %s", res.Status, res.Body)
		}
		// Without times: an all-day item, as before.
		res = judge.do("POST", "/api/v1/circuits", map[string]any{"held_on": "2025-07-17", "place": "禾云镇"})
		if res.Status != 201 || !strings.Contains(res.Body, `"starts_at":null`) {
			t.Fatalf("circuit without times: %d %s", res.Status, res.Body)
		}
		if c := calendarItems(t, e)[idPath("circuit-%d", res.id(t))]; !c.AllDay {
			t.Errorf("a circuit without times: %+v", c)
		}

		feed := judge.do("GET", idPath("/api/v1/calendar/judges/%d.ics", e.Courts.Users["judge1"].ID), nil)
		parsed, err := ics.ParseCalendar(strings.NewReader(feed.Body))
		if err != nil {
			t.Fatalf("the feed does not parse: %d %v", feed.Status, err)
		}
		found := false
		for _, ev := range parsed.Events() {
			if ev.Id() != idPath("circuit-%d@fuyuan", circuit) {
				continue
			}
			found = true
			start, err1 := ev.GetStartAt()
			end, err2 := ev.GetEndAt()
			dt := ev.GetProperty(ics.ComponentPropertyDtStart)
			if err1 != nil || err2 != nil || start.In(app.Shanghai).Format("2006-01-02T15:04") != "2025-07-15T09:00" ||
				end.In(app.Shanghai).Format("15:04") != "11:00" || dt == nil || !strings.Contains(dt.Value, "T") {
				t.Errorf("the circuit in the feed: %v %v %v %v %+v", start, end, err1, err2, dt)
			}
		}
		if !found {
			t.Errorf("the timed circuit is not in the feed:\n%s", feed.Body)
		}
	})
}

// A mediation session scheduled ahead is not a mediation held: no figure
// counts it and the case does not move; the mediation recorded on its day
// completes it (the same record, now held).
func TestScheduledMediationSessionCountsOnlyOnceHeld(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		before := e.stats(t, "2025-01-01", "2025-12-31")["joint_mediations"]
		judge := e.as("judge1")
		res := judge.do("POST", idPath("/api/v1/cases/%d/mediations", k.ID), map[string]any{"starts_at": "2025-07-10T10:00", "ends_at": "2025-07-10T11:30",
			"mode": "joint", "location": "清新区司法局", "participant_ids": []int64{e.Courts.Users["mediator1"].ID}})
		if res.Status != 201 || !strings.Contains(res.Body, `"scheduled":true`) || !strings.Contains(res.Body, `"result":""`) {
			t.Fatalf("scheduled: %d %s", res.Status, res.Body)
		}
		id := res.id(t)
		if got := e.stats(t, "2025-01-01", "2025-12-31")["joint_mediations"]; got != before {
			t.Errorf("a scheduled session counts as a joint mediation: %v → %v", before, got)
		}
		got, err := e.Store.GetCase(context.Background(), e.Courts.Actor("judge1"), k.ID)
		if err != nil || got.Status != app.StatusFiled || got.Linkage {
			t.Errorf("the case moved on a scheduled session: %+v %v", got.Status, err)
		}
		if res := judge.do("POST", idPath("/api/v1/cases/%d/mediations", k.ID), map[string]any{"held_on": "2025-07-11", "mode": "onsite", "result": "success"}); res.Status != 400 || !strings.Contains(res.Body, `"result"`) {
			t.Errorf("a result for a session not held: %d %s", res.Status, res.Body)
		}
		clock.Set(time.Date(2025, 7, 10, 15, 0, 0, 0, app.Shanghai))
		delete(e.users, "judge1") // the sessions of nine days ago have expired
		delete(e.users, "leader")
		judge = e.as("judge1")
		res = judge.do("POST", idPath("/api/v1/cases/%d/mediations", k.ID), map[string]any{"held_on": "2025-07-10", "mode": "joint", "result": "continuing"})
		if res.Status != 201 || res.id(t) != id || !strings.Contains(res.Body, `"scheduled":false`) || !strings.Contains(res.Body, `"starts_at":"2025-07-10T10:00"`) ||
			!strings.Contains(res.Body, "清新区司法局") {
			t.Fatalf("held: %d %s", res.Status, res.Body)
		}
		if got := e.stats(t, "2025-01-01", "2025-12-31")["joint_mediations"].(float64); got != before.(float64)+1 {
			t.Errorf("the session held counts once: %v → %v", before, got)
		}
	})
}

// The forms: the circuit form and the case page's mediation form take times;
// a clash answers the page with the list of clashes and 仍然安排, which books it.
func TestSessionFormsListTheClashesAndBookWhenConfirmed(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge := e.as("judge1")
		k := matrixCase(e, false)
		res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k.ID), map[string]any{"starts_at": "2025-07-15T09:00", "ends_at": "2025-07-15T11:00", "room": "第一法庭"})
		if res.Status != 201 {
			t.Fatalf("hearing: %d %s", res.Status, res.Body)
		}
		circuit := map[string]string{"held_on": "2025-07-15", "starts_at": "10:00", "ends_at": "12:00", "place": "太平镇人民法庭",
			"judge_id": idPath("%d", e.Courts.Users["judge1"].ID), "audience": "0"}
		page := judge.form("/circuits", circuit)
		if page.Status != 409 || !strings.Contains(page.Body, "booking-conflicts") || !strings.Contains(page.Body, k.CaseNo+" 开庭（同一法官") ||
			!strings.Contains(page.Body, "仍然安排") || !strings.Contains(page.Body, `value="10:00"`) {
			t.Fatalf("circuit clash page: %d", page.Status)
		}
		circuit["confirm"] = "1"
		if page := judge.form("/circuits", circuit); page.Status != 303 {
			t.Fatalf("circuit confirmed: %d", page.Status)
		}
		if page := judge.form(idPath("/cases/%d/mediations", k.ID), map[string]string{"held_on": "2025-07-15", "starts_at": "06:30", "ends_at": "08:00",
			"mode": "onsite", "location": "本院调解室"}); page.Status != 400 || !strings.Contains(page.Body, "早于 07:00") || !strings.Contains(page.Body, "仍然安排") {
			t.Errorf("early session page: %d", page.Status)
		}
		session := map[string]string{"held_on": "2025-07-15", "starts_at": "10:30", "ends_at": "11:30", "mode": "onsite", "location": "本院调解室",
			"participant_ids": idPath("%d", e.Courts.Users["mediator1"].ID)}
		page = judge.form(idPath("/cases/%d/mediations", k.ID), session)
		if page.Status != 409 || strings.Count(page.Body, "<li>") < 2 || !strings.Contains(page.Body, "巡回审判 太平镇人民法庭") {
			t.Fatalf("session clash page: %d", page.Status)
		}
		// The colleagues ticked stay ticked for the confirmation.
		if !strings.Contains(page.Body, idPath(`name="participant_ids" value="%d" checked`, e.Courts.Users["mediator1"].ID)) {
			t.Errorf("the participants ticked were lost on the clash page")
		}
		session["confirm"] = "1"
		if page := judge.form(idPath("/cases/%d/mediations", k.ID), session); page.Status != 303 {
			t.Fatalf("session confirmed: %d", page.Status)
		}
		cal := calendarItems(t, e)
		marked := 0
		for _, it := range cal {
			if it.Conflict {
				marked++
			}
		}
		if marked != 3 {
			t.Errorf("%d of the hearing, circuit and session marked: %+v", marked, cal)
		}
		week := judge.do("GET", "/calendar?view=week&date=2025-07-15", nil)
		if !strings.Contains(week.Body, "10:00–12:00 巡回审判 太平镇人民法庭") || !strings.Contains(week.Body, "10:30–11:30 调解（已排期） "+k.CaseNo) {
			t.Errorf("the week page does not show them at their times")
		}
	})
}
