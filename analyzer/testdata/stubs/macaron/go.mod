module gopkg.in/macaron.v1

go 1.22
