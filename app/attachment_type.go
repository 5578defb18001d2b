package app

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
)

// MaxAttachmentSize is the largest attachment accepted: 20 MiB.
const MaxAttachmentSize = 20 << 20

// AttachmentType is a kind of file an attachment may be, recognised by its
// content (domain.md: PDF, OFD, JPEG, PNG, DOCX, XLSX), never by its name.
type AttachmentType struct {
	MIME  string
	Ext   string // the extension the system gives the file
	Label string
}

// The attachment types.
var (
	TypePDF  = AttachmentType{MIME: "application/pdf", Ext: ".pdf", Label: "PDF"}
	TypeOFD  = AttachmentType{MIME: "application/ofd", Ext: ".ofd", Label: "OFD"}
	TypeJPEG = AttachmentType{MIME: "image/jpeg", Ext: ".jpg", Label: "JPEG 图片"}
	TypePNG  = AttachmentType{MIME: "image/png", Ext: ".png", Label: "PNG 图片"}
	TypeDOCX = AttachmentType{MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Ext: ".docx", Label: "Word 文档"}
	TypeXLSX = AttachmentType{MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Ext: ".xlsx", Label: "Excel 表格"}
)

// AttachmentTypes lists the accepted types.
var AttachmentTypes = []AttachmentType{TypePDF, TypeOFD, TypeJPEG, TypePNG, TypeDOCX, TypeXLSX}

// AttachmentTypeOf returns the accepted type of a MIME type (false when not accepted).
func AttachmentTypeOf(mime string) (AttachmentType, bool) {
	for _, t := range AttachmentTypes {
		if t.MIME == mime {
			return t, true
		}
	}
	return AttachmentType{}, false
}

// maxZipEntries bounds the central directory a container (OFD, DOCX, XLSX)
// may declare: reading it costs memory per entry, and real documents have
// a few dozen.
const maxZipEntries = 5000

// errWrongType is the answer for a file whose content is none of the types.
var errWrongType = Invalid("file", "只能上传 PDF、OFD、JPEG、PNG、DOCX 或 XLSX 文件（按文件内容识别，改扩展名无效）")

// DetectAttachmentType recognises the type of the size bytes of f by their
// content: the magic bytes of PDF, JPEG and PNG; for a zip container, the
// part that makes it an OFD (OFD.xml), a DOCX (word/document.xml) or an XLSX
// (xl/workbook.xml), read from the zip's directory without unpacking
// anything. Anything else is EINVALID.
func DetectAttachmentType(f io.ReaderAt, size int64) (AttachmentType, error) {
	head := make([]byte, 8)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG, nil
	case bytes.HasPrefix(head, []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}):
		return TypePNG, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return detectContainer(f, size)
	}
	return AttachmentType{}, errWrongType
}

func detectContainer(f io.ReaderAt, size int64) (AttachmentType, error) {
	if entries, ok := zipEntries(f, size); !ok || entries > maxZipEntries {
		return AttachmentType{}, errWrongType
	}
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return AttachmentType{}, errWrongType
	}
	has := map[string]bool{}
	for _, e := range zr.File {
		has[e.Name] = true
	}
	switch {
	case has["OFD.xml"]:
		return TypeOFD, nil
	case has["word/document.xml"] && has["[Content_Types].xml"]:
		return TypeDOCX, nil
	case has["xl/workbook.xml"] && has["[Content_Types].xml"]:
		return TypeXLSX, nil
	}
	return AttachmentType{}, errWrongType
}

// zipEntries reads the number of entries a zip declares in its end of
// central directory record, before archive/zip reads the directory.
func zipEntries(f io.ReaderAt, size int64) (int, bool) {
	const eocdLen, maxComment = 22, 65535
	tail := int64(eocdLen + maxComment)
	if tail > size {
		tail = size
	}
	buf := make([]byte, tail)
	if _, err := f.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, false
	}
	n := int(binary.LittleEndian.Uint16(buf[i+10:]))
	return n, n != 0xFFFF // ZIP64 is not needed under 20 MiB
}
