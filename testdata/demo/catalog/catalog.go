package main

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// category and product have the monolith's JSON shapes.
type category struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	CreatedAt time.Time `json:"created_at"`
}

type product struct {
	ID          string    `json:"id"`
	SKU         string    `json:"sku"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CategoryID  string    `json:"category_id"`
	PriceCents  any       `json:"price_cents"` // int64, or float64 euros with the bug
	Currency    string    `json:"currency"`
	Stock       int       `json:"stock"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// catalog holds the monolith's sample categories and products.
type catalog struct {
	categories []category
	products   []product // by name
	fixed      bool
}

func newCatalog(now time.Time, fixed bool) *catalog {
	c := &catalog{fixed: fixed}
	for _, x := range []category{
		{ID: "cat_coffee", Name: "Coffee", Slug: "coffee"},
		{ID: "cat_brewing", Name: "Brewing gear", Slug: "brewing-gear"},
		{ID: "cat_accessories", Name: "Accessories", Slug: "accessories"},
	} {
		x.CreatedAt = now
		c.categories = append(c.categories, x)
	}
	sort.Slice(c.categories, func(i, j int) bool { return c.categories[i].Name < c.categories[j].Name })
	for _, p := range []product{
		{ID: "prd_espresso", SKU: "COF-ESP-1KG", Name: "Espresso beans 1 kg", Description: "Dark roast, chocolate and hazelnut", CategoryID: "cat_coffee", PriceCents: int64(2490), Stock: 120},
		{ID: "prd_filter", SKU: "COF-FIL-500", Name: "Filter roast 500 g", Description: "Light roast, berries and citrus", CategoryID: "cat_coffee", PriceCents: int64(1290), Stock: 80},
		{ID: "prd_kettle", SKU: "BRW-KTL-GN", Name: "Gooseneck kettle", Description: "Stainless steel pour-over kettle, 1 litre", CategoryID: "cat_brewing", PriceCents: int64(5900), Stock: 15},
		{ID: "prd_grinder", SKU: "BRW-GRD-BURR", Name: "Burr grinder", Description: "Conical burr grinder with 40 settings", CategoryID: "cat_brewing", PriceCents: int64(14900), Stock: 4},
		{ID: "prd_dripper", SKU: "BRW-DRP-CER", Name: "Ceramic dripper", Description: "Pour-over dripper for paper filters", CategoryID: "cat_brewing", PriceCents: int64(2400), Stock: 40},
		{ID: "prd_filters", SKU: "ACC-FLT-100", Name: "Paper filters (100)", Description: "Unbleached paper filters for the ceramic dripper", CategoryID: "cat_accessories", PriceCents: int64(650), Stock: 300},
	} {
		p.Currency, p.Active, p.CreatedAt, p.UpdatedAt = "EUR", true, now, now
		c.products = append(c.products, p)
	}
	sort.Slice(c.products, func(i, j int) bool { return c.products[i].Name < c.products[j].Name })
	return c
}

func (c *catalog) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /products", c.list)
	mux.HandleFunc("GET /products/search", c.search)
	mux.HandleFunc("GET /products/{id}", c.get)
	mux.HandleFunc("GET /categories", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, c.categories) })
	mux.HandleFunc("GET /categories/{id}/products", c.list)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	return mux
}

// price is where the deliberate bug lives.
func (c *catalog) price(p product) product {
	if !c.fixed {
		p.PriceCents = float64(p.PriceCents.(int64)) / 100 // BUG: euros, not cents
	}
	return p
}

func (c *catalog) get(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	for _, p := range c.products {
		if p.ID == id {
			writeJSON(w, http.StatusOK, c.price(p))
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]string{"error": "product " + id + ": not found"})
}

// list serves GET /products?limit=N&offset=M and GET /categories/{id}/products.
func (c *catalog) list(w http.ResponseWriter, r *http.Request) {
	limit, err1 := queryInt(r, "limit")
	offset, err2 := queryInt(r, "offset")
	if err1 != nil || err2 != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid input: limit and offset must be whole numbers"})
		return
	}
	if limit == 0 || limit > 100 {
		limit = 20
	}
	cat := r.PathValue("id")
	if cat != "" && !c.hasCategory(cat) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "category " + cat + ": not found"})
		return
	}
	out := []product{}
	for _, p := range c.products {
		if cat == "" || p.CategoryID == cat {
			out = append(out, c.price(p))
		}
	}
	if offset >= len(out) {
		out = []product{}
	} else {
		out = out[offset:]
	}
	if len(out) > limit {
		out = out[:limit]
	}
	writeJSON(w, http.StatusOK, out)
}

// search serves GET /products/search?q=words: products whose name and
// description hold every word, by id.
func (c *catalog) search(w http.ResponseWriter, r *http.Request) {
	words := tokenize(r.URL.Query().Get("q"))
	if len(words) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid input: query parameter q is required"})
		return
	}
	out := []product{}
	for _, p := range c.products {
		have := map[string]bool{}
		for _, t := range tokenize(p.Name + " " + p.Description) {
			have[t] = true
		}
		match := true
		for _, wd := range words {
			match = match && have[wd]
		}
		if match {
			out = append(out, c.price(p))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	writeJSON(w, http.StatusOK, out)
}

func (c *catalog) hasCategory(id string) bool {
	for _, x := range c.categories {
		if x.ID == id {
			return true
		}
	}
	return false
}

func tokenize(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func queryInt(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	return strconv.Atoi(v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
