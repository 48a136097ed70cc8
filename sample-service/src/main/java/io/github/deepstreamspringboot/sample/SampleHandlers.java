package io.github.deepstreamspringboot.sample;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.github.deepstreamspringboot.annotation.DeepstreamEventListener;
import io.github.deepstreamspringboot.annotation.DeepstreamRpcProvider;
import io.github.deepstreamspringboot.client.DeepstreamClient;
import io.github.deepstreamspringboot.client.record.RecordList;

/**
 * The sample's deepstream handlers: two RPCs that browser clients (or any deepstream client) can call, and a listener
 * for greetings they send, whose senders it keeps in the list {@code sample/greeters}.
 */
@Component
class SampleHandlers {

    private static final Logger logger = LoggerFactory.getLogger(SampleHandlers.class);

    private final AtomicLong greetings = new AtomicLong();

    private final RecordList greeters;

    SampleHandlers(DeepstreamClient client) {
        this.greeters = client.record().getList("sample/greeters");
    }

    /** Answers {@code sample/echo}: the message back, with the time it was answered. */
    @DeepstreamRpcProvider("sample/echo")
    Echo echo(Echo request) {
        return new Echo(request.message(), Instant.now());
    }

    /** Answers {@code sample/sum}: the sum of a list of numbers. */
    @DeepstreamRpcProvider("sample/sum")
    long sum(List<Long> numbers) {
        return numbers.stream().mapToLong(Long::longValue).sum();
    }

    /** Logs every {@code sample/greetings} event. */
    @DeepstreamEventListener("sample/greetings")
    void onGreeting(Greeting greeting) {
        logger.info("Greeting #{} from {}: {}", this.greetings.incrementAndGet(), greeting.from(), greeting.text());
        if (!this.greeters.getEntries().contains(greeting.from())) {
            this.greeters.addEntry(greeting.from());
        }
    }

    long greetingsReceived() {
        return this.greetings.get();
    }

    record Echo(String message, Instant answeredAt) {
    }

    record Greeting(String from, String text) {
    }

}
