package books

// Title is a book in the catalogue.
type Title struct {
	ID     string `json:"id"`
	ISBN   string `json:"isbn"`
	Name   string `json:"name"`
	Author string `json:"author"`
}

// CopyStatus is where a copy is.
type CopyStatus string

// Copy statuses.
const (
	OnShelf   CopyStatus = "on_shelf"
	OnLoan    CopyStatus = "on_loan"
	OnHold    CopyStatus = "on_hold"
	Withdrawn CopyStatus = "withdrawn"
)

// Lendable reports whether a copy with this status can be lent.
func (s CopyStatus) Lendable() bool { return s == OnShelf }

// Copy is one physical copy of a title.
type Copy struct {
	ID      string     `json:"id"`
	TitleID string     `json:"title_id"`
	Status  CopyStatus `json:"status"`
}

// Availability counts a title's copies by status.
type Availability struct {
	TitleID string `json:"title_id"`
	Total   int    `json:"total"`
	OnShelf int    `json:"on_shelf"`
}

// newTitle is the body of POST /titles.
type newTitle struct {
	ISBN   string `json:"isbn"`
	Name   string `json:"name"`
	Author string `json:"author"`
	Copies int    `json:"copies"`
}
