package dev.matchflow.scenarios.churn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.scenarios.language.ChurnSpec;
import dev.matchflow.scenarios.language.ChurnSpec.Operation;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChurnPlannerTest {

    private static final List<String> USERS =
            IntStream.rangeClosed(1, 40).mapToObj(index -> "user-" + index).toList();
    private static final List<String> POOLS = List.of("red", "blue");
    private static final Map<Operation, Double> MIX = Map.of(
            Operation.JOIN, 0.2,
            Operation.LEAVE, 0.2,
            Operation.REJOIN, 0.1,
            Operation.MATCH, 0.3,
            Operation.ACCEPT, 0.1,
            Operation.REJECT, 0.1);

    @Test
    void theSameSeedDrawsTheSameOperations() {
        assertThat(describe(draw(42, 500))).isEqualTo(describe(draw(42, 500)));
        assertThat(describe(draw(42, 500))).isNotEqualTo(describe(draw(43, 500)));
    }

    @Test
    void everyOperationIsPossibleInThePictureOfTheOnesBefore() {
        Map<String, String> poolOf = new HashMap<>(startingPools());
        Map<String, String> lastLeft = new HashMap<>();
        for (ChurnOperation operation : draw(7, 2_000)) {
            if (operation instanceof ChurnOperation.Join join) {
                assertThat(poolOf).doesNotContainKey(join.user());
                if (join.rejoin()) {
                    assertThat(lastLeft).containsEntry(join.user(), join.pool());
                }
                poolOf.put(join.user(), join.pool());
            } else if (operation instanceof ChurnOperation.Leave leave) {
                assertThat(poolOf).containsEntry(leave.user(), leave.pool());
                lastLeft.put(leave.user(), poolOf.remove(leave.user()));
            } else if (operation instanceof ChurnOperation.CreateMatch create) {
                assertThat(poolOf.get(create.match().userA()))
                        .isEqualTo(create.match().pool());
                assertThat(poolOf.get(create.match().userB()))
                        .isEqualTo(create.match().pool());
            } else if (operation instanceof ChurnOperation.Decide decide) {
                assertThat(poolOf.get(decide.user())).isEqualTo(decide.match().pool());
                assertThat(poolOf.get(decide.match().partnerOf(decide.user())))
                        .isEqualTo(decide.match().pool());
            }
        }
    }

    @Test
    void theMixSetsHowOftenEachKindIsDrawn() {
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        draw(3, 10_000).forEach(operation -> counts.merge(operation.kind(), 1, Integer::sum));

        assertThat(counts.get(Operation.MATCH)).isBetween(2_500, 3_500);
        assertThat(counts.get(Operation.LEAVE)).isBetween(1_500, 2_500);
    }

    @Test
    void aUserDecidesOnceAndAMatchEndsWithARejectionOrTwoAcceptances() {
        Map<MatchHandle, List<String>> decided = new HashMap<>();
        for (ChurnOperation operation : draw(11, 5_000)) {
            if (operation instanceof ChurnOperation.Decide decide) {
                List<String> deciders = decided.computeIfAbsent(decide.match(), match -> new ArrayList<>());
                assertThat(deciders).doesNotContain(decide.user()).hasSizeLessThan(2);
                deciders.add(decide.choice() == Choice.REJECT ? "closed" : decide.user());
            }
        }
        assertThat(decided.values())
                .allSatisfy(deciders -> assertThat(deciders.indexOf("closed")).isIn(-1, deciders.size() - 1));
    }

    @Test
    void whenNothingIsPossibleTheChurnEnds() {
        ChurnSpec onlyDecisions = spec(Map.of(Operation.ACCEPT, 1.0));
        ChurnPlanner planner = new ChurnPlanner(onlyDecisions, 1, start(), ChurnPlannerTest::newMatch);

        assertThat(planner.next()).isEmpty();
    }

    private static List<ChurnOperation> draw(long seed, int count) {
        ChurnPlanner planner = new ChurnPlanner(spec(MIX), seed, start(), ChurnPlannerTest::newMatch);
        List<ChurnOperation> operations = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            operations.add(planner.next().orElseThrow());
        }
        return operations;
    }

    private static List<String> describe(List<ChurnOperation> operations) {
        return operations.stream()
                .map(operation -> operation.kind() + " " + operation.users())
                .toList();
    }

    private static ChurnSpec spec(Map<Operation, Double> mix) {
        return new ChurnSpec(
                USERS, POOLS, Optional.of(1_000), Optional.empty(), OptionalDouble.empty(), 4, mix, List.of());
    }

    /** The first half of the users in the pools, dealt out in turn; the rest in none. */
    private static Map<String, String> startingPools() {
        Map<String, String> poolOf = new HashMap<>();
        for (int index = 0; index < USERS.size() / 2; index++) {
            poolOf.put(USERS.get(index), POOLS.get(index % POOLS.size()));
        }
        return poolOf;
    }

    private static ChurnPlanner.Start start() {
        Map<String, Integer> sizes = new HashMap<>();
        startingPools().values().forEach(pool -> sizes.merge(pool, 1, Integer::sum));
        return new ChurnPlanner.Start(startingPools(), Map.of(), sizes, Map.of(), List.of());
    }

    private static MatchHandle newMatch(String pool, String userA, String userB) {
        return new MatchHandle(Optional.empty(), pool, userA, userB);
    }
}
