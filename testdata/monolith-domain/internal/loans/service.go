package loans

import (
	"context"
	"fmt"
	"time"

	"example.com/library/internal/books"
	"example.com/library/internal/members"
	"example.com/library/internal/platform"
)

// Service lends and takes back copies.
type Service struct {
	store    *Store
	members  *members.Service
	books    *books.Service
	bus      *platform.Bus
	clock    platform.Clock
	loanDays int
}

// NewService returns the loans service.
func NewService(store *Store, m *members.Service, b *books.Service, bus *platform.Bus, clock platform.Clock, loanDays int) *Service {
	return &Service{store: store, members: m, books: b, bus: bus, clock: clock, loanDays: loanDays}
}

// Borrow lends a copy to a member.
func (s *Service) Borrow(ctx context.Context, memberID, copyID string) (Receipt, error) {
	open, err := s.store.OpenFor(ctx, memberID)
	if err != nil {
		return Receipt{}, err
	}
	if err := s.members.CanBorrow(ctx, memberID, len(open)); err != nil {
		return Receipt{}, err
	}
	c, err := s.books.Copy(ctx, copyID)
	if err != nil {
		return Receipt{}, err
	}
	if !c.Status.Lendable() {
		return Receipt{}, fmt.Errorf("%w: copy %s is %s", platform.ErrConflict, copyID, c.Status)
	}
	now := s.clock.Now()
	l := Loan{ID: platform.NewID("loan"), MemberID: memberID, CopyID: copyID, Lent: now, Due: dueDate(now, s.loanDays)}
	if err := s.store.Create(ctx, l); err != nil {
		return Receipt{}, err
	}
	c.Status = books.OnLoan
	return Receipt{Loan: l, Copy: c}, nil
}

// Return takes a copy back and announces it.
func (s *Service) Return(ctx context.Context, loanID string) (Loan, error) {
	l, err := s.store.Get(ctx, loanID)
	if err != nil {
		return Loan{}, err
	}
	if l.Returned != nil {
		return Loan{}, fmt.Errorf("%w: loan %s is already returned", platform.ErrConflict, loanID)
	}
	now := s.clock.Now()
	if err := s.store.Return(ctx, l.ID, l.CopyID, now); err != nil {
		return Loan{}, err
	}
	l.Returned = &now
	c, err := s.books.Copy(ctx, l.CopyID)
	if err == nil {
		s.bus.Publish(ctx, "loan.returned", ReturnedEvent{LoanID: l.ID, CopyID: l.CopyID, TitleID: c.TitleID})
	}
	return l, nil
}

// Get returns one loan.
func (s *Service) Get(ctx context.Context, id string) (Loan, error) { return s.store.Get(ctx, id) }

// OpenFor lists a member's open loans.
func (s *Service) OpenFor(ctx context.Context, memberID string) ([]Loan, error) {
	return s.store.OpenFor(ctx, memberID)
}

// MarkOverdue announces every loan past its due date.
func (s *Service) MarkOverdue(ctx context.Context) error {
	now := s.clock.Now()
	late, err := s.store.DueBefore(ctx, now)
	if err != nil {
		return err
	}
	for _, l := range late {
		if l.Overdue(now) {
			s.bus.Publish(ctx, "loan.overdue", OverdueEvent{LoanID: l.ID, MemberID: l.MemberID, DaysLate: int(now.Sub(l.Due).Hours() / 24)})
		}
	}
	return nil
}

// Schedule registers the loans jobs.
func (s *Service) Schedule(sched *platform.Scheduler, every time.Duration) {
	sched.Every("mark-overdue-loans", every, s.MarkOverdue)
}

func dueDate(from time.Time, days int) time.Time { return from.AddDate(0, 0, days) }
