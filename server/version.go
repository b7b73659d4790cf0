package server

// serverVersion is the MySQL version oktasql reports, the same in the
// handshake, VERSION() and @@version: drivers pick their dialect from the
// handshake and tools show the others, so they must agree.
const serverVersion = "8.0.31-oktasql"
