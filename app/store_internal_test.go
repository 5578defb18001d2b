package app

import (
	"fmt"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
)

// A Galera node outside the primary component refuses every read of a table
// with error 1047 until it is back in the cluster: the database is
// unavailable for now (503), not an internal error, and a session read
// through it is not "logged out" (tests/ops TestGaleraCluster shows both
// through the real server).
func TestAGaleraNodeOutsideTheClusterIsUnavailable(t *testing.T) {
	s := &Store{}
	galera := fmt.Errorf("load: %w", &gomysql.MySQLError{Number: 1047, SQLState: [5]byte{'0', '8', 'S', '0', '1'}, Message: "WSREP has not yet prepared node for application use"})
	if err := s.wrapDBError(galera); ErrorCode(err) != EUNAVAILABLE {
		t.Errorf("error 1047 becomes %v (%s), want %s", err, ErrorCode(err), EUNAVAILABLE)
	}
	other := &gomysql.MySQLError{Number: 1146, Message: "Table 'fuyuan.x' doesn't exist"}
	if err := s.wrapDBError(other); ErrorCode(err) == EUNAVAILABLE {
		t.Errorf("error 1146 becomes %s: only a database that does not serve is unavailable", EUNAVAILABLE)
	}
}
