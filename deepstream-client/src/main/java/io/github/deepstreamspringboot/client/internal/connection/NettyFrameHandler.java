package io.github.deepstreamspringboot.client.internal.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.util.ReferenceCountUtil;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

/**
 * The last handler of a {@link ReactorNettyTransport} channel: completes the opening once the upgrade is done, turns
 * data frames into {@link Frame}s (joining continuation frames with a {@link MessageAssembler}), answers the server's
 * close frame, and reports the close code once the channel is gone: the server's code, 1009 for a frame or message over
 * the size limit, 1006 for a connection lost without a close frame. Before the upgrade completes, a failure fails the
 * opening instead, and a connection closed without any HTTP answer fails it with {@link NoHttpAnswerException}.
 *
 * <p><b>Thread model.</b> One per channel; every method runs on the channel's event loop, which is also the
 * connection's, so the fields need no synchronisation.
 */
final class NettyFrameHandler extends ChannelInboundHandlerAdapter {

    /** How long the server has to answer our close frame before the channel is closed anyway. */
    private static final long CLOSE_TIMEOUT_MILLIS = 1000;

    private final TransportListener listener;

    private final CompletableFuture<TransportSession> opening;

    private final MessageAssembler assembler;

    /** Completes when the channel is closed, whoever closed it. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Session session;

    /** Whether the message being joined from continuation frames is text. */
    private boolean textInProgress;

    private boolean closeSent;

    private int closeCode = WebSocketCloseStatus.ABNORMAL_CLOSURE.code();

    private String closeReason = "";

    /** The writer's task waiting for the channel to become writable again, if any. */
    private Runnable whenWritable;

    NettyFrameHandler(TransportListener listener, CompletableFuture<TransportSession> opening,
            MessageAssembler assembler) {
        this.listener = listener;
        this.opening = opening;
        this.assembler = assembler;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            this.session = new Session(context.channel());
            if (this.opening.complete(this.session)) {
                this.listener.onOpen(this.session);
            }
            else {
                // the opening timed out meanwhile: nobody wants this socket
                context.close();
            }
        }
        else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            this.opening.completeExceptionally(new WebSocketHandshakeException("the WebSocket upgrade timed out"));
            context.close();
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        try {
            if (message instanceof CloseWebSocketFrame close) {
                closeReceived(context, close);
            }
            else if (message instanceof WebSocketFrame frame && this.session != null) {
                Frame whole = join(frame);
                if (whole != null) {
                    this.listener.onFrame(whole);
                }
            }
        }
        catch (MessageAssembler.MessageTooLargeException ex) {
            sendClose(context.channel(), WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), ex.getMessage());
            this.closeCode = WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
            this.closeReason = ex.getMessage();
        }
        finally {
            ReferenceCountUtil.release(message);
        }
    }

    private Frame join(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            this.textInProgress = !text.isFinalFragment();
            return this.assembler.text(text.text(), text.isFinalFragment());
        }
        if (frame instanceof BinaryWebSocketFrame binary) {
            this.textInProgress = false;
            return this.assembler.binary(binary.content().nioBuffer(), binary.isFinalFragment());
        }
        if (frame instanceof ContinuationWebSocketFrame continuation) {
            return this.textInProgress ? this.assembler.text(continuation.text(), continuation.isFinalFragment())
                    : this.assembler.binary(continuation.content().nioBuffer(), continuation.isFinalFragment());
        }
        return null;
    }

    /** Answers the server's close with the same code (unless we closed first), then closes the channel. */
    private void closeReceived(ChannelHandlerContext context, CloseWebSocketFrame close) {
        this.closeCode = (close.statusCode() != -1) ? close.statusCode() : WebSocketCloseStatus.EMPTY.code();
        this.closeReason = (close.reasonText() != null) ? close.reasonText() : "";
        if (this.closeSent) {
            context.close();
            return;
        }
        this.closeSent = true;
        context.writeAndFlush(new CloseWebSocketFrame((close.statusCode() != -1) ? close.statusCode() : 1000, ""))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private void sendClose(Channel channel, int code, String reason) {
        if (this.closeSent || !channel.isActive()) {
            return;
        }
        this.closeSent = true;
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        Runnable waiting = this.whenWritable;
        if (waiting != null && context.channel().isWritable()) {
            this.whenWritable = null;
            waiting.run();
        }
        super.channelWritabilityChanged(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!this.opening.isDone()) {
            this.opening.completeExceptionally(cause);
            context.close();
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException corrupt && corrupt.closeStatus() != null) {
            // Netty's decoder has sent the close frame itself and closes the channel, often before this is thrown (a
            // frame over the limit is 1009); the code is what the connection reports once the channel is gone
            this.closeSent = true;
            this.closeCode = corrupt.closeStatus().code();
            this.closeReason = (corrupt.getMessage() != null) ? corrupt.getMessage() : "";
            return;
        }
        if (!context.channel().isActive()) {
            // a write that failed after the channel closed: the close is reported already
            return;
        }
        this.listener.onError(cause);
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (!this.opening.isDone()) {
            this.opening.completeExceptionally(new NoHttpAnswerException(
                    "the server closed the connection without an HTTP answer to the WebSocket upgrade", null));
        }
        this.closed.complete(null);
        if (this.session != null) {
            this.listener.onClosed(this.closeCode, this.closeReason);
        }
        super.channelInactive(context);
    }

    /**
     * The open socket: sends go into the channel's buffer, on the loop, and out with the writer's flush.
     */
    private final class Session implements TransportSession {

        private final Channel channel;

        Session(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void send(Frame frame) {
            WebSocketFrame out;
            if (frame instanceof Frame.Binary binary) {
                ByteBuf bytes = Unpooled.wrappedBuffer(binary.bytes());
                out = new BinaryWebSocketFrame(bytes);
            }
            else {
                out = new TextWebSocketFrame(((Frame.Text) frame).text());
            }
            // a failed write reaches exceptionCaught, which reports it and closes the channel
            this.channel.write(out, this.channel.voidPromise());
        }

        @Override
        public void flush() {
            this.channel.flush();
        }

        @Override
        public boolean writable() {
            return this.channel.isWritable();
        }

        @Override
        public void whenWritable(Runnable task) {
            NettyFrameHandler.this.whenWritable = task;
        }

        @Override
        public CompletableFuture<Void> close() {
            if (this.channel.eventLoop().inEventLoop()) {
                sendClose(this.channel, WebSocketCloseStatus.NORMAL_CLOSURE.code(), "");
            }
            else {
                this.channel.eventLoop().execute(
                        () -> sendClose(this.channel, WebSocketCloseStatus.NORMAL_CLOSURE.code(), ""));
            }
            return NettyFrameHandler.this.closed;
        }

    }

}
