# Run by h2-idle-memory.sh: N h2c clients that each make one request and then stay open, idle.
import socket, sys, struct, time
port, n = int(sys.argv[1]), int(sys.argv[2])
pre = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
def frame(t, f, s, p): return struct.pack(">I", len(p))[1:] + bytes([t, f]) + struct.pack(">I", s) + p
block = bytes([0x82, 0x86, 0x84, 0x41, 1]) + b"a"
socks = []
for i in range(n):
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(pre + frame(4, 0, 0, b"") + frame(4, 1, 0, b"") + frame(1, 5, 1, block))
    got = b""
    while b"hello" not in got:
        got += c.recv(4096)
    socks.append(c)
print("opened", len(socks)); sys.stdout.flush()
time.sleep(6)
