package io.pipelinehealth.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The leader-follower queue alone, under contention, with no database. */
class GroupCommitUnitTest {

    private record Request(String key, int number, int events) {
    }

    private static final class Counting implements GroupCommit.Observer {
        final AtomicInteger groups = new AtomicInteger();
        final AtomicInteger fallbacks = new AtomicInteger();

        @Override
        public void grouped(int requests) {
            groups.incrementAndGet();
        }

        @Override
        public void fellBack(int requests, RuntimeException cause) {
            fallbacks.incrementAndGet();
        }
    }

    @Test
    void everyRequestIsAnsweredOnceWithItsOwnResultWithinTheBounds() throws Exception {
        int maxEvents = 20;
        int concurrency = 2;
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlapSeen = new AtomicInteger();
        AtomicInteger largestGroup = new AtomicInteger();
        Map<Integer, Integer> storedTimes = new ConcurrentHashMap<>();
        Counting observer = new Counting();
        GroupCommit<Request, String> groups = new GroupCommit<>(maxEvents, concurrency, Duration.ZERO, group -> {
            String key = group.get(0).key();
            int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            overlapSeen.accumulateAndGet(now, Math::max);
            try {
                int events = group.stream().mapToInt(Request::events).sum();
                assertTrue(group.size() == 1 || events <= maxEvents, "a group of " + events + " events");
                assertTrue(group.stream().allMatch(r -> r.key().equals(key)), "one key per group");
                largestGroup.accumulateAndGet(group.size(), Math::max);
                group.forEach(r -> storedTimes.merge(r.number(), 1, Integer::sum));
                Thread.sleep(2); // a commit
                return group.stream().map(r -> "done " + r.number()).toList();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.get(key).decrementAndGet();
            }
        }, observer);

        int requests = 400;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Request request = new Request(i % 2 == 0 ? "tenant-a" : "tenant-b", i, 1 + i % 7);
                answers.add(pool.submit(() -> {
                    start.await();
                    return groups.submit(request.key(), request, request.events());
                }));
            }
            start.countDown();
            for (int i = 0; i < requests; i++) {
                assertEquals(Optional.of("done " + i), answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(requests, storedTimes.size());
        assertTrue(storedTimes.values().stream().allMatch(times -> times == 1), "each request stored once");
        assertTrue(overlapSeen.get() <= concurrency, "at most " + concurrency + " groups of a key at once");
        assertTrue(largestGroup.get() > 1, "16 threads against 2 ms commits form groups");
        assertTrue(observer.groups.get() < requests);
        assertEquals(0, observer.fallbacks.get());
    }

    @Test
    void everyMemberOfAFailedGroupIsToldToGoAlone() throws Exception {
        Counting observer = new Counting();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<Integer, String> groups = new GroupCommit<>(100, 1, Duration.ZERO, group -> {
            if (group.contains(0)) {
                firstInside.countDown();
                try {
                    othersQueued.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return List.of("first");
            }
            throw new IllegalStateException("a conflict in the group");
        }, observer);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Optional<String>> first = pool.submit(() -> groups.submit("t", 0, 1));
            firstInside.await();
            List<Future<Optional<String>>> rest = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                rest.add(pool.submit(() -> groups.submit("t", n, 1)));
            }
            Thread.sleep(200); // the three queue behind the running group, to form one group
            othersQueued.countDown();
            assertEquals(Optional.of("first"), first.get());
            for (Future<Optional<String>> answer : rest) {
                assertEquals(Optional.empty(), answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // the three together, unless the machine was slow to queue one of them: it then fails alone
        assertTrue(observer.groups.get() >= 2);
        assertEquals(observer.groups.get() - 1, observer.fallbacks.get(), "every group but the first failed");
    }
}
