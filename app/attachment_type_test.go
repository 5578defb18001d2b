package app

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"
)

// A container's directory is bounded before it is read: a zip declaring
// thousands of entries is refused, whatever it claims to be.
func TestAContainerWithTooManyEntriesIsRefused(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		zw.Create(name)
	}
	for i := 0; i < maxZipEntries; i++ {
		zw.Create(fmt.Sprintf("pad/%d", i))
	}
	zw.Close()
	if _, err := DetectAttachmentType(bytes.NewReader(buf.Bytes()), int64(buf.Len())); ErrorCode(err) != EINVALID {
		t.Errorf("a .docx of %d entries: %v, want refused", maxZipEntries+2, err)
	}
}

// The uploader's file name is shown, never used as a path: its last part,
// without control or path characters, ending in the type's extension.
func TestCleanFileNameKeepsNoPathOrControlCharacters(t *testing.T) {
	for _, tc := range []struct{ in, ext, want string }{
		{"送达回证.pdf", ".pdf", "送达回证.pdf"},
		{`C:\Users\法官\扫描件.PDF`, ".pdf", "扫描件.pdf"},
		{"../../etc/passwd", ".pdf", "passwd.pdf"},
		{"a\x00b\nc\u202e.png", ".png", "abc.png"}, // control and bidi format characters dropped
		{"照片.jpeg", ".jpg", "照片.jpg"},
		{"报告.exe", ".pdf", "报告.exe.pdf"},
		{"..", ".pdf", "附件.pdf"},
		{"", ".docx", "附件.docx"},
	} {
		if got := CleanFileName(tc.in, tc.ext); got != tc.want {
			t.Errorf("CleanFileName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
