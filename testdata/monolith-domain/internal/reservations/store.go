package reservations

import (
	"context"
	"database/sql"
	"time"

	"example.com/library/internal/platform"
)

// Store keeps reservations in SQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store over db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Create records a hold.
func (s *Store) Create(ctx context.Context, r Reservation) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO reservations (id, member_id, title_id, placed_at) VALUES ($1, $2, $3, $4)", r.ID, r.MemberID, r.TitleID, r.Placed)
	return err
}

// Get reads one hold.
func (s *Store) Get(ctx context.Context, id string) (Reservation, error) {
	var r Reservation
	err := s.db.QueryRowContext(ctx, "SELECT id, member_id, title_id, placed_at, ready_at FROM reservations WHERE id = $1", id).
		Scan(&r.ID, &r.MemberID, &r.TitleID, &r.Placed, &r.Ready)
	return r, platform.NotFound(err)
}

// ForTitle lists the holds on a title, oldest first.
func (s *Store) ForTitle(ctx context.Context, titleID string) ([]Reservation, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, member_id, title_id, placed_at, ready_at FROM reservations WHERE title_id = $1 ORDER BY placed_at", titleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reservation
	for rows.Next() {
		var r Reservation
		if err := rows.Scan(&r.ID, &r.MemberID, &r.TitleID, &r.Placed, &r.Ready); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Hold assigns a copy to a reservation and puts the copy on hold.
func (s *Store) Hold(ctx context.Context, id, copyID string, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE reservations SET copy_id = $2, ready_at = $3 WHERE id = $1", id, copyID, at); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "UPDATE copies SET status = 'on_hold' WHERE id = $1", copyID)
	return err
}

// Cancel deletes a hold.
func (s *Store) Cancel(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM reservations WHERE id = $1", id)
	return err
}

// ExpireBefore deletes holds ready before t.
func (s *Store) ExpireBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM reservations WHERE ready_at < $1", t)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
