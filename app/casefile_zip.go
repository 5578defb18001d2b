package app

import (
	"archive/zip"
	"context"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// The case file (卷宗) as one .zip: first its index, 卷宗目录.html (a
// printable table in filing order: number, title, date, size, file), then
// every item in that order. It is written straight to the response with
// archive/zip, one item's bytes at a time: nothing is built in memory.

// CaseFileItem is one item of a case file: a generated document or an attachment.
type CaseFileItem struct {
	Title string    // what the index calls it
	At    time.Time // when it was filed into the case file
	Size  int64
	Ext   string // the extension of its file in the zip (.pdf …)
	// Write writes the item's bytes.
	Write func(ctx context.Context, w io.Writer) error
}

// CaseFileHead is what the index's heading says of the case.
type CaseFileHead struct {
	Court  string
	CaseNo string
	Cause  string
	At     time.Time // when the case file was put together
}

// CaseFileIndexName is the index's name inside the zip.
const CaseFileIndexName = "00-卷宗目录.html"

// AttachmentItems are the case file items of attachments: those not withdrawn.
func (s *Store) AttachmentItems(items []Attachment) []CaseFileItem {
	var out []CaseFileItem
	for _, at := range items {
		if at.Withdrawn {
			continue
		}
		typ, _ := AttachmentTypeOf(at.ContentType)
		out = append(out, CaseFileItem{Title: at.Title(), At: at.CreatedAt, Size: at.Size, Ext: typ.Ext,
			Write: func(ctx context.Context, w io.Writer) error { return s.CopyAttachment(ctx, w, at) }})
	}
	return out
}

// CaseFileEntryName is the name of item i (counted from 1) in the zip: its
// number, then its title cleaned of anything a path could make of it.
func CaseFileEntryName(i int, it CaseFileItem) string {
	title := strings.TrimSuffix(it.Title, it.Ext)
	return fmt.Sprintf("%02d-%s", i, CleanFileName(title, it.Ext))
}

var caseFileIndex = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Head.CaseNo}} 卷宗目录</title>
<style>body{font-family:"SimSun","Songti SC",serif;margin:2em}h1{text-align:center;font-size:1.6em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:.3em .5em}td.n{text-align:center}</style></head>
<body><h1>卷 宗 目 录</h1>
<p>{{.Head.Court}}　案号：{{.Head.CaseNo}}　案由：{{.Head.Cause}}</p>
<table><thead><tr><th>序号</th><th>材料名称</th><th>日期</th><th>页数/大小</th><th>文件</th></tr></thead><tbody>
{{range .Rows}}<tr><td class="n">{{.No}}</td><td>{{.Title}}</td><td>{{.Date}}</td><td>{{.Size}}</td><td>{{.File}}</td></tr>
{{else}}<tr><td colspan="5">（卷宗内尚无材料）</td></tr>
{{end}}</tbody></table>
<p>共 {{len .Rows}} 件　　制作时间：{{.Made}}</p></body></html>
`))

// WriteCaseFile writes the case file as a .zip to w: the index, then the items in order.
func WriteCaseFile(ctx context.Context, w io.Writer, head CaseFileHead, items []CaseFileItem) error {
	type row struct{ No, Title, Date, Size, File string }
	rows := make([]row, len(items))
	for i, it := range items {
		rows[i] = row{No: fmt.Sprint(i + 1), Title: it.Title, Date: it.At.In(Shanghai).Format("2006-01-02"),
			Size: SizeLabel(it.Size), File: CaseFileEntryName(i+1, it)}
	}
	zw := zip.NewWriter(w)
	iw, err := zw.CreateHeader(&zip.FileHeader{Name: CaseFileIndexName, Method: zip.Deflate, Modified: head.At})
	if err != nil {
		return err
	}
	if err := caseFileIndex.Execute(iw, map[string]any{"Head": head, "Rows": rows,
		"Made": head.At.In(Shanghai).Format("2006-01-02 15:04")}); err != nil {
		return err
	}
	for i, it := range items {
		// Stored, not deflated: PDFs, images and Office files are compressed already.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: CaseFileEntryName(i+1, it), Method: zip.Store, Modified: it.At})
		if err != nil {
			return err
		}
		if err := it.Write(ctx, fw); err != nil {
			return fmt.Errorf("case file item %d (%s): %w", i+1, it.Title, err)
		}
	}
	return zw.Close()
}
