package io.dockwire.trace;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A Disruptor ring of preallocated entries between one producer thread and one daemon writer
 * thread that consumes them in order. A full ring makes the producer wait in {@link #next()}
 * (back-pressure, nothing dropped). The first failure of the consumer is remembered
 * ({@link #failure()}); later entries are skipped, so the producer never blocks on a dead writer.
 */
final class WriterRing<E> {
    /** What the writer thread does with each entry. */
    interface Consumer<E> {
        void accept(E entry, boolean endOfBatch) throws IOException;
    }

    private final Disruptor<E> disruptor;
    private final RingBuffer<E> ring;
    private final Handler<E> handler;

    /** @param size entries, a power of two */
    WriterRing(EventFactory<E> factory, int size, Consumer<E> consumer) {
        this.handler = new Handler<>(consumer);
        // SleepingWaitStrategy: publishing is a plain ordered store, so the producer never takes a
        // lock or signals a condition (BlockingWaitStrategy would on every publish). The idle
        // writer spins briefly, then yields, then parks ~100 us, which leaves the second of our
        // two cores to GC/JIT instead of burning it as BusySpin/Yielding would. Wake-up latency
        // does not matter here: only the final file does.
        this.disruptor = new Disruptor<>(factory, size, WriterRing::newThread, ProducerType.SINGLE,
                new SleepingWaitStrategy());
        disruptor.handleEventsWith(handler);
        disruptor.handleExceptionsWith(handler);
        this.ring = disruptor.start();
    }

    private static Thread newThread(Runnable r) {
        Thread t = new Thread(r, "dockwire-capture-writer");
        t.setDaemon(true); // an abandoned writer must not keep the JVM alive
        return t;
    }

    /** Claims the next sequence; waits while the writer is a whole ring behind. */
    long next() {
        return ring.next();
    }

    E get(long seq) {
        return ring.get(seq);
    }

    /** Hands the claimed entry to the writer; a claimed sequence must always be published. */
    void publish(long seq) {
        ring.publish(seq);
    }

    /** Waits until the writer has consumed (or, after a failure, skipped) everything published. */
    void awaitConsumed() {
        long target = ring.getCursor();
        while (disruptor.getSequenceValueFor(handler) < target) { // advanced after the consumer returns
            LockSupport.parkNanos(20_000);
        }
    }

    /** Stops the writer thread once it has consumed everything published. */
    void stop() {
        awaitConsumed();
        disruptor.halt();
        try {
            handler.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Throws what the consumer failed with (an {@link IOException} wrapped unchecked) as the cause
     * of an {@link IllegalStateException}, on the calling thread; returns if it has not failed.
     */
    void rethrowFailure() {
        Throwable f = handler.failure;
        if (f != null) {
            throw new IllegalStateException("capture writer thread failed: " + f, f);
        }
    }

    /** Runs on the writer thread only. */
    private static final class Handler<E> implements EventHandler<E>, ExceptionHandler<E> {
        private final Consumer<E> consumer;
        final CountDownLatch stopped = new CountDownLatch(1);
        volatile Throwable failure;

        Handler(Consumer<E> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onEvent(E entry, long seq, boolean endOfBatch) {
            if (failure != null) {
                return;
            }
            try {
                consumer.accept(entry, endOfBatch);
            } catch (IOException e) {
                failure = new UncheckedIOException("writing capture failed", e);
            } catch (Throwable t) {
                failure = t;
            }
        }

        @Override
        public void onShutdown() {
            stopped.countDown();
        }

        @Override
        public void handleEventException(Throwable ex, long sequence, E event) {
            failure = ex;
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failure = ex;
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failure = ex;
        }
    }
}
