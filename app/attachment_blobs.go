package app

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"gorm.io/gorm"
)

// AttachmentChunk is how many bytes of an attachment one row of
// attachment_chunks holds: small enough for MariaDB's max_allowed_packet
// (16 MiB by default) and for memory (one chunk is held at a time while
// writing or reading), large enough that a 20 MiB file is 80 rows.
const AttachmentChunk = 256 << 10

// AttachmentBlobs keeps the bytes of attachments; the metadata lives in the
// attachments table. The default (Store.Blobs nil) is the database itself
// (DBBlobs), so that every instance serves every attachment without a shared
// disk and a database backup holds the files too. Another keeper (an object
// store) would implement these two methods.
type AttachmentBlobs interface {
	// Put writes the bytes of attachment id, read from r to its end, inside
	// tx (so that a failed upload leaves nothing behind).
	Put(tx *gorm.DB, id int64, r io.Reader) error
	// Copy writes the size bytes of attachment id to w, a chunk at a time.
	Copy(ctx context.Context, w io.Writer, id int64, size int64) error
}

// DBBlobs keeps attachments' bytes in the attachment_chunks table, in rows
// of AttachmentChunk bytes.
type DBBlobs struct{ DB *gorm.DB }

// Put writes r in chunks, one INSERT a chunk, holding one chunk in memory.
func (b DBBlobs) Put(tx *gorm.DB, id int64, r io.Reader) error {
	buf := make([]byte, AttachmentChunk)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if err := tx.Exec("INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)", id, seq, buf[:n]).Error; err != nil {
				return err
			}
		}
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			return nil
		default:
			return err
		}
	}
}

// Copy reads the chunks one query each (no cursor is held open while a slow
// client reads), straight from the driver's buffer into w.
func (b DBBlobs) Copy(ctx context.Context, w io.Writer, id int64, size int64) error {
	var done int64
	for seq := 0; done < size; seq++ {
		n, err := b.copyChunk(ctx, w, id, seq)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("attachment %d: chunk %d missing after %d of %d bytes", id, seq, done, size)
		}
		done += n
	}
	if done != size {
		return fmt.Errorf("attachment %d: %d bytes stored, %d recorded", id, done, size)
	}
	return nil
}

func (b DBBlobs) copyChunk(ctx context.Context, w io.Writer, id int64, seq int) (int64, error) {
	rows, err := b.DB.WithContext(ctx).Raw("SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?", id, seq).Rows()
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if !rows.Next() {
		return 0, rows.Err()
	}
	var data sql.RawBytes
	if err := rows.Scan(&data); err != nil {
		return 0, err
	}
	n, err := w.Write(data)
	return int64(n), err
}

// blobs is the store's keeper of attachments' bytes.
func (s *Store) blobs() AttachmentBlobs {
	if s.Blobs != nil {
		return s.Blobs
	}
	return DBBlobs{DB: s.DB}
}
