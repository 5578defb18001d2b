package app

// One place that turns a code into its Chinese label and back. Every enum of
// the domain is listed here; JSON carries the code, pages show the label, and
// input (JSON, forms, imported ledgers) may give either.

// Option is one value of an enum: the code stored and sent, and its Chinese label.
type Option struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Enum is a closed list of options.
type Enum struct {
	Name    string
	Options []Option
}

// Label returns the Chinese label of code, or code itself when unknown.
func (e Enum) Label(code string) string {
	for _, o := range e.Options {
		if o.Code == code {
			return o.Label
		}
	}
	return code
}

// Parse returns the code for s, which may be a code or a Chinese label.
func (e Enum) Parse(s string) (string, bool) {
	for _, o := range e.Options {
		if o.Code == s || o.Label == s {
			return o.Code, true
		}
	}
	return "", false
}

// Valid reports whether code is one of the enum's codes.
func (e Enum) Valid(code string) bool {
	for _, o := range e.Options {
		if o.Code == code {
			return true
		}
	}
	return false
}

// The enums of domain.md.
var (
	Roles = Enum{"role", []Option{
		{"admin", "系统管理员"}, {"leader", "院庭长"}, {"judge", "承办法官"},
		{"mediator", "调解员"}, {"liaison", "司法局联络员"},
	}}
	CaseStatuses = Enum{"status", []Option{
		{"filed", "已立案"}, {"mediating", "调解中"}, {"suspended", "中止"}, {"closed", "已结案"},
	}}
	Causes = Enum{"cause", []Option{
		{"行政处罚", "行政处罚"}, {"行政强制", "行政强制"}, {"行政许可", "行政许可"},
		{"工伤认定", "工伤认定"}, {"行政复议", "行政复议"}, {"行政协议", "行政协议"},
		{"山林权属", "山林权属"}, {"自然资源监管", "自然资源监管"}, {"信息公开", "信息公开"},
		{"其他", "其他"},
	}}
	Domains = Enum{"domain", []Option{
		{"ecology", "生态"}, {"tourism", "文旅"}, {"enterprise", "涉企"},
		{"labour", "劳动社保"}, {"other", "其他"},
	}}
	PlaintiffKinds = Enum{"plaintiff_kind", []Option{
		{"individual", "个人"}, {"enterprise", "企业"},
	}}
	CloseMethods = Enum{"method", []Option{
		{"judgment", "判决"}, {"mediation", "调解"}, {"withdrawal", "准予撤诉"},
		{"deemed_withdrawal", "按撤诉处理"}, {"dismissal", "裁定驳回起诉"},
		{"transfer", "移送"}, {"termination", "终结"}, {"failed", "调解不成"},
	}}
	JudgmentResults = Enum{"judgment_result", []Option{
		{"uphold", "维持/驳回诉讼请求"}, {"revoke", "撤销"}, {"alter", "变更"},
		{"confirm_illegal", "确认违法"}, {"order_perform", "责令履行"},
		{"confirm_invalid", "确认无效"}, {"compensate", "判决赔偿"},
	}}
	ExcludedReasons = Enum{"reason", []Option{
		{"suspension", "中止"}, {"appraisal", "鉴定"}, {"announcement", "公告"}, {"jurisdiction", "管辖异议"},
	}}
	MediationModes = Enum{"mode", []Option{
		{"onsite", "现场"}, {"online", "线上"}, {"joint", "府院联合调解"}, {"cross_region", "跨区域联合调解"},
	}}
	MediationResults = Enum{"result", []Option{
		{"success", "调解成功"}, {"partial", "部分达成"}, {"failed", "调解不成"}, {"continuing", "继续调解"},
	}}
	CommitmentKinds = Enum{"kind", []Option{
		{"restore", "复绿/整改"}, {"permit", "完善手续"}, {"instalment", "分期给付"}, {"other", "其他"},
	}}
	LetterKinds = Enum{"kind", []Option{
		{"pre_judgment", "判前建议函"}, {"coordination", "判前协调建议书"}, {"judicial", "司法建议书"},
	}}
	LetterStatuses = Enum{"status", []Option{
		{"draft", "草稿"}, {"returned", "退回修改"}, {"approved", "已审批"}, {"issued", "已发出"}, {"replied", "已回复"},
		{"withdrawn", "已撤回"},
	}}
	MeetingKinds = Enum{"kind", []Option{
		{"annual_training", "年度培训会"}, {"quarterly_joint", "季度联席会"}, {"monthly_symposium", "月度座谈会"},
		{"enforcement_training", "行政执法培训"}, {"joint_conference", "府院联动联席会议"},
	}}
	WorkstationKinds = Enum{"kind", []Option{
		{"forest", "森林法官工作室"}, {"scenic", "景区法官工作室"},
		{"mediation_station", "行政争议调解工作站"}, {"cross_region_office", "跨区域联调办公室"},
	}}
	ServiceKinds = Enum{"kind", []Option{
		{"consultation", "法律咨询"}, {"circuit_hearing", "巡回审判"}, {"publicity", "普法宣传"}, {"mediation", "纠纷调处"},
	}}
	OrganKinds = Enum{"kind", []Option{
		{"林业局", "林业局"}, {"自然资源局", "自然资源局"}, {"人社局", "人社局"}, {"文广旅体局", "文广旅体局"},
		{"市场监管局", "市场监管局"}, {"综合执法局", "综合执法局"}, {"司法局", "司法局"}, {"生态环境局", "生态环境局"},
		{"住建局", "住建局"}, {"公安局", "公安局"}, {"镇人民政府", "镇人民政府"}, {"区人民政府", "区人民政府"}, {"其他", "其他"},
	}}
)
