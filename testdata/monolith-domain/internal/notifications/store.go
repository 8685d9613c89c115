package notifications

import (
	"context"
	"database/sql"

	"example.com/library/internal/platform"
)

// Store keeps the notification log in SQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store over db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Email reads a member's address from the members table.
func (s *Store) Email(ctx context.Context, memberID string) (string, error) {
	var email string
	err := s.db.QueryRowContext(ctx, "SELECT email FROM members WHERE id = $1", memberID).Scan(&email)
	return email, platform.NotFound(err)
}

// Record logs a sent notification.
func (s *Store) Record(ctx context.Context, n Notification) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO notifications (id, member_id, kind, body, sent_at) VALUES ($1, $2, $3, $4, $5)", n.ID, n.MemberID, n.Kind, n.Body, n.Sent)
	return err
}

// ForMember lists the notifications sent to a member.
func (s *Store) ForMember(ctx context.Context, memberID string) ([]Notification, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, member_id, kind, body, sent_at FROM notifications WHERE member_id = $1 ORDER BY sent_at DESC", memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		if err := rows.Scan(&n.ID, &n.MemberID, &n.Kind, &n.Body, &n.Sent); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
