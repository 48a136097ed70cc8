package io.github.deepstreamspringboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.devserver.LocalDeepstreamServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running sample's events and RPCs, used by another client as a browser would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "sample.tick-interval=200ms")
class SampleServiceFeaturesTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private LocalDeepstreamServer server;

    @Autowired
    private SampleHandlers handlers;

    @Test
    void otherClientsGetTicksCallTheRpcsAndGreetTheSample() throws Exception {
        try (DeepstreamClient browser = DeepstreamClient.create(this.server.binaryUrl())) {
            browser.login(Map.of("username", "sample-service", "password", "sample-secret")).get(10, TimeUnit.SECONDS);
            List<JsonNode> ticks = new CopyOnWriteArrayList<>();
            browser.event().subscribe("sample/tick", ticks::add).whenSubscribed().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> ticks.size() >= 2);
            assertThat(ticks.get(1).get("count").longValue()).isGreaterThan(ticks.get(0).get("count").longValue());

            JsonNode echo = await().atMost(WAIT).ignoreExceptions().until(
                    () -> browser.rpc().make("sample/echo", Map.of("message", "hi")).get(5, TimeUnit.SECONDS),
                    (value) -> true);
            assertThat(echo.get("message").asString()).isEqualTo("hi");
            assertThat(echo.get("answeredAt").isNull()).isFalse();
            assertThat(browser.rpc().make("sample/sum", List.of(1, 2, 39), Long.class).get(10, TimeUnit.SECONDS))
                .isEqualTo(42L);

            browser.event().emit("sample/greetings", Map.of("from", "browser", "text", "hello"));
            await().atMost(WAIT).until(() -> this.handlers.greetingsReceived() == 1);

            io.github.deepstreamspringboot.client.record.RecordList greeters = browser.record()
                .getList("sample/greeters").whenReady().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> greeters.getEntries().contains("browser"));
            io.github.deepstreamspringboot.client.record.Record status = browser.record().getRecord("sample/status")
                .whenReady().get(10, TimeUnit.SECONDS);
            long ticksNow = status.get("ticks").longValue();
            await().atMost(WAIT).until(() -> status.get("ticks").longValue() > ticksNow);
            assertThat(status.get("state").asString()).isEqualTo("up");
        }
    }

}
