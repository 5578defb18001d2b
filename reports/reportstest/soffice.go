package reportstest

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// SofficeRequired reports whether tests that need LibreOffice must run
// (FUYUAN_TEST_SOFFICE_REQUIRED=1, as in CI) instead of skipping.
func SofficeRequired() bool { return os.Getenv("FUYUAN_TEST_SOFFICE_REQUIRED") == "1" }

// Soffice returns the path of LibreOffice's soffice, or skips the test with
// a clear message (fails it when FUYUAN_TEST_SOFFICE_REQUIRED=1).
func Soffice(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if SofficeRequired() {
		t.Fatal("FUYUAN_TEST_SOFFICE_REQUIRED=1 but soffice is not installed (apt-get install libreoffice-calc-nogui)")
	}
	t.Skip("LibreOffice tests skipped: soffice is not installed (apt-get install libreoffice-calc-nogui to run them)")
	return ""
}

// SheetsAsLibreOfficeReadsThem converts an .xlsx with headless LibreOffice to
// one CSV per sheet (cells as LibreOffice shows them) and returns the rows
// of each sheet by name. A file LibreOffice cannot open fails the test.
func SheetsAsLibreOfficeReadsThem(t testing.TB, xlsx []byte, sheets []string) map[string][][]string {
	t.Helper()
	soffice := Soffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(in, xlsx, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Field separator ",", quote '"', UTF-8, cells as shown, every sheet (-1).
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", filter, "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	result := map[string][][]string{}
	for _, sh := range sheets {
		b, err := os.ReadFile(filepath.Join(dir, "report-"+sh+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice did not write sheet %s: %v\n%s", sh, err, out)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
		if err != nil {
			r := csv.NewReader(strings.NewReader(string(b)))
			r.FieldsPerRecord = -1
			if rows, err = r.ReadAll(); err != nil {
				t.Fatalf("sheet %s: %v", sh, err)
			}
		}
		result[sh] = rows
	}
	return result
}
