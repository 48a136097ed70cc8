package io.github.deepstreamspringboot.client;

/**
 * Which WebSocket implementation carries the client's connection. Both speak the same protocol to the same server
 * and behave the same to the application; they differ in what they cost and what they need on the class path.
 */
public enum TransportType {

    /**
     * {@link #REACTOR_NETTY} when Reactor Netty is on the class path and Tomcat's WebSocket client is not (Spring
     * Boot's auto-configuration also picks it in a reactive web application); {@link #STANDARD} otherwise.
     */
    AUTO,

    /**
     * Spring's {@code StandardWebSocketClient} on Tomcat's JSR-356 client: blocking writes on a shared pool of writer
     * threads, and an event loop thread per client. The default of a servlet or plain application.
     */
    STANDARD,

    /**
     * Netty, on Reactor Netty's shared event loops ({@code reactor-netty-http} must be on the class path): the
     * connection's state and I/O share a loop thread, writes never block and go out one flush per turn of the loop,
     * and a client adds no thread for its connection. Cheaper per message, and the natural choice of a WebFlux
     * application.
     */
    REACTOR_NETTY

}
