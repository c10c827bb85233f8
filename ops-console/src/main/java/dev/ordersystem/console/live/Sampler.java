package dev.ordersystem.console.live;

import dev.ordersystem.console.ConsoleProperties;
import dev.ordersystem.console.commitlog.CommitLog;
import dev.ordersystem.console.commitlog.KafkaUnavailableException;
import dev.ordersystem.console.commitlog.LogSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples the commit log every {@code console.refresh-interval}, keeps the chart's points of the last {@code
 * console.history} and pushes each snapshot with its point to the open pages ({@code log} event), or the reason when
 * Kafka cannot be read ({@code kafka-down}).
 */
@Component
class Sampler {

    private static final Logger log = LoggerFactory.getLogger(Sampler.class);

    /** What the {@code log} event carries. */
    record Update(LogSnapshot snapshot, Sample sample) {}

    private final CommitLog commitLog;
    private final LiveUpdates updates;
    private final Duration history;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private @Nullable LogSnapshot latest;

    Sampler(CommitLog commitLog, LiveUpdates updates, ConsoleProperties properties) {
        this.commitLog = commitLog;
        this.updates = updates;
        this.history = properties.history();
    }

    @Scheduled(fixedDelayString = "${console.refresh-interval:PT1S}")
    void sample() {
        LogSnapshot snapshot;
        try {
            snapshot = commitLog.snapshot();
        } catch (KafkaUnavailableException e) {
            log.debug("Kafka cannot be read", e);
            updates.publish("kafka-down", e.getMessage());
            return;
        }
        updates.publish("log", add(snapshot));
    }

    private synchronized Update add(LogSnapshot snapshot) {
        double perSecond = 0;
        if (latest != null) {
            double seconds = Duration.between(latest.at(), snapshot.at()).toMillis() / 1000.0;
            long appended = snapshot.logEndTotal() - latest.logEndTotal();
            perSecond = seconds > 0 && appended > 0 ? appended / seconds : 0;
        }
        Sample sample = new Sample(snapshot.at(), Math.round(perSecond * 10) / 10.0, snapshot.totalLag());
        samples.addLast(sample);
        while (Duration.between(samples.getFirst().at(), sample.at()).compareTo(history) > 0) {
            samples.removeFirst();
        }
        latest = snapshot;
        return new Update(snapshot, sample);
    }

    synchronized @Nullable LogSnapshot latest() {
        return latest;
    }

    synchronized List<Sample> history() {
        return List.copyOf(samples);
    }
}
