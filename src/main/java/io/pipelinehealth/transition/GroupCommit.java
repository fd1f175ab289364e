package io.pipelinehealth.transition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit: concurrent small requests of one key (a tenant) share one transaction, so one
 * commit and one WAL flush serve them all. Leader and followers, no thread of its own:
 * <ul>
 * <li>a request queues itself; while fewer than {@code concurrency} groups of its key run, it
 * becomes a leader, waits {@code window} for neighbours, takes the queue's head (up to
 * {@code maxEvents} events, at least one request) and runs that group;</li>
 * <li>the others wait until a leader has run their request, or until they may lead
 * themselves;</li>
 * <li>each request stays atomic for its own events: if a group fails for any reason (one
 * request's conflict, a deadlock), its transaction rolls back and every member is answered
 * "alone", to be stored in a transaction of its own, where only the faulty request fails.</li>
 * </ul>
 * With no window and concurrency 2, a lone request runs at once; under load, the requests that
 * arrive while the groups in flight commit form the next group, so the group size follows the
 * load without a timer.
 *
 * @param <T> a request
 * @param <R> its result
 */
final class GroupCommit<T, R> {

    /** Stores a group in one transaction; answers the results in the group's order, or throws. */
    interface Together<T, R> {
        List<R> store(List<T> group);
    }

    /** What the service counts. */
    interface Observer {
        void grouped(int requests);

        void fellBack(int requests, RuntimeException cause);
    }

    private static final class Pending<T, R> {
        final T request;
        final int events;
        boolean done;
        R result; // null when done: store alone

        Pending(T request, int events) {
            this.request = request;
            this.events = events;
        }
    }

    private static final class Queue<T, R> {
        final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
        int leaders;
    }

    private final int maxEvents;
    private final int concurrency;
    private final Duration window;
    private final Together<T, R> together;
    private final Observer observer;
    private final Map<String, Queue<T, R>> queues = new ConcurrentHashMap<>();

    GroupCommit(int maxEvents, int concurrency, Duration window, Together<T, R> together, Observer observer) {
        if (maxEvents < 1 || concurrency < 1 || window.isNegative()) {
            throw new IllegalArgumentException("group commit needs maxEvents >= 1, concurrency >= 1, window >= 0");
        }
        this.maxEvents = maxEvents;
        this.concurrency = concurrency;
        this.window = window;
        this.together = together;
        this.observer = observer;
    }

    /**
     * Runs the request in a group of its key. Answers its result, or empty when its group failed
     * and the caller must store it alone.
     */
    Optional<R> submit(String key, T request, int events) {
        Queue<T, R> queue = queues.computeIfAbsent(key, k -> new Queue<>());
        Pending<T, R> mine = new Pending<>(request, events);
        synchronized (queue) {
            queue.waiting.add(mine);
        }
        // a waiting request has no one to hand an interruption to: it waits for its answer, then
        // restores the flag
        boolean interrupted = Thread.interrupted();
        while (true) {
            synchronized (queue) {
                while (!mine.done && queue.leaders >= concurrency) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.ofNullable(mine.result);
                }
                queue.leaders++;
            }
            List<Pending<T, R>> group = List.of();
            List<R> results = null;
            try {
                interrupted |= pauseForNeighbours();
                synchronized (queue) {
                    group = drain(queue);
                }
                results = run(group);
            } finally {
                synchronized (queue) {
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).result = results == null ? null : results.get(i);
                        group.get(i).done = true;
                    }
                    queue.leaders--;
                    queue.notifyAll();
                }
            }
        }
    }

    /** The head of the queue: requests in arrival order up to {@code maxEvents} events, at least one. */
    private List<Pending<T, R>> drain(Queue<T, R> queue) {
        List<Pending<T, R>> group = new ArrayList<>();
        int events = 0;
        while (!queue.waiting.isEmpty()) {
            Pending<T, R> next = queue.waiting.peek();
            if (!group.isEmpty() && events + next.events > maxEvents) {
                break;
            }
            group.add(queue.waiting.poll());
            events += next.events;
        }
        return group;
    }

    /** The group's results, or null when the group failed (each member then goes alone). */
    private List<R> run(List<Pending<T, R>> group) {
        if (group.isEmpty()) {
            return null; // another leader took the queue meanwhile
        }
        observer.grouped(group.size());
        try {
            List<R> results = together.store(group.stream().map(p -> p.request).toList());
            if (results.size() != group.size()) {
                throw new IllegalStateException("a group of " + group.size() + " gave " + results.size() + " results");
            }
            return results;
        } catch (RuntimeException e) {
            observer.fellBack(group.size(), e);
            return null;
        }
    }

    /** Answers whether it was interrupted (the pause then ends early). */
    private boolean pauseForNeighbours() {
        if (window.isZero()) {
            return false;
        }
        try {
            Thread.sleep(window.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
