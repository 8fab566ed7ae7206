package dev.matchflow.pubsub.embedded;

import static dev.matchflow.pubsub.embedded.PubSubFixture.PROJECT;
import static dev.matchflow.pubsub.embedded.PubSubFixture.assertApiError;
import static dev.matchflow.pubsub.embedded.PubSubFixture.subscriptionName;
import static dev.matchflow.pubsub.embedded.PubSubFixture.topicName;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.ListTopicsResponse;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateTopicRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicAdminTest {

    private PubSubFixture pubsub;

    @BeforeEach
    void startServer() {
        pubsub = PubSubFixture.start();
    }

    @AfterEach
    void stopServer() {
        pubsub.close();
    }

    @Test
    void createsATopicWithItsLabelsAndGetsItBack() {
        Topic requested = Topic.newBuilder()
                .setName(topicName("user_left_pool"))
                .putLabels("team", "matching")
                .build();

        Topic created = pubsub.topicAdmin().createTopic(requested);

        assertThat(created).isEqualTo(requested);
        assertThat(pubsub.topicAdmin().getTopic(topicName("user_left_pool"))).isEqualTo(requested);
        assertThat(pubsub.broker().topics()).containsExactly(topicName("user_left_pool"));
    }

    @Test
    void creatingATopicTwiceIsAlreadyExists() {
        pubsub.givenTopic("user_left_pool");

        assertApiError(
                () -> pubsub.topicAdmin().createTopic(topicName("user_left_pool")),
                Code.ALREADY_EXISTS,
                "Topic already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "1topic", "goog-topic", "topic$", "topic/with/slashes"})
    void topicIdsFollowTheNamingRules(String id) {
        assertApiError(
                () -> pubsub.topicAdmin().createTopic(topicName(id)),
                Code.INVALID_ARGUMENT,
                "Invalid [topics] name: (name=" + topicName(id) + ")");
    }

    @Test
    void topicIdsHaveAtMost255Characters() {
        String longest = "t" + "x".repeat(254);

        assertThat(pubsub.givenTopic(longest)).isEqualTo(topicName(longest));
        assertApiError(
                () -> pubsub.topicAdmin().createTopic(topicName(longest + "x")),
                Code.INVALID_ARGUMENT,
                "Invalid [topics] name");
    }

    @Test
    void topicIdsMayUseEveryAllowedCharacter() {
        String id = "Topic-with_all.allowed~chars+%20";

        assertThat(pubsub.givenTopic(id)).isEqualTo(topicName(id));
    }

    @Test
    void aNameThatIsNotATopicPathIsInvalid() {
        assertApiError(
                () -> pubsub.topicAdmin().createTopic("topics/user_left_pool"),
                Code.INVALID_ARGUMENT,
                "Expected projects/{project}/topics/{topic}");
    }

    @Test
    void gettingAMissingTopicIsNotFound() {
        assertApiError(() -> pubsub.topicAdmin().getTopic(topicName("missing")), Code.NOT_FOUND, "Topic not found");
    }

    @Test
    void updatesTheLabelsNamedInTheMask() {
        pubsub.topicAdmin()
                .createTopic(Topic.newBuilder()
                        .setName(topicName("labelled"))
                        .putLabels("old", "1")
                        .build());

        Topic updated = pubsub.topicAdmin()
                .updateTopic(UpdateTopicRequest.newBuilder()
                        .setTopic(Topic.newBuilder()
                                .setName(topicName("labelled"))
                                .putLabels("new", "2"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("labels"))
                        .build());

        assertThat(updated.getLabelsMap()).containsExactlyEntriesOf(Map.of("new", "2"));
        assertThat(pubsub.topicAdmin().getTopic(topicName("labelled")).getLabelsMap())
                .containsOnlyKeys("new");
    }

    @Test
    void anUpdateNeedsAMask() {
        pubsub.givenTopic("unmasked");

        assertApiError(
                () -> pubsub.topicAdmin()
                        .updateTopic(UpdateTopicRequest.newBuilder()
                                .setTopic(Topic.newBuilder().setName(topicName("unmasked")))
                                .build()),
                Code.INVALID_ARGUMENT,
                "update_mask in the UpdateTopicRequest must be set");
    }

    @Test
    void anUpdateOfAnUnknownFieldIsInvalid() {
        pubsub.givenTopic("unknown-field");

        assertApiError(
                () -> pubsub.topicAdmin()
                        .updateTopic(UpdateTopicRequest.newBuilder()
                                .setTopic(Topic.newBuilder().setName(topicName("unknown-field")))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("colour"))
                                .build()),
                Code.INVALID_ARGUMENT,
                "colour is not a known Topic field");
    }

    @Test
    void updatingAMissingTopicIsNotFound() {
        assertApiError(
                () -> pubsub.topicAdmin()
                        .updateTopic(UpdateTopicRequest.newBuilder()
                                .setTopic(Topic.newBuilder().setName(topicName("missing")))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("labels"))
                                .build()),
                Code.NOT_FOUND,
                "Topic not found");
    }

    @Test
    void listsTheTopicsOfAProjectPageByPage() {
        for (String id : List.of("topic-c", "topic-a", "topic-e", "topic-b", "topic-d")) {
            pubsub.givenTopic(id);
        }
        pubsub.topicAdmin().createTopic("projects/other-project/topics/topic-z");

        List<String> pageSizes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String token = "";
        do {
            ListTopicsResponse page = pubsub.publisherStub()
                    .listTopics(ListTopicsRequest.newBuilder()
                            .setProject(PROJECT)
                            .setPageSize(2)
                            .setPageToken(token)
                            .build());
            pageSizes.add(String.valueOf(page.getTopicsCount()));
            page.getTopicsList().forEach(topic -> names.add(topic.getName()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        assertThat(pageSizes).containsExactly("2", "2", "1");
        assertThat(names)
                .containsExactly(
                        topicName("topic-a"),
                        topicName("topic-b"),
                        topicName("topic-c"),
                        topicName("topic-d"),
                        topicName("topic-e"));
    }

    @Test
    void theClientIteratesOverAllPages() {
        for (int i = 0; i < 120; i++) {
            pubsub.givenTopic("topic-" + i);
        }

        var topics = pubsub.topicAdmin().listTopics(PROJECT).iterateAll();

        assertThat(StreamSupport.stream(topics.spliterator(), false)).hasSize(120);
    }

    @Test
    void listsTheSubscriptionsOfATopic() {
        String topic = pubsub.givenTopic("user_left_pool");
        pubsub.givenTopic("other");
        pubsub.givenSubscription("match-cleanup-handler", topic);
        pubsub.givenSubscription("inspection", topic);
        pubsub.givenSubscription("elsewhere", topicName("other"));

        var subscriptions = pubsub.topicAdmin().listTopicSubscriptions(topic).iterateAll();

        assertThat(subscriptions)
                .containsExactly(subscriptionName("inspection"), subscriptionName("match-cleanup-handler"));
    }

    @Test
    void deletingATopicKeepsItsSubscriptionsOnTheDeletedTopic() {
        String topic = pubsub.givenTopic("user_left_pool");
        String subscription = pubsub.givenSubscription("match-cleanup-handler", topic);

        pubsub.topicAdmin().deleteTopic(topic);

        assertApiError(() -> pubsub.topicAdmin().getTopic(topic), Code.NOT_FOUND, "Topic not found");
        assertThat(pubsub.subscriptionAdmin().getSubscription(subscription).getTopic())
                .isEqualTo("_deleted-topic_");
        assertApiError(() -> pubsub.publish(topic, PubSubFixture.message("late")), Code.NOT_FOUND, "Topic not found");
    }

    @Test
    void deletingAMissingTopicIsNotFound() {
        assertApiError(() -> pubsub.topicAdmin().deleteTopic(topicName("missing")), Code.NOT_FOUND, "Topic not found");
    }
}
