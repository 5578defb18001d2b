package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"
)

// TestCaseJSONIsWhatJSONMarshalWrites: the case list's page written by hand
// (AppendCaseListJSON) is byte for byte json.Marshal's, for a case with every
// field set (a field added to Case and not to the encoder fails here), one
// with none, and strings encoding/json escapes.
func TestCaseJSONIsWhatJSONMarshalWrites(t *testing.T) {
	var full Case
	fillEvery(reflect.ValueOf(&full).Elem(), 1)
	full.FiledOn, full.DeadlineOn, full.SuspendedOn, full.ClosedOn = Date{2025, 1, 2}, Date{2025, 12, 31}, Date{2026, 1, 9}, Date{999, 7, 30}
	full.CreatedAt = time.Date(2025, 3, 4, 5, 6, 7, 890000000, time.FixedZone("CST", 8*3600))
	full.MediatorIDs = []int64{3, 14, 159}
	neg := Money(-12345)
	full.PenaltyAfter = &neg
	odd := full
	odd.CaseNo = "（2025）粤1803行初1号 <a href=\"x\">&amp;</a>\\ \b\f\n\r\t\x00\x1f\x7f \u2028\u2029 \xff\xfe bad\xe2\x82 end"
	odd.Plaintiff.Name = "张三\u00e9😀"
	odd.CreatedAt = time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	odd.MediatorIDs = []int64{}
	for _, list := range []List[Case]{
		{Items: []Case{}},
		{Items: []Case{{}}, Total: 1},
		{Items: []Case{full, odd, {}}, Total: 1000000},
		{Total: -1},
	} {
		want, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendCaseListJSON(nil, list); !bytes.Equal(got, want) {
			t.Errorf("AppendCaseListJSON:\n got %s\nwant %s", got, want)
		}
	}
}

// fillEvery sets every exported field under v to something other than its
// zero value (pointers to values, numbers to n, strings to their name).
func fillEvery(v reflect.Value, n int64) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillEvery(v.Field(i), n+int64(i))
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillEvery(v.Elem(), n)
	case reflect.String:
		v.SetString("s" + v.Type().Name())
	case reflect.Int, reflect.Int64:
		v.SetInt(n)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillEvery(v.Index(0), n)
	}
}

// BenchmarkCaseListJSON: a page of 20 cases written by json.Marshal and by
// AppendCaseListJSON.
func BenchmarkCaseListJSON(b *testing.B) {
	var c Case
	fillEvery(reflect.ValueOf(&c).Elem(), 1)
	c.CaseNo, c.OrganName, c.Plaintiff.Name = "（2026）粤1803行初7263号", "清远市清城区人力资源和社会保障局", "石门台生态农业有限公司"
	c.FiledOn, c.DeadlineOn, c.SuspendedOn, c.ClosedOn = Date{2026, 1, 10}, Date{2026, 7, 10}, Date{}, Date{2026, 1, 9}
	c.CreatedAt = time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	list := List[Case]{Total: 1000000}
	for range 20 {
		list.Items = append(list.Items, c)
	}
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(list); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendCaseListJSON", func(b *testing.B) {
		for b.Loop() {
			AppendCaseListJSON(make([]byte, 0, 64+1024*len(list.Items)), list)
		}
	})
}

// Yuan writes what fmt wrote before it was written by hand.
func TestYuanIsSignWholeDotTwoDigits(t *testing.T) {
	for _, m := range []Money{0, 1, 9, 10, 99, 100, 101, 2000000, -1, -9, -10, -100, -12345, math.MaxInt64, math.MinInt64, math.MinInt64 + 1} {
		sign, v := "", int64(m)
		if v < 0 {
			sign, v = "-", -v
		}
		if want := fmt.Sprintf("%s%d.%02d", sign, v/100, v%100); m.Yuan() != want {
			t.Errorf("Money(%d).Yuan() = %q, want %q", int64(m), m.Yuan(), want)
		}
	}
}
