//go:build unix

package server

import (
	"net"
	"syscall"
)

// peerClosed reports whether the client closed its side of c: a peek at
// the socket finds its end, without waiting and without consuming any
// byte the client sent.
func peerClosed(c *net.TCPConn) bool {
	raw, err := c.SyscallConn()
	if err != nil {
		return false
	}
	closed := false
	raw.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		closed = n == 0 && err == nil
		return true
	})
	return closed
}
