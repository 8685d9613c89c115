package analyzer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseSQLTables(t *testing.T) {
	tests := []struct {
		name       string
		sql        string
		wantReads  []string
		wantWrites []string
	}{
		{"select", "SELECT id FROM orders WHERE id = $1", []string{"orders"}, nil},
		{"lower case", "select * from Customers c where c.id = ?", []string{"customers"}, nil},
		{"join", "SELECT o.id FROM orders o JOIN order_items i ON i.order_id = o.id LEFT OUTER JOIN products AS p ON p.id = i.product_id", []string{"order_items", "orders", "products"}, nil},
		{"comma list", "SELECT * FROM a, b AS bb, c WHERE a.x = b.x", []string{"a", "b", "c"}, nil},
		{"insert", "INSERT INTO orders (id, total) VALUES ($1, $2)", nil, []string{"orders"}},
		{"insert select", "INSERT INTO archive SELECT * FROM orders WHERE done", []string{"orders"}, []string{"archive"}},
		{"update", "UPDATE inventory SET qty = qty - 1 WHERE sku = $1", nil, []string{"inventory"}},
		{"update from", "UPDATE orders o SET status = s.status FROM shipments s WHERE s.order_id = o.id", []string{"shipments"}, []string{"orders"}},
		{"delete", "DELETE FROM carts WHERE expires_at < now()", nil, []string{"carts"}},
		{"delete using", "DELETE FROM cart_items USING carts WHERE carts.id = cart_items.cart_id", []string{"carts"}, []string{"cart_items"}},
		{"upsert", "INSERT INTO prices (sku, amount) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET amount = EXCLUDED.amount", nil, []string{"prices"}},
		{"mysql upsert", "INSERT INTO prices (sku) VALUES (?) ON DUPLICATE KEY UPDATE sku = VALUES(sku)", nil, []string{"prices"}},
		{"cte", "WITH recent AS (SELECT id FROM orders WHERE created > $1) UPDATE customers SET active = true WHERE id IN (SELECT customer_id FROM recent)", []string{"orders"}, []string{"customers"}},
		{"cte with columns", "WITH uc (campaign_id, sent_count) AS (SELECT * FROM unnest($1::INT[], $2::INT[])) UPDATE campaigns SET sent = sent + uc.sent_count FROM uc WHERE campaigns.id = uc.campaign_id", nil, []string{"campaigns"}},
		{"recursive cte", "WITH RECURSIVE tree AS (SELECT id FROM categories UNION ALL SELECT c.id FROM categories c JOIN tree t ON c.parent = t.id) SELECT * FROM tree", []string{"categories"}, nil},
		{"subquery", "SELECT * FROM (SELECT id FROM payments) AS p WHERE EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = p.id)", []string{"payments", "refunds"}, nil},
		{"quoted", `SELECT * FROM "Order Items" JOIN ` + "`users`" + ` ON 1=1`, []string{"order items", "users"}, nil},
		{"schema", "SELECT * FROM billing.invoices JOIN public.\"Customers\" ON true", []string{"billing.invoices", "public.customers"}, nil},
		{"unknown schema", "INSERT INTO \"" + sqlPlaceholder + "\".schema_migrations(version) VALUES($1)", nil, []string{"schema_migrations"}},
		{"unknown table", "SELECT * FROM " + sqlPlaceholder + " JOIN users ON true", []string{"users"}, nil},
		{"unknown quoted table", "SELECT * FROM app.\"" + sqlPlaceholder + "\"", nil, nil},
		{"extract is no table", "SELECT EXTRACT(YEAR FROM created_at) FROM orders", []string{"orders"}, nil},
		{"trim is no table", "SELECT TRIM(BOTH ' ' FROM name) FROM customers", []string{"customers"}, nil},
		{"string literal", "SELECT * FROM logs WHERE msg = 'DELETE FROM users'", []string{"logs"}, nil},
		{"comments", "-- FROM ghosts\nSELECT /* JOIN spirits */ * FROM real_table", []string{"real_table"}, nil},
		{"for update", "SELECT * FROM accounts WHERE id = $1 FOR UPDATE", []string{"accounts"}, nil},
		{"table function", "SELECT * FROM generate_series(1, 10)", nil, nil},
		{"truncate", "TRUNCATE TABLE sessions", nil, []string{"sessions"}},
		{"merge", "MERGE INTO stock t USING deliveries d ON t.sku = d.sku WHEN MATCHED THEN UPDATE SET qty = t.qty + d.qty", []string{"deliveries"}, []string{"stock"}},
		{"is distinct from", "SELECT * FROM a WHERE x IS DISTINCT FROM y", []string{"a"}, nil},
		{"join using cols", "SELECT * FROM a JOIN b USING (id)", []string{"a", "b"}, nil},
		{"mysql insert set", "INSERT  article SET title=? , content=?", nil, []string{"article"}},
		{"insert ignore", "INSERT IGNORE INTO tags (name) VALUES (?)", nil, []string{"tags"}},
		{"sqlite or replace", "INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)", nil, []string{"kv"}},
		{"replace function", "SELECT REPLACE(name, 'a', 'b') FROM users", []string{"users"}, nil},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseSQLTables(tt.sql)
			if diff := cmp.Diff(tt.wantReads, got.Reads, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("reads (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWrites, got.Writes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("writes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLooksLikeSQL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"SELECT 1", true},
		{"  select * from x", true},
		{"WITH a AS (SELECT 1) SELECT * FROM a", true},
		{"name = ?", false},
		{"order.placed", false},
		{"SELECT", false},
		{"/orders/{id}", false},
		{"update", false},
	}
	for _, tt := range tests {
		if got := LooksLikeSQL(tt.in); got != tt.want {
			t.Errorf("LooksLikeSQL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzParseSQLTables checks that any input parses without panicking and
// yields clean, sorted, unique names.
func FuzzParseSQLTables(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM a JOIN b ON a.id=b.id",
		"INSERT INTO t (a) VALUES ('x''y')",
		"WITH x AS (SELECT 1) DELETE FROM y USING x",
		`UPDATE "q"."t" SET a=1 FROM [u] WHERE (((`,
		"SELECT EXTRACT(DAY FROM ts) FROM z /* unterminated",
		"FROM", "INSERT INTO", "'", "\"", "`", "[",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		acc := ParseSQLTables(s)
		for _, list := range [][]string{acc.Reads, acc.Writes} {
			for i, name := range list {
				if name == "" {
					t.Fatalf("empty table name from %q", s)
				}
				if name != strings.ToLower(name) {
					t.Fatalf("table %q not lower-cased", name)
				}
				if i > 0 && list[i-1] >= name {
					t.Fatalf("tables not sorted and unique: %q", list)
				}
			}
		}
		_ = LooksLikeSQL(s)
	})
}
