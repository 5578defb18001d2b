package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/form"
)

// What the forms of the case page share: the flash after a step, a failed
// step shown with its input, and the readers of dates and amounts. Each
// step's JSON handler and form handler stand in a file of their own
// (case_close.go, case_suspend.go …).

// caseFlashes are the messages shown after a step succeeded (?done=…).
var caseFlashes = map[string]string{
	"updated":           "案件信息已保存。",
	"unchanged":         "没有修改任何内容。",
	"assigned":          "承办法官和调解员已更新。",
	"suspended":         "已中止审理：审限自中止之日起暂停计算。恢复审理时，请在本页点击“恢复审理”。",
	"resumed":           "已恢复审理：审限已按中止的天数顺延，见上方“审限届满”。",
	"closed":            "已结案。结案信息见上方；如当事人作出了履行承诺，可继续在“履行承诺”中登记。",
	"mediation":         "调解记录已保存。",
	"mediation_linkage": "调解记录已保存。府院联合调解使本案成为府院联动案件，司法局联络员现在可以查阅本案。",
	"commitment":        "履行承诺已登记；到期未履行的承诺会标为“逾期未履行”。",
	"fulfilled":         "已登记承诺履行。",
	"excluded":          "扣除审限的期间已登记，审限已顺延。",
	"extension":         "延长审限已登记，审限届满日期已更新。",
	"extreq_asked":      "延长审限申请已提交，等待院庭长审批。",
	"extreq_approved":   "已同意报请上级法院延长审限；上级法院批准后，由承办法官登记延长审限。",
	"extreq_refused":    "已不予报请延长审限，申请人会收到提醒。",
	"extreq_withdrawn":  "延长审限申请已撤回。",
	"hearing":           "开庭已安排。开庭后，请在“庭审”中登记行政机关负责人出庭应诉情况。",
	"heard":             "庭审情况已保存。",
	"appeal":            "上诉已登记；二审裁判后，请登记二审结果。",
	"decided":           "二审结果已登记。",
	"attachment":        "附件已上传，已收入卷宗。",
	"withdraw":          "附件已撤回：仍留档备查，不再收入卷宗。",
	"party":             "当事人已登记。",
	"party_removed":     "当事人已删除。",
	"act":               "被诉行政行为和诉讼请求已保存。",
	"document":          "文书已生成，见“文书与送达”；案件信息更正后可再次生成。",
	"served":            "送达情况已登记。",
}

// caseStepFailed shows a failed form on the case page (bad input, or a step
// not allowed now), with what was typed and why it failed; anything else is the error page.
func (s *Server) caseStepFailed(c *gin.Context, id int64, formName string, err error, fields ...string) {
	e := s.asAppError(c, err)
	if e.Code != app.EINVALID && e.Code != app.ECONFLICT {
		s.renderError(c, err)
		return
	}
	form := map[string]string{}
	for _, f := range fields {
		form[formName+"."+f] = strings.Join(c.PostFormArray(f), ",")
	}
	errs := map[string]string{"_": stepFailure[formName] + e.Message}
	for k, v := range e.Fields {
		errs[formName+"."+k] = v
	}
	s.renderCase(c, id, statusOf[e.Code], formName, form, errs)
}

// stepFailure introduces the error of each form of the case page.
var stepFailure = map[string]string{
	"edit": "案件信息未保存：", "assign": "指派未保存：", "suspend": "未能中止：", "resume": "未能恢复审理：",
	"close": "未能结案：", "mediation": "调解记录未保存：", "commitment": "履行承诺未保存：", "fulfil": "未能登记履行：",
	"excluded": "扣除期间未保存：", "extension": "延长审限未保存：", "extreq": "延长审限申请未提交：",
	"extreq_approve": "未能同意报请：", "extreq_refuse": "未能不予报请：", "extreq_withdraw": "未能撤回申请：",
	"hearing": "开庭未安排：", "heard": "庭审情况未保存：", "appeal": "上诉未登记：", "decide": "二审结果未登记：",
	"attachment": "附件未上传：", "withdraw": "附件未撤回：",
	"party": "当事人未保存：", "act": "被诉行政行为未保存：", "document": "文书未生成：", "service": "送达情况未保存：",
}

// formDate reads a date input; a bad one is recorded in p.
func formDate(c *gin.Context, name string, p app.Problems) app.Date {
	d, _ := form.Parse(p, name, c.PostForm(name), "日期格式应为 YYYY-MM-DD，且须真实存在", app.ParseDate)
	return d
}

// formMinute reads a time input: a full "YYYY-MM-DDTHH:MM" (datetime-local)
// or "HH:MM" on day (a time input next to a date); empty is unset, a bad
// one is recorded in p.
func formMinute(c *gin.Context, name string, day app.Date, p app.Problems) app.Minute {
	v := strings.TrimSpace(c.PostForm(name))
	if len(v) == 5 && v[2] == ':' {
		if day.IsZero() {
			p.Add(name, "请先填写日期")
			return app.Minute{}
		}
		v = day.String() + "T" + v
	}
	m, _ := form.Parse(p, name, v, "时间格式应为 HH:MM（如 09:30）或 YYYY-MM-DDTHH:MM", app.ParseMinute)
	return m
}

// formMoney reads an amount in yuan; empty is nil, a bad one is recorded in p.
func formMoney(c *gin.Context, name string, p app.Problems) *app.Money {
	m, ok := form.Parse(p, name, c.PostForm(name), "金额应为不小于 0 的数字（元），最多两位小数", app.ParseYuan)
	if !ok {
		return nil
	}
	return &m
}

// doneOrFailed finishes a step of the case page: back to the page with the
// flash on success (post-redirect-get), the form with its errors on failure.
func (s *Server) doneOrFailed(c *gin.Context, id int64, formName, done string, p app.Problems, step func() error, fields ...string) {
	err := p.Err()
	if err == nil {
		err = step()
	}
	if err != nil {
		s.caseStepFailed(c, id, formName, err, fields...)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=%s", id, done))
}
