package app

import (
	"context"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// UpdateCase changes the fields of a case that the patch sets, if the patch
// carries the case's current version (else a conflict). The case type and
// number never change; a closed case is not edited. Moving filed_on or
// switching simplified procedure moves the deadline. A patch that changes
// nothing writes nothing.
func (s *Store) UpdateCase(ctx context.Context, a Actor, id int64, pt CasePatch) (Case, error) {
	var c Case
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		r, err := s.lockCaseTx(tx, a.Court, id)
		if err != nil {
			return err
		}
		if err := s.authorizePatchTx(tx, a, r, pt); err != nil {
			return err
		}
		p := Problems{}
		for k, v := range pt.problems {
			p.Add(k, v)
		}
		if pt.Version <= 0 {
			p.Add("version", "请提供读取案件时得到的版本号 version")
		}
		if err := p.Err(); err != nil {
			return err
		}
		if pt.Version != r.Version {
			return StaleVersion()
		}
		if r.Status == StatusClosed {
			return Conflict("案件已结案，不能再修改")
		}
		before, err := s.getCaseTx(tx, a.Court, id)
		if err != nil {
			return err
		}
		changes, mediators, err := s.patchChangesTx(tx, a.Court, r, before, pt, p)
		if err != nil {
			return err
		}
		if err := p.Err(); err != nil {
			return err
		}
		if len(changes) == 0 && mediators == nil {
			c = before
			return nil
		}
		if mediators != nil {
			if err := s.setMediatorsTx(tx, id, *mediators); err != nil {
				return err
			}
		}
		_, refiled := changes["filed_on"]
		_, reprocedure := changes["simplified"]
		if refiled || reprocedure {
			moved := r
			if v, ok := changes["filed_on"].(Date); ok {
				moved.FiledOn = v
			}
			if v, ok := changes["simplified"].(bool); ok {
				moved.Simplified = v
			}
			var err error
			if changes["deadline_on"], err = s.computeDeadlineTx(tx, moved); err != nil {
				return err
			}
		}
		if err := s.bumpCaseTx(tx, id, r.Version, changes); err != nil {
			return err
		}
		after, err := s.getCaseTx(tx, a.Court, id)
		if err != nil {
			return err
		}
		return s.Audit(tx, a, "case.update", "case", id, before, after)
	})
	if err != nil {
		return Case{}, err
	}
	if c.ID == 0 {
		return s.GetCase(ctx, a, id)
	}
	return c, nil
}

// patchChangesTx validates the patch against the case and returns the column
// changes and, when the mediators change, the new list. Fields set to their
// current value are not changes.
func (s *Store) patchChangesTx(tx *gorm.DB, court string, r caseRecord, cur Case, pt CasePatch, p Problems) (map[string]any, *[]int64, error) {
	ch := map[string]any{}
	today := s.Clock.Today()
	if pt.CaseType.Set && strings.TrimSpace(pt.CaseType.To) != r.CaseType {
		p.Add("case_type", "案件类型决定案号，立案后不能修改")
	}
	if pt.Cause.Set {
		if v := parseEnumField(p, "cause", Causes, pt.Cause.To, "请选择案由（行政处罚、行政强制、行政许可、工伤认定等）"); v != r.Cause {
			ch["cause"] = v
		}
	}
	if pt.Domain.Set {
		if v := parseEnumField(p, "domain", Domains, pt.Domain.To, "请选择领域（生态、文旅、涉企、劳动社保、其他）"); v != r.Domain {
			ch["domain"] = v
		}
	}
	if pt.PlaintiffName.Set {
		v := form.Required(p, "plaintiff.name", pt.PlaintiffName.To, "原告姓名或名称", "请填写原告（申请人）姓名或名称", 100)
		if v != r.PlaintiffName {
			ch["plaintiff_name"] = v
			ch["plaintiff_key"] = PlaintiffKey(v)
		}
	}
	if pt.PlaintiffKind.Set {
		if v := parseEnumField(p, "plaintiff.kind", PlaintiffKinds, pt.PlaintiffKind.To, "请选择原告类型：个人或企业"); v != r.PlaintiffKind {
			ch["plaintiff_kind"] = v
		}
	}
	if pt.OrganID.Set && pt.OrganID.To != r.OrganID {
		if pt.OrganID.To <= 0 {
			p.Add("organ_id", "请选择被告行政机关")
		} else if _, err := s.checkOrganTx(tx, court, pt.OrganID.To, p); err != nil {
			return nil, nil, err
		}
		ch["organ_id"] = pt.OrganID.To
	}
	if pt.FiledOn.Set && pt.FiledOn.To != r.FiledOn {
		checkFiledOn(p, pt.FiledOn.To, today)
		if !pt.FiledOn.To.IsZero() && pt.FiledOn.To.Year != r.Year {
			p.Add("filed_on", "立案日期只能在案号年份（"+strconv.Itoa(r.Year)+"）内更正")
		}
		ch["filed_on"] = pt.FiledOn.To
	}
	if pt.JudgeID.Set && pt.JudgeID.To != cur.JudgeID {
		if pt.JudgeID.To <= 0 {
			p.Add("judge_id", "请选择承办法官")
		} else if err := s.checkStaffTx(tx, court, "judge_id", []int64{pt.JudgeID.To}, RoleJudge, "承办法官应为本院在职的法官", p); err != nil {
			return nil, nil, err
		}
		ch["judge_id"] = pt.JudgeID.To
	}
	var mediators *[]int64
	if pt.MediatorIDs.Set && !sameIDs(pt.MediatorIDs.To, cur.MediatorIDs) {
		if err := s.checkStaffTx(tx, court, "mediator_ids", pt.MediatorIDs.To, RoleMediator, "调解员应为本院在职的调解员", p); err != nil {
			return nil, nil, err
		}
		ids := pt.MediatorIDs.To
		mediators = &ids
		// The version moves with the mediators too.
		ch["updated_at"] = s.Clock.Now().UTC()
	}
	linkage := r.Linkage
	if pt.Linkage.Set {
		linkage = pt.Linkage.To
		if linkage != r.Linkage {
			ch["linkage"] = linkage
		}
	}
	if pt.LinkagePartner.Set || (pt.Linkage.Set && !linkage) {
		v := pt.LinkagePartner.To
		if !linkage {
			v = ""
		}
		if v = form.Text(p, "linkage_partner", v, "联动单位", 100); v != r.LinkagePartner {
			ch["linkage_partner"] = v
		}
	}
	if pt.CrossRegion.Set && pt.CrossRegion.To != r.CrossRegion {
		ch["cross_region"] = pt.CrossRegion.To
	}
	if pt.Region.Set {
		if v := form.Text(p, "region", pt.Region.To, "地区", 64); v != r.Region {
			ch["region"] = v
		}
	}
	if pt.WorkstationID.Set {
		cur := int64(0)
		if r.WorkstationID != nil {
			cur = *r.WorkstationID
		}
		if pt.WorkstationID.To != cur {
			if pt.WorkstationID.To == 0 {
				ch["workstation_id"] = nil
			} else {
				if err := s.checkWorkstationTx(tx, court, pt.WorkstationID.To, p); err != nil {
					return nil, nil, err
				}
				ch["workstation_id"] = pt.WorkstationID.To
			}
		}
	}
	if pt.FastTrack.Set && pt.FastTrack.To != r.FastTrack {
		ch["fast_track"] = pt.FastTrack.To
	}
	if pt.Simplified.Set && pt.Simplified.To != r.Simplified {
		if pt.Simplified.To {
			var ct CaseType
			if err := tx.Where("court_code = ? AND code = ?", court, r.CaseType).Take(&ct).Error; err != nil {
				return nil, nil, err
			}
			if ct.SimplifiedDays == 0 {
				p.Add("simplified", "“"+ct.Code+"”案件不适用简易程序")
			}
		}
		ch["simplified"] = pt.Simplified.To
	}
	if pt.PenaltyBefore.Set && !sameMoney(pt.PenaltyBefore.To, r.PenaltyBefore) {
		if pt.PenaltyBefore.To == nil {
			ch["penalty_before"] = nil
		} else {
			ch["penalty_before"] = *pt.PenaltyBefore.To
		}
	}
	return ch, mediators, nil
}

func sameMoney(a, b *Money) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
