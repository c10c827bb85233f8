package dev.ordersystem.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** How every figure is measured, written into the JSON next to the figures. */
final class Methodology {

    private Methodology() {}

    static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "clocks",
                "All instants are wall-clock time (CLOCK_REALTIME) of this one machine: PostgreSQL's commit timestamps,"
                        + " the Kafka broker's append times (the broker runs inside the benchmark JVM) and the"
                        + " benchmark's own clock read the same clock, so their differences are meaningful. Durations"
                        + " inside the benchmark process use System.nanoTime().");
        m.put(
                "commit",
                "The commit of an order = pg_xact_commit_timestamp(xmin) of its outbox row: the time PostgreSQL wrote"
                        + " into the commit record of the transaction that inserted the order, its lines and the outbox"
                        + " row (track_commit_timestamp=on; microseconds). It is the value Debezium reports as the"
                        + " source's ts_usec, where the relay's own lag timer starts.");
        m.put(
                "ack",
                "Kafka's acknowledgement = the record's LogAppendTime: the broker's clock when the partition leader"
                        + " appended it (every benchmark topic has message.timestamp.type=LogAppendTime). With one"
                        + " broker and acks=all the acknowledgement is sent as soon as the append is done; the"
                        + " producer's callback runs one local response round trip later (well under 1 ms)."
                        + " Milliseconds, truncated: a lag may read up to 1 ms short.");
        m.put(
                "relayLag",
                "For every measured order of a fixed-rate phase: LogAppendTime of its record minus the commit of its"
                        + " outbox row. p50/p90/p99/p99.9/max are exact (nearest rank) over all measured events;"
                        + " 'missing' counts events that had not reached the topic within the settle time. Next to it,"
                        + " the relay's own Micrometer timer orders.relay.lag (ts_usec to its producer callback),"
                        + " as the difference of two /actuator/prometheus scrapes of its histogram buckets, taken"
                        + " before the phase's warm-up and after it settled: percentiles are bucket upper bounds.");
        m.put(
                "pipelineWarmUp",
                "Before the pipeline's fixed rates, its freshly started services are warmed up with orders at half the"
                        + " highest rate, in rounds of 15 s: for at least --api-warmup, then until the JIT compiler"
                        + " threads (C1 and C2, from /proc/<pid>/task) of order-service, notification-service and this"
                        + " JVM took less than a tenth of a core together in a round, at most four minutes more; then"
                        + " until every outbox row is on the topic and notified. Recorded: how long, how many orders,"
                        + " the compilers' share of a core in the last round.");
        m.put(
                "cpuPerOrder",
                "Per fixed-rate phase of the pipeline: user + system CPU time (/proc/<pid>/stat) of order-service,"
                        + " notification-service, PostgreSQL (the postmaster, its live processes and those it reaped)"
                        + " and this JVM (the local stack's Kafka broker, the load generator, the topic observer, the"
                        + " mail catcher), read at the start and the end of the measured window, divided by the orders"
                        + " placed in it; machineBusy = share of all cores busy in the window (/proc/stat: all but"
                        + " idle and iowait). Work an order causes after the window (a consumer behind) is not in it.");
        m.put(
                "apiLatency",
                "Open loop: a scheduler thread releases POST /orders at a constant rate (1/rate apart) onto a queue"
                        + " served by N keep-alive HTTP/1.1 connections. Latency = when the whole response was read"
                        + " minus the request's intended start, so waiting behind slow requests counts (coordinated"
                        + " omission corrected, as wrk2 does); serviceTimeMs is measured from the actual send."
                        + " Requests intended during the warm-up are not measured; requests still unanswered when a"
                        + " phase is abandoned count with the time they had waited. Every 201 is checked; other"
                        + " answers are errors.");
        m.put(
                "apiSaturation",
                "Closed loop: T threads, each with one keep-alive HTTP/1.1 connection, POST /orders back to back;"
                        + " throughput = 201 answers to requests started in the measurement window / its length."
                        + " Before the phase's warm-up, 50 orders are placed one after another, untimed, so that a"
                        + " freshly started instance's first requests (the issuer's keys fetched, lazy initialisation)"
                        + " fall into neither window. Then the same load runs in rounds of 15 s for at least"
                        + " --api-warmup, then until the JIT compiler threads of order-service and this JVM took less"
                        + " than a tenth of a core together in a round, at most four minutes more (saturationWarmUp:"
                        + " how long, how many orders, the compilers' share in each round; a smoke run warms up"
                        + " --api-warmup only); then --warmup, then the measurement: the figure is the API of a"
                        + " service whose JIT has finished with its request path, and the JSON says whether it had."
                        + " Measured with the relay disabled and notification-service not running, like the JDBC"
                        + " ceiling; the figure 'with relay and consumer running' is the same load on the whole"
                        + " pipeline (informational).");
        m.put(
                "orderServiceCpu",
                "CPU time (user + system, all threads: request threads, GC, JIT, the relay's threads when it runs) of"
                        + " the order-service process from /proc/<pid>/stat, read when the saturation phase's"
                        + " measurement window begins and ends (10 ms resolution), divided by the orders completed in"
                        + " the window; with the relay and consumer running it includes the relay's share of the work.");
        m.put(
                "authentication",
                "Every API request carries a staff access token from the authorization server (infra/identity, started"
                        + " by the benchmark), which order-service validates: the API figures include authentication."
                        + " Its cost alone: Spring Security's JwtDecoders.fromIssuerLocation(issuer), the decoder a"
                        + " service builds for spring.security.oauth2.resourceserver.jwt.issuer-uri (RS256 signature"
                        + " with the key from the issuer's JWKS, iss, exp/nbf), validates the same real token back to"
                        + " back on one thread of the benchmark JVM, after a warm-up, for the saturation duration with"
                        + " order-service idle: microsPerToken. Its share of the API = microsPerToken x the API's"
                        + " saturation throughput (relay off) / (10^6 x cores): the CPU that validating that many"
                        + " tokens per second takes, i.e. the throughput authentication costs where the API is"
                        + " CPU-bound (an upper bound otherwise). Spring Security's filter chain around the decoder is"
                        + " not in this figure. The services validate a token once and remember it until it expires"
                        + " (dev.ordersystem.web.ValidatedTokens), so microsPerToken is what a token's first request"
                        + " costs; the following requests with the same token skip it.");
        m.put(
                "apiWithEachRelay",
                "What a relay running next to the API costs it, in the same run: the API at saturation (T threads,"
                        + " --warmup, --saturation-duration) and at the highest offered rate (open loop), on a warm"
                        + " order-service, no consumer. Polling: order-service with its relay disabled, right after"
                        + " the relay-off saturation phase, and the polling baseline (the same settings) reading and"
                        + " deleting order-service's own outbox table. CDC: the order-service of the pipeline phases"
                        + " with its embedded relay, after notification-service was stopped.");
        m.put(
                "jdbcCeiling",
                "The same T threads, each with its own JDBC connection (PostgreSQL driver, no pool, no Spring, no"
                        + " HTTP), run the transaction order-service runs for POST /orders: insert into orders, one"
                        + " insert per order line (2), insert into outbox with the envelope JSON built by"
                        + " common-events, commit. Throughput = commits per second in the measurement window.");
        m.put(
                "endToEnd",
                "pg_xact_commit_timestamp of the order's notification row (database notifications on the same server)"
                        + " minus the commit of the order: from the order's commit to the commit of the transaction in"
                        + " which notification-service recorded the event and created the notification. Covers the"
                        + " relay, Kafka, the consumer's fetch and its transaction.");
        m.put(
                "drain",
                ("A backlog of orders (each with its lines and outbox row, %d orders per transaction, plain JDBC) is"
                                + " written while the relay is stopped (order-service not running; the polling thread"
                                + " not started), then the relay starts. Drain rate = (records - 1) / (LogAppendTime of"
                                + " the last backlog record - that of the first). startToLastSeconds also counts the"
                                + " start (for CDC: the JVM, Spring, the lease and the engine). Each relay drains a"
                                + " backlog of every size of --backlogs, one after the other (a new order-service"
                                + " instance for each CDC drain). databaseCpuSeconds = CPU time (user + system, from"
                                + " /proc) of the PostgreSQL postmaster, the backends it reaped and its live processes,"
                                + " from the relay's start until every record was seen on the topic: for CDC the"
                                + " walsender's decoding (and the relay's start-up queries), for polling the selects and"
                                + " deletes; the CDC relay's rows are deleted later, by retention, outside the window.")
                        .formatted(WriteBacklog.BATCH));
        m.put(
                "pollingRelay",
                ("One thread in the benchmark JVM: BEGIN; SELECT id, aggregate_id, type, payload::text, trace_parent,"
                                + " pg_xact_commit_timestamp(xmin) FROM %1$s ORDER BY created_at LIMIT %2$d FOR UPDATE"
                                + " SKIP LOCKED; send each row with the CDC relay's producer settings (same key, value"
                                + " and headers) to a topic with the same settings; flush and wait for every ack; DELETE"
                                + " the rows; COMMIT. It sleeps %3$d ms after a batch that was not full and polls again"
                                + " at once after a full one. %1$s is a copy of outbox (LIKE outbox INCLUDING ALL)"
                                + " outside the CDC relay's publication. Its fixed-rate load is the JDBC transaction of"
                                + " the JDBC ceiling (into %1$s) from the same open-loop scheduler, with order-service and"
                                + " notification-service stopped; this machine is therefore less loaded than in the CDC phases"
                                + " (no HTTP, no consumer), which favours the baseline. Lag measured exactly as for CDC; the"
                                + " commit timestamp is read by the claiming SELECT because the row is deleted afterwards.")
                        .formatted(
                                PollingRelay.BASELINE.table(),
                                PollingRelay.BASELINE.batchSize(),
                                PollingRelay.BASELINE.intervalMs()));
        m.put(
                "rawProducer",
                "One KafkaProducer with the CDC relay's settings (acks=all, idempotence, 5 requests in flight,"
                        + " linger.ms=1), one thread calling send() back to back, records the size of an outbox event"
                        + " (a real payload::text, a 36-character key, the same headers). Rate = (records - 1) /"
                        + " (last - first LogAppendTime) on its own topic, the same measure as the drains.");
        m.put(
                "ratios",
                "apiThroughputToJdbcCeiling = API saturation (relay off) / JDBC ceiling;"
                        + " authenticationShareOfApiThroughput, see 'authentication'; cdcP99LagToPollingP99Lag ="
                        + " CDC relay p99 lag / polling relay p99 lag at the same offered rate; cdcDrainToRawProducer ="
                        + " CDC drain rate / raw producer rate.");
        m.put(
                "peakRss",
                "VmHWM from /proc/<pid>/status of each service process, read just before it was stopped: the peak"
                        + " resident set over its life. The services run with the JVM options listed per instance"
                        + " (those OrderSystem gives them).");
        m.put(
                "noise",
                "PostgreSQL, the Kafka broker, the load generator, the polling relay (benchmark JVM) and the services"
                        + " share the machine's cores; the load average at the start of each phase is recorded under"
                        + " 'phases'. Figures from a busy machine are not comparable with a quiet one.");
        return m;
    }
}
