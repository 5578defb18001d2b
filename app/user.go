package app

import (
	"context"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// User is a person who logs in; a user belongs to exactly one court.
type User struct {
	ID           int64  `json:"id" gorm:"primaryKey"`
	CourtCode    string `json:"court_code"`
	Username     string `json:"username"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	PasswordHash string `json:"-"`
	Disabled     bool   `json:"disabled"`
	// MustChangePassword holds a user whose password an admin set (or the
	// first start printed) until they choose their own (POST /me/password).
	MustChangePassword bool `json:"must_change_password"`
	// Email is where the daily digest goes ("" = none); Digest: the user wants it.
	Email     string    `json:"email"`
	Digest    bool      `json:"digest"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"-"`
	// LockedUntil is when the account's login lock ends, in the admin's list of users.
	LockedUntil *time.Time `json:"locked_until,omitempty" gorm:"-"`
}

// Actor returns the user as the actor of a service call.
func (u User) Actor() Actor {
	return Actor{UserID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, Court: u.CourtCode}
}

// BcryptCost is the cost of the password hashes the server makes.
const BcryptCost = 10

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{2,32}$`)

// hashPassword hashes a password with bcrypt at the store's cost.
func (s *Store) hashPassword(pw string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(pw), s.passwordCost)
	return string(b), err
}

// CheckPasswordRules returns why pw is not acceptable for username, or "".
func CheckPasswordRules(username, pw string) string {
	switch {
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return "密码至少 10 个字符"
	case len(pw) > 72:
		return "密码最多 72 个字节"
	case strings.EqualFold(pw, username):
		return "密码不能与用户名相同"
	}
	return ""
}

// UserInput is what an admin sends to create or change a user; nil fields are left alone.
type UserInput struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
	Name     *string `json:"name"`
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
	Email    *string `json:"email"`
	Digest   *bool   `json:"digest"`
}

// CreateUser adds a user to the actor's court.
func (s *Store) CreateUser(ctx context.Context, a Actor, in UserInput) (User, error) {
	p := Problems{}
	u := User{CourtCode: a.Court}
	if in.Username == nil || !usernamePattern.MatchString(*in.Username) {
		p.Add("username", "用户名应为 2–32 位字母、数字或 _ . -")
	} else {
		u.Username = *in.Username
	}
	s.applyUserInput(&u, in, p, true)
	if err := p.Err(); err != nil {
		return User{}, err
	}
	u.MustChangePassword = true // the admin chose the password: the user must replace it
	fresh := u
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		u = fresh // a retried transaction starts again from the input (Create sets the ID)
		var n int64
		if err := tx.Model(&User{}).Where("username = ?", u.Username).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Invalid("username", "用户名已被使用")
		}
		if err := tx.Create(&u).Error; err != nil {
			if IsDuplicate(err) {
				return Invalid("username", "用户名已被使用")
			}
			return err
		}
		return s.Audit(tx, a, "user.create", "user", u.ID, nil, u)
	})
	return u, err
}

func (s *Store) applyUserInput(u *User, in UserInput, p Problems, creating bool) {
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if name == "" || utf8.RuneCountInString(name) > 64 {
			p.Add("name", "姓名不能为空，最多 64 个字")
		}
		u.Name = name
	} else if creating {
		p.Add("name", "请填写姓名")
	}
	if in.Role != nil {
		if !Roles.Valid(*in.Role) {
			p.Add("role", "角色应为 admin、leader、judge、mediator 或 liaison 之一")
		}
		u.Role = *in.Role
	} else if creating {
		p.Add("role", "请选择角色")
	}
	if in.Password != nil {
		if why := CheckPasswordRules(u.Username, *in.Password); why != "" {
			p.Add("password", why)
		} else if h, err := s.hashPassword(*in.Password); err == nil {
			u.PasswordHash = h
		} else {
			p.Add("password", "密码无法保存")
		}
	} else if creating {
		p.Add("password", "请设置密码（至少 10 个字符）")
	}
	given(&u.Disabled, in.Disabled)
	applyContact(u, in.Email, in.Digest, p)
}

// applyContact sets a user's e-mail address and digest choice; an address
// that does not parse as one bare address is a problem of the field email.
func applyContact(u *User, email *string, digest *bool, p Problems) {
	if email != nil {
		e := strings.TrimSpace(*email)
		if e != "" {
			addr, err := mail.ParseAddress(e)
			if err != nil || addr.Address != e || len(e) > 254 {
				p.Add("email", "电子邮箱地址格式不正确，如 zhangsan@court.example")
			}
		}
		u.Email = e
	}
	if digest != nil {
		u.Digest = *digest
	}
}

// ContactInput is the body of PATCH /me: the user's own e-mail address and digest choice.
type ContactInput struct {
	Email  *string `json:"email"`
	Digest *bool   `json:"digest"`
}

// UpdateOwnContact changes the actor's own e-mail address and digest choice.
func (s *Store) UpdateOwnContact(ctx context.Context, a Actor, in ContactInput) (User, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (User, error) {
		u, err := userTx(tx, a.Court, a.UserID)
		if err != nil {
			return User{}, err
		}
		before := u
		p := Problems{}
		applyContact(&u, in.Email, in.Digest, p)
		if err := p.Err(); err != nil {
			return User{}, err
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"email": u.Email, "digest": u.Digest}).Error; err != nil {
			return User{}, err
		}
		return u, s.Audit(tx, a, "user.contact", "user", u.ID, before, u)
	})
}

// UpdateUser changes a user's name, role, password or disabled flag. Users are never deleted.
func (s *Store) UpdateUser(ctx context.Context, a Actor, id int64, in UserInput) (User, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (User, error) {
		u, err := userTx(tx, a.Court, id)
		if err != nil {
			return User{}, err
		}
		before := u
		p := Problems{}
		if in.Username != nil && *in.Username != u.Username {
			p.Add("username", "用户名不能修改")
		}
		s.applyUserInput(&u, in, p, false)
		if u.ID == a.UserID && (u.Role != before.Role || u.Disabled) {
			p.Add("role", "不能修改自己的角色或停用自己的账号")
		}
		if in.Password != nil && u.ID != a.UserID {
			u.MustChangePassword = true // a reset: the user must replace the password the admin chose
		}
		if err := p.Err(); err != nil {
			return User{}, err
		}
		if err := tx.Save(&u).Error; err != nil {
			return User{}, err
		}
		if in.Password != nil || u.Disabled || u.Role != before.Role {
			// A new password, a role change or a disabled account ends the user's sessions.
			if err := tx.Where("user_id = ?", u.ID).Delete(&Session{}).Error; err != nil {
				return User{}, err
			}
		}
		return u, s.Audit(tx, a, "user.update", "user", u.ID, before, u)
	})
}

// ListUsers lists the users of the actor's court.
func (s *Store) ListUsers(ctx context.Context, a Actor, role string, pg Page) (List[User], error) {
	q := s.DB.WithContext(ctx).Model(&User{}).Where("court_code = ?", a.Court)
	if role != "" {
		q = q.Where("role = ?", role)
	}
	out, err := pageOf[User](q, pg, func(q *gorm.DB) *gorm.DB { return q.Order("id") })
	return out, s.Err(err)
}

// GetUser returns a user of the actor's court.
func (s *Store) GetUser(ctx context.Context, a Actor, id int64) (User, error) {
	u, err := userTx(s.DB.WithContext(ctx), a.Court, id)
	return u, s.Err(err)
}

// userTx reads user id of the court.
func userTx(tx *gorm.DB, court string, id int64) (User, error) {
	return take[User](tx.Where("id = ? AND court_code = ?", id, court), "用户")
}

// Staff is a colleague as others see them: enough to pick a judge or mediator.
type Staff struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     string `json:"role"`
}

// ListStaff lists the enabled users of the actor's court with the given roles.
func (s *Store) ListStaff(ctx context.Context, a Actor, roles ...string) ([]Staff, error) {
	var out []Staff
	q := s.DB.WithContext(ctx).Model(&User{}).Where("court_code = ? AND disabled = ?", a.Court, false)
	if len(roles) > 0 {
		q = q.Where("role IN ?", roles)
	}
	err := q.Order("role, id").Find(&out).Error
	if out == nil {
		out = []Staff{}
	}
	return out, s.Err(err)
}

// SeedUser creates a user directly (first start and demo data); it is audited as "system".
func (s *Store) SeedUser(ctx context.Context, court, username, name, role, password string) (User, error) {
	return s.seedUser(ctx, court, username, name, role, password, false)
}

// SeedHeldUser is SeedUser for a password that someone else saw (the first
// admin's random password printed to the log): the user must change it at
// first login.
func (s *Store) SeedHeldUser(ctx context.Context, court, username, name, role, password string) (User, error) {
	return s.seedUser(ctx, court, username, name, role, password, true)
}

func (s *Store) seedUser(ctx context.Context, court, username, name, role, password string, held bool) (User, error) {
	h, err := s.hashPassword(password)
	if err != nil {
		return User{}, err
	}
	var u User
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		u = User{CourtCode: court, Username: username, Name: name, Role: role, PasswordHash: h, MustChangePassword: held}
		if err := tx.Create(&u).Error; err != nil {
			return err
		}
		return s.Audit(tx, Actor{Court: court, Username: "system"}, "user.create", "user", u.ID, nil, u)
	})
	return u, err
}

// PasswordChange is the body of POST /me/password.
type PasswordChange struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

// ChangeOwnPassword replaces the actor's password after checking the old one,
// and releases a user held until they chose their own. The actor's other
// sessions end; the one making the change stays.
func (s *Store) ChangeOwnPassword(ctx context.Context, a Actor, keepSession string, in PasswordChange) error {
	p := Problems{}
	if in.OldPassword == "" {
		p.Add("old_password", "请输入原密码")
	}
	if why := CheckPasswordRules(a.Username, in.NewPassword); why != "" {
		p.Add("new_password", why)
	} else if in.NewPassword == in.OldPassword {
		p.Add("new_password", "新密码不能与原密码相同")
	}
	if err := p.Err(); err != nil {
		return err
	}
	h, err := s.hashPassword(in.NewPassword)
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *gorm.DB) error {
		u, err := userTx(tx, a.Court, a.UserID)
		if err != nil {
			return err
		}
		if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(in.OldPassword)) != nil {
			return Invalid("old_password", "原密码不正确")
		}
		before := u
		listCourt(tx, u.CourtCode)
		if err := tx.Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"password_hash": h, "must_change_password": false, "updated_at": s.Clock.Now().UTC()}).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND token_hash <> ?", u.ID, hashToken(keepSession)).Delete(&Session{}).Error; err != nil {
			return err
		}
		u.MustChangePassword = false
		return s.Audit(tx, a, "user.password", "user", u.ID, before, u)
	})
}
