package io.pipelinehealth.common;

import java.util.Optional;
import java.util.function.Predicate;

/** The one walk down an exception's cause chain (a cause that is its own cause ends it). */
public final class Causes {

    private Causes() {
    }

    /** The first throwable of the chain, {@code e} included, that is a {@code type} and passes {@code test}. */
    public static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type, Predicate<? super T> test) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) && test.test(type.cast(t))) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    public static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        return find(e, type, t -> true);
    }
}
