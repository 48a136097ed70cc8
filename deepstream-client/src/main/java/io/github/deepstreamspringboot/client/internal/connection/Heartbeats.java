package io.github.deepstreamspringboot.client.internal.connection;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.deepstreamspringboot.client.ErrorKind;
import io.github.deepstreamspringboot.client.internal.protocol.ConnectionAction;
import io.github.deepstreamspringboot.client.internal.protocol.Message;

/**
 * The client's heartbeats on one socket at a time: a ping every interval from the moment the socket opens (before the
 * login it only keeps the server from dropping the socket as idle; the server answers pings after the login), and the
 * verdict that the link is dead after {@value #MISSES_ALLOWED} intervals in a row in which a ping went unanswered and
 * nothing else arrived either. Any frame proves the link alive: under a flood of incoming messages the pong waits
 * behind them, on the server and in the loop's queue, and the connection is plainly not dead.
 *
 * <p><b>Thread model.</b> Confined to the connection's event loop, like the connection that owns it.
 */
final class Heartbeats {

    private static final Logger logger = LoggerFactory.getLogger(Heartbeats.class);

    static final int MISSES_ALLOWED = 2;

    /** What the heartbeats need from their connection; called on the loop. */
    interface Host {

        /** @return whether {@code socketId} is still the open socket */
        boolean isCurrent(long socketId);

        /** @return whether the client is logged in, so that a pong is due */
        boolean isOpen();

        /** Writes a message now; {@code false} if the socket is gone or failed. */
        boolean sendNow(Message message);

        /** Abandons socket {@code id} as dead. */
        void lost(long id, ErrorKind kind, String problem);

    }

    private final Host host;

    private final EventLoop loop;

    private final Duration interval;

    private final StatisticsRecorder statistics;

    private final ConnectionNotifier notifier;

    private final Object server;

    /** Time the last ping whose pong is awaited was sent; {@code null} when none is awaited. */
    private Instant pingSentAt;

    /** Intervals in a row in which a ping got no pong and nothing else arrived. */
    private int misses;

    /** Whether any frame arrived since the last tick. */
    private boolean heard;

    private EventLoop.Cancellable timer;

    /**
     * @param server what to name in log lines (the masked URL)
     */
    Heartbeats(Host host, EventLoop loop, Duration interval, StatisticsRecorder statistics,
            ConnectionNotifier notifier, Object server) {
        this.host = host;
        this.loop = loop;
        this.interval = interval;
        this.statistics = statistics;
        this.notifier = notifier;
        this.server = server;
    }

    /** Starts pinging on a newly opened socket. */
    void start(long socketId) {
        stop();
        reset();
        this.timer = this.loop.schedule(() -> tick(socketId), this.interval);
    }

    /** Stops pinging; the socket is gone. */
    void stop() {
        if (this.timer != null) {
            this.timer.cancel();
            this.timer = null;
        }
    }

    /** Forgets the pings sent so far, after a login (the server ignored the ones before it). */
    void reset() {
        this.pingSentAt = null;
        this.misses = 0;
        this.heard = false;
    }

    /** A frame arrived on the socket: the link is alive. */
    void heard() {
        this.heard = true;
    }

    void onPong() {
        if (this.pingSentAt != null) {
            Duration roundTrip = Duration.between(this.pingSentAt, this.loop.now());
            this.statistics.heartbeatAnswered(roundTrip);
            this.notifier.heartbeat(roundTrip);
            reset();
        }
    }

    private void tick(long socketId) {
        if (!this.host.isCurrent(socketId)) {
            return;
        }
        boolean loggedIn = this.host.isOpen();
        boolean heardSinceLastTick = this.heard;
        this.heard = false;
        if (loggedIn && this.pingSentAt != null && heardSinceLastTick) {
            // the pong is late, behind other frames; a later one will come
            this.misses = 0;
        }
        else if (loggedIn && this.pingSentAt != null) {
            this.misses++;
            this.statistics.heartbeatMissed();
            logger.warn("No answer to heartbeat from {} ({} in a row)", this.server, this.misses);
            if (this.misses >= MISSES_ALLOWED) {
                this.timer = null;
                this.host.lost(socketId, ErrorKind.HEARTBEAT_TIMEOUT, "no answer to " + this.misses
                        + " heartbeats in a row (interval " + this.interval + ")");
                return;
            }
        }
        this.timer = this.loop.schedule(() -> tick(socketId), this.interval);
        Instant sentAt = this.loop.now();
        if (this.host.sendNow(Message.builder(ConnectionAction.PING).build()) && loggedIn
                && this.pingSentAt == null) {
            // a late pong is measured from the oldest unanswered ping: the round trip under load
            this.pingSentAt = sentAt;
        }
    }

}
