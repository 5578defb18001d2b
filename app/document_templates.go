package app

import (
	"fuyuan/app/docx"
)

// DocumentKinds are the documents (文书) the court generates for a case
// (domain.md "The case file"). The letters' kinds are LetterKinds' codes.
var DocumentKinds = Enum{"kind", []Option{
	{"acceptance_notice", "受理案件通知书"}, {"response_notice", "应诉通知书"}, {"evidence_notice", "举证通知书"},
	{"summons", "开庭传票"}, {"appearance_notice", "出庭通知书"}, {"mediation_agreement", "调解协议"},
	{"mediation_statement", "行政调解书"}, {"withdrawal_ruling", "准予撤诉裁定书"}, {"service_receipt", "送达回证"},
	{"pre_judgment", "判前建议函"}, {"coordination", "判前协调建议书"}, {"judicial", "司法建议书"},
}}

// Placeholder is a named value a template may use as {{名称}}.
type Placeholder struct {
	Name string `json:"name"`
	Note string `json:"note"`
}

// Placeholders are every name a template may use: the one list the upload
// check, the template page and the filling read.
var Placeholders = []Placeholder{
	{"法院", "本院名称"},
	{"案号", "案件编号，如（2026）粤1803行初12号"},
	{"案由", "案由，如行政处罚"},
	{"立案日期", "立案日期，如2026年3月4日"},
	{"承办法官", "承办法官姓名"},
	{"审限届满日", "审理期限届满日"},
	{"原告", "全部原告，以顿号分隔"},
	{"被告", "被告行政机关名称"},
	{"第三人", "全部第三人，以顿号分隔（无则为空）"},
	{"各方当事人", "原告、被告、第三人的名称，以顿号分隔"},
	{"当事人", "当事人及其代理人的分行列举（裁判文书首部）"},
	{"代理人", "全部代理人，注明代理哪一方、类别和电话"},
	{"被诉行政行为", "被诉行政行为：文号、作出日期和内容"},
	{"被诉行为文号", "被诉行政行为的文号"},
	{"被诉行为日期", "被诉行政行为的作出日期"},
	{"被诉行为内容", "被诉行政行为的内容"},
	{"诉讼请求", "原告的诉讼请求"},
	{"开庭时间", "最近一次开庭的时间"},
	{"开庭地点", "最近一次开庭的法庭"},
	{"调解内容", "最近一次调解达成的协议内容"},
	{"结案日期", "结案日期"},
	{"文书编号", "本文书的编号（调解书、裁定书为案号，建议书为其文号）"},
	{"送达文书", "本案已生成的文书名称"},
	{"受送达人", "受送达人（送达回证由送达人填写时为空）"},
	{"建议问题", "建议书所列的问题"},
	{"建议内容", "建议书的建议"},
	{"回复期限", "建议书的回复期限"},
	{"日期", "落款日期，如二〇二六年三月四日"},
}

// KnownPlaceholder says whether a template may use the name.
func KnownPlaceholder(name string) bool {
	for _, p := range Placeholders {
		if p.Name == name {
			return true
		}
	}
	return false
}

// numberedKinds are the documents that carry a number of their own: the
// mediation statement and the ruling carry the case number as rulings do,
// a letter its letter number.
func documentNumbered(kind string) bool {
	switch kind {
	case "mediation_statement", "withdrawal_ruling", "pre_judgment", "coordination", "judicial":
		return true
	}
	return false
}

// DefaultTemplate returns the template the system ships for a kind.
func DefaultTemplate(kind string) []byte {
	return docx.Write(defaultBlocks(kind))
}

// The pieces of a court document.
func court() docx.Para {
	return docx.Para{Text: "{{法院}}", Align: docx.Center, Bold: true, Size: 40, Font: docx.TitleFont}
}

func title(t string) docx.Para {
	return docx.Para{Text: t, Align: docx.Center, Bold: true, Size: 44, Font: docx.TitleFont, SpaceBefore: 120}
}

func numberLine(t string) docx.Para { return docx.Para{Text: t, Align: docx.Right, SpaceBefore: 240} }

func body(t string) docx.Para { return docx.Para{Text: t, Indent: true, Align: docx.Justify} }

func plain(t string) docx.Para { return docx.Para{Text: t, Align: docx.Justify} }

func blank() docx.Para { return docx.Para{} }

// seal is the signature block of a notice: the court, the date, the seal.
func seal() []docx.Block {
	return []docx.Block{blank(), blank(),
		docx.Para{Text: "{{法院}}", Align: docx.Right},
		docx.Para{Text: "{{日期}}", Align: docx.Right},
		docx.Para{Text: "（院印）", Align: docx.Right},
	}
}

// judgeSeal is the signature block of a ruling or a mediation statement.
func judgeSeal() []docx.Block {
	return []docx.Block{blank(),
		docx.Para{Text: "审　判　员　　{{承办法官}}", Align: docx.Right},
		blank(),
		docx.Para{Text: "{{日期}}", Align: docx.Right},
		docx.Para{Text: "（院印）", Align: docx.Right},
		blank(),
		docx.Para{Text: "书　记　员　　　　　　", Align: docx.Right},
	}
}

func contact() docx.Para {
	return docx.Para{Text: "本院联系人：{{承办法官}}", SpaceBefore: 240, Size: 28}
}

func join(parts ...[]docx.Block) []docx.Block {
	var out []docx.Block
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func defaultBlocks(kind string) []docx.Block {
	switch kind {
	case "acceptance_notice":
		return join([]docx.Block{court(), title("受理案件通知书"), numberLine("{{案号}}"),
			plain("{{原告}}："),
			body("你（单位）诉{{被告}}{{案由}}一案的起诉状已收到。经审查，起诉符合法定受理条件，本院决定立案审理。现将有关事项通知如下："),
			body("一、本案案号为{{案号}}，由审判员{{承办法官}}承办，立案日期为{{立案日期}}。"),
			body("二、在诉讼过程中，当事人享有《中华人民共和国行政诉讼法》规定的诉讼权利，同时必须遵守诉讼秩序，履行诉讼义务。"),
			body("三、你（单位）应当在收到本通知书之次日起七日内向本院预交案件受理费；逾期不预交又不提出缓交申请的，按自动撤回起诉处理。"),
			body("四、你（单位）如委托代理人参加诉讼，应当向本院提交由委托人签名或者盖章的授权委托书。"),
			body("五、你（单位）应当按照本院送达的举证通知书的要求，在举证期限内提供证据。"),
			body("特此通知。"),
		}, seal(), []docx.Block{contact()})
	case "response_notice":
		return join([]docx.Block{court(), title("应诉通知书"), numberLine("{{案号}}"),
			plain("{{被告}}："),
			body("本院已受理{{原告}}诉你单位{{案由}}一案，现将起诉状副本发送给你单位。依照《中华人民共和国行政诉讼法》第六十七条的规定，你单位应当在收到起诉状副本之日起十五日内向本院提交作出行政行为的证据和所依据的规范性文件，并提出答辩状。"),
			body("依照《中华人民共和国行政诉讼法》第三十四条的规定，被告对作出的行政行为负有举证责任，应当提供作出该行政行为的证据和所依据的规范性文件。被告不提供或者无正当理由逾期提供证据，视为没有相应证据。"),
			body("依照《中华人民共和国行政诉讼法》第三条第三款的规定，被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托行政机关相应的工作人员出庭。"),
			body("被诉行政行为：{{被诉行政行为}}"),
			body("原告的诉讼请求：{{诉讼请求}}"),
			body("本案由审判员{{承办法官}}承办。"),
			body("特此通知。"),
			plain("附：起诉状副本一份"),
		}, seal(), []docx.Block{contact()})
	case "evidence_notice":
		return join([]docx.Block{court(), title("举证通知书"), numberLine("{{案号}}"),
			plain("{{各方当事人}}："),
			body("本院受理的{{原告}}诉{{被告}}{{案由}}一案，依照《中华人民共和国行政诉讼法》和《最高人民法院关于行政诉讼证据若干问题的规定》，现将举证事项通知如下："),
			body("一、被告应当在收到起诉状副本之日起十五日内，提供据以作出被诉行政行为的全部证据和所依据的规范性文件。被告不提供或者无正当理由逾期提供证据的，视为被诉行政行为没有相应的证据。"),
			body("二、原告应当提供其符合起诉条件的证据材料；起诉被告不履行法定职责的，应当提供其在行政程序中曾经提出申请的证据材料；在行政赔偿、补偿诉讼中，应当对行政行为造成的损害提供证据。"),
			body("三、原告、第三人应当在开庭审理前或者本院指定的交换证据之日提供证据；因正当事由申请延期提供证据的，经本院准许，可以在法庭调查中提供。"),
			body("四、当事人提供书证的，应当提供原件；提供原件确有困难的，可以提供与原件核对无误的复印件、照片、节录本。提供外文书证或者外国语视听资料的，应当附有中文译本。"),
			body("五、当事人申请本院调取证据、申请证人出庭作证或者申请鉴定的，应当在举证期限届满前书面提出。"),
			body("特此通知。"),
		}, seal(), []docx.Block{contact()})
	case "summons":
		return join([]docx.Block{court(), title("传　　票"), numberLine("{{案号}}"),
			docx.Table{Widths: []int{2200, 6800}, Rows: [][]string{
				{"案　　号", "{{案号}}"}, {"案　　由", "{{案由}}"}, {"被传唤人", "{{各方当事人}}"},
				{"传唤事由", "开庭审理"}, {"应到时间", "{{开庭时间}}"}, {"应到处所", "{{开庭地点}}"},
			}},
			docx.Para{Text: "注意事项：", SpaceBefore: 240, Size: 28},
			docx.Para{Text: "一、被传唤人必须准时到达应到处所。", Size: 28, Indent: true},
			docx.Para{Text: "二、本传票由被传唤人携带来院报到。", Size: 28, Indent: true},
			docx.Para{Text: "三、被传唤人收到传票后，应在送达回证上签名或者盖章。", Size: 28, Indent: true},
			docx.Para{Text: "四、原告经传票传唤，无正当理由拒不到庭，或者未经法庭许可中途退庭的，可以按照撤诉处理；被告经传票传唤，无正当理由拒不到庭，或者未经法庭许可中途退庭的，可以缺席判决。", Size: 28, Indent: true},
		}, seal())
	case "appearance_notice":
		return join([]docx.Block{court(), title("出庭通知书"), numberLine("{{案号}}"),
			plain("{{被告}}负责人："),
			body("本院受理的{{原告}}诉{{被告}}{{案由}}一案，定于{{开庭时间}}在{{开庭地点}}开庭审理。依照《中华人民共和国行政诉讼法》第三条第三款和《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》，通知被诉行政机关负责人出庭应诉。"),
			body("行政机关负责人不能出庭的，应当委托行政机关相应的工作人员出庭，并在开庭前向本院提交书面情况说明，说明不能出庭的理由，加盖行政机关印章或者由行政机关主要负责人签字认可。"),
			body("出庭应诉的行政机关负责人，应当于开庭前向本院提交其身份证明和职务证明。"),
			body("特此通知。"),
		}, seal(), []docx.Block{contact()})
	case "mediation_agreement":
		return []docx.Block{title("调解协议"), numberLine("{{案号}}"),
			docx.Para{Text: "{{当事人}}", Align: docx.Left},
			body("案由：{{案由}}"),
			body("原告{{原告}}诉被告{{被告}}{{案由}}一案，在{{法院}}主持下，各方当事人自愿达成如下协议："),
			body("{{调解内容}}"),
			body("以上协议系各方当事人真实意思表示，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。本协议经各方当事人签名或者盖章后，由本院审查确认。"),
			blank(),
			plain("原告（签名或盖章）："),
			blank(),
			plain("被告（盖章）："),
			blank(),
			plain("第三人（签名或盖章）："),
			blank(),
			plain("主持人：{{承办法官}}"),
			docx.Para{Text: "　　　　年　　月　　日", Align: docx.Right},
		}
	case "mediation_statement":
		return join([]docx.Block{court(), title("行 政 调 解 书"), numberLine("{{文书编号}}"),
			docx.Para{Text: "{{当事人}}", Align: docx.Left},
			body("原告{{原告}}诉被告{{被告}}{{案由}}一案，本院于{{立案日期}}立案后，依法进行了审理。"),
			body("原告的诉讼请求：{{诉讼请求}}"),
			body("本案审理过程中，经本院主持调解，各方当事人自愿达成如下协议："),
			body("{{调解内容}}"),
			body("上述协议，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益，本院予以确认。"),
			body("本调解书经各方当事人签收后，即具有法律效力。"),
		}, judgeSeal())
	case "withdrawal_ruling":
		return join([]docx.Block{court(), title("行 政 裁 定 书"), numberLine("{{文书编号}}"),
			docx.Para{Text: "{{当事人}}", Align: docx.Left},
			body("原告{{原告}}诉被告{{被告}}{{案由}}一案，本院于{{立案日期}}立案。"),
			body("本案审理过程中，原告{{原告}}向本院提出撤诉申请。"),
			body("本院认为，原告的撤诉申请系其真实意思表示，且不违反法律规定。依照《中华人民共和国行政诉讼法》第六十二条、《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第七十九条的规定，裁定如下："),
			body("准许原告{{原告}}撤回起诉。"),
			body("案件受理费50元，减半收取计25元，由原告{{原告}}负担。"),
		}, judgeSeal())
	case "service_receipt":
		return join([]docx.Block{court(), title("送 达 回 证"),
			docx.Table{Widths: []int{2600, 6400}, Rows: [][]string{
				{"案　　由", "{{原告}}诉{{被告}}{{案由}}一案"}, {"案　　号", "{{案号}}"},
				{"送达文书名称及件数", "{{送达文书}}"}, {"受送达人", "{{受送达人}}"},
				{"送达地点", ""}, {"受送达人签名或盖章", "\n　　　　　　　　　　年　　月　　日"},
				{"代收人及代收理由", ""}, {"送达人", ""}, {"填发人", "{{承办法官}}"}, {"备　　注", ""},
			}},
			docx.Para{Text: "说明：受送达人本人不在时，可交其同住成年家属签收；受送达人是法人或者其他组织的，应当由其法定代表人、主要负责人或者办公室、收发室、值班室等负责收件的人签收或者盖章。", Size: 24, SpaceBefore: 240},
		}, seal())
	case "pre_judgment", "coordination", "judicial":
		name, ask := LetterKinds.Label(kind), "为此，依照《中华人民共和国行政诉讼法》第六十六条和《最高人民法院关于加强司法建议工作的意见》的规定，提出如下司法建议："
		switch kind {
		case "pre_judgment":
			ask = "为促进行政争议实质性化解，在本案判决前，本院建议："
		case "coordination":
			ask = "为协调化解本案行政争议，本院建议你单位在本案审理期间："
		}
		return join([]docx.Block{court(), title(name), numberLine("{{文书编号}}"),
			plain("{{被告}}："),
			body("本院在审理{{原告}}诉你单位{{案由}}一案（{{案号}}）中，发现以下问题："),
			body("{{建议问题}}"),
			body(ask),
			body("{{建议内容}}"),
			body("请你单位在收到本建议书之日起{{回复期限}}内，将采纳建议和处理的情况书面回复本院。"),
		}, seal(), []docx.Block{contact()})
	}
	return []docx.Block{court(), title(DocumentKinds.Label(kind)), numberLine("{{案号}}")}
}
