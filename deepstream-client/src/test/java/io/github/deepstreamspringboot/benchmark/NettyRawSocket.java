package io.github.deepstreamspringboot.benchmark;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A raw floor on Reactor Netty's WebSocket client, for comparison with the Tomcat floor: the same frames, written from
 * Netty's event loop, which flushes what has queued up in one go and masks a word at a time. A send only hands the
 * frame to the connection's outbound stream.
 */
final class NettyRawSocket extends InboxSocket {

    private static final HttpClient http = HttpClient.create();

    private final Sinks.Many<byte[]> outbound;

    private final Disposable connection;

    private NettyRawSocket(Sinks.Many<byte[]> outbound, Disposable connection, FrameInbox inbox) {
        super(inbox);
        this.outbound = outbound;
        this.connection = connection;
    }

    static NettyRawSocket login(String url, String username) throws Exception {
        FrameInbox inbox = new FrameInbox();
        Sinks.Many<byte[]> outbound = Sinks.many().unicast().onBackpressureBuffer();
        CompletableFuture<Void> open = new CompletableFuture<>();
        Disposable connection = http
            .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1024 * 1024).build())
            .uri(url)
            .handle((in, out) -> {
                open.complete(null);
                Flux<Void> receive = in.receive().map((frame) -> {
                    byte[] bytes = new byte[frame.readableBytes()];
                    frame.readBytes(bytes);
                    return ByteBuffer.wrap(bytes);
                }).doOnNext(inbox::accept).thenMany(Flux.empty());
                return Flux.merge(receive, out.sendByteArray(outbound.asFlux()));
            })
            .subscribe();
        open.get(10, TimeUnit.SECONDS);
        return RawSocket.loggedIn(new NettyRawSocket(outbound, connection, inbox), username);
    }

    @Override
    public void send(byte[] frame) {
        this.outbound.emitNext(frame, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5)));
    }

    @Override
    public void close() {
        this.outbound.tryEmitComplete();
        this.connection.dispose();
    }

}
