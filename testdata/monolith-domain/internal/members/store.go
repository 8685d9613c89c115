package members

import (
	"context"
	"database/sql"

	"example.com/library/internal/platform"
)

// Store keeps members in SQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store over db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Create inserts m.
func (s *Store) Create(ctx context.Context, m Member) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO members (id, name, email, max_loans, joined_at) VALUES ($1, $2, $3, $4, $5)", m.ID, m.Name, m.Email, m.MaxLoans, m.Joined)
	return err
}

// Get reads one member.
func (s *Store) Get(ctx context.Context, id string) (Member, error) {
	var m Member
	err := s.db.QueryRowContext(ctx, "SELECT id, name, email, max_loans, blocked, joined_at FROM members WHERE id = $1", id).
		Scan(&m.ID, &m.Name, &m.Email, &m.MaxLoans, &m.Blocked, &m.Joined)
	return m, platform.NotFound(err)
}

// List reads every member.
func (s *Store) List(ctx context.Context) ([]Member, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, email, max_loans, blocked, joined_at FROM members ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.Name, &m.Email, &m.MaxLoans, &m.Blocked, &m.Joined); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetBlocked blocks or unblocks a member.
func (s *Store) SetBlocked(ctx context.Context, id string, blocked bool) error {
	_, err := s.db.ExecContext(ctx, "UPDATE members SET blocked = $2 WHERE id = $1", id, blocked)
	return err
}

// Summary counts the member's open loans and unpaid fines, reading the
// loans and fines tables directly.
func (s *Store) Summary(ctx context.Context, id string) (int, int64, error) {
	var open int
	var unpaid int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM loans WHERE member_id = $1 AND returned_at IS NULL", id).Scan(&open); err != nil {
		return 0, 0, err
	}
	err := s.db.QueryRowContext(ctx, "SELECT coalesce(sum(amount_cents), 0) FROM fines WHERE member_id = $1 AND paid = false", id).Scan(&unpaid)
	return open, unpaid, err
}
