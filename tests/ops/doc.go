// Package ops holds the operations tests of fuyuan: they build the real
// binary and run it the way a court runs it, with real programs around it —
// two instances behind Debian's nginx with TLS (the site file of
// deploy/nginx), one MariaDB database shared by both, deploy/backup.sh and
// deploy/restore.sh, a TCP relay in front of the database that the tests cut,
// SIGTERM while requests are in flight, and a three-node MariaDB Galera
// cluster (deploy/galera) with a node killed and brought back under load.
// Every address is on 127.0.0.1.
//
//	FUYUAN_TEST_MYSQL_DSN='root@tcp(127.0.0.1:3306)/test' go test ./tests/ops
//
// Without MariaDB (FUYUAN_TEST_MYSQL_DSN), nginx or Galera (galera-4,
// mariadb-backup, socat) the tests that need them skip with a message, unless
// FUYUAN_TEST_MYSQL_REQUIRED=1, FUYUAN_TEST_NGINX_REQUIRED=1 or
// FUYUAN_TEST_GALERA_REQUIRED=1 is set (then they fail); .ci/run sets all
// three. The Galera nodes use ports 18200–18223 (FUYUAN_TEST_GALERA_PORT_BASE
// moves them); FUYUAN_TEST_GALERA_LOGS=folder keeps the nodes' whole output.
package ops
