package demo

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fuyuan/app"
)

// Demo third parties, agents and challenged acts, drawn in turn.
var (
	demoThirdParties = []string{"清远市清新区太和镇石坎村民委员会", "广东省清新林场", "陈国栋", "清远市清新区禾云镇龙湾村经济联合社"}
	demoLawyers      = []struct{ name, phone string }{
		{"梁志华", "13902611234"}, {"何静怡", "13826654321"}, {"罗永康", "13719876543"},
	}
	demoOrganAgents = []struct{ name, phone string }{
		{"邓伟明", "0763-5812345"}, {"苏丽萍", "0763-5823456"},
	}
	demoActs = []struct{ number, content, claims string }{
		{"清新林罚决字〔%d〕%d号", "以原告未经批准擅自改变林地用途为由，责令恢复原状，并处罚款。", "1. 撤销被告作出的行政处罚决定；\n2. 本案诉讼费用由被告负担。"},
		{"清新资规罚〔%d〕%d号", "以原告未取得建设用地规划许可证进行建设为由，责令限期拆除。", "1. 确认被告作出的限期拆除决定违法并予以撤销；\n2. 本案诉讼费用由被告负担。"},
		{"清新人社工认〔%d〕%d号", "认定原告所受伤害不属于工伤。", "1. 撤销被告作出的不予认定工伤决定书；\n2. 判令被告在法定期限内重新作出认定。"},
	}
)

// seedCaseFiles gives the newest open cases of 粤1803 their case file: a
// co-plaintiff now and then, a third party, agents of both sides, the
// challenged act and the claims, an 应诉通知书 and a 受理案件通知书 with
// their service, one of them still unserved.
func seedCaseFiles(ctx context.Context, w *World) error {
	s := w.Store
	var open []struct {
		ID            int64
		JudgeID       int64
		FiledOn       app.Date
		PlaintiffName string
		OrganName     string
	}
	if err := s.DB.WithContext(ctx).Table("cases").Select("cases.id, cases.judge_id, cases.filed_on, cases.plaintiff_name, organs.name AS organ_name").
		Joins("JOIN organs ON organs.id = cases.organ_id").
		Where("cases.court_code = ? AND cases.status <> ? AND cases.case_type = ? AND cases.judge_id IS NOT NULL", CourtCode, app.StatusClosed, "行初").
		Order("cases.filed_on DESC, cases.id DESC").Limit(12).Scan(&open).Error; err != nil {
		return err
	}
	judges := map[int64]app.Actor{}
	for _, u := range w.Users {
		judges[u.ID] = u.Actor()
	}
	for i, k := range open {
		a, ok := judges[k.JudgeID]
		if !ok {
			continue
		}
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			act := demoActs[i%len(demoActs)]
			actDate := k.FiledOn.AddDays(-20 - i)
			if _, err := s.SetChallengedActTx(tx, a, k.ID, app.ActInput{
				Number: fmt.Sprintf(act.number, actDate.Year, 10+i), Date: actDate, Content: act.content, Claims: act.claims,
			}); err != nil {
				return err
			}
			parties := []app.PartyInput{
				{Role: app.RoleThirdParty, Name: demoThirdParties[i%len(demoThirdParties)], Kind: "enterprise"},
				{Role: app.RoleAgent, Side: "plaintiff", Kind: "lawyer", Name: demoLawyers[i%len(demoLawyers)].name, Phone: demoLawyers[i%len(demoLawyers)].phone},
				{Role: app.RoleAgent, Side: "defendant", Kind: "citizen", Name: demoOrganAgents[i%len(demoOrganAgents)].name, Phone: demoOrganAgents[i%len(demoOrganAgents)].phone},
			}
			if i%3 == 0 {
				parties = append(parties, app.PartyInput{Role: app.RolePlaintiff, Name: "黎桂英", Kind: "individual"})
			}
			for _, p := range parties {
				if _, err := s.AddPartyTx(tx, a, k.ID, p); err != nil {
					return err
				}
			}
			for j, kind := range []string{"acceptance_notice", "response_notice"} {
				d, err := s.GenerateDocumentTx(tx, a, k.ID, kind)
				if err != nil {
					return err
				}
				if i%4 == 3 && j == 1 {
					continue // an 应诉通知书 not yet served
				}
				sent := k.FiledOn.AddDays(2)
				if sent.After(w.Today) {
					sent = w.Today
				}
				served := sent.AddDays(3)
				if served.After(w.Today) {
					served = app.Date{}
				}
				method := []string{"direct", "post", "electronic"}[(i+j)%3]
				if _, err := s.RecordServiceTx(tx, a, d.ID, app.DocumentServiceInput{
					Recipient: map[bool]string{true: k.PlaintiffName, false: k.OrganName}[j == 0], Method: method, SentOn: sent, ServedOn: served,
				}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("case %d: %w", k.ID, err)
		}
	}
	return nil
}
