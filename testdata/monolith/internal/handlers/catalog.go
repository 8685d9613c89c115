package handlers

import (
	"log/slog"
	"net/http"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// CatalogHandler serves products and categories.
type CatalogHandler struct {
	catalog services.CatalogService
	log     *slog.Logger
}

// NewCatalog returns a CatalogHandler backed by catalog.
func NewCatalog(catalog services.CatalogService, log *slog.Logger) *CatalogHandler {
	return &CatalogHandler{catalog: catalog, log: log}
}

// Routes registers the catalog routes on mux.
func (h *CatalogHandler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /products", h.List)
	mux.HandleFunc("POST /products", h.Create)
	mux.HandleFunc("GET /products/search", h.Search)
	mux.HandleFunc("GET /products/{id}", h.Get)
	mux.HandleFunc("PUT /products/{id}/price", h.SetPrice)
	mux.HandleFunc("PUT /products/{id}/stock", h.SetStock)
	mux.HandleFunc("GET /categories", h.Categories)
	mux.HandleFunc("POST /categories", h.CreateCategory)
	mux.HandleFunc("GET /categories/{id}/products", h.CategoryProducts)
}

// priceUpdate is the body of PUT /products/{id}/price.
type priceUpdate struct {
	PriceCents int64 `json:"price_cents"`
}

// stockUpdate is the body of PUT /products/{id}/stock.
type stockUpdate struct {
	Stock *int `json:"stock"`
}

// List serves GET /products?limit=N&offset=M.
func (h *CatalogHandler) List(w http.ResponseWriter, r *http.Request) {
	h.listProducts(w, r, "")
}

// CategoryProducts serves GET /categories/{id}/products.
func (h *CatalogHandler) CategoryProducts(w http.ResponseWriter, r *http.Request) {
	h.listProducts(w, r, r.PathValue("id"))
}

// Create serves POST /products.
func (h *CatalogHandler) Create(w http.ResponseWriter, r *http.Request) {
	var in services.NewProduct
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	p, err := h.catalog.CreateProduct(r.Context(), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	w.Header().Set("Location", "/products/"+p.ID)
	platform.WriteJSON(w, http.StatusCreated, p)
}

// Search serves GET /products/search?q=words.
func (h *CatalogHandler) Search(w http.ResponseWriter, r *http.Request) {
	ps, err := h.catalog.Search(r.Context(), r.URL.Query().Get("q"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ps)
}

// Get serves GET /products/{id}.
func (h *CatalogHandler) Get(w http.ResponseWriter, r *http.Request) {
	p, err := h.catalog.Product(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, p)
}

// SetPrice serves PUT /products/{id}/price.
func (h *CatalogHandler) SetPrice(w http.ResponseWriter, r *http.Request) {
	var in priceUpdate
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	p, err := h.catalog.SetPrice(r.Context(), r.PathValue("id"), in.PriceCents)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, p)
}

// SetStock serves PUT /products/{id}/stock.
func (h *CatalogHandler) SetStock(w http.ResponseWriter, r *http.Request) {
	var in stockUpdate
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	if in.Stock == nil {
		platform.WriteStatusError(w, http.StatusBadRequest, "stock is required")
		return
	}
	p, err := h.catalog.SetStock(r.Context(), r.PathValue("id"), *in.Stock)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, p)
}

// Categories serves GET /categories.
func (h *CatalogHandler) Categories(w http.ResponseWriter, r *http.Request) {
	cs, err := h.catalog.Categories(r.Context())
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, cs)
}

// CreateCategory serves POST /categories.
func (h *CatalogHandler) CreateCategory(w http.ResponseWriter, r *http.Request) {
	var in services.NewCategory
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	c, err := h.catalog.CreateCategory(r.Context(), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, c)
}

// listProducts writes a page of products, optionally of one category.
func (h *CatalogHandler) listProducts(w http.ResponseWriter, r *http.Request, categoryID string) {
	limit, err := platform.QueryInt(r, "limit", 0)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	offset, err := platform.QueryInt(r, "offset", 0)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	ps, err := h.catalog.Products(r.Context(), categoryID, limit, offset)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ps)
}
