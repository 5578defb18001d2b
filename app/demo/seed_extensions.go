package demo

import (
	"context"

	"fuyuan/app"
)

// seedExtensionRequests has each judge of 粤1803 ask for an extension of
// the time limit of their open case nearest its deadline (within 30 days),
// so that the leader's to-do list shows requests to decide.
func seedExtensionRequests(ctx context.Context, w *World) error {
	s := w.Store
	reasons := map[string]string{
		"judge1": "案情复杂，需委托鉴定并等待鉴定意见，在法定审限内难以审结。",
		"judge2": "涉及多个行政机关，需协调相关单位提交补充证据材料。",
	}
	for _, judge := range []string{"judge1", "judge2"} {
		a := w.Actor(judge)
		list, err := s.ListCases(ctx, a, app.CourtVisibility(CourtCode),
			app.CaseFilter{JudgeID: a.UserID, DueWithin: 30, Sort: "deadline_on"}, app.Page{Page: 1, Size: 1})
		if err != nil {
			return err
		}
		for _, k := range list.Items {
			if _, err := s.RequestExtension(ctx, a, k.ID, app.ExtensionRequestInput{Reason: reasons[judge], Days: 90}); err != nil {
				return err
			}
		}
	}
	return nil
}
