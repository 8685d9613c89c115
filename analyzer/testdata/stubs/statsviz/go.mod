module github.com/arl/statsviz

go 1.22
