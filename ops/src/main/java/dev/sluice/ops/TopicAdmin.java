package dev.sluice.ops;

import dev.sluice.topology.Topic;
import dev.sluice.topology.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Sluice's topics with their configurations; topics that exist are left as they are. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Partitions of an existing topic. */
    public static int partitions(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /** @return the names of the topics this call created */
    public static List<String> ensureTopics(String bootstrapServers, Topics topics, int partitions, short replication) throws Exception {
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Topic<?, ?> topic : topics.all()) {
                NewTopic spec = new NewTopic(topic.name(), Optional.of(partitions), Optional.of(replication)).configs(topic.configs());
                try {
                    admin.createTopics(List.of(spec)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        return created;
    }
}
