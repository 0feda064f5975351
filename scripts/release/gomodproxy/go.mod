module pulumi-turso-group/scripts/release/gomodproxy

go 1.24

require golang.org/x/mod v0.25.0
