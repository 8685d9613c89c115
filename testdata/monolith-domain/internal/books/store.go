package books

import (
	"context"
	"database/sql"

	"example.com/library/internal/platform"
)

// Store keeps titles and copies in SQL.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store over db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// CreateTitle inserts a title and its copies.
func (s *Store) CreateTitle(ctx context.Context, t Title, copies []Copy) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO titles (id, isbn, name, author) VALUES ($1, $2, $3, $4)", t.ID, t.ISBN, t.Name, t.Author); err != nil {
		return err
	}
	for _, c := range copies {
		if _, err := tx.ExecContext(ctx, "INSERT INTO copies (id, title_id, status) VALUES ($1, $2, $3)", c.ID, c.TitleID, c.Status); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Title reads one title.
func (s *Store) Title(ctx context.Context, id string) (Title, error) {
	var t Title
	err := s.db.QueryRowContext(ctx, "SELECT id, isbn, name, author FROM titles WHERE id = $1", id).Scan(&t.ID, &t.ISBN, &t.Name, &t.Author)
	return t, platform.NotFound(err)
}

// Search finds titles whose name or author contains q.
func (s *Store) Search(ctx context.Context, q string) ([]Title, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, isbn, name, author FROM titles WHERE name ILIKE $1 OR author ILIKE $1 ORDER BY name", "%"+q+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Title
	for rows.Next() {
		var t Title
		if err := rows.Scan(&t.ID, &t.ISBN, &t.Name, &t.Author); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Copy reads one copy.
func (s *Store) Copy(ctx context.Context, id string) (Copy, error) {
	var c Copy
	err := s.db.QueryRowContext(ctx, "SELECT id, title_id, status FROM copies WHERE id = $1", id).Scan(&c.ID, &c.TitleID, &c.Status)
	return c, platform.NotFound(err)
}

// Availability counts a title's copies.
func (s *Store) Availability(ctx context.Context, titleID string) (Availability, error) {
	a := Availability{TitleID: titleID}
	err := s.db.QueryRowContext(ctx, "SELECT count(*), count(*) FILTER (WHERE status = 'on_shelf') FROM copies WHERE title_id = $1", titleID).Scan(&a.Total, &a.OnShelf)
	return a, err
}

// SetStatus moves a copy.
func (s *Store) SetStatus(ctx context.Context, id string, status CopyStatus) error {
	_, err := s.db.ExecContext(ctx, "UPDATE copies SET status = $2 WHERE id = $1", id, status)
	return err
}
