package services

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/repository"
)

// CustomerService registers customers and manages their addresses.
type CustomerService interface {
	Register(ctx context.Context, in RegisterCustomer) (models.Customer, error)
	Get(ctx context.Context, id string) (models.Customer, error)
	List(ctx context.Context, limit int) ([]models.Customer, error)
	Update(ctx context.Context, id string, in UpdateCustomer) (models.Customer, error)
	AddAddress(ctx context.Context, customerID string, in NewAddress) (models.Address, error)
	Addresses(ctx context.Context, customerID string) ([]models.Address, error)
	RemoveAddress(ctx context.Context, customerID, addressID string) error
	Summary(ctx context.Context, customerID string) (models.CustomerSummary, error)
}

// RegisterCustomer is the input of CustomerService.Register.
type RegisterCustomer struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

// UpdateCustomer is the input of CustomerService.Update; nil fields are
// left unchanged.
type UpdateCustomer struct {
	Email *string `json:"email"`
	Name  *string `json:"name"`
}

// NewAddress is the input of CustomerService.AddAddress.
type NewAddress struct {
	Line1      string `json:"line1"`
	City       string `json:"city"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

var _ CustomerService = (*CustomerServiceImpl)(nil)

// CustomerServiceImpl implements CustomerService.
type CustomerServiceImpl struct {
	k    platform.Kernel
	repo repository.CustomerRepository
}

// NewCustomerService returns a CustomerService storing customers in repo.
func NewCustomerService(k platform.Kernel, repo repository.CustomerRepository) *CustomerServiceImpl {
	return &CustomerServiceImpl{k: k, repo: repo}
}

// Register creates a customer with a unique email address and announces it.
func (s *CustomerServiceImpl) Register(ctx context.Context, in RegisterCustomer) (models.Customer, error) {
	in.Email = strings.TrimSpace(in.Email)
	if err := required("email", in.Email, "name", in.Name); err != nil {
		return models.Customer{}, err
	}
	if err := validEmail(in.Email); err != nil {
		return models.Customer{}, err
	}
	if _, err := s.repo.FindByEmail(ctx, in.Email); err == nil {
		return models.Customer{}, fmt.Errorf("email %s is already registered: %w", in.Email, platform.ErrConflict)
	} else if !errors.Is(err, platform.ErrNotFound) {
		return models.Customer{}, fmt.Errorf("register customer: %w", err)
	}
	now := s.k.Clock.Now()
	c := models.Customer{ID: s.k.IDs.NewID("cus"), Email: in.Email, Name: strings.TrimSpace(in.Name), CreatedAt: now, UpdatedAt: now}
	if err := s.repo.Create(ctx, c); err != nil {
		return models.Customer{}, fmt.Errorf("register customer: %w", err)
	}
	s.k.Bus.Publish(ctx, "customer.registered", models.CustomerRegisteredEvent{CustomerID: c.ID, Email: c.Email})
	return c, nil
}

// Get returns one customer.
func (s *CustomerServiceImpl) Get(ctx context.Context, id string) (models.Customer, error) {
	return s.repo.Get(ctx, id)
}

// List returns up to limit customers; limit 0 means 50.
func (s *CustomerServiceImpl) List(ctx context.Context, limit int) ([]models.Customer, error) {
	if limit == 0 || limit > 200 {
		limit = 50
	}
	return s.repo.List(ctx, limit)
}

// Update changes a customer's email or name.
func (s *CustomerServiceImpl) Update(ctx context.Context, id string, in UpdateCustomer) (models.Customer, error) {
	c, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.Customer{}, err
	}
	if in.Email != nil {
		if err := validEmail(*in.Email); err != nil {
			return models.Customer{}, err
		}
		c.Email = strings.TrimSpace(*in.Email)
	}
	if in.Name != nil {
		if err := required("name", *in.Name); err != nil {
			return models.Customer{}, err
		}
		c.Name = strings.TrimSpace(*in.Name)
	}
	c.UpdatedAt = s.k.Clock.Now()
	if err := s.repo.Update(ctx, c); err != nil {
		return models.Customer{}, fmt.Errorf("update customer %s: %w", id, err)
	}
	return c, nil
}

// AddAddress adds a delivery address to a customer.
func (s *CustomerServiceImpl) AddAddress(ctx context.Context, customerID string, in NewAddress) (models.Address, error) {
	if _, err := s.repo.Get(ctx, customerID); err != nil {
		return models.Address{}, err
	}
	if err := required("line1", in.Line1, "city", in.City, "postal_code", in.PostalCode, "country", in.Country); err != nil {
		return models.Address{}, err
	}
	if len(in.Country) != 2 {
		return models.Address{}, fmt.Errorf("%w: country must be a two-letter ISO code, got %q", platform.ErrInvalid, in.Country)
	}
	a := models.Address{
		ID: s.k.IDs.NewID("adr"), CustomerID: customerID, Line1: in.Line1, City: in.City,
		PostalCode: in.PostalCode, Country: strings.ToUpper(in.Country), CreatedAt: s.k.Clock.Now(),
	}
	if err := s.repo.AddAddress(ctx, a); err != nil {
		return models.Address{}, fmt.Errorf("add address: %w", err)
	}
	return a, nil
}

// Addresses returns a customer's addresses.
func (s *CustomerServiceImpl) Addresses(ctx context.Context, customerID string) ([]models.Address, error) {
	if _, err := s.repo.Get(ctx, customerID); err != nil {
		return nil, err
	}
	out, err := s.repo.Addresses(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []models.Address{}
	}
	return out, nil
}

// RemoveAddress deletes one of a customer's addresses.
func (s *CustomerServiceImpl) RemoveAddress(ctx context.Context, customerID, addressID string) error {
	return s.repo.DeleteAddress(ctx, customerID, addressID)
}

// Summary returns a customer's order count and lifetime spend.
func (s *CustomerServiceImpl) Summary(ctx context.Context, customerID string) (models.CustomerSummary, error) {
	if _, err := s.repo.Get(ctx, customerID); err != nil {
		return models.CustomerSummary{}, err
	}
	return s.repo.Summary(ctx, customerID)
}

// validEmail does the cheap check; the confirmation mail does the rest.
func validEmail(email string) error {
	at := strings.IndexByte(email, '@')
	if at < 1 || at == len(email)-1 || strings.ContainsAny(email, " \t") {
		return fmt.Errorf("%w: %q is not an email address", platform.ErrInvalid, email)
	}
	return nil
}
