module example.com/missingdep

go 1.22

require github.com/not-there/nowhere v1.2.3
