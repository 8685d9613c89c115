package services

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/repository"
)

// lowStockThreshold is the stock level at or below which the catalog
// publishes models.TopicInventoryLow.
const lowStockThreshold = 5

// defaultCurrency is the only currency the shop sells in.
const defaultCurrency = "EUR"

// CatalogService manages categories, products, prices and stock, and
// answers product searches.
type CatalogService interface {
	CreateCategory(ctx context.Context, in NewCategory) (models.Category, error)
	Categories(ctx context.Context) ([]models.Category, error)
	CreateProduct(ctx context.Context, in NewProduct) (models.Product, error)
	Product(ctx context.Context, id string) (models.Product, error)
	Products(ctx context.Context, categoryID string, limit, offset int) ([]models.Product, error)
	Search(ctx context.Context, query string) ([]models.Product, error)
	SetPrice(ctx context.Context, id string, cents int64) (models.Product, error)
	SetStock(ctx context.Context, id string, quantity int) (models.Product, error)
	// Reindex rebuilds the search index and reports how many products it
	// holds.
	Reindex(ctx context.Context) (int, error)
}

// NewCategory is the input of CatalogService.CreateCategory.
type NewCategory struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// NewProduct is the input of CatalogService.CreateProduct.
type NewProduct struct {
	SKU         string `json:"sku"`
	Name        string `json:"name"`
	Description string `json:"description"`
	CategoryID  string `json:"category_id"`
	PriceCents  int64  `json:"price_cents"`
	Stock       int    `json:"stock"`
}

var _ CatalogService = (*CatalogServiceImpl)(nil)

// CatalogServiceImpl implements CatalogService with an in-process search
// index over product names and descriptions.
type CatalogServiceImpl struct {
	k    platform.Kernel
	repo repository.CatalogRepository

	mu    sync.RWMutex
	index map[string]map[string]bool // token -> product ids
}

// NewCatalogService returns a CatalogService storing products in repo. Its
// search index is empty until Reindex runs.
func NewCatalogService(k platform.Kernel, repo repository.CatalogRepository) *CatalogServiceImpl {
	return &CatalogServiceImpl{k: k, repo: repo, index: make(map[string]map[string]bool)}
}

// SubscribeEvents registers the catalog's event handlers on bus.
func (s *CatalogServiceImpl) SubscribeEvents(bus *platform.Bus) {
	bus.Subscribe(models.TopicOrderPlaced, s.onOrderPlaced)
}

// CreateCategory creates a category with a unique slug.
func (s *CatalogServiceImpl) CreateCategory(ctx context.Context, in NewCategory) (models.Category, error) {
	if err := required("name", in.Name); err != nil {
		return models.Category{}, err
	}
	if in.Slug == "" {
		in.Slug = strings.ToLower(strings.Join(strings.Fields(in.Name), "-"))
	}
	c := models.Category{ID: s.k.IDs.NewID("cat"), Name: in.Name, Slug: in.Slug, CreatedAt: s.k.Clock.Now()}
	if err := s.repo.CreateCategory(ctx, c); err != nil {
		return models.Category{}, fmt.Errorf("create category: %w", err)
	}
	return c, nil
}

// Categories returns every category.
func (s *CatalogServiceImpl) Categories(ctx context.Context) ([]models.Category, error) {
	return s.repo.Categories(ctx)
}

// CreateProduct adds a product to the catalog and the search index.
func (s *CatalogServiceImpl) CreateProduct(ctx context.Context, in NewProduct) (models.Product, error) {
	if err := required("sku", in.SKU, "name", in.Name, "category_id", in.CategoryID); err != nil {
		return models.Product{}, err
	}
	if in.PriceCents <= 0 || in.Stock < 0 {
		return models.Product{}, fmt.Errorf("%w: price_cents must be positive and stock not negative", platform.ErrInvalid)
	}
	if err := s.categoryExists(ctx, in.CategoryID); errors.Is(err, platform.ErrNotFound) {
		return models.Product{}, fmt.Errorf("%w: category_id %s does not exist", platform.ErrInvalid, in.CategoryID)
	} else if err != nil {
		return models.Product{}, err
	}
	now := s.k.Clock.Now()
	p := models.Product{
		ID: s.k.IDs.NewID("prd"), SKU: in.SKU, Name: in.Name, Description: in.Description, CategoryID: in.CategoryID,
		PriceCents: in.PriceCents, Currency: defaultCurrency, Stock: in.Stock, Active: true, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.repo.CreateProduct(ctx, p); err != nil {
		return models.Product{}, fmt.Errorf("create product: %w", err)
	}
	s.mu.Lock()
	s.indexProduct(p)
	s.mu.Unlock()
	return p, nil
}

// Product returns one product with its current price and stock.
func (s *CatalogServiceImpl) Product(ctx context.Context, id string) (models.Product, error) {
	return s.repo.Product(ctx, id)
}

// Products returns a page of products; limit 0 means 20.
func (s *CatalogServiceImpl) Products(ctx context.Context, categoryID string, limit, offset int) ([]models.Product, error) {
	if limit == 0 || limit > 100 {
		limit = 20
	}
	if categoryID != "" {
		if err := s.categoryExists(ctx, categoryID); err != nil {
			return nil, err
		}
	}
	out, err := s.repo.Products(ctx, repository.ProductFilter{CategoryID: categoryID, Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []models.Product{}
	}
	return out, nil
}

// Search returns the products whose name or description contains every
// word of query.
func (s *CatalogServiceImpl) Search(ctx context.Context, query string) ([]models.Product, error) {
	words := tokenize(query)
	if len(words) == 0 {
		return nil, fmt.Errorf("%w: query parameter q is required", platform.ErrInvalid)
	}
	s.mu.RLock()
	var ids []string
	for id := range s.index[words[0]] {
		match := true
		for _, w := range words[1:] {
			match = match && s.index[w][id]
		}
		if match {
			ids = append(ids, id)
		}
	}
	s.mu.RUnlock()
	sort.Strings(ids)
	out := []models.Product{}
	for _, id := range ids {
		p, err := s.repo.Product(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// SetPrice changes a product's price.
func (s *CatalogServiceImpl) SetPrice(ctx context.Context, id string, cents int64) (models.Product, error) {
	if cents <= 0 {
		return models.Product{}, fmt.Errorf("%w: price_cents must be positive", platform.ErrInvalid)
	}
	if err := s.repo.SetPrice(ctx, id, cents, s.k.Clock.Now()); err != nil {
		return models.Product{}, fmt.Errorf("set price of %s: %w", id, err)
	}
	return s.repo.Product(ctx, id)
}

// SetStock records a stock count for a product.
func (s *CatalogServiceImpl) SetStock(ctx context.Context, id string, quantity int) (models.Product, error) {
	if quantity < 0 {
		return models.Product{}, fmt.Errorf("%w: stock must not be negative", platform.ErrInvalid)
	}
	if err := s.repo.SetStock(ctx, id, quantity, s.k.Clock.Now()); err != nil {
		return models.Product{}, fmt.Errorf("set stock of %s: %w", id, err)
	}
	p, err := s.repo.Product(ctx, id)
	if err != nil {
		return models.Product{}, err
	}
	s.warnIfLow(ctx, p)
	return p, nil
}

// Reindex rebuilds the search index from the repository and re-announces
// products that are low on stock.
func (s *CatalogServiceImpl) Reindex(ctx context.Context) (int, error) {
	const page = 100
	var all []models.Product
	for offset := 0; ; offset += page {
		batch, err := s.repo.Products(ctx, repository.ProductFilter{Limit: page, Offset: offset})
		if err != nil {
			return 0, fmt.Errorf("reindex: %w", err)
		}
		all = append(all, batch...)
		if len(batch) < page {
			break
		}
	}
	s.mu.Lock()
	s.index = make(map[string]map[string]bool)
	for _, p := range all {
		s.indexProduct(p)
	}
	s.mu.Unlock()
	for _, p := range all {
		s.warnIfLow(ctx, p)
	}
	return len(all), nil
}

// onOrderPlaced checks the stock of the products an order just reserved.
func (s *CatalogServiceImpl) onOrderPlaced(ctx context.Context, payload any) {
	evt, ok := payload.(models.OrderPlacedEvent)
	if !ok {
		return
	}
	for _, it := range evt.Items {
		p, err := s.repo.Product(ctx, it.ProductID)
		if err != nil {
			s.k.Log.Warn("check stock after order", "order", evt.OrderID, "product", it.ProductID, "err", err)
			continue
		}
		s.warnIfLow(ctx, p)
	}
}

// warnIfLow publishes models.TopicInventoryLow for a product low on stock.
func (s *CatalogServiceImpl) warnIfLow(ctx context.Context, p models.Product) {
	if p.Active && p.Stock <= lowStockThreshold {
		s.k.Bus.Publish(ctx, models.TopicInventoryLow, models.InventoryLowEvent{ProductID: p.ID, SKU: p.SKU, Stock: p.Stock})
	}
}

// categoryExists reports platform.ErrNotFound for an unknown category.
func (s *CatalogServiceImpl) categoryExists(ctx context.Context, id string) error {
	cats, err := s.repo.Categories(ctx)
	if err != nil {
		return fmt.Errorf("read categories: %w", err)
	}
	for _, c := range cats {
		if c.ID == id {
			return nil
		}
	}
	return fmt.Errorf("category %s: %w", id, platform.ErrNotFound)
}

// indexProduct adds p to the index; the caller holds s.mu.
func (s *CatalogServiceImpl) indexProduct(p models.Product) {
	for _, w := range tokenize(p.Name + " " + p.Description + " " + p.SKU) {
		if s.index[w] == nil {
			s.index[w] = make(map[string]bool)
		}
		s.index[w][p.ID] = true
	}
}

// tokenize splits text into lower-case words.
func tokenize(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
