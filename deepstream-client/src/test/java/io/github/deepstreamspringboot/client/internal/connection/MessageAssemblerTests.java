package io.github.deepstreamspringboot.client.internal.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.deepstreamspringboot.client.internal.protocol.Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link MessageAssembler}: parts joined in order, the size limit, and what follows a refused message. */
class MessageAssemblerTests {

    private final MessageAssembler assembler = new MessageAssembler(10);

    @Test
    void aMessageInOnePartIsPassedOnAsItIs() {
        byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
        Frame.Binary frame = this.assembler.binary(ByteBuffer.wrap(bytes), true);
        assertThat(frame.bytes()).isSameAs(bytes);
        assertThat(this.assembler.text("xyz", true).text()).isEqualTo("xyz");
    }

    @Test
    void partsAreJoinedUpToTheLimit() {
        assertThat(this.assembler.binary(buffer("abcd"), false)).isNull();
        assertThat(this.assembler.binary(buffer("efgh"), false)).isNull();
        assertThat(this.assembler.binary(buffer("ij"), true).bytes()).asString(StandardCharsets.UTF_8)
            .isEqualTo("abcdefghij");
        // and the next message starts afresh
        assertThat(this.assembler.binary(buffer("k"), false)).isNull();
        assertThat(this.assembler.binary(buffer("l"), true).bytes()).asString(StandardCharsets.UTF_8).isEqualTo("kl");
        assertThat(this.assembler.text("héllo", false)).isNull();
        assertThat(this.assembler.text(" you", true).text()).isEqualTo("héllo you");
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndItsRestDropped() {
        assertThat(this.assembler.binary(buffer("abcdefgh"), false)).isNull();
        assertThatExceptionOfType(MessageAssembler.MessageTooLargeException.class)
            .isThrownBy(() -> this.assembler.binary(buffer("ijk"), false))
            .withMessage("message larger than 10 bytes");
        assertThat(this.assembler.binary(buffer("more"), false)).isNull();
        assertThat(this.assembler.binary(buffer("end"), true)).isNull();
        // the message after it is whole again
        assertThat(this.assembler.binary(buffer("next"), true).bytes()).asString(StandardCharsets.UTF_8)
            .isEqualTo("next");
    }

    @Test
    void aSinglePartOverTheLimitIsRefused() {
        assertThatExceptionOfType(MessageAssembler.MessageTooLargeException.class)
            .isThrownBy(() -> this.assembler.text("x".repeat(11), true));
        assertThat(this.assembler.text("ok", true).text()).isEqualTo("ok");
    }

    private static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

}
