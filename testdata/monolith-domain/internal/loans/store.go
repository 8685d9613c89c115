package loans

import (
	"context"
	"database/sql"
	"time"

	"example.com/library/internal/platform"
)

// Store keeps loans in SQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store over db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Create records a loan and marks the copy on loan in one transaction.
func (s *Store) Create(ctx context.Context, l Loan) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO loans (id, member_id, copy_id, lent_at, due_at) VALUES ($1, $2, $3, $4, $5)", l.ID, l.MemberID, l.CopyID, l.Lent, l.Due); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE copies SET status = 'on_loan' WHERE id = $1", l.CopyID); err != nil {
		return err
	}
	return tx.Commit()
}

// Get reads one loan.
func (s *Store) Get(ctx context.Context, id string) (Loan, error) {
	var l Loan
	err := s.db.QueryRowContext(ctx, "SELECT id, member_id, copy_id, lent_at, due_at, returned_at FROM loans WHERE id = $1", id).
		Scan(&l.ID, &l.MemberID, &l.CopyID, &l.Lent, &l.Due, &l.Returned)
	return l, platform.NotFound(err)
}

// OpenFor lists a member's open loans.
func (s *Store) OpenFor(ctx context.Context, memberID string) ([]Loan, error) {
	return s.query(ctx, "SELECT id, member_id, copy_id, lent_at, due_at, returned_at FROM loans WHERE member_id = $1 AND returned_at IS NULL", memberID)
}

// DueBefore lists the open loans due before t.
func (s *Store) DueBefore(ctx context.Context, t time.Time) ([]Loan, error) {
	return s.query(ctx, "SELECT id, member_id, copy_id, lent_at, due_at, returned_at FROM loans WHERE due_at < $1 AND returned_at IS NULL", t)
}

// Return closes a loan and puts the copy back on the shelf.
func (s *Store) Return(ctx context.Context, id, copyID string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE loans SET returned_at = $2 WHERE id = $1", id, at); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE copies SET status = 'on_shelf' WHERE id = $1", copyID); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]Loan, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Loan
	for rows.Next() {
		var l Loan
		if err := rows.Scan(&l.ID, &l.MemberID, &l.CopyID, &l.Lent, &l.Due, &l.Returned); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
