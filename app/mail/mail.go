// Package mail sends the server's e-mail through the court's SMTP server
// (FUYUAN_SMTP_*), with github.com/wneessen/go-mail.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Config is the court's SMTP server.
type Config struct {
	Addr     string // host:port; "" = no e-mail
	From     string
	User     string
	Password string
	TLS      string // "starttls" (default) or "none" (a test server on loopback)
	Timeout  time.Duration
}

// Enabled reports whether an SMTP server is configured.
func (c Config) Enabled() bool { return c.Addr != "" }

// SMTP sends e-mail through the configured server, one connection per message.
type SMTP struct{ cfg Config }

// New checks the configuration and returns the sender.
func New(cfg Config) (*SMTP, error) {
	if cfg.TLS == "" {
		cfg.TLS = "starttls"
	}
	if cfg.TLS != "starttls" && cfg.TLS != "none" {
		return nil, fmt.Errorf("FUYUAN_SMTP_TLS=%q: use starttls or none", cfg.TLS)
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return nil, fmt.Errorf("FUYUAN_SMTP_ADDR=%q: host:port, e.g. smtp.court.example:587", cfg.Addr)
	}
	if cfg.From == "" {
		return nil, errors.New("FUYUAN_SMTP_FROM: the sender's address is required with FUYUAN_SMTP_ADDR")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &SMTP{cfg: cfg}, nil
}

// Send sends one plain-text message.
func (m *SMTP) Send(ctx context.Context, to, subject, body string) error {
	host, portText, _ := net.SplitHostPort(m.cfg.Addr)
	port, err := strconv.Atoi(portText)
	if err != nil {
		return fmt.Errorf("smtp port %q: %w", portText, err)
	}
	policy := gomail.TLSMandatory
	if m.cfg.TLS == "none" {
		policy = gomail.NoTLS
	}
	opts := []gomail.Option{gomail.WithTLSPolicy(policy), gomail.WithPort(port), gomail.WithTimeout(m.cfg.Timeout)}
	if m.cfg.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(m.cfg.User), gomail.WithPassword(m.cfg.Password))
	}
	client, err := gomail.NewClient(host, opts...)
	if err != nil {
		return err
	}
	msg := gomail.NewMsg()
	if err := msg.From(m.cfg.From); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if err := msg.To(to); err != nil {
		return fmt.Errorf("to: %w", err)
	}
	msg.Subject(subject)
	msg.SetBodyString(gomail.TypeTextPlain, body)
	return client.DialAndSendWithContext(ctx, msg)
}
