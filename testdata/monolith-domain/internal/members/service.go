package members

import (
	"context"
	"fmt"
	"strings"

	"example.com/library/internal/platform"
)

// Service is the members domain.
type Service struct {
	store *Store
	bus   *platform.Bus
	clock platform.Clock
}

// NewService returns the members service.
func NewService(store *Store, bus *platform.Bus, clock platform.Clock) *Service {
	return &Service{store: store, bus: bus, clock: clock}
}

// SignUp creates a member and announces it.
func (s *Service) SignUp(ctx context.Context, name, email string) (Member, error) {
	if name == "" || !validEmail(email) {
		return Member{}, fmt.Errorf("%w: name and a valid email are required", platform.ErrInvalid)
	}
	m := Member{ID: platform.NewID("mem"), Name: name, Email: email, MaxLoans: 5, Joined: s.clock.Now()}
	if err := s.store.Create(ctx, m); err != nil {
		return Member{}, err
	}
	s.bus.Publish(ctx, "member.joined", JoinedEvent{MemberID: m.ID, Email: m.Email})
	return m, nil
}

// Get returns one member.
func (s *Service) Get(ctx context.Context, id string) (Member, error) { return s.store.Get(ctx, id) }

// List returns every member.
func (s *Service) List(ctx context.Context) ([]Member, error) { return s.store.List(ctx) }

// Block stops a member from borrowing.
func (s *Service) Block(ctx context.Context, id string) error {
	if _, err := s.store.Get(ctx, id); err != nil {
		return err
	}
	return s.store.SetBlocked(ctx, id, true)
}

// CanBorrow reports whether the member may take one more loan, given the
// loans they hold.
func (s *Service) CanBorrow(ctx context.Context, id string, open int) error {
	m, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if m.Blocked {
		return fmt.Errorf("%w: member %s is blocked", platform.ErrConflict, id)
	}
	if open >= m.MaxLoans {
		return fmt.Errorf("%w: member %s holds %d loans", platform.ErrConflict, id, open)
	}
	return nil
}

// Summary returns the member with their open loans and unpaid fines.
func (s *Service) Summary(ctx context.Context, id string) (Summary, error) {
	m, err := s.store.Get(ctx, id)
	if err != nil {
		return Summary{}, err
	}
	open, unpaid, err := s.store.Summary(ctx, id)
	return Summary{Member: m, OpenLoans: open, UnpaidCents: unpaid}, err
}

func validEmail(e string) bool {
	at := strings.IndexByte(e, '@')
	return at > 0 && at < len(e)-1
}
