package io.github.deepstreamspringboot.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ServerUrl}.
 */
class ServerUrlTests {

    private static final WireProtocol PATH = WireProtocol.JSON;

    @Test
    void urlWithoutPathGetsTheEndpointPath() {
        assertThat(ServerUrl.parse("ws://127.0.0.1:6020", PATH).uri()).hasToString("ws://127.0.0.1:6020/deepstream-json");
        assertThat(ServerUrl.parse("wss://example.com/", PATH).uri()).hasToString("wss://example.com/deepstream-json");
        assertThat(ServerUrl.parse("ws://h:1?apiKey=k", PATH).uri()).hasToString("ws://h:1/deepstream-json?apiKey=k");
    }

    @Test
    void urlWithoutPathGoesToTheBinaryEndpointLikeTheJavaScriptClient() {
        for (WireProtocol protocol : new WireProtocol[] { WireProtocol.AUTO, WireProtocol.BINARY }) {
            ServerUrl url = ServerUrl.parse("ws://127.0.0.1:6020", protocol);
            assertThat(url.uri()).hasToString("ws://127.0.0.1:6020/deepstream");
            assertThat(url.protocol()).isEqualTo(WireProtocol.BINARY);
        }
        assertThat(ServerUrl.parse("ws://127.0.0.1:6020", WireProtocol.JSON).protocol()).isEqualTo(WireProtocol.JSON);
    }

    @Test
    void autoChoosesJsonForAPathEndingInJsonAndBinaryForAnyOtherPath() {
        assertThat(ServerUrl.parse("ws://h:1/deepstream-json", WireProtocol.AUTO).protocol())
            .isEqualTo(WireProtocol.JSON);
        assertThat(ServerUrl.parse("ws://h:1/proxied/ds-json?apiKey=k", WireProtocol.AUTO).protocol())
            .isEqualTo(WireProtocol.JSON);
        assertThat(ServerUrl.parse("ws://h:1/deepstream", WireProtocol.AUTO).protocol())
            .isEqualTo(WireProtocol.BINARY);
        assertThat(ServerUrl.parse("ws://h:1/custom", WireProtocol.AUTO).protocol()).isEqualTo(WireProtocol.BINARY);
    }

    @Test
    void aForcedProtocolWinsOverThePath() {
        assertThat(ServerUrl.parse("ws://h:1/deepstream-json", WireProtocol.BINARY).protocol())
            .isEqualTo(WireProtocol.BINARY);
        assertThat(ServerUrl.parse("ws://h:1/deepstream", WireProtocol.JSON).protocol()).isEqualTo(WireProtocol.JSON);
    }

    @Test
    void aListOfUrlsIsRefusedWithoutEchoingIt() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ServerUrl.parse("ws://u:s3cret@a:6020/deepstream,ws://b:6020/deepstream", PATH))
            .withMessageContaining("a comma at index 31")
            .withMessageNotContaining("s3cret");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ServerUrl.parse(" ws://a:6020/deepstream ws://b:6020/deepstream ", PATH))
            .withMessageContaining("whitespace at index 22");
    }

    @Test
    void urlWithPathKeepsIt() {
        assertThat(ServerUrl.parse("ws://127.0.0.1:6020/custom", PATH).uri()).hasToString("ws://127.0.0.1:6020/custom");
    }

    @Test
    void toStringMasksCredentialsAndQueryValues() {
        ServerUrl url = ServerUrl.parse("wss://user:pa55@host:443/deepstream-json?apiKey=s3cret&x=1&flag", PATH);
        assertThat(url).hasToString("wss://****@host:443/deepstream-json?apiKey=****&x=****&flag");
        assertThat(url.uri().toString()).contains("s3cret");
    }

    @Test
    void redactMasksTheUrlInsideOtherText() {
        ServerUrl url = ServerUrl.parse("ws://u:p@host:1/ds?apiKey=s3cret", PATH);
        assertThat(url.redact("failed [ws://u:p@host:1/ds?apiKey=s3cret] and ws://a:b@c/?token=t0k"))
            .doesNotContain("s3cret").doesNotContain("t0k").doesNotContain("u:p").doesNotContain("a:b");
        assertThat(url.redact(null)).isNull();
    }

    @Test
    void emptyUrlIsRefusedWithAnExample() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerUrl.parse(" ", PATH))
            .withMessageContaining("'url' must not be empty")
            .withMessageContaining("ws://127.0.0.1:6020/deepstream");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerUrl.parse(null, PATH));
    }

    @Test
    void httpUrlIsRefusedNamingTheScheme() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerUrl.parse("http://host:6020?apiKey=s3cret", PATH))
            .withMessageContaining("must start with ws:// or wss://")
            .withMessageContaining("WebSocket")
            .withMessageNotContaining("s3cret");
    }

    @Test
    void urlWithoutSchemeOrHostIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerUrl.parse("localhost:6020", PATH))
            .withMessageContaining("must start with ws:// or wss://");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerUrl.parse("ws:///path", PATH))
            .withMessageContaining("has no host");
    }

    @Test
    void unparsableUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerUrl.parse("ws://host:6020/a|b", PATH))
            .withMessageContaining("'url' is not a valid URL");
    }

}
