module example.com/depbroken

go 1.22

require example.com/broken v0.0.0

replace example.com/broken => ./broken
