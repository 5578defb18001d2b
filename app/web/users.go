package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

func (s *Server) apiListUsers(c *gin.Context) {
	apiCourtList(s, c, roleOf, func(_ context.Context, _ app.Actor, role string, pg app.Page) (app.List[app.User], error) {
		return s.lockedUsers(c, role, pg)
	})
}

// roleOf reads the optional ?role of a list of users.
func roleOf(c *gin.Context) (string, error) {
	role := c.Query("role")
	if role != "" && !app.Roles.Valid(role) {
		return "", app.Invalid("role", "角色不正确")
	}
	return role, nil
}

// lockedUsers lists the court's users (of role, when named) with their login locks.
func (s *Server) lockedUsers(c *gin.Context, role string, pg app.Page) (app.List[app.User], error) {
	a, _ := actorOf(c)
	list, err := s.Store.ListUsers(c.Request.Context(), a, role, pg)
	if err == nil {
		err = s.markLocks(c, list.Items)
	}
	return list, err
}

// markLocks sets LockedUntil on the users whose login is locked.
func (s *Server) markLocks(c *gin.Context, users []app.User) error {
	locks, err := run(c, users, s.Store.AccountLocks)
	if err != nil {
		return err
	}
	for i := range users {
		if until, ok := locks[users[i].ID]; ok {
			users[i].LockedUntil = &until
		}
	}
	return nil
}

// apiUnlockUser ends the login lock of a user of the admin's court (audited).
func (s *Server) apiUnlockUser(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		apiRun(s, c, http.StatusOK, id, s.Store.UnlockAccount)
	}
}

// usersUnlockSubmit is the users page's 解锁 button.
func (s *Server) usersUnlockSubmit(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	lock, err := run(c, id, s.Store.UnlockAccount)
	if err != nil {
		e := s.asAppError(c, err)
		if e.Code == app.ENOTFOUND {
			s.renderError(c, err)
			return
		}
		s.renderUsers(c, statusOf[e.Code], nil, fieldsOrMessage(e), "")
		return
	}
	s.renderUsers(c, http.StatusOK, nil, nil, "已解锁用户 "+lock.Username+"，可立即重新登录")
}

func (s *Server) apiCreateUser(c *gin.Context) {
	apiSave(s, c, http.StatusCreated, s.Store.CreateUser)
}

func (s *Server) apiUpdateUser(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		apiStep(s, c, id, s.bindJSON, http.StatusOK, s.Store.UpdateUser)
	}
}

func (s *Server) apiListStaff(c *gin.Context) {
	role, err := roleOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var roles []string
	if role != "" {
		roles = append(roles, role)
	}
	a, _ := actorOf(c)
	staff, err := s.Store.ListStaff(c.Request.Context(), a, roles...)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": staff, "total": len(staff)}, err)
}

// usersPage lists the court's users with forms to add one and change one.
func (s *Server) usersPage(c *gin.Context) {
	s.renderUsers(c, http.StatusOK, nil, nil, "")
}

func (s *Server) renderUsers(c *gin.Context, status int, form map[string]string, errs map[string]string, flash string) {
	list, err := s.lockedUsers(c, "", app.Page{Page: 1, Size: 100})
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.renderForm(c, status, "users.html", "用户管理", gin.H{"Users": list.Items, "Roles": app.Roles.Options, "Flash": flash}, form, errs)
}

func (s *Server) usersCreateSubmit(c *gin.Context) {
	in := app.UserInput{Username: formPtr(c, "username"), Password: formPtr(c, "password"), Name: formPtr(c, "name"), Role: formPtr(c, "role")}
	a, _ := actorOf(c)
	if _, err := s.Store.CreateUser(c.Request.Context(), a, in); err != nil {
		s.formFailed(c, err, func(status int, errs map[string]string) {
			s.renderUsers(c, status, formValues(c, "username", "name", "role"), errs, "")
		})
		return
	}
	s.renderUsers(c, http.StatusOK, nil, nil, "已添加用户 "+*in.Username+"。请将初始密码告知本人；首次登录时须改为自己的密码。")
}

func (s *Server) usersUpdateSubmit(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	in := app.UserInput{Name: formPtr(c, "name"), Role: formPtr(c, "role")}
	if pw := c.PostForm("password"); pw != "" {
		in.Password = &pw
	}
	disabled := c.PostForm("disabled") == "1"
	in.Disabled = &disabled
	if email, ok := c.GetPostForm("email"); ok {
		digest := c.PostForm("digest") == "1"
		in.Email, in.Digest = &email, &digest
	}
	a, _ := actorOf(c)
	u, err := s.Store.UpdateUser(c.Request.Context(), a, id, in)
	if err != nil {
		s.formFailed(c, err, func(status int, errs map[string]string) { s.renderUsers(c, status, nil, errs, "") })
		return
	}
	s.renderUsers(c, http.StatusOK, nil, nil, "已保存用户 "+u.Username)
}

// formPtr returns a pointer to a posted form value, nil when the field was not sent.
func formPtr(c *gin.Context, name string) *string {
	v, ok := c.GetPostForm(name)
	if !ok {
		return nil
	}
	return &v
}

// formValues keeps what the user typed, to show it again beside the errors.
func formValues(c *gin.Context, names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[n] = c.PostForm(n)
	}
	return m
}

// fieldsOrMessage returns the field errors of e, or its message under "_".
func fieldsOrMessage(e *app.Error) map[string]string {
	if len(e.Fields) > 0 {
		m := map[string]string{"_": e.Message}
		for k, v := range e.Fields {
			m[k] = v
		}
		return m
	}
	return map[string]string{"_": e.Message}
}
