package ops

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// galeraConflicts is the number of local transactions the nodes aborted for
// a conflict with another node's write: certification failures and
// brute-force aborts, summed over nodes.
func galeraConflicts(b testing.TB, nodes ...*galeraNode) int64 {
	b.Helper()
	var sum int64
	for _, n := range nodes {
		db, err := sql.Open("mysql", n.statusDSN())
		if err != nil {
			b.Fatal(err)
		}
		st, err := n.status(context.Background(), db, "wsrep_local_cert_failures", "wsrep_local_bf_aborts")
		if err != nil {
			b.Fatalf("%s: %v", n.Name, err)
		}
		for _, v := range st {
			i, _ := strconv.ParseInt(v, 10, 64)
			sum += i
		}
		db.Close()
	}
	return sum
}

// retriesLogged counts the transactions fuyuan's Store.Tx ran again, and
// those it gave up on, in the logs of instances so far.
func retriesLogged(instances ...*instance) (retried, gaveUp int) {
	for _, i := range instances {
		log := i.out.String()
		retried += strings.Count(log, `"msg":"transaction retried"`)
		gaveUp += strings.Count(log, `"msg":"transaction gave up"`)
	}
	return retried, gaveUp
}

// mostAttempts is the most attempts one transaction of Store.Tx took in
// log (1 when none was retried).
func mostAttempts(log string) int {
	most := 1
	for _, line := range strings.Split(log, "\n") {
		if j := strings.Index(line, `"msg":"transaction retried"`); j >= 0 {
			if k := strings.Index(line, `"attempt":`); k >= 0 {
				var n int
				fmt.Sscanf(line[k:], `"attempt":%d`, &n)
				most = max(most, n)
			}
		}
	}
	return most
}

// BenchmarkGaleraFilings files b.N cases with 16 concurrent writers through
// one node (instance A on node1) and through two (A and B on node2, in
// turn), on the three-node cluster of TestGaleraCluster. Every filing must
// answer 201, or 503 when it lost every attempt (counted). Besides ns/op it
// reports the filings that answered 201 per second, the p99 of one filing,
// the conflicts Galera counted, the transactions fuyuan's Store.Tx ran again
// and the most attempts one took (its log). docs/benchmarks.md has the figures and the command.
func BenchmarkGaleraFilings(b *testing.B) {
	const writers = 16
	f := startGaleraFuyuan(b, writers)
	nodes := f.Nodes[:2]
	year := 2010 // each run files in a year of its own, from 1
	for _, layout := range []struct {
		name  string
		bases []*instance
	}{
		{"one node", []*instance{f.A}},
		{"two nodes", []*instance{f.A, f.B}},
	} {
		b.Run(layout.name, func(b *testing.B) {
			year++
			filedOn := fmt.Sprintf("%d-03-02", year)
			conflicts := galeraConflicts(b, nodes...)
			retried, _ := retriesLogged(f.A, f.B)
			logged := []int{len(f.A.out.String()), len(f.B.out.String())}
			var (
				next     atomic.Int64
				mu       sync.Mutex
				took     []time.Duration
				statuses = map[int]int{}
				wg       sync.WaitGroup
			)
			b.ResetTimer()
			start := time.Now()
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					client := plainClient()
					for {
						i := int(next.Add(1))
						if i > b.N {
							return
						}
						base := layout.bases[i%len(layout.bases)].URL
						a, err := tryCall(client, "POST", base+"/api/v1/cases", f.Cookies[w], f.fileBody(w, i, filedOn))
						mu.Lock()
						took = append(took, a.Took)
						if err != nil {
							statuses[0]++
						} else {
							statuses[a.Status]++
						}
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			// A filing that still loses after Store.Tx's attempts answers
			// 503 with nothing saved: counted, not a failure of the run.
			if statuses[201]+statuses[503] != b.N {
				b.Errorf("%d filings answered %v, want 201 or 503", b.N, statuses)
			}
			slices.Sort(took)
			b.ReportMetric(float64(statuses[201])/elapsed.Seconds(), "filings/s")
			b.ReportMetric(float64(statuses[503]), "503s")
			b.ReportMetric(float64(took[(len(took)*99)/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(galeraConflicts(b, nodes...)-conflicts), "conflicts")
			nowRetried, _ := retriesLogged(f.A, f.B)
			b.ReportMetric(float64(nowRetried-retried), "retries")
			most := 1
			for n, i := range []*instance{f.A, f.B} {
				most = max(most, mostAttempts(i.out.String()[logged[n]:]))
			}
			b.ReportMetric(float64(most), "most-attempts")
		})
	}
}
