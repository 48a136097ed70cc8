package io.github.deepstreamspringboot.client.internal.connection;

import org.junit.jupiter.api.Test;

import io.github.deepstreamspringboot.client.DeepstreamOptions;
import io.github.deepstreamspringboot.client.TransportType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choice of transport with both libraries on the class path (without Tomcat: {@code WithoutTomcatIntegrationTests}).
 */
class TransportsTests {

    @Test
    void autoStaysOnTheStandardTransportWhileTomcatIsThereAndAnExplicitChoiceIsKept() {
        assertThat(Transports.resolve(TransportType.AUTO)).isEqualTo(TransportType.STANDARD);
        assertThat(Transports.resolve(TransportType.STANDARD)).isEqualTo(TransportType.STANDARD);
        assertThat(Transports.resolve(TransportType.REACTOR_NETTY)).isEqualTo(TransportType.REACTOR_NETTY);
    }

    @Test
    void reactorNettyBringsTheLoopItsChannelsLiveOnAndTheStandardTransportNone() {
        Transports.Choice netty = Transports.create(DeepstreamOptions.builder()
            .transport(TransportType.REACTOR_NETTY)
            .build());
        assertThat(netty.transport()).isInstanceOf(ReactorNettyTransport.class);
        assertThat(netty.loop()).isInstanceOf(NettyEventLoop.class);
        assertThat(netty.transport().writeExecutor()).isSameAs(((NettyEventLoop) netty.loop()).netty());
        Transports.Choice standard = Transports.create(DeepstreamOptions.defaults());
        assertThat(standard.transport()).isInstanceOf(WebSocketTransport.class);
        assertThat(standard.loop()).isNull();
    }

}
