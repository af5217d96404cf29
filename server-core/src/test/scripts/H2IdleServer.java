// Run by h2-idle-memory.sh: a server with the defaults that prints the heap in use (after full GCs) before and with N idle connections.
import dev.wisp.server.*;
import java.lang.management.*;
public class H2IdleServer { public static void main(String[] a) throws Exception {
  int n = Integer.parseInt(a[0]);
  var s = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), r -> Response.text("hello"));
  System.out.println("PORT " + s.port()); System.out.flush();
  long before = used();
  System.out.println("BEFORE " + before); System.out.flush();
  while (s.openConnections() < n) Thread.sleep(50);
  Thread.sleep(1000);
  long after = used();
  System.out.println("AFTER " + after + " conns=" + s.openConnections() + " per_conn_bytes=" + (after - before) / n);
  System.out.flush();
  Thread.sleep(2000);
  System.exit(0);
}
static long used() throws Exception { for (int i = 0; i < 3; i++) { System.gc(); Thread.sleep(200);} return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(); }
}
