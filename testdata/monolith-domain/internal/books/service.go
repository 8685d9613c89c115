package books

import (
	"context"
	"fmt"

	"example.com/library/internal/platform"
)

// Service is the catalogue.
type Service struct {
	store *Store
}

// NewService returns the catalogue service.
func NewService(store *Store) *Service { return &Service{store: store} }

// AddTitle adds a title with n copies on the shelf.
func (s *Service) AddTitle(ctx context.Context, req newTitle) (Title, error) {
	if req.Name == "" || req.Copies < 1 {
		return Title{}, fmt.Errorf("%w: a title needs a name and at least one copy", platform.ErrInvalid)
	}
	t := Title{ID: platform.NewID("ttl"), ISBN: req.ISBN, Name: req.Name, Author: req.Author}
	copies := make([]Copy, req.Copies)
	for i := range copies {
		copies[i] = Copy{ID: platform.NewID("cpy"), TitleID: t.ID, Status: OnShelf}
	}
	return t, s.store.CreateTitle(ctx, t, copies)
}

// Title returns one title.
func (s *Service) Title(ctx context.Context, id string) (Title, error) { return s.store.Title(ctx, id) }

// Search finds titles.
func (s *Service) Search(ctx context.Context, q string) ([]Title, error) {
	return s.store.Search(ctx, q)
}

// Copy returns one copy.
func (s *Service) Copy(ctx context.Context, id string) (Copy, error) { return s.store.Copy(ctx, id) }

// Availability counts a title's copies on the shelf.
func (s *Service) Availability(ctx context.Context, titleID string) (Availability, error) {
	if _, err := s.store.Title(ctx, titleID); err != nil {
		return Availability{}, err
	}
	return s.store.Availability(ctx, titleID)
}

// Withdraw takes a copy out of circulation.
func (s *Service) Withdraw(ctx context.Context, copyID string) error {
	c, err := s.store.Copy(ctx, copyID)
	if err != nil {
		return err
	}
	if !c.Status.Lendable() {
		return fmt.Errorf("%w: copy %s is %s", platform.ErrConflict, copyID, c.Status)
	}
	return s.store.SetStatus(ctx, copyID, Withdrawn)
}
