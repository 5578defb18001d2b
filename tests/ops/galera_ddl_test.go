package ops

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// ddlBesideWrites changes an index of a child table on node1 (as a migration
// does) rounds times while four connections there write its parent and the
// child, then checks that every other node applied all of it and still
// answers. With parallel appliers (wsrep_slave_threads > 1) MariaDB 10.11's
// appliers on the other nodes take the DDL and a later insert into the
// parent at once and stop on an "MDL BF-BF conflict" (MDEV-25039,
// PXC-3449): the node hangs, its reads wait for a position it never reaches
// and fail after 30 s with "Lock wait timeout exceeded". That is what a
// fuyuan instance starting on node2 met in CI while the instance on node1
// had just migrated and created its court; deploy/galera/60-galera.cnf has
// one applier for it.
func ddlBesideWrites(t *testing.T, g *galera, rounds int) {
	n1 := g.Nodes[0]
	root := n1.open(t, "")
	for _, q := range []string{
		"CREATE DATABASE ddlfk",
		"CREATE TABLE ddlfk.p (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB",
		"CREATE TABLE ddlfk.c (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, p_id BIGINT NOT NULL, x INT NOT NULL, FOREIGN KEY (p_id) REFERENCES ddlfk.p(id)) ENGINE=InnoDB",
		"INSERT INTO ddlfk.p (id, v) VALUES (1, 0)",
	} {
		if _, err := root.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	ddl, dml := n1.open(t, "ddlfk"), n1.open(t, "ddlfk")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	stop := make(chan struct{})
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		inserted int
	)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				q := fmt.Sprintf("INSERT INTO p (v) VALUES (%d)", w*1000000+k)
				if k%2 == 1 {
					q = "INSERT INTO c (p_id, x) VALUES (1, 1)"
				}
				// A write that loses certification to the DDL (1213) is
				// what fuyuan retries; only the appliers matter here.
				if _, err := dml.ExecContext(ctx, q); err == nil {
					mu.Lock()
					inserted++
					mu.Unlock()
				}
			}
		}()
	}
	for range rounds {
		for _, q := range []string{"CREATE INDEX c_x ON c(x)", "DROP INDEX c_x ON c"} {
			if _, err := ddl.ExecContext(ctx, q); err != nil {
				t.Errorf("%s on node1: %v", q, err)
			}
		}
	}
	close(stop)
	wg.Wait()
	var want int
	if err := dml.QueryRowContext(ctx, "SELECT COUNT(*) FROM p").Scan(&want); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rounds of CREATE and DROP INDEX beside %d inserts on node1", rounds, inserted)
	for _, n := range g.Nodes[1:] {
		db := n.open(t, "ddlfk")
		c, cancel := context.WithTimeout(context.Background(), 40*time.Second)
		var got int
		err := db.QueryRowContext(c, "SELECT COUNT(*) FROM p").Scan(&got)
		cancel()
		if err != nil || got != want {
			t.Errorf("%s: %d rows of p (node1 has %d), %v", n.Name, got, want, err)
		}
	}
	noApplierConflict(t, g)
	if _, err := root.Exec("DROP DATABASE ddlfk"); err != nil {
		t.Error(err)
	}
}

// noApplierConflict fails t if a node logged a conflict between two of its
// appliers.
func noApplierConflict(t *testing.T, g *galera) {
	for _, n := range g.Nodes {
		if out := n.out.String(); strings.Contains(out, "BF-BF conflict") {
			i := strings.Index(out, "BF-BF conflict")
			t.Errorf("%s: appliers in conflict (wsrep_slave_threads of deploy/galera/60-galera.cnf):\n%s", n.Name, out[max(0, i-200):min(len(out), i+600)])
		}
	}
}
