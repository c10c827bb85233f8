package dev.ordersystem.console.commitlog;

import dev.ordersystem.console.ConsoleProperties;
import dev.ordersystem.console.commitlog.LogSnapshot.GroupPosition;
import dev.ordersystem.console.commitlog.LogSnapshot.Member;
import dev.ordersystem.console.commitlog.LogSnapshot.PartitionLog;
import dev.ordersystem.console.commitlog.LogSnapshot.PartitionPosition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads the topic as a commit log with Kafka's admin API: the partitions with leader, replicas and ISR ({@code
 * describeTopics}), log-start and log-end offsets ({@code listOffsets} earliest and latest), the size on disk ({@code
 * describeLogDirs}), the rolling settings ({@code describeConfigs}), and the consumer groups on it with their members'
 * assignments and committed offsets. Segments: see {@link Segments}.
 */
@Component
public class CommitLog implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String topic;
    private final Clock clock;

    CommitLog(ConsoleProperties properties, Clock clock) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                properties.group() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
        this.topic = properties.topic();
        this.clock = clock;
    }

    /** The log and the groups on it now. */
    public LogSnapshot snapshot() throws KafkaUnavailableException {
        try {
            TopicDescription description =
                    get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            Config config = get(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                            .all())
                    .values()
                    .iterator()
                    .next();
            Long segmentBytes = longValue(config.get(TopicConfig.SEGMENT_BYTES_CONFIG));
            Map<TopicPartition, Replica> leaders = leaderReplicas(description.partitions());
            List<PartitionLog> logs = new ArrayList<>();
            for (TopicPartitionInfo info : description.partitions()) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                Replica replica = leaders.get(partition);
                Segments segments = Segments.of(
                        replica == null ? null : replica.logDir(),
                        partition,
                        replica == null ? null : replica.size(),
                        segmentBytes);
                logs.add(new PartitionLog(
                        info.partition(),
                        info.leader() == null ? -1 : info.leader().id(),
                        ids(info.replicas()),
                        ids(info.isr()),
                        starts.get(partition),
                        ends.get(partition),
                        replica == null ? null : replica.size(),
                        segments.count(),
                        segments.active(),
                        segments.source()));
            }
            return new LogSnapshot(
                    clock.instant(),
                    topic,
                    segmentBytes,
                    longValue(config.get(TopicConfig.SEGMENT_MS_CONFIG)),
                    logs,
                    groups(partitions, ends));
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }

    private record Replica(String logDir, long size) {}

    /** The leader replica of each partition: its log directory and size, from the leader broker's log dirs. */
    private Map<TopicPartition, Replica> leaderReplicas(List<TopicPartitionInfo> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        for (TopicPartitionInfo info : partitions) {
            if (info.leader() != null) {
                leaders.put(
                        new TopicPartition(topic, info.partition()),
                        info.leader().id());
            }
        }
        Map<TopicPartition, Replica> replicas = new HashMap<>();
        Map<Integer, Map<String, LogDirDescription>> dirs =
                get(admin.describeLogDirs(leaders.values().stream().distinct().toList())
                        .allDescriptions());
        leaders.forEach((partition, broker) -> dirs.getOrDefault(broker, Map.of())
                .forEach((dir, description) -> {
                    ReplicaInfo info = description.replicaInfos().get(partition);
                    if (info != null && !info.isFuture()) {
                        replicas.put(partition, new Replica(dir, info.size()));
                    }
                }));
        return replicas;
    }

    private List<GroupPosition> groups(List<TopicPartition> partitions, Map<TopicPartition, Long> ends)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> groupIds = get(
                        admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())
                .stream()
                .map(GroupListing::groupId)
                .sorted()
                .toList();
        if (groupIds.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions =
                get(admin.describeConsumerGroups(groupIds).all());
        List<GroupPosition> groups = new ArrayList<>();
        for (String groupId : groupIds) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
            ConsumerGroupDescription description = descriptions.get(groupId);
            List<Member> members = description.members().stream()
                    .map(this::member)
                    .filter(member -> !member.partitions().isEmpty())
                    .sorted(Comparator.comparing(Member::clientId))
                    .toList();
            boolean onTopic = !members.isEmpty() || committed.keySet().stream().anyMatch(partitions::contains);
            if (onTopic) {
                groups.add(new GroupPosition(
                        groupId,
                        description.groupState().toString(),
                        members,
                        positions(partitions, ends, committed, members)));
            }
        }
        return groups;
    }

    private Member member(MemberDescription member) {
        List<Integer> owned = member.assignment().topicPartitions().stream()
                .filter(p -> p.topic().equals(topic))
                .map(TopicPartition::partition)
                .sorted()
                .toList();
        return new Member(member.consumerId(), member.clientId(), member.host(), owned);
    }

    private static List<PartitionPosition> positions(
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends,
            Map<TopicPartition, OffsetAndMetadata> committed,
            List<Member> members) {
        Map<Integer, String> owners = new HashMap<>();
        members.forEach(member -> member.partitions().forEach(p -> owners.put(p, member.clientId())));
        return partitions.stream()
                .map(partition -> {
                    OffsetAndMetadata position = committed.get(partition);
                    Long offset = position == null ? null : position.offset();
                    long lag = Math.max(0, ends.get(partition) - (offset == null ? 0 : offset));
                    return new PartitionPosition(partition.partition(), offset, lag, owners.get(partition.partition()));
                })
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> offsets =
                get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                        .all());
        return offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static List<Integer> ids(Collection<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static @Nullable Long longValue(@Nullable ConfigEntry entry) {
        return entry == null || entry.value() == null ? null : Long.valueOf(entry.value());
    }

    private static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
