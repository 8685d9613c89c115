package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.com/shop/internal/app"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
)

// shop is a running test shop with in-memory storage, seeded data, a
// manual clock and sequential ids.
type shop struct {
	app   *app.App
	srv   *httptest.Server
	clock *platform.ManualClock
}

func newShop(t *testing.T) *shop {
	t.Helper()
	clock := platform.NewManualClock(time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC))
	a, err := app.New(context.Background(), app.Options{
		Config: platform.Config{Addr: "127.0.0.1:0", Seed: true, ShutdownTimeout: time.Second},
		Clock:  clock,
		IDs:    &platform.SequentialIDs{},
	})
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return &shop{app: a, srv: srv, clock: clock}
}

// do sends a request with body (a string is sent as is, anything else as
// JSON), checks the status and decodes the response into out when non-nil.
func (s *shop) do(t *testing.T, method, path string, body any, wantStatus int, out any) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("marshal %T: %v", body, err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, s.srv.URL+path, r)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: status %d, want %d; body: %s", method, path, resp.StatusCode, wantStatus, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decode %T: %v; body: %s", method, path, out, err, data)
		}
	}
}

func TestOrderLifecycle(t *testing.T) {
	s := newShop(t)

	var cust models.Customer
	s.do(t, "POST", "/customers", map[string]string{"email": "linus@example.com", "name": "Linus"}, http.StatusCreated, &cust)
	if cust.ID == "" || cust.CreatedAt.IsZero() {
		t.Fatalf("customer has no server-set id or timestamp: %+v", cust)
	}
	var addr models.Address
	s.do(t, "POST", "/customers/"+cust.ID+"/addresses",
		map[string]string{"line1": "5 Kernel St", "city": "Helsinki", "postal_code": "00100", "country": "fi"}, http.StatusCreated, &addr)

	var prod models.Product
	s.do(t, "POST", "/products", map[string]any{
		"sku": "ACC-SCL-01", "name": "Coffee scale", "category_id": "cat_accessories", "price_cents": 3000, "stock": 10,
	}, http.StatusCreated, &prod)

	var order models.Order
	s.do(t, "POST", "/orders", map[string]any{
		"customer_id": cust.ID, "address_id": addr.ID,
		"items": []map[string]any{{"product_id": prod.ID, "quantity": 2}, {"product_id": "prd_filters", "quantity": 1}},
	}, http.StatusCreated, &order)
	if order.Status != models.OrderPending || order.TotalCents != 2*3000+650 || order.CreatedAt.IsZero() {
		t.Fatalf("placed order = %+v, want pending with total 6650 and a timestamp", order)
	}
	s.do(t, "GET", "/products/"+prod.ID, nil, http.StatusOK, &prod)
	if prod.Stock != 8 {
		t.Errorf("stock after order = %d, want 8", prod.Stock)
	}

	s.do(t, "POST", "/orders/"+order.ID+"/pay", map[string]string{"payment_token": "tok_visa"}, http.StatusOK, &order)
	if order.Status != models.OrderPaid || order.PaidAt == nil {
		t.Fatalf("order after payment = %s (paid_at %v), want paid", order.Status, order.PaidAt)
	}

	var shipments []models.Shipment
	s.do(t, "GET", "/shipments?order_id="+order.ID, nil, http.StatusOK, &shipments)
	if len(shipments) != 1 || shipments[0].ShipTo.City != "Helsinki" {
		t.Fatalf("shipments of paid order = %+v, want one to Helsinki", shipments)
	}
	ship := shipments[0]
	s.do(t, "POST", "/shipments/"+ship.ID+"/dispatch", map[string]string{"carrier": "ups"}, http.StatusOK, &ship)
	s.do(t, "GET", "/orders/"+order.ID, nil, http.StatusOK, &order)
	if order.Status != models.OrderShipped {
		t.Fatalf("order after dispatch = %s, want shipped", order.Status)
	}
	s.do(t, "POST", "/shipments/"+ship.ID+"/deliver", nil, http.StatusOK, &ship)
	s.do(t, "GET", "/orders/"+order.ID, nil, http.StatusOK, &order)
	if order.Status != models.OrderDelivered {
		t.Fatalf("order after delivery = %s, want delivered", order.Status)
	}
	var events []models.TrackingEvent
	s.do(t, "GET", "/shipments/"+ship.ID+"/events", nil, http.StatusOK, &events)
	if len(events) != 3 {
		t.Errorf("tracking events = %d, want 3 (pending, dispatched, delivered)", len(events))
	}

	var sum models.CustomerSummary
	s.do(t, "GET", "/customers/"+cust.ID+"/summary", nil, http.StatusOK, &sum)
	if sum.OrderCount != 1 || sum.LifetimeCents != order.TotalCents {
		t.Errorf("summary = %+v, want 1 order of %d", sum, order.TotalCents)
	}
	s.do(t, "POST", "/orders/"+order.ID+"/cancel", nil, http.StatusConflict, nil)
}

func TestCancelPaidOrderRefundsAndRestocks(t *testing.T) {
	s := newShop(t)
	var order models.Order
	s.do(t, "POST", "/orders", map[string]any{
		"customer_id": "cus_ada", "address_id": "adr_ada_home",
		"items": []map[string]any{{"product_id": "prd_kettle", "quantity": 3}},
	}, http.StatusCreated, &order)
	s.do(t, "POST", "/orders/"+order.ID+"/pay", map[string]string{"payment_token": "tok_visa"}, http.StatusOK, nil)
	s.do(t, "POST", "/orders/"+order.ID+"/cancel", map[string]string{"reason": "changed my mind"}, http.StatusOK, &order)
	if order.Status != models.OrderCancelled {
		t.Fatalf("status = %s, want cancelled", order.Status)
	}

	var payments []models.Payment
	s.do(t, "GET", "/orders/"+order.ID+"/payments", nil, http.StatusOK, &payments)
	if len(payments) != 1 || payments[0].Status != models.PaymentRefunded {
		t.Fatalf("payments = %+v, want one refunded", payments)
	}
	var prod models.Product
	s.do(t, "GET", "/products/prd_kettle", nil, http.StatusOK, &prod)
	if prod.Stock != 15 {
		t.Errorf("kettle stock = %d, want 15 after cancellation", prod.Stock)
	}
	var shipments []models.Shipment
	s.do(t, "GET", "/shipments?order_id="+order.ID, nil, http.StatusOK, &shipments)
	if len(shipments) != 1 || shipments[0].Status != models.ShipmentCancelled {
		t.Errorf("shipments = %+v, want one cancelled", shipments)
	}
}

func TestDeclinedPaymentAndJobs(t *testing.T) {
	s := newShop(t)
	var order models.Order
	s.do(t, "POST", "/orders", map[string]any{
		"customer_id": "cus_grace", "address_id": "adr_grace_home",
		"items": []map[string]any{{"product_id": "prd_espresso", "quantity": 1}},
	}, http.StatusCreated, &order)
	s.do(t, "POST", "/orders/"+order.ID+"/pay", map[string]string{"payment_token": "tok_decline"}, http.StatusPaymentRequired, nil)
	s.do(t, "GET", "/orders/"+order.ID, nil, http.StatusOK, &order)
	if order.Status != models.OrderPaymentFailed {
		t.Fatalf("status = %s, want payment_failed", order.Status)
	}

	ctx := context.Background()
	if err := s.app.Scheduler().RunNow(ctx, "retry-failed-payments"); err != nil {
		t.Fatalf("retry-failed-payments: %v", err)
	}
	s.clock.Advance(31 * time.Minute)
	if err := s.app.Scheduler().RunNow(ctx, "expire-unpaid-orders"); err != nil {
		t.Fatalf("expire-unpaid-orders: %v", err)
	}
	s.do(t, "GET", "/orders/"+order.ID, nil, http.StatusOK, &order)
	if order.Status != models.OrderCancelled {
		t.Fatalf("status after expiry = %s, want cancelled", order.Status)
	}
	var payments []models.Payment
	s.do(t, "GET", "/orders/"+order.ID+"/payments", nil, http.StatusOK, &payments)
	if len(payments) != 1 || payments[0].Attempts != 2 {
		t.Errorf("payments = %+v, want one with 2 attempts", payments)
	}
	for _, job := range []string{"reindex-catalog", "sync-shipment-tracking"} {
		if err := s.app.Scheduler().RunNow(ctx, job); err != nil {
			t.Errorf("%s: %v", job, err)
		}
	}
}

func TestPendingPaymentSettledByWebhook(t *testing.T) {
	s := newShop(t)
	var order models.Order
	s.do(t, "POST", "/orders", map[string]any{
		"customer_id": "cus_ada", "address_id": "adr_ada_home",
		"items": []map[string]any{{"product_id": "prd_grinder", "quantity": 1}},
	}, http.StatusCreated, &order)
	s.do(t, "POST", "/orders/"+order.ID+"/pay", map[string]string{"payment_token": "tok_pending"}, http.StatusAccepted, &order)
	if order.Status != models.OrderPending {
		t.Fatalf("status while payment pending = %s, want pending", order.Status)
	}
	var payments []models.Payment
	s.do(t, "GET", "/orders/"+order.ID+"/payments", nil, http.StatusOK, &payments)
	if len(payments) != 1 || payments[0].ProviderRef == "" {
		t.Fatalf("payments = %+v, want one with a provider ref", payments)
	}
	note := map[string]string{"provider_ref": payments[0].ProviderRef, "status": "captured"}
	s.do(t, "POST", "/payments/webhook", note, http.StatusOK, nil)
	s.do(t, "POST", "/payments/webhook", note, http.StatusOK, nil) // redelivery is harmless
	s.do(t, "GET", "/orders/"+order.ID, nil, http.StatusOK, &order)
	if order.Status != models.OrderPaid {
		t.Fatalf("status after webhook = %s, want paid", order.Status)
	}
	var refund models.Refund
	s.do(t, "POST", "/payments/"+payments[0].ID+"/refunds", map[string]any{"amount_cents": 1000, "reason": "scratched"}, http.StatusCreated, &refund)
	var pay models.Payment
	s.do(t, "GET", "/payments/"+payments[0].ID, nil, http.StatusOK, &pay)
	if pay.Status != models.PaymentCaptured || pay.RefundedCents() != 1000 {
		t.Errorf("payment after partial refund = %s with %d refunded, want captured with 1000", pay.Status, pay.RefundedCents())
	}
}

func TestCartCheckout(t *testing.T) {
	s := newShop(t)
	var cart models.Cart
	s.do(t, "POST", "/carts/cus_ada/items", map[string]any{"product_id": "prd_dripper", "quantity": 1}, http.StatusOK, &cart)
	s.do(t, "POST", "/carts/cus_ada/items", map[string]any{"product_id": "prd_filters", "quantity": 2}, http.StatusOK, &cart)
	s.do(t, "DELETE", "/carts/cus_ada/items/prd_dripper", nil, http.StatusOK, &cart)
	if len(cart.Items) != 1 || cart.Items[0].ProductID != "prd_filters" {
		t.Fatalf("cart = %+v, want only filters", cart.Items)
	}
	var order models.Order
	s.do(t, "POST", "/carts/cus_ada/checkout", map[string]string{"address_id": "adr_ada_home"}, http.StatusCreated, &order)
	if order.SubtotalCents != 1300 || order.ShippingCents != 495 {
		t.Errorf("order = %d + %d shipping, want 1300 + 495", order.SubtotalCents, order.ShippingCents)
	}
	s.do(t, "GET", "/carts/cus_ada", nil, http.StatusOK, &cart)
	if len(cart.Items) != 0 {
		t.Errorf("cart after checkout has %d items, want 0", len(cart.Items))
	}
	s.do(t, "POST", "/carts/cus_ada/checkout", map[string]string{"address_id": "adr_ada_home"}, http.StatusConflict, nil)
}

func TestNotFound(t *testing.T) {
	s := newShop(t)
	tests := []struct {
		method, path string
		body         any
	}{
		{"GET", "/orders/ord_missing", nil},
		{"POST", "/orders/ord_missing/cancel", nil},
		{"POST", "/orders/ord_missing/pay", map[string]string{"payment_token": "tok_visa"}},
		{"GET", "/products/prd_missing", nil},
		{"PUT", "/products/prd_missing/price", map[string]int{"price_cents": 100}},
		{"GET", "/categories/cat_missing/products", nil},
		{"GET", "/customers/cus_missing", nil},
		{"GET", "/customers/cus_missing/summary", nil},
		{"DELETE", "/customers/cus_ada/addresses/adr_grace_home", nil},
		{"GET", "/carts/cus_missing", nil},
		{"GET", "/payments/pay_missing", nil},
		{"GET", "/shipments/shp_missing", nil},
		{"POST", "/shipments/shp_missing/deliver", nil},
		{"GET", "/no/such/route", nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			s.do(t, tt.method, tt.path, tt.body, http.StatusNotFound, nil)
		})
	}
}

func TestBadRequest(t *testing.T) {
	s := newShop(t)
	tests := []struct {
		name, method, path string
		body               any
	}{
		{"malformed JSON", "POST", "/customers", `{"email": `},
		{"missing email", "POST", "/customers", map[string]string{"name": "No Mail"}},
		{"bad email", "POST", "/customers", map[string]string{"email": "nope", "name": "N"}},
		{"unknown field", "POST", "/orders", map[string]any{"customer_id": "cus_ada", "coupon": "FREE"}},
		{"no items", "POST", "/orders", map[string]any{"customer_id": "cus_ada", "address_id": "adr_ada_home"}},
		{"foreign address", "POST", "/orders", map[string]any{
			"customer_id": "cus_ada", "address_id": "adr_grace_home",
			"items": []map[string]any{{"product_id": "prd_filter", "quantity": 1}},
		}},
		{"unknown product", "POST", "/orders", map[string]any{
			"customer_id": "cus_ada", "address_id": "adr_ada_home",
			"items": []map[string]any{{"product_id": "prd_missing", "quantity": 1}},
		}},
		{"negative price", "POST", "/products", map[string]any{"sku": "X", "name": "X", "category_id": "cat_coffee", "price_cents": -1}},
		{"missing stock", "PUT", "/products/prd_kettle/stock", map[string]any{}},
		{"bad limit", "GET", "/products?limit=many", nil},
		{"empty search", "GET", "/products/search", nil},
		{"no order id", "GET", "/shipments", nil},
		{"missing token", "POST", "/orders/ord_x/pay", map[string]string{}},
		{"unknown carrier", "POST", "/shipments/shp_x/dispatch", map[string]string{"carrier": "pigeon"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.do(t, tt.method, tt.path, tt.body, http.StatusBadRequest, nil)
		})
	}
}

func TestPlatformRoutes(t *testing.T) {
	s := newShop(t)
	var health map[string]string
	s.do(t, "HEAD", "/healthz", nil, http.StatusOK, nil)
	s.do(t, "GET", "/healthz", nil, http.StatusOK, &health)
	if health["status"] != "ok" {
		t.Errorf("healthz = %v", health)
	}
	var jobs []platform.JobStatus
	s.do(t, "GET", "/debug/jobs", nil, http.StatusOK, &jobs)
	if len(jobs) != 4 {
		t.Errorf("jobs = %d, want 4", len(jobs))
	}
	resp, err := http.Get(s.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `shop_http_requests_total{method="GET",status="200"}`) {
		t.Errorf("metrics lack the GET counter:\n%s", body)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("response has no X-Request-Id")
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	a, err := app.New(context.Background(), app.Options{
		Config: platform.Config{Addr: "127.0.0.1:0", Jobs: true, ShutdownTimeout: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}
