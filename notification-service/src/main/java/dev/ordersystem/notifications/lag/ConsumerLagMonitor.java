package dev.ordersystem.notifications.lag;

import dev.ordersystem.notifications.NotificationsProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Measures the lag of the service's consumer group with the admin client: the partitions of the consumed topic (and
 * of any other topic the group has committed offsets for), their last stable offsets, the group's committed offsets
 * and the group's members with their assignments.
 */
@Component
public record ConsumerLagMonitor(Admin admin, NotificationsProperties properties, Clock clock) {

    /**
     * @throws LagUnavailableException when Kafka does not answer within {@code notifications.kafka-timeout}
     */
    public ConsumerLagReport measure() {
        try {
            return doMeasure();
        } catch (ExecutionException | TimeoutException e) {
            throw new LagUnavailableException(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagUnavailableException(e);
        }
    }

    private ConsumerLagReport doMeasure() throws ExecutionException, InterruptedException, TimeoutException {
        String groupId = properties.groupId();
        long timeoutMs = properties.kafkaTimeout().toMillis();
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(timeoutMs, TimeUnit.MILLISECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset);
                    }
                });
        Set<String> topics = new LinkedHashSet<>();
        topics.add(properties.topic());
        committed.keySet().forEach(partition -> topics.add(partition.topic()));

        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        described
                .values()
                .forEach(description -> description
                        .partitions()
                        .forEach(p -> partitions.add(new TopicPartition(description.name(), p.partition()))));
        partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));

        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest(), timeoutMs);
        List<TopicPartition> uncommitted =
                partitions.stream().filter(p -> !committed.containsKey(p)).toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest =
                uncommitted.isEmpty() ? Map.of() : offsets(uncommitted, OffsetSpec.earliest(), timeoutMs);

        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                .describedGroups()
                .get(groupId)
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, PartitionLag.Owner> owners = new HashMap<>();
        for (MemberDescription member : group.members()) {
            var owner = new PartitionLag.Owner(member.consumerId(), member.clientId(), member.host());
            member.assignment().topicPartitions().forEach(p -> owners.put(p, owner));
        }

        List<PartitionLag> lags = new ArrayList<>();
        long total = 0;
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition).offset();
            OffsetAndMetadata commit = committed.get(partition);
            PartitionLag lag;
            if (commit != null) {
                lag = new PartitionLag(
                        partition.topic(),
                        partition.partition(),
                        end,
                        commit.offset(),
                        Math.max(0, end - commit.offset()),
                        null,
                        owners.get(partition));
            } else {
                long start = earliest.get(partition).offset();
                lag = new PartitionLag(
                        partition.topic(),
                        partition.partition(),
                        end,
                        null,
                        Math.max(0, end - start),
                        "no committed offset yet; lag counted from the earliest offset " + start,
                        owners.get(partition));
            }
            total += lag.lag();
            lags.add(lag);
        }
        return new ConsumerLagReport(
                groupId, group.groupState().toString(), group.members().size(), clock.instant(), total, lags);
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(
            List<TopicPartition> partitions, OffsetSpec spec, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
