package fines

import (
	"context"
	"database/sql"
	"time"

	"example.com/library/internal/platform"
)

// Store keeps fines in SQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store over db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// LateLoans reads the open loans due before t from the loans table.
func (s *Store) LateLoans(ctx context.Context, t time.Time) ([]lateLoan, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, member_id, due_at FROM loans WHERE due_at < $1 AND returned_at IS NULL", t)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lateLoan
	for rows.Next() {
		var l lateLoan
		if err := rows.Scan(&l.ID, &l.MemberID, &l.Due); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Upsert records or raises the fine of a loan.
func (s *Store) Upsert(ctx context.Context, f Fine) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO fines (id, member_id, loan_id, amount_cents, assessed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (loan_id) DO UPDATE SET amount_cents = $4, assessed_at = $5", f.ID, f.MemberID, f.LoanID, f.AmountCents, f.Assessed)
	return err
}

// Get reads one fine.
func (s *Store) Get(ctx context.Context, id string) (Fine, error) {
	var f Fine
	err := s.db.QueryRowContext(ctx, "SELECT id, member_id, loan_id, amount_cents, paid, assessed_at FROM fines WHERE id = $1", id).
		Scan(&f.ID, &f.MemberID, &f.LoanID, &f.AmountCents, &f.Paid, &f.Assessed)
	return f, platform.NotFound(err)
}

// ForMember lists a member's fines.
func (s *Store) ForMember(ctx context.Context, memberID string) ([]Fine, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, member_id, loan_id, amount_cents, paid, assessed_at FROM fines WHERE member_id = $1", memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Fine
	for rows.Next() {
		var f Fine
		if err := rows.Scan(&f.ID, &f.MemberID, &f.LoanID, &f.AmountCents, &f.Paid, &f.Assessed); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// MarkPaid records a payment and the receipt.
func (s *Store) MarkPaid(ctx context.Context, id string, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE fines SET paid = true WHERE id = $1", id); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "INSERT INTO fine_payments (fine_id, paid_at) VALUES ($1, $2)", id, at)
	return err
}
