package dev.matchflow.pools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

class PoolsConcurrencyTest {

    private static final int THREADS = 8;

    @DatabaseTest
    void concurrentJoinsFillAPoolExactlyToItsCapacity(TestDatabase database) throws Exception {
        try (PoolsApi pools = PoolsApi.start(database)) {
            Answer created = TestHttp.post(pools.url() + "/pools", "{\"name\":\"ten\",\"capacity\":10}");
            UUID poolId = UUID.fromString(created.json().path("id").asText());

            List<Answer> answers = runTogether(IntStream.range(0, 30)
                    .mapToObj(i -> (Callable<Answer>) () -> pools.join(poolId, UUID.randomUUID()))
                    .toList());

            assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(10);
            assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(20);
            assertThat(pools.pool(poolId).path("member_count").asInt()).isEqualTo(10);
            assertThat(pools.members(poolId)).hasSize(10);
        }
    }

    @DatabaseTest
    void concurrentJoinsAndLeavesKeepEveryMemberCountEqualToItsMembers(TestDatabase database) throws Exception {
        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID first = pools.givenPool("first");
            UUID second = pools.givenPool("second");
            List<UUID> leaving =
                    IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
            leaving.forEach(userId -> pools.givenMember(first, userId));
            List<Callable<Answer>> work = new ArrayList<>();
            leaving.forEach(userId -> work.add(() -> moveToSecond(pools, userId, second)));
            IntStream.range(0, 20)
                    .forEach(i -> work.add(() -> pools.join(i % 2 == 0 ? first : second, UUID.randomUUID())));

            List<Answer> answers = runTogether(work);

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
            assertThat(pools.pool(first).path("member_count").asInt())
                    .isEqualTo(10)
                    .isEqualTo(pools.members(first).size());
            assertThat(pools.pool(second).path("member_count").asInt())
                    .isEqualTo(30)
                    .isEqualTo(pools.members(second).size());
        }
    }

    private static Answer moveToSecond(PoolsApi pools, UUID userId, UUID second) {
        Answer left = pools.leave(userId);
        return left.status() == 200 ? pools.join(second, userId) : left;
    }

    private static <T> List<T> runTogether(List<Callable<T>> work) throws InterruptedException, ExecutionException {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : work) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
