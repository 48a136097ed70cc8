package io.github.deepstreamspringboot.devserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer.Endpoint;

/**
 * The config a {@link LocalDeepstreamServer} starts the real server with: loopback only, the chosen endpoints and
 * timings, file auth with hashed passwords (or open auth), and permissions that allow everything unless given.
 *
 * @param port the port
 * @param healthPath the HTTP health-check path
 * @param endpoints the WebSocket endpoints to serve
 * @param heartbeatInterval the server's heartbeat interval
 * @param maxAuthAttempts refused logins before the server closes a connection
 * @param unauthenticatedClientTimeout how long a connection may stay without a login
 * @param users file-auth users by name; empty for open auth
 * @param permissions the permission config, or {@code null} to allow everything
 * @param tls PEM key, certificate and CA for serving TLS, or {@code null} for plain ws
 * @param extra top-level config sections set as they are (for example {@code cache} and {@code clusterNode} plugins)
 */
record ServerConfiguration(int port, String healthPath, Set<Endpoint> endpoints, Duration heartbeatInterval,
        int maxAuthAttempts, Duration unauthenticatedClientTimeout, Map<String, Object> users,
        Map<String, Object> permissions, ServerTls tls, Map<String, Object> extra) {

    Map<String, Object> toMap() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("serverName", "local-" + this.port);
        config.put("showLogo", false);
        config.put("logLevel", "INFO");
        config.put("telemetry", Map.of("type", "deepstreamIO", "options", Map.of("enabled", false)));
        Map<String, Object> http = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", this.port,
                "healthCheckPath", this.healthPath, "maxMessageSize", 1024 * 1024));
        if (this.tls != null) {
            // node's https.Server takes the PEM text itself
            http.put("ssl", Map.of("key", this.tls.keyPem(), "cert", this.tls.certificatePem(), "ca",
                    this.tls.caPem()));
        }
        config.put("httpServer", Map.of("type", "default", "options", http));
        List<Object> endpoints = new ArrayList<>();
        for (Endpoint endpoint : this.endpoints) {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("urlPath", endpoint.path());
            options.put("heartbeatInterval", this.heartbeatInterval.toMillis());
            options.put("maxAuthAttempts", this.maxAuthAttempts);
            options.put("unauthenticatedClientTimeout", this.unauthenticatedClientTimeout.toMillis());
            options.put("maxMessageSize", 1024 * 1024);
            endpoints.add(Map.of("type", endpoint.type(), "options", options));
        }
        config.put("connectionEndpoints", endpoints);
        config.put("logger", Map.of("type", "default", "options", Map.of("colors", false)));
        if (this.users.isEmpty()) {
            config.put("auth", List.of(Map.of("type", "none")));
        }
        else {
            // the passwords are PBKDF2 hashes (PasswordHash): nothing in clear text on disk
            Map<String, Object> options = new LinkedHashMap<>(PasswordHash.settings());
            options.put("users", this.users);
            config.put("auth", List.of(Map.of("type", "file", "options", options)));
        }
        Map<String, Object> permissions = (this.permissions != null) ? this.permissions
                : allowEverything();
        config.put("permission", Map.of("type", "config", "options", Map.of("permissions", permissions)));
        config.put("monitoring", Map.of("type", "none"));
        config.putAll(this.extra);
        return config;
    }

    private static Map<String, Object> allowEverything() {
        return Map.of("presence", Map.of("*", Map.of("allow", true)),
                "record", Map.of("*", Map.of("create", true, "write", true, "read", true, "delete", true, "listen",
                        true, "notify", true)),
                "event", Map.of("*", Map.of("publish", true, "subscribe", true, "listen", true)),
                "rpc", Map.of("*", Map.of("provide", true, "request", true)));
    }

}
