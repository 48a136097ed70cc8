package io.github.deepstreamspringboot.benchmark;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

import io.github.deepstreamspringboot.client.internal.protocol.BinaryMessageCodec;
import io.github.deepstreamspringboot.client.internal.protocol.EventAction;
import io.github.deepstreamspringboot.client.internal.protocol.Frame;
import io.github.deepstreamspringboot.client.internal.protocol.Message;
import io.github.deepstreamspringboot.client.internal.protocol.RpcAction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw floor's hand-built frames are the bytes our client's codec writes for the same messages, so that the floor
 * and the client put the same load on the socket and the server; and the floor's reader finds what the codec wrote.
 */
class RawFramesTests {

    private final BinaryMessageCodec codec = new BinaryMessageCodec();

    @Test
    void eventFramesAreTheCodecs() {
        assertThat(RawFrames.eventEmit("bench/e", "\"ppp\"")).isEqualTo(encode(Message.builder(EventAction.EMIT)
            .name("bench/e")
            .payload(StringNode.valueOf("ppp"))));
        assertThat(RawFrames.eventSubscribe("bench/e", "c1")).isEqualTo(encode(Message.builder(EventAction.SUBSCRIBE)
            .names(List.of("bench/e"))
            .correlationId("c1")));
    }

    @Test
    void rpcFramesAreTheCodecs() {
        assertThat(RawFrames.rpcRequest("bench-r", "7", "\"ppp\"")).isEqualTo(encode(Message.builder(RpcAction.REQUEST)
            .name("bench-r")
            .correlationId("7")
            .payload(StringNode.valueOf("ppp"))));
        assertThat(RawFrames.rpcResponse("bench-r", "7", "\"ppp\"")).isEqualTo(encode(
                Message.builder(RpcAction.RESPONSE).name("bench-r").correlationId("7").payload(StringNode.valueOf("ppp"))));
        assertThat(RawFrames.rpcProvide("bench-r", "p1")).isEqualTo(encode(Message.builder(RpcAction.PROVIDE)
            .names(List.of("bench-r"))
            .correlationId("p1")));
    }

    @Test
    void readerFindsTopicActionAndFields() {
        ByteBuffer frame = ByteBuffer.wrap(encode(Message.builder(RpcAction.REQUEST)
            .name("bench-r")
            .correlationId("42")
            .payload(StringNode.valueOf("x"))));
        assertThat(RawFrames.topic(frame)).isEqualTo(RawFrames.RPC);
        assertThat(RawFrames.action(frame)).isEqualTo(RpcAction.REQUEST.code());
        assertThat(RawFrames.string(frame, 3)).isEqualTo("42");
        assertThat(RawFrames.string(frame, 7)).isEqualTo("bench-r");
        assertThat(RawFrames.string(frame, 11)).isNull();
    }

    private byte[] encode(Message.Builder message) {
        return ((Frame.Binary) this.codec.encode(message.build())).bytes();
    }

}
