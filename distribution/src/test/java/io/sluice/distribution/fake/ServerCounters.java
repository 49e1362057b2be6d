package io.sluice.distribution.fake;

import java.util.concurrent.atomic.AtomicInteger;

/** Running totals of what the fake server saw and did. */
final class ServerCounters {
    final AtomicInteger connectionsAccepted = new AtomicInteger();
    final AtomicInteger handshakesCompleted = new AtomicInteger();
    final AtomicInteger pingsAnswered = new AtomicInteger();
    final AtomicInteger pingsIgnored = new AtomicInteger();
    final AtomicInteger openConnections = new AtomicInteger();
    final AtomicInteger messagesDiscarded = new AtomicInteger();
    final AtomicInteger framesCutOff = new AtomicInteger();
    final AtomicInteger tooBigCloses = new AtomicInteger();
    final AtomicInteger closesSent = new AtomicInteger();
    final AtomicInteger unconfirmedAtClose = new AtomicInteger();
}
