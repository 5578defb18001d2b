package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestSQLiteTransactionsThatReadFirstDoNotFailUnderConcurrency guards the
// DSN: with immediate transactions, writers that read before they write
// queue behind each other instead of failing with "database is locked".
func TestSQLiteTransactionsThatReadFirstDoNotFailUnderConcurrency(t *testing.T) {
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(apptest.DefaultNow))
	ctx := context.Background()
	if _, err := s.EnsureCourt(ctx, "粤1803", "清新区人民法院"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
				var n int64
				if err := tx.Table("courts").Count(&n).Error; err != nil {
					return err
				}
				time.Sleep(5 * time.Millisecond) // let the others read too
				return tx.Exec("UPDATE courts SET letter_reply_days = letter_reply_days + 1").Error
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent read-then-write transaction: %v", err)
		}
	}
	c, _ := s.GetCourt(ctx, "粤1803")
	if c.LetterReplyDays != 50 {
		t.Fatalf("letter_reply_days %d, want 30+20", c.LetterReplyDays)
	}
}
