package notifications

import (
	"context"
	"fmt"

	"example.com/library/internal/fines"
	"example.com/library/internal/loans"
	"example.com/library/internal/members"
	"example.com/library/internal/platform"
	"example.com/library/internal/reservations"
)

// Service turns events into messages.
type Service struct {
	store  *Store
	sender Sender
	clock  platform.Clock
}

// NewService returns the notifications service.
func NewService(store *Store, sender Sender, clock platform.Clock) *Service {
	return &Service{store: store, sender: sender, clock: clock}
}

// Subscribe listens for the events members hear about.
func (s *Service) Subscribe(bus *platform.Bus) {
	bus.Subscribe("member.joined", s.onJoined)
	bus.Subscribe("loan.overdue", s.onOverdue)
	bus.Subscribe("reservation.ready", s.onReady)
	bus.Subscribe("fine.paid", s.onPaid)
}

// ForMember lists the notifications sent to a member.
func (s *Service) ForMember(ctx context.Context, memberID string) ([]Notification, error) {
	return s.store.ForMember(ctx, memberID)
}

func (s *Service) onJoined(ctx context.Context, payload any) error {
	ev, ok := payload.(members.JoinedEvent)
	if !ok {
		return nil
	}
	return s.notify(ctx, ev.MemberID, "welcome", "Welcome to the library.")
}

func (s *Service) onOverdue(ctx context.Context, payload any) error {
	ev, ok := payload.(loans.OverdueEvent)
	if !ok {
		return nil
	}
	return s.notify(ctx, ev.MemberID, "overdue", fmt.Sprintf("Loan %s is %d days late.", ev.LoanID, ev.DaysLate))
}

func (s *Service) onReady(ctx context.Context, payload any) error {
	ev, ok := payload.(reservations.ReadyEvent)
	if !ok {
		return nil
	}
	return s.notify(ctx, ev.MemberID, "hold-ready", fmt.Sprintf("Copy %s is waiting for you.", ev.CopyID))
}

func (s *Service) onPaid(ctx context.Context, payload any) error {
	ev, ok := payload.(fines.PaidEvent)
	if !ok {
		return nil
	}
	return s.notify(ctx, ev.MemberID, "fine-paid", fmt.Sprintf("Fine %s is paid.", ev.FineID))
}

// notify sends one message and records it.
func (s *Service) notify(ctx context.Context, memberID, kind, body string) error {
	to, err := s.store.Email(ctx, memberID)
	if err != nil {
		return err
	}
	if err := s.sender.Send(ctx, to, body); err != nil {
		return err
	}
	return s.store.Record(ctx, Notification{ID: platform.NewID("ntf"), MemberID: memberID, Kind: kind, Body: body, Sent: s.clock.Now()})
}
