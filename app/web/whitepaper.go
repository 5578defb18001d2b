package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// docxType is the media type of a .docx document.
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// yearOf reads a year (a path parameter or ?year); by default the last full year.
func (s *Server) yearOf(v string) (int, error) {
	today := s.Clock.Today()
	if v == "" {
		return today.Year - 1, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil {
		return 0, app.Invalid("year", "年度应为四位数字的年份")
	}
	return y, app.CheckWhitePaperYear(y, today)
}

// whitePaperDocx generates the year's white paper with the chief's chapters.
func (s *Server) whitePaperDocx(c *gin.Context) {
	year, err := s.yearOf(c.Query("year"))
	if err != nil {
		s.failAuto(c, err)
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	chapters, err := s.Store.GetWhitePaper(ctx, a, year)
	if err != nil {
		s.failAuto(c, err)
		return
	}
	var buf bytes.Buffer
	if err := reports.WhitePaper(ctx, s.Store, a.Court, year, s.Clock.Today(), chapters, &buf); err != nil {
		s.failAuto(c, err)
		return
	}
	setDownload(c, fmt.Sprintf("%s%d年行政审判白皮书.docx", s.courtName(c), year))
	c.Header("Content-Type", docxType) // setDownload's is the workbook's
	c.Data(http.StatusOK, docxType, buf.Bytes())
}

// yearParam reads the :year of a white paper (yearOf); it writes the
// error and reports success.
func (s *Server) yearParam(c *gin.Context) (int, bool) {
	year, err := s.yearOf(c.Param("year"))
	if err != nil {
		s.failAuto(c, err)
		return 0, false
	}
	return year, true
}

func (s *Server) apiGetWhitePaper(c *gin.Context) {
	if year, ok := s.yearParam(c); ok {
		apiRun(s, c, http.StatusOK, year, s.Store.GetWhitePaper)
	}
}

func (s *Server) apiSaveWhitePaper(c *gin.Context) {
	year, ok := s.yearParam(c)
	var in app.WhitePaperInput
	if !ok || !s.bindInput(c, &in, noCheck) {
		return
	}
	a, _ := actorOf(c)
	w, err := s.Store.SaveWhitePaper(c.Request.Context(), a, year, in)
	apiAnswer(s, c, http.StatusOK, w, err)
}

// whitePaperPage shows the year's white paper: its download and, for the
// chief, the form of the chapters 存在问题 and 意见建议.
func (s *Server) whitePaperPage(c *gin.Context) {
	year, err := s.yearOf(c.Query("year"))
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.renderWhitePaper(c, year, http.StatusOK, nil, nil)
}

func (s *Server) renderWhitePaper(c *gin.Context, year, status int, form, errs map[string]string) {
	a, _ := actorOf(c)
	w, err := s.Store.GetWhitePaper(c.Request.Context(), a, year)
	if err != nil {
		s.renderError(c, err)
		return
	}
	if form == nil {
		form = map[string]string{"problems": w.Problems, "suggestions": w.Suggestions}
	}
	today := s.Clock.Today()
	var years []int
	for y := today.Year; y >= today.Year-4; y-- {
		years = append(years, y)
	}
	s.renderForm(c, status, "white_paper.html", "行政审判白皮书", gin.H{
		"Year": year, "Years": years, "Paper": w, "CanWrite": s.Authz.Allowed(a, rbac.WhitePaperWrite),
		"Saved": c.Query("done") == "saved",
	}, form, errs)
}

func (s *Server) whitePaperSubmit(c *gin.Context) {
	year, ok := s.yearParam(c)
	if !ok {
		return
	}
	in := app.WhitePaperInput{Problems: c.PostForm("problems"), Suggestions: c.PostForm("suggestions")}
	a, _ := actorOf(c)
	if _, err := s.Store.SaveWhitePaper(c.Request.Context(), a, year, in); err != nil {
		e := s.asAppError(c, err)
		if e.Code != app.EINVALID {
			s.renderError(c, err)
			return
		}
		errs := map[string]string{"_": "未保存：" + e.Message}
		for k, v := range e.Fields {
			errs[k] = v
		}
		s.renderWhitePaper(c, year, http.StatusBadRequest, map[string]string{"problems": in.Problems, "suggestions": in.Suggestions}, errs)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/white-papers?year=%d&done=saved", year))
}
