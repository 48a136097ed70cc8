package io.github.deepstreamspringboot.client.internal.connection;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

/**
 * A {@link Transport} on Netty, whose channels live on one of Reactor Netty's shared event loops (the global
 * {@link HttpResources}, which Spring Boot's {@code ReactorResourceFactory} manages by default): the same loop that is
 * the connection's {@link EventLoop}, so that reading a frame, acting on it and writing the answer happen on one
 * thread, and a client adds no thread of its own for I/O. Sends never block: a frame is written into the channel's
 * buffer, and the writer flushes once per batch, so the frames of one turn of the loop go out in one system call,
 * masked a word at a time by Netty's encoder. The channel's buffer is bounded by its water marks; past them the writer
 * waits, and the frames stay in the connection's backlog.
 *
 * <p>The channel is bootstrapped here rather than through Reactor Netty's reactive {@code HttpClient}: its receive and
 * send streams cost a publisher hop per frame, and it picks the channel's loop itself. The pipeline is TLS (for
 * {@code wss://}, with the JDK's {@link SSLContext} and host-name verification), HTTP for the upgrade (bounded by the
 * connect timeout), Netty's WebSocket codec (frames up to the maximum message size; larger ones close with 1009), and
 * {@link NettyFrameHandler}.
 *
 * <p><b>Thread model.</b> One per client, bound to the client's loop. {@link #connect} may be called from any thread;
 * everything of a channel runs on the loop.
 */
public final class ReactorNettyTransport implements Transport {

    /** The channel buffers up to this many bytes before it stops taking frames (Netty's own default marks). */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    /** The largest HTTP answer to the upgrade: an error page's body is read to report the status, not kept. */
    private static final int MAX_HANDSHAKE_RESPONSE = 64 * 1024;

    private final NettyEventLoop loop;

    private final Class<? extends SocketChannel> channelClass;

    private final Duration connectTimeout;

    private final int maxMessageSize;

    private final SSLContext sslContext;

    private ReactorNettyTransport(NettyEventLoop loop, Class<? extends SocketChannel> channelClass,
            Duration connectTimeout, int maxMessageSize, SSLContext sslContext) {
        this.loop = loop;
        this.channelClass = channelClass;
        this.connectTimeout = connectTimeout;
        this.maxMessageSize = maxMessageSize;
        this.sslContext = sslContext;
    }

    /**
     * Creates a transport on the next of Reactor Netty's shared client loops.
     * @param connectTimeout the longest time to open a connection (TCP, TLS and the upgrade each)
     * @param maxMessageSize the largest message to accept, in bytes
     * @param sslContext the TLS context for {@code wss://} URLs, or {@code null} for the JVM's default
     * @return the transport
     */
    public static ReactorNettyTransport create(Duration connectTimeout, int maxMessageSize, SSLContext sslContext) {
        LoopResources loops = HttpResources.get();
        EventLoopGroup group = loops.onClient(LoopResources.DEFAULT_NATIVE);
        return new ReactorNettyTransport(new NettyEventLoop(group.next()),
                loops.onChannelClass(SocketChannel.class, group), connectTimeout, maxMessageSize, sslContext);
    }

    /** @return the connection's event loop: the Netty loop its channels are registered on */
    public EventLoop eventLoop() {
        return this.loop;
    }

    /** Writes run on the loop itself: they never block, and a turn's writes are flushed together. */
    @Override
    public Executor writeExecutor() {
        return this.loop.netty();
    }

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, TransportListener listener) {
        CompletableFuture<TransportSession> opening = new CompletableFuture<>();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, this.connectTimeout.toMillis());
        NettyFrameHandler frames = new NettyFrameHandler(listener, opening, new MessageAssembler(this.maxMessageSize));
        ChannelFuture connecting = new Bootstrap().group(this.loop.netty())
            .channel(this.channelClass)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .handler(new ChannelInitializer<Channel>() {

                @Override
                protected void initChannel(Channel channel) {
                    ChannelPipeline pipeline = channel.pipeline();
                    if (secure) {
                        pipeline.addLast(tls(host, port, timeoutMillis));
                    }
                    pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE),
                            new WebSocketClientProtocolHandler(upgrade(uri, timeoutMillis)), frames);
                }

            })
            .connect(host, port);
        connecting.addListener((done) -> {
            if (!done.isSuccess()) {
                opening.completeExceptionally(done.cause());
            }
        });
        // a guard over the three steps together, in case one of them ignores its own timeout
        opening.orTimeout(timeoutMillis + 1000L, TimeUnit.MILLISECONDS).whenComplete((session, failure) -> {
            if (failure instanceof TimeoutException) {
                connecting.channel().close();
            }
        });
        return opening;
    }

    private WebSocketClientProtocolConfig upgrade(URI uri, int timeoutMillis) {
        return WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(this.maxMessageSize)
            .handshakeTimeoutMillis(timeoutMillis)
            // close frames reach NettyFrameHandler, which answers them and reports their code
            .handleCloseFrames(false)
            .dropPongFrames(true)
            .build();
    }

    private SslHandler tls(String host, int port, int timeoutMillis) {
        SSLEngine engine = sslContext().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(timeoutMillis);
        return handler;
    }

    private SSLContext sslContext() {
        if (this.sslContext != null) {
            return this.sslContext;
        }
        try {
            return SSLContext.getDefault();
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JVM has no default TLS context", ex);
        }
    }

}
