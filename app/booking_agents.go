package app

import (
	"gorm.io/gorm"
)

// An agent (代理人) of a case is booked too: two bookings at overlapping
// times whose cases share an agent (the same name) clash like those of one
// judge or one room.

// fillSlotAgentsTx adds the agents of each slot's case.
func fillSlotAgentsTx(tx *gorm.DB, slots []bookedSlot) error {
	var ids []int64
	for _, sl := range slots {
		if sl.CaseID != 0 {
			ids = append(ids, sl.CaseID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []struct {
		CaseID int64
		Name   string
	}
	if err := tx.Table("case_parties").Distinct("case_id", "name").Where("role = ? AND case_id IN ?", RoleAgent, ids).
		Order("case_id, name").Scan(&rows).Error; err != nil {
		return err
	}
	byCase := map[int64][]string{}
	for _, r := range rows {
		byCase[r.CaseID] = append(byCase[r.CaseID], r.Name)
	}
	for i := range slots {
		slots[i].Agents = byCase[slots[i].CaseID]
	}
	return nil
}
