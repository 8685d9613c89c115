package services

import (
	"context"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/repository"
)

// Shipping fees, in cents: orders at or above freeShippingCents ship free.
const (
	flatShippingCents = 495
	freeShippingCents = 5000
	maxLineQuantity   = 50
)

// OrderService places, pays and cancels orders, and keeps shopping carts.
type OrderService interface {
	Place(ctx context.Context, in PlaceOrder) (models.Order, error)
	Get(ctx context.Context, id string) (models.Order, error)
	ListByCustomer(ctx context.Context, customerID string) ([]models.Order, error)
	Cancel(ctx context.Context, id, reason string) (models.Order, error)
	// Pay charges the order's total with a payment token.
	Pay(ctx context.Context, id, token string) (models.Order, error)
	// ExpireUnpaid cancels orders left unpaid for longer than olderThan
	// and reports how many it cancelled.
	ExpireUnpaid(ctx context.Context, olderThan time.Duration) (int, error)

	Cart(ctx context.Context, customerID string) (models.Cart, error)
	AddToCart(ctx context.Context, customerID string, item models.CartItem) (models.Cart, error)
	RemoveFromCart(ctx context.Context, customerID, productID string) (models.Cart, error)
	// Checkout places an order for the cart's contents and empties it.
	Checkout(ctx context.Context, customerID, addressID string) (models.Order, error)
}

// PlaceOrder is the input of OrderService.Place.
type PlaceOrder struct {
	CustomerID string      `json:"customer_id"`
	AddressID  string      `json:"address_id"`
	Items      []OrderLine `json:"items"`
}

// OrderLine is a product and quantity to order.
type OrderLine struct {
	ProductID string `json:"product_id"`
	Quantity  int    `json:"quantity"`
}

var _ OrderService = (*OrderServiceImpl)(nil)

// OrderServiceImpl implements OrderService. It prices orders from the
// catalog, checks customers and addresses with the customer service and
// charges through the payment service.
type OrderServiceImpl struct {
	k         platform.Kernel
	repo      repository.OrderRepository
	catalog   CatalogService
	customers CustomerService
	payments  PaymentService
}

// NewOrderService returns an OrderService storing orders in repo.
func NewOrderService(k platform.Kernel, repo repository.OrderRepository, catalog CatalogService,
	customers CustomerService, payments PaymentService) *OrderServiceImpl {
	return &OrderServiceImpl{k: k, repo: repo, catalog: catalog, customers: customers, payments: payments}
}

// SubscribeEvents registers the order service's event handlers on bus.
func (s *OrderServiceImpl) SubscribeEvents(bus *platform.Bus) {
	bus.Subscribe(models.TopicPaymentCaptured, s.onPaymentCaptured)
	bus.Subscribe(models.TopicPaymentFailed, s.onPaymentFailed)
	bus.Subscribe(models.TopicShipmentDispatched, s.onShipmentDispatched)
	bus.Subscribe(models.TopicShipmentDelivered, s.onShipmentDelivered)
	bus.Subscribe(models.TopicCustomerRegistered, s.onCustomerRegistered)
}

// Place prices the lines at current catalog prices, reserves their stock
// and stores a pending order.
func (s *OrderServiceImpl) Place(ctx context.Context, in PlaceOrder) (models.Order, error) {
	if err := required("customer_id", in.CustomerID, "address_id", in.AddressID); err != nil {
		return models.Order{}, err
	}
	lines, err := mergeLines(in.Items)
	if err != nil {
		return models.Order{}, err
	}
	if err := s.checkAddress(ctx, in.CustomerID, in.AddressID); err != nil {
		return models.Order{}, err
	}
	now := s.k.Clock.Now()
	o := models.Order{
		ID: s.k.IDs.NewID("ord"), CustomerID: in.CustomerID, AddressID: in.AddressID, Status: models.OrderPending,
		Currency: defaultCurrency, CreatedAt: now, UpdatedAt: now,
	}
	for _, l := range lines {
		p, err := s.catalog.Product(ctx, l.ProductID)
		if errors.Is(err, platform.ErrNotFound) {
			return models.Order{}, fmt.Errorf("%w: product %s does not exist", platform.ErrInvalid, l.ProductID)
		} else if err != nil {
			return models.Order{}, fmt.Errorf("price product %s: %w", l.ProductID, err)
		}
		if !p.Available(l.Quantity) {
			return models.Order{}, fmt.Errorf("product %s has %d in stock, %d ordered: %w", p.ID, p.Stock, l.Quantity, platform.ErrConflict)
		}
		line := p.PriceCents * int64(l.Quantity)
		o.Items = append(o.Items, models.OrderItem{
			ProductID: p.ID, SKU: p.SKU, Name: p.Name, Quantity: l.Quantity, UnitPriceCents: p.PriceCents, LineTotalCents: line,
		})
		o.SubtotalCents += line
	}
	o.ShippingCents = shippingFee(o.SubtotalCents)
	o.TotalCents = o.SubtotalCents + o.ShippingCents
	if err := s.repo.Create(ctx, o); err != nil {
		return models.Order{}, fmt.Errorf("place order: %w", err)
	}
	s.k.Bus.Publish(ctx, models.TopicOrderPlaced, models.OrderPlacedEvent{
		OrderID: o.ID, CustomerID: o.CustomerID, Items: o.Items, TotalCents: o.TotalCents,
	})
	return o, nil
}

// Get returns one order.
func (s *OrderServiceImpl) Get(ctx context.Context, id string) (models.Order, error) {
	return s.repo.Get(ctx, id)
}

// ListByCustomer returns a customer's orders, newest first.
func (s *OrderServiceImpl) ListByCustomer(ctx context.Context, customerID string) ([]models.Order, error) {
	if err := required("customer_id", customerID); err != nil {
		return nil, err
	}
	if _, err := s.customers.Get(ctx, customerID); err != nil {
		return nil, err
	}
	out, err := s.repo.ListByCustomer(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []models.Order{}
	}
	return out, nil
}

// Cancel cancels an order that has not shipped, puts its stock back and
// announces it so that payments can refund and shipping can stand down.
func (s *OrderServiceImpl) Cancel(ctx context.Context, id, reason string) (models.Order, error) {
	o, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.Order{}, err
	}
	if !o.Status.Cancellable() {
		return models.Order{}, fmt.Errorf("order %s is %s and can no longer be cancelled: %w", id, o.Status, platform.ErrConflict)
	}
	if reason == "" {
		reason = "customer request"
	}
	if err := s.repo.Cancel(ctx, id, s.k.Clock.Now()); err != nil {
		return models.Order{}, fmt.Errorf("cancel order %s: %w", id, err)
	}
	s.k.Bus.Publish(ctx, models.TopicOrderCancelled, models.OrderCancelledEvent{
		OrderID: id, Reason: reason, WasPaid: o.Status == models.OrderPaid,
	})
	return s.repo.Get(ctx, id)
}

// Pay charges the order. The order becomes paid when the payment service
// announces the capture, which for most cards happens before Charge returns.
func (s *OrderServiceImpl) Pay(ctx context.Context, id, token string) (models.Order, error) {
	if err := required("payment_token", token); err != nil {
		return models.Order{}, err
	}
	o, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.Order{}, err
	}
	if !o.Status.Payable() {
		return models.Order{}, fmt.Errorf("order %s is %s and cannot be paid: %w", id, o.Status, platform.ErrConflict)
	}
	if _, err := s.payments.Charge(ctx, ChargeRequest{
		OrderID: o.ID, AmountCents: o.TotalCents, Currency: o.Currency, Token: token,
	}); err != nil {
		return models.Order{}, fmt.Errorf("pay order %s: %w", id, err)
	}
	return s.repo.Get(ctx, id)
}

// ExpireUnpaid cancels orders that stayed unpaid for longer than olderThan.
func (s *OrderServiceImpl) ExpireUnpaid(ctx context.Context, olderThan time.Duration) (int, error) {
	ids, err := s.repo.PendingBefore(ctx, s.k.Clock.Now().Add(-olderThan))
	if err != nil {
		return 0, fmt.Errorf("expire unpaid orders: %w", err)
	}
	n := 0
	for _, id := range ids {
		if _, err := s.Cancel(ctx, id, "payment timeout"); err != nil {
			s.k.Log.Warn("expire unpaid order", "order", id, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

// Cart returns the customer's cart, creating it on first use.
func (s *OrderServiceImpl) Cart(ctx context.Context, customerID string) (models.Cart, error) {
	if _, err := s.customers.Get(ctx, customerID); err != nil {
		return models.Cart{}, err
	}
	c, err := s.repo.CartByCustomer(ctx, customerID)
	if errors.Is(err, platform.ErrNotFound) {
		if err := s.createCart(ctx, customerID); err != nil {
			return models.Cart{}, err
		}
		return s.repo.CartByCustomer(ctx, customerID)
	}
	return c, err
}

// AddToCart sets the quantity of an active product in the customer's cart.
func (s *OrderServiceImpl) AddToCart(ctx context.Context, customerID string, item models.CartItem) (models.Cart, error) {
	if item.Quantity < 1 || item.Quantity > maxLineQuantity {
		return models.Cart{}, fmt.Errorf("%w: quantity must be between 1 and %d", platform.ErrInvalid, maxLineQuantity)
	}
	p, err := s.catalog.Product(ctx, item.ProductID)
	if err != nil {
		return models.Cart{}, fmt.Errorf("add to cart: %w", err)
	}
	if !p.Active {
		return models.Cart{}, fmt.Errorf("product %s is not for sale: %w", p.ID, platform.ErrConflict)
	}
	c, err := s.Cart(ctx, customerID)
	if err != nil {
		return models.Cart{}, err
	}
	if err := s.repo.SetCartItem(ctx, c.ID, item, s.k.Clock.Now()); err != nil {
		return models.Cart{}, fmt.Errorf("add to cart: %w", err)
	}
	return s.repo.CartByCustomer(ctx, customerID)
}

// RemoveFromCart removes a product from the customer's cart.
func (s *OrderServiceImpl) RemoveFromCart(ctx context.Context, customerID, productID string) (models.Cart, error) {
	c, err := s.Cart(ctx, customerID)
	if err != nil {
		return models.Cart{}, err
	}
	if err := s.repo.RemoveCartItem(ctx, c.ID, productID, s.k.Clock.Now()); err != nil {
		return models.Cart{}, fmt.Errorf("remove from cart: %w", err)
	}
	return s.repo.CartByCustomer(ctx, customerID)
}

// Checkout places an order for everything in the cart.
func (s *OrderServiceImpl) Checkout(ctx context.Context, customerID, addressID string) (models.Order, error) {
	c, err := s.Cart(ctx, customerID)
	if err != nil {
		return models.Order{}, err
	}
	if len(c.Items) == 0 {
		return models.Order{}, fmt.Errorf("cart of %s is empty: %w", customerID, platform.ErrConflict)
	}
	in := PlaceOrder{CustomerID: customerID, AddressID: addressID}
	for _, it := range c.Items {
		in.Items = append(in.Items, OrderLine(it))
	}
	o, err := s.Place(ctx, in)
	if err != nil {
		return models.Order{}, err
	}
	if err := s.repo.ClearCart(ctx, c.ID, s.k.Clock.Now()); err != nil {
		// The order stands; a stale cart is an annoyance, not a failure.
		s.k.Log.Warn("clear cart after checkout", "cart", c.ID, "err", err)
	}
	return o, nil
}

// onPaymentCaptured marks the order paid and tells shipping to prepare it.
func (s *OrderServiceImpl) onPaymentCaptured(ctx context.Context, payload any) {
	evt, ok := payload.(models.PaymentCapturedEvent)
	if !ok {
		return
	}
	o, err := s.repo.Get(ctx, evt.OrderID)
	if err != nil || !o.Status.Payable() {
		s.k.Log.Warn("payment captured for order that cannot take it", "order", evt.OrderID, "payment", evt.PaymentID, "err", err)
		return
	}
	if err := s.repo.UpdateStatus(ctx, o.ID, models.OrderPaid, s.k.Clock.Now()); err != nil {
		s.k.Log.Error("mark order paid", "order", o.ID, "err", err)
		return
	}
	s.k.Bus.Publish(ctx, models.TopicOrderPaid, models.OrderPaidEvent{OrderID: o.ID, PaymentID: evt.PaymentID})
}

// onPaymentFailed records a declined payment on a pending order.
func (s *OrderServiceImpl) onPaymentFailed(ctx context.Context, payload any) {
	if evt, ok := payload.(models.PaymentFailedEvent); ok {
		s.advance(ctx, evt.OrderID, models.OrderPaymentFailed, models.OrderPending)
	}
}

// onShipmentDispatched marks the order shipped.
func (s *OrderServiceImpl) onShipmentDispatched(ctx context.Context, payload any) {
	if evt, ok := payload.(models.ShipmentDispatchedEvent); ok {
		s.advance(ctx, evt.OrderID, models.OrderShipped, models.OrderPaid)
	}
}

// onShipmentDelivered marks the order delivered.
func (s *OrderServiceImpl) onShipmentDelivered(ctx context.Context, payload any) {
	if evt, ok := payload.(models.ShipmentDeliveredEvent); ok {
		s.advance(ctx, evt.OrderID, models.OrderDelivered, models.OrderShipped)
	}
}

// onCustomerRegistered gives every new customer an empty cart.
func (s *OrderServiceImpl) onCustomerRegistered(ctx context.Context, payload any) {
	if evt, ok := payload.(models.CustomerRegisteredEvent); ok {
		if err := s.createCart(ctx, evt.CustomerID); err != nil {
			s.k.Log.Warn("create cart for new customer", "customer", evt.CustomerID, "err", err)
		}
	}
}

// advance moves an order to status if it is currently in from.
func (s *OrderServiceImpl) advance(ctx context.Context, id string, status, from models.OrderStatus) {
	o, err := s.repo.Get(ctx, id)
	if err != nil {
		s.k.Log.Warn("advance order", "order", id, "status", status, "err", err)
		return
	}
	if o.Status != from {
		s.k.Log.Debug("order not advanced", "order", id, "from", o.Status, "to", status)
		return
	}
	if err := s.repo.UpdateStatus(ctx, id, status, s.k.Clock.Now()); err != nil {
		s.k.Log.Error("advance order", "order", id, "status", status, "err", err)
	}
}

// checkAddress verifies that the customer exists and owns the address.
func (s *OrderServiceImpl) checkAddress(ctx context.Context, customerID, addressID string) error {
	addrs, err := s.customers.Addresses(ctx, customerID)
	if errors.Is(err, platform.ErrNotFound) {
		return fmt.Errorf("%w: customer %s does not exist", platform.ErrInvalid, customerID)
	} else if err != nil {
		return fmt.Errorf("check address: %w", err)
	}
	for _, a := range addrs {
		if a.ID == addressID {
			return nil
		}
	}
	return fmt.Errorf("%w: address %s is not one of customer %s's addresses", platform.ErrInvalid, addressID, customerID)
}

// createCart stores an empty cart for the customer.
func (s *OrderServiceImpl) createCart(ctx context.Context, customerID string) error {
	c := models.Cart{ID: s.k.IDs.NewID("crt"), CustomerID: customerID, UpdatedAt: s.k.Clock.Now()}
	if err := s.repo.CreateCart(ctx, c); err != nil {
		return fmt.Errorf("create cart: %w", err)
	}
	return nil
}

// mergeLines validates order lines and merges repeated products.
func mergeLines(lines []OrderLine) ([]OrderLine, error) {
	if len(lines) == 0 {
		return nil, fmt.Errorf("%w: an order needs at least one item", platform.ErrInvalid)
	}
	var out []OrderLine
	pos := make(map[string]int)
	for _, l := range lines {
		if l.ProductID == "" || l.Quantity < 1 {
			return nil, fmt.Errorf("%w: every item needs a product_id and a positive quantity", platform.ErrInvalid)
		}
		if i, ok := pos[l.ProductID]; ok {
			out[i].Quantity += l.Quantity
		} else {
			pos[l.ProductID] = len(out)
			out = append(out, l)
		}
	}
	for _, l := range out {
		if l.Quantity > maxLineQuantity {
			return nil, fmt.Errorf("%w: at most %d of product %s per order", platform.ErrInvalid, maxLineQuantity, l.ProductID)
		}
	}
	return out, nil
}

// shippingFee is the delivery charge for a subtotal.
func shippingFee(subtotalCents int64) int64 {
	if subtotalCents >= freeShippingCents {
		return 0
	}
	return flatShippingCents
}
