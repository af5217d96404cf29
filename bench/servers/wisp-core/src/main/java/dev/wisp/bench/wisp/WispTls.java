package dev.wisp.bench.wisp;

import dev.wisp.bench.common.Bench;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Tls;
import java.nio.file.Path;

/**
 * The HTTPS listener of the bare core server: the same configuration and handler as the plain
 * one, on {@code --tls-port} with the PEM certificate chain {@code --cert} and key {@code --key}
 * (run.sh generates both with openssl at run time). Its own class so that {@link WispCoreServer}
 * loads no TLS API unless asked.
 */
final class WispTls {
    private WispTls() {}

    static Server start(ServerConfig plain, String[] args) {
        String cert = Bench.option(args, "--cert");
        String key = Bench.option(args, "--key");
        if (cert == null || key == null) {
            throw new IllegalArgumentException("--tls-port needs --cert FILE and --key FILE (PEM)");
        }
        ServerConfig config = plain.withPort(Bench.portOption(args, "--tls-port"))
                .withTls(Tls.pem(Path.of(cert), Path.of(key)));
        return Server.start(config, WispCoreServer.HANDLER);
    }
}
