package io.github.deepstreamspringboot.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.deepstreamspringboot.client.record.Record;
import io.github.deepstreamspringboot.devserver.DeepstreamServerExtension;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain Java example of the README and docs/client.md, against a real server, with nothing but
 * {@code deepstream-client} (and test tools) on the class path: connect, log in, emit, call an RPC, write a record,
 * drain.
 */
@EachTransport
class PlainJavaExampleIntegrationTests {

    @RegisterExtension
    static final DeepstreamServerExtension server = new DeepstreamServerExtension(LocalDeepstreamServer.builder());

    private final TransportType transport;

    PlainJavaExampleIntegrationTests(TransportType transport) {
        this.transport = transport;
    }

    /** @return options for a client of this test: the transport it runs on */
    private DeepstreamOptions.Builder options() {
        return DeepstreamOptions.builder().transport(this.transport);
    }

    record Order(String id, String state) {
    }

    @Test
    void connectEmitCallWriteAndDrain() throws Exception {
        String url = server.url(WireProtocol.BINARY);

        try (DeepstreamClient client = DeepstreamClient.create(url, options().build())) {
            client.login(Map.of("username", "orders-service")).get(10, TimeUnit.SECONDS);

            // provide an RPC, and call it
            client.rpc().provide("orders/count", (request, response) -> response.send(request.data().size()))
                .whenProvided().get(10, TimeUnit.SECONDS);
            Integer count = client.rpc().make("orders/count", List.of("a", "b", "c"), Integer.class)
                .get(10, TimeUnit.SECONDS);

            // subscribe to an event, and emit it
            CompletableFuture<Order> created = new CompletableFuture<>();
            client.event().subscribe("orders/created", Order.class, created::complete)
                .whenSubscribed().get(10, TimeUnit.SECONDS);
            client.event().emit("orders/created", new Order("7", "new"));

            // write a record and wait for the server to store it
            Record order = client.record().getRecord("orders/7").whenReady().get(10, TimeUnit.SECONDS);
            order.setWithAck(new Order("7", "paid")).get(10, TimeUnit.SECONDS);

            assertThat(count).isEqualTo(3);
            assertThat(created.get(10, TimeUnit.SECONDS)).isEqualTo(new Order("7", "new"));
            assertThat(client.record().snapshot("orders/7").get(10, TimeUnit.SECONDS).get("state").stringValue())
                .isEqualTo("paid");

            // finish what was accepted, then close (close() after it does nothing)
            assertThat(client.drain(java.time.Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS).isComplete())
                .isTrue();
        }
    }

}
