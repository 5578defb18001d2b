package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Party roles in a case beyond its defendant organ (case_parties.role). The
// first plaintiff is the case's own plaintiff (cases.plaintiff_name); further
// plaintiffs, third parties and agents are rows of case_parties.
const (
	RolePlaintiff  = "plaintiff"
	RoleThirdParty = "third_party"
	RoleAgent      = "agent"
)

// The parties' enums.
var (
	PartyRoles = Enum{"role", []Option{
		{RolePlaintiff, "原告"}, {RoleThirdParty, "第三人"}, {RoleAgent, "代理人"},
	}}
	// AgentSides are whose agent (代理人) someone is.
	AgentSides = Enum{"side", []Option{
		{"plaintiff", "原告"}, {"defendant", "被告"}, {"third_party", "第三人"},
	}}
	AgentKinds = Enum{"kind", []Option{
		{"lawyer", "律师"}, {"citizen", "公民代理"},
	}}
)

// CaseParty is a co-plaintiff, a third party (第三人) or an agent (代理人) of a case.
type CaseParty struct {
	ID     int64  `json:"id" gorm:"primaryKey"`
	CaseID int64  `json:"-"`
	Role   string `json:"role"`
	// Side is whose agent: plaintiff, defendant or third_party (agents only).
	Side string `json:"side,omitempty"`
	Name string `json:"name"`
	// Kind is individual/enterprise for a plaintiff or third party, lawyer/citizen for an agent.
	Kind      string    `json:"kind"`
	Phone     string    `json:"phone,omitempty"`
	CreatedBy *int64    `json:"-"`
	CreatedAt time.Time `json:"-"`
}

// TableName is the parties table.
func (CaseParty) TableName() string { return "case_parties" }

// ChallengedAct is the administrative act a case challenges (被诉行政行为).
type ChallengedAct struct {
	Number  string `json:"number"`
	Date    Date   `json:"date"`
	Content string `json:"content"`
}

// caseAct is a row of case_acts: the challenged act and the claims.
type caseAct struct {
	CaseID     int64 `gorm:"primaryKey;autoIncrement:false"`
	ActNumber  string
	ActDate    Date
	ActContent string
	Claims     string
	UpdatedAt  time.Time
}

func (caseAct) TableName() string { return "case_acts" }

// CaseParties are the parties of a case in full, as GET /cases/:id shows them.
type CaseParties struct {
	// Plaintiffs start with the case's own plaintiff.
	Plaintiffs    []CaseParty   `json:"plaintiffs"`
	ThirdParties  []CaseParty   `json:"third_parties"`
	Agents        []CaseParty   `json:"agents"`
	ChallengedAct ChallengedAct `json:"challenged_act"`
	Claims        string        `json:"claims"`
}

// PartyInput is the body of POST /cases/:id/parties.
type PartyInput struct {
	Role  string `json:"role"`
	Side  string `json:"side"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Phone string `json:"phone"`
}

// ActInput is the body of PUT /cases/:id/challenged-act: the act and the claims.
type ActInput struct {
	Number  string `json:"number"`
	Date    Date   `json:"date"`
	Content string `json:"content"`
	Claims  string `json:"claims"`

	// problems are the values that did not decode (an impossible date).
	problems Problems
}

// UnmarshalJSON reads the body, keeping a date that does not decode as a problem of its field.
func (in *ActInput) UnmarshalJSON(b []byte) error {
	p := Problems{}
	f := fieldsFromJSON(b, p)
	*in = ActInput{Number: f.str("number"), Date: f.date(p, "date", "行政行为作出日期"), Content: f.str("content"),
		Claims: f.str("claims"), problems: p}
	return nil
}

// PartiesOf reads the parties of a case of the actor's court.
func (s *Store) PartiesOf(ctx context.Context, a Actor, c Case) (CaseParties, error) {
	return s.partiesOfTx(s.DB.WithContext(ctx), c)
}

func (s *Store) partiesOfTx(tx *gorm.DB, c Case) (CaseParties, error) {
	out := CaseParties{
		Plaintiffs:   []CaseParty{{Role: RolePlaintiff, Name: c.Plaintiff.Name, Kind: c.Plaintiff.Kind}},
		ThirdParties: []CaseParty{}, Agents: []CaseParty{},
	}
	var rows []CaseParty
	if err := tx.Where("case_id = ?", c.ID).Order("id").Find(&rows).Error; err != nil {
		return out, s.Err(err)
	}
	for _, r := range rows {
		switch r.Role {
		case RolePlaintiff:
			out.Plaintiffs = append(out.Plaintiffs, r)
		case RoleThirdParty:
			out.ThirdParties = append(out.ThirdParties, r)
		case RoleAgent:
			out.Agents = append(out.Agents, r)
		}
	}
	var act caseAct
	err := tx.Where("case_id = ?", c.ID).Limit(1).Find(&act).Error
	out.ChallengedAct = ChallengedAct{Number: act.ActNumber, Date: act.ActDate, Content: act.ActContent}
	out.Claims = act.Claims
	return out, s.Err(err)
}

// normalize checks a party; p names each bad field.
func (in *PartyInput) normalize(p Problems) {
	in.Role, in.Side, in.Name, in.Kind, in.Phone = strings.TrimSpace(in.Role), strings.TrimSpace(in.Side),
		strings.TrimSpace(in.Name), strings.TrimSpace(in.Kind), strings.TrimSpace(in.Phone)
	if code, ok := PartyRoles.Parse(in.Role); ok {
		in.Role = code
	} else {
		p.Add("role", "身份应为原告、第三人或代理人")
	}
	in.Name = form.Required(p, "name", in.Name, "姓名或名称", "请填写姓名或名称", 100)
	if in.Role == RoleAgent {
		if code, ok := AgentSides.Parse(in.Side); ok {
			in.Side = code
		} else {
			p.Add("side", "请选择代理哪一方：原告、被告或第三人")
		}
		if code, ok := AgentKinds.Parse(in.Kind); ok {
			in.Kind = code
		} else {
			p.Add("kind", "代理人类别应为律师或公民代理")
		}
		if !validPhone(in.Phone) {
			p.Add("phone", "联系电话应为 5 至 20 位数字（可含 +、- 和空格）")
		}
		return
	}
	in.Side = ""
	if in.Kind == "" {
		in.Kind = "individual"
	}
	if code, ok := PlaintiffKinds.Parse(in.Kind); ok {
		in.Kind = code
	} else {
		p.Add("kind", "类别应为个人或企业")
	}
	if in.Phone != "" && !validPhone(in.Phone) {
		p.Add("phone", "联系电话应为 5 至 20 位数字（可含 +、- 和空格）")
	}
}

// validPhone accepts 5 to 20 digits with +, - and spaces between.
func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == '-' || r == ' ':
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20 && len(s) <= 30
}

// AddParty adds a co-plaintiff, third party or agent to a case (case:edit).
func (s *Store) AddParty(ctx context.Context, a Actor, caseID int64, in PartyInput) (CaseParty, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (CaseParty, error) { return s.AddPartyTx(tx, a, caseID, in) })
}

// AddPartyTx is AddParty inside tx.
func (s *Store) AddPartyTx(tx *gorm.DB, a Actor, caseID int64, in PartyInput) (CaseParty, error) {
	if _, err := s.lockCaseForTx(tx, a, caseID, ActionCaseEdit); err != nil {
		return CaseParty{}, err
	}
	p := Problems{}
	in.normalize(p)
	if err := p.Err(); err != nil {
		return CaseParty{}, err
	}
	row := CaseParty{CaseID: caseID, Role: in.Role, Side: in.Side, Name: in.Name, Kind: in.Kind, Phone: in.Phone,
		CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
	if err := tx.Create(&row).Error; err != nil {
		return row, err
	}
	return row, s.Audit(tx, a, "case.party_added", "case", caseID, nil, row)
}

// RemoveParty removes a co-plaintiff, third party or agent added by mistake (case:edit).
func (s *Store) RemoveParty(ctx context.Context, a Actor, partyID int64) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		var row CaseParty
		if err := tx.Where("id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", partyID, a.Court).
			Limit(1).Find(&row).Error; err != nil {
			return err
		}
		if row.ID == 0 {
			return NotFound("当事人")
		}
		if _, err := s.lockCaseForTx(tx, a, row.CaseID, ActionCaseEdit); err != nil {
			return err
		}
		if err := tx.Delete(&CaseParty{}, row.ID).Error; err != nil {
			return err
		}
		return s.Audit(tx, a, "case.party_removed", "case", row.CaseID, row, nil)
	})
}

// PartyCase is the case a party row belongs to (0 when none of the actor's court).
func (s *Store) PartyCase(ctx context.Context, a Actor, partyID int64) (int64, error) {
	var row CaseParty
	err := s.DB.WithContext(ctx).Where("id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", partyID, a.Court).
		Limit(1).Find(&row).Error
	if err == nil && row.ID == 0 {
		return 0, NotFound("当事人")
	}
	return row.CaseID, s.Err(err)
}

// SetChallengedAct records the challenged act and the claims of a case (case:edit).
func (s *Store) SetChallengedAct(ctx context.Context, a Actor, caseID int64, in ActInput) (ChallengedAct, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (ChallengedAct, error) { return s.SetChallengedActTx(tx, a, caseID, in) })
}

// SetChallengedActTx is SetChallengedAct inside tx.
func (s *Store) SetChallengedActTx(tx *gorm.DB, a Actor, caseID int64, in ActInput) (ChallengedAct, error) {
	if _, err := s.lockCaseForTx(tx, a, caseID, ActionCaseEdit); err != nil {
		return ChallengedAct{}, err
	}
	p := Problems{}
	in.normalize(p, s.Clock.Today())
	if err := p.Err(); err != nil {
		return ChallengedAct{}, err
	}
	var before caseAct
	if err := tx.Where("case_id = ?", caseID).Limit(1).Find(&before).Error; err != nil {
		return ChallengedAct{}, err
	}
	row := caseAct{CaseID: caseID, ActNumber: in.Number, ActDate: in.Date, ActContent: in.Content, Claims: in.Claims,
		UpdatedAt: s.Clock.Now().UTC()}
	var err error
	if before.CaseID == 0 {
		err = tx.Create(&row).Error
	} else {
		err = tx.Model(&caseAct{}).Where("case_id = ?", caseID).Updates(map[string]any{
			"act_number": row.ActNumber, "act_date": row.ActDate, "act_content": row.ActContent,
			"claims": row.Claims, "updated_at": row.UpdatedAt}).Error
	}
	if err != nil {
		return ChallengedAct{}, err
	}
	out := ChallengedAct{Number: in.Number, Date: in.Date, Content: in.Content}
	var was any
	if before.CaseID != 0 {
		was = before
	}
	return out, s.Audit(tx, a, "case.challenged_act", "case", caseID, was, row)
}

// normalize checks the challenged act and the claims.
func (in *ActInput) normalize(p Problems, today Date) {
	for k, v := range in.problems {
		p.Add(k, v)
	}
	in.Number = form.Text(p, "number", in.Number, "文号", 100)
	if !in.Date.IsZero() && in.Date.After(today) {
		p.Add("date", "行政行为作出日期不能晚于今天")
	}
	in.Content = form.Text(p, "content", in.Content, "行政行为内容", 2000)
	in.Claims = form.Text(p, "claims", in.Claims, "诉讼请求", 2000)
}

// CaseFileInput is the optional case-file part of a new case (POST /cases,
// the new-case form, a ledger row): plaintiffs (all of them, the first being
// the case's plaintiff, or only the co-plaintiffs), third parties, agents,
// the challenged act and the claims.
type CaseFileInput struct {
	Parties []PartyInput
	Act     ActInput
	// lists are the JSON arrays plaintiffs, third_parties and agents, read by normalize.
	lists map[string][]PartyInput
	// fromForm: the parties came from the new-case form's textareas.
	fromForm bool
}

// HasAct says whether any of the challenged act or the claims was given.
func (in CaseFileInput) HasAct() bool {
	return in.Act.Number != "" || !in.Act.Date.IsZero() || in.Act.Content != "" || in.Act.Claims != ""
}

// partyListKeys are the JSON arrays of parties a new case may carry, with their role.
var partyListKeys = []struct{ key, role string }{
	{"plaintiffs", RolePlaintiff}, {"third_parties", RoleThirdParty}, {"agents", RoleAgent},
}

// partyListsFromJSON takes the arrays of parties out of a JSON object (the
// flattened reader takes no arrays of objects) and returns the rest. An
// element is a name or an object {name, kind, side, phone}.
func partyListsFromJSON(b []byte, p Problems) ([]byte, map[string][]PartyInput) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
		return b, nil
	}
	lists := map[string][]PartyInput{}
	for _, k := range partyListKeys {
		raw, ok := obj[k.key]
		if !ok {
			continue
		}
		delete(obj, k.key)
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			p.Add(k.key, "应为数组：每项为姓名或 {name, kind, side, phone}")
			continue
		}
		for i, e := range elems {
			var in PartyInput
			var name string
			if err := json.Unmarshal(e, &name); err == nil {
				in.Name = name
			} else if err := json.Unmarshal(e, &in); err != nil {
				p.Add(fmt.Sprintf("%s[%d]", k.key, i), "应为姓名或 {name, kind, side, phone}")
				continue
			}
			in.Role = k.role
			lists[k.key] = append(lists[k.key], in)
		}
	}
	rest, _ := json.Marshal(obj)
	return rest, lists
}

// caseFileFrom reads the form's case-file fields: co-plaintiffs and third
// parties one per line, the challenged act and the claims.
func caseFileFrom(f fieldValues, p Problems) CaseFileInput {
	in := CaseFileInput{fromForm: true, Act: ActInput{
		Number: f.str("challenged_act.number"), Date: f.date(p, "challenged_act.date", "行政行为作出日期"),
		Content: f.str("challenged_act.content"), Claims: f.str("claims"),
	}}
	for _, k := range []struct{ key, role string }{{"co_plaintiffs", RolePlaintiff}, {"third_party_names", RoleThirdParty}} {
		for _, line := range strings.Split(f.str(k.key), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				in.Parties = append(in.Parties, PartyInput{Role: k.role, Name: line})
			}
		}
	}
	return in
}

// normalize checks the case-file input of a new case whose first plaintiff is first.
func (in *CaseFileInput) normalize(p Problems, first Party, today Date) {
	for _, k := range partyListKeys {
		for i, party := range in.lists[k.key] {
			if k.role == RolePlaintiff && i == 0 && (first.Name == "" || strings.TrimSpace(party.Name) == first.Name) {
				continue // the case's own plaintiff
			}
			in.Parties = append(in.Parties, party)
		}
	}
	in.lists = nil
	for i := range in.Parties {
		sub := Problems{}
		in.Parties[i].normalize(sub)
		for field, why := range sub {
			key := fmt.Sprintf("parties[%d].%s", i, field)
			if in.fromForm { // the form's textareas: one line per party
				key = map[string]string{RolePlaintiff: "co_plaintiffs", RoleThirdParty: "third_party_names"}[in.Parties[i].Role]
			}
			p.Add(key, why)
		}
	}
	sub := Problems{}
	in.Act.normalize(sub, today)
	for field, why := range sub {
		if field == "claims" {
			p.Add("claims", why)
		} else {
			p.Add("challenged_act."+field, why)
		}
	}
}

// addCaseFilesTx writes the case-file parts of new cases (files by case id),
// in the order of ids.
func (s *Store) addCaseFilesTx(tx *gorm.DB, a Actor, ids []int64, files map[int64]CaseFileInput) error {
	now := s.Clock.Now().UTC()
	var parties []CaseParty
	var acts []caseAct
	for _, id := range ids {
		in := files[id]
		for _, party := range in.Parties {
			parties = append(parties, CaseParty{CaseID: id, Role: party.Role, Side: party.Side, Name: party.Name, Kind: party.Kind,
				Phone: party.Phone, CreatedBy: actorID(a), CreatedAt: now})
		}
		if in.HasAct() {
			acts = append(acts, caseAct{CaseID: id, ActNumber: in.Act.Number, ActDate: in.Act.Date,
				ActContent: in.Act.Content, Claims: in.Act.Claims, UpdatedAt: now})
		}
	}
	if len(parties) > 0 {
		if err := tx.CreateInBatches(&parties, 200).Error; err != nil {
			return err
		}
	}
	if len(acts) > 0 {
		return tx.CreateInBatches(&acts, 200).Error
	}
	return nil
}
