package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real deepstream cluster for a test class: a real Redis ({@code redis-server} 6.2 from the embedded-redis jar) on
 * a free loopback port, and N deepstream nodes on their own free ports, joined by the
 * {@code @deepstream/clusternode-redis} message bus and sharing records through {@code @deepstream/cache-redis}
 * (pinned in a test-only npm project with its own lockfile, installed by the build). Register it as a static field
 * with {@code @RegisterExtension}. Any node a test killed is started again, on the same port, before the next test;
 * everything is stopped after the class.
 */
public final class DeepstreamClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final NpmInstallation PLUGINS = new NpmInstallation("cluster-plugins",
            "/io/github/deepstreamspringboot/devserver/cluster-plugins/",
            List.of("package.json", "package-lock.json", ".npmrc"));

    private final int size;

    private final List<LocalDeepstreamServer> nodes = new ArrayList<>();

    private RedisServer redis;

    /**
     * @param size the number of deepstream nodes
     */
    public DeepstreamClusterExtension(int size) {
        this.size = size;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        int redisPort = freePort();
        this.redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        this.redis.start();
        Path plugins = PLUGINS.ensureInstalled(LocalDeepstreamServer.builder().cacheRoot(), NodeRuntime.locate())
            .resolve("node_modules/@deepstream");
        Map<String, Object> redisOptions = Map.of("host", "127.0.0.1", "port", redisPort);
        for (int i = 0; i < this.size; i++) {
            LocalDeepstreamServer node = LocalDeepstreamServer.builder()
                .config("cache", Map.of("path", plugins.resolve("cache-redis").toString(), "options", redisOptions))
                .config("clusterNode", Map.of("path", plugins.resolve("clusternode-redis").toString(), "options",
                        redisOptions))
                .build();
            this.nodes.add(node);
            node.start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        for (LocalDeepstreamServer node : this.nodes) {
            if (!node.isRunning()) {
                node.start();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        for (LocalDeepstreamServer node : this.nodes) {
            node.close();
        }
        if (this.redis != null) {
            this.redis.stop();
        }
    }

    /**
     * @param index the node's index, from 0
     * @return the node
     */
    public LocalDeepstreamServer node(int index) {
        return this.nodes.get(index);
    }

    /** @return the binary endpoint URLs of all nodes, in order */
    public List<String> urls() {
        return this.nodes.stream().map(LocalDeepstreamServer::binaryUrl).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
