package reservations

import (
	"context"
	"fmt"
	"time"

	"example.com/library/internal/books"
	"example.com/library/internal/loans"
	"example.com/library/internal/platform"
)

// Service places and fulfils holds.
type Service struct {
	store    *Store
	books    *books.Service
	bus      *platform.Bus
	clock    platform.Clock
	holdDays int
}

// NewService returns the reservations service.
func NewService(store *Store, b *books.Service, bus *platform.Bus, clock platform.Clock, holdDays int) *Service {
	return &Service{store: store, books: b, bus: bus, clock: clock, holdDays: holdDays}
}

// Place puts a member in line for a title no copy of which is on the
// shelf.
func (s *Service) Place(ctx context.Context, memberID, titleID string) (Reservation, error) {
	a, err := s.books.Availability(ctx, titleID)
	if err != nil {
		return Reservation{}, err
	}
	if a.OnShelf > 0 {
		return Reservation{}, fmt.Errorf("%w: %d copies are on the shelf", platform.ErrConflict, a.OnShelf)
	}
	r := Reservation{ID: platform.NewID("rsv"), MemberID: memberID, TitleID: titleID, Placed: s.clock.Now()}
	return r, s.store.Create(ctx, r)
}

// Get returns one hold.
func (s *Service) Get(ctx context.Context, id string) (Reservation, error) {
	return s.store.Get(ctx, id)
}

// ForTitle lists the holds on a title.
func (s *Service) ForTitle(ctx context.Context, titleID string) ([]Reservation, error) {
	if _, err := s.books.Title(ctx, titleID); err != nil {
		return nil, err
	}
	return s.store.ForTitle(ctx, titleID)
}

// Cancel removes a hold.
func (s *Service) Cancel(ctx context.Context, id string) error {
	if _, err := s.store.Get(ctx, id); err != nil {
		return err
	}
	return s.store.Cancel(ctx, id)
}

// Subscribe listens for returned copies.
func (s *Service) Subscribe(bus *platform.Bus) {
	bus.Subscribe("loan.returned", s.onReturned)
}

// onReturned holds the returned copy for the first member in line.
func (s *Service) onReturned(ctx context.Context, payload any) error {
	ev, ok := payload.(loans.ReturnedEvent)
	if !ok {
		return nil
	}
	line, err := s.store.ForTitle(ctx, ev.TitleID)
	if err != nil {
		return err
	}
	for _, r := range line {
		if r.Waiting() {
			if err := s.store.Hold(ctx, r.ID, ev.CopyID, s.clock.Now()); err != nil {
				return err
			}
			s.bus.Publish(ctx, "reservation.ready", ReadyEvent{ReservationID: r.ID, MemberID: r.MemberID, CopyID: ev.CopyID})
			return nil
		}
	}
	return nil
}

// Expire drops holds nobody picked up.
func (s *Service) Expire(ctx context.Context) error {
	_, err := s.store.ExpireBefore(ctx, s.clock.Now().AddDate(0, 0, -s.holdDays))
	return err
}

// Schedule registers the reservations jobs.
func (s *Service) Schedule(sched *platform.Scheduler, every time.Duration) {
	sched.Every("expire-reservations", every, s.Expire)
}
