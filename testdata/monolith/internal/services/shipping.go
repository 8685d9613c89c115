package services

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/repository"
)

// trackingSyncAge is how long a shipment sits in one state before the
// tracking sync asks the carrier about it.
const trackingSyncAge = 6 * time.Hour

// ShippingService creates shipments for paid orders and follows them to
// the customer's door.
type ShippingService interface {
	Get(ctx context.Context, id string) (models.Shipment, error)
	ForOrder(ctx context.Context, orderID string) (models.Shipment, error)
	Dispatch(ctx context.Context, id string, in DispatchRequest) (models.Shipment, error)
	Deliver(ctx context.Context, id string) (models.Shipment, error)
	Events(ctx context.Context, id string) ([]models.TrackingEvent, error)
	// SyncTracking polls carriers for shipments on their way and reports
	// how many changed.
	SyncTracking(ctx context.Context) (int, error)
}

// DispatchRequest is the input of ShippingService.Dispatch.
type DispatchRequest struct {
	Carrier        string `json:"carrier"`
	TrackingNumber string `json:"tracking_number"`
}

var _ ShippingService = (*ShippingServiceImpl)(nil)

// ShippingServiceImpl implements ShippingService. It learns about orders
// from events and reads them straight from the order tables.
type ShippingServiceImpl struct {
	k        platform.Kernel
	repo     repository.ShipmentRepository
	carriers map[string]bool
}

// NewShippingService returns a ShippingService storing shipments in repo.
func NewShippingService(k platform.Kernel, repo repository.ShipmentRepository) *ShippingServiceImpl {
	return &ShippingServiceImpl{k: k, repo: repo, carriers: map[string]bool{"dhl": true, "ups": true, "postnl": true}}
}

// SubscribeEvents registers the shipping service's event handlers on bus.
func (s *ShippingServiceImpl) SubscribeEvents(bus *platform.Bus) {
	bus.Subscribe(models.TopicOrderPaid, s.onOrderPaid)
	bus.Subscribe("order.cancelled", s.onOrderCancelled)
}

// Get returns one shipment.
func (s *ShippingServiceImpl) Get(ctx context.Context, id string) (models.Shipment, error) {
	return s.repo.Get(ctx, id)
}

// ForOrder returns the shipment of an order.
func (s *ShippingServiceImpl) ForOrder(ctx context.Context, orderID string) (models.Shipment, error) {
	if err := required("order_id", orderID); err != nil {
		return models.Shipment{}, err
	}
	return s.repo.ByOrder(ctx, orderID)
}

// Dispatch hands a pending shipment to a carrier.
func (s *ShippingServiceImpl) Dispatch(ctx context.Context, id string, in DispatchRequest) (models.Shipment, error) {
	carrier := strings.ToLower(strings.TrimSpace(in.Carrier))
	if !s.carriers[carrier] {
		return models.Shipment{}, fmt.Errorf("%w: carrier %q is not one of dhl, ups, postnl", platform.ErrInvalid, in.Carrier)
	}
	sh, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.Shipment{}, err
	}
	if sh.Status != models.ShipmentPending {
		return models.Shipment{}, fmt.Errorf("shipment %s is %s, only pending shipments can be dispatched: %w", id, sh.Status, platform.ErrConflict)
	}
	now := s.k.Clock.Now()
	sh.Status, sh.Carrier, sh.TrackingNumber, sh.DispatchedAt = models.ShipmentDispatched, carrier, in.TrackingNumber, &now
	if sh.TrackingNumber == "" {
		sh.TrackingNumber = strings.ToUpper(s.k.IDs.NewID(carrier))
	}
	if err := s.transition(ctx, &sh, "handed to "+carrier); err != nil {
		return models.Shipment{}, err
	}
	s.k.Bus.Publish(ctx, models.TopicShipmentDispatched, models.ShipmentDispatchedEvent{
		ShipmentID: sh.ID, OrderID: sh.OrderID, Carrier: sh.Carrier, TrackingNumber: sh.TrackingNumber,
	})
	return sh, nil
}

// Deliver records that the carrier delivered the shipment.
func (s *ShippingServiceImpl) Deliver(ctx context.Context, id string) (models.Shipment, error) {
	sh, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.Shipment{}, err
	}
	if sh.Status != models.ShipmentDispatched && sh.Status != models.ShipmentInTransit {
		return models.Shipment{}, fmt.Errorf("shipment %s is %s and has not been dispatched: %w", id, sh.Status, platform.ErrConflict)
	}
	now := s.k.Clock.Now()
	sh.Status, sh.DeliveredAt = models.ShipmentDelivered, &now
	if err := s.transition(ctx, &sh, "delivered"); err != nil {
		return models.Shipment{}, err
	}
	s.k.Bus.Publish(ctx, models.TopicShipmentDelivered, models.ShipmentDeliveredEvent{ShipmentID: sh.ID, OrderID: sh.OrderID})
	return sh, nil
}

// Events returns a shipment's tracking history.
func (s *ShippingServiceImpl) Events(ctx context.Context, id string) ([]models.TrackingEvent, error) {
	if _, err := s.repo.Get(ctx, id); err != nil {
		return nil, err
	}
	out, err := s.repo.Events(ctx, id)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []models.TrackingEvent{}
	}
	return out, nil
}

// SyncTracking moves dispatched shipments that the carrier has had for a
// while to in transit. The simulated carriers report nothing more; real
// ones would be asked here.
func (s *ShippingServiceImpl) SyncTracking(ctx context.Context) (int, error) {
	stale, err := s.repo.InTransitBefore(ctx, s.k.Clock.Now().Add(-trackingSyncAge))
	if err != nil {
		return 0, fmt.Errorf("sync tracking: %w", err)
	}
	n := 0
	for _, sh := range stale {
		if sh.Status != models.ShipmentDispatched {
			continue
		}
		sh.Status = models.ShipmentInTransit
		if err := s.transition(ctx, &sh, "arrived at "+sh.Carrier+" sorting centre"); err != nil {
			return n, fmt.Errorf("sync tracking: %w", err)
		}
		n++
	}
	return n, nil
}

// onOrderPaid creates the shipment for a newly paid order.
func (s *ShippingServiceImpl) onOrderPaid(ctx context.Context, payload any) {
	evt, ok := payload.(models.OrderPaidEvent)
	if !ok {
		return
	}
	if err := s.createFor(ctx, evt.OrderID); err != nil {
		s.k.Log.Error("create shipment", "order", evt.OrderID, "err", err)
	}
}

// onOrderCancelled stands down the shipment of a cancelled order.
func (s *ShippingServiceImpl) onOrderCancelled(ctx context.Context, payload any) {
	evt, ok := payload.(models.OrderCancelledEvent)
	if !ok {
		return
	}
	sh, err := s.repo.ByOrder(ctx, evt.OrderID)
	if errors.Is(err, platform.ErrNotFound) {
		return // never paid, so never shipped
	} else if err != nil {
		s.k.Log.Error("cancel shipment", "order", evt.OrderID, "err", err)
		return
	}
	if sh.Status != models.ShipmentPending {
		s.k.Log.Warn("cancelled order already left the warehouse", "order", evt.OrderID, "shipment", sh.ID, "status", sh.Status)
		return
	}
	sh.Status = models.ShipmentCancelled
	if err := s.transition(ctx, &sh, "order cancelled: "+evt.Reason); err != nil {
		s.k.Log.Error("cancel shipment", "shipment", sh.ID, "err", err)
	}
}

// createFor stores a pending shipment to the order's delivery address.
func (s *ShippingServiceImpl) createFor(ctx context.Context, orderID string) error {
	so, err := s.repo.ShippableOrder(ctx, orderID)
	if err != nil {
		return fmt.Errorf("read order %s: %w", orderID, err)
	}
	if so.Status != models.OrderPaid {
		return fmt.Errorf("order %s is %s, not paid: %w", orderID, so.Status, platform.ErrConflict)
	}
	now := s.k.Clock.Now()
	sh := models.Shipment{
		ID: s.k.IDs.NewID("shp"), OrderID: so.OrderID, CustomerID: so.CustomerID, Status: models.ShipmentPending,
		ShipTo: so.ShipTo, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.repo.Create(ctx, sh); err != nil {
		return fmt.Errorf("store shipment: %w", err)
	}
	return s.repo.AddEvent(ctx, models.TrackingEvent{ShipmentID: sh.ID, Status: sh.Status, Note: "awaiting dispatch", OccurredAt: now})
}

// transition stores the shipment's new status and records it in the
// tracking history.
func (s *ShippingServiceImpl) transition(ctx context.Context, sh *models.Shipment, note string) error {
	now := s.k.Clock.Now()
	sh.UpdatedAt = now
	if err := s.repo.Update(ctx, *sh); err != nil {
		return fmt.Errorf("update shipment %s: %w", sh.ID, err)
	}
	if err := s.repo.AddEvent(ctx, models.TrackingEvent{ShipmentID: sh.ID, Status: sh.Status, Note: note, OccurredAt: now}); err != nil {
		return fmt.Errorf("record event of shipment %s: %w", sh.ID, err)
	}
	return nil
}
