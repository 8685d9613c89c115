package fines

import (
	"context"
	"fmt"
	"time"

	"example.com/library/internal/platform"
)

// Service assesses and collects fines.
type Service struct {
	store       *Store
	bus         *platform.Bus
	clock       platform.Clock
	centsPerDay int64
}

// NewService returns the fines service.
func NewService(store *Store, bus *platform.Bus, clock platform.Clock, centsPerDay int64) *Service {
	return &Service{store: store, bus: bus, clock: clock, centsPerDay: centsPerDay}
}

// Assess charges every late loan for the days it is late.
func (s *Service) Assess(ctx context.Context) error {
	now := s.clock.Now()
	late, err := s.store.LateLoans(ctx, now)
	if err != nil {
		return err
	}
	for _, l := range late {
		f := Fine{ID: platform.NewID("fin"), MemberID: l.MemberID, LoanID: l.ID, AmountCents: amount(l.Due, now, s.centsPerDay), Assessed: now}
		if err := s.store.Upsert(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// Pay settles a fine.
func (s *Service) Pay(ctx context.Context, id string) (Fine, error) {
	f, err := s.store.Get(ctx, id)
	if err != nil {
		return Fine{}, err
	}
	if f.Paid {
		return Fine{}, fmt.Errorf("%w: fine %s is paid", platform.ErrConflict, id)
	}
	if err := s.store.MarkPaid(ctx, id, s.clock.Now()); err != nil {
		return Fine{}, err
	}
	f.Paid = true
	s.bus.Publish(ctx, "fine.paid", PaidEvent{FineID: f.ID, MemberID: f.MemberID})
	return f, nil
}

// Get returns one fine.
func (s *Service) Get(ctx context.Context, id string) (Fine, error) { return s.store.Get(ctx, id) }

// ForMember lists a member's fines.
func (s *Service) ForMember(ctx context.Context, memberID string) ([]Fine, error) {
	return s.store.ForMember(ctx, memberID)
}

// Schedule registers the fines jobs.
func (s *Service) Schedule(sched *platform.Scheduler, every time.Duration) {
	sched.Every("assess-fines", every, s.Assess)
}

func amount(due, now time.Time, perDay int64) int64 {
	days := int64(now.Sub(due).Hours() / 24)
	if days < 1 {
		return 0
	}
	return days * perDay
}
