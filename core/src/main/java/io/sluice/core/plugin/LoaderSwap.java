package io.sluice.core.plugin;

/** Sets the thread's context class loader and restores the previous one on close: {@code try (var s = ...) {}}. */
public final class LoaderSwap implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    private LoaderSwap(ClassLoader next) {
        thread = Thread.currentThread();
        previous = thread.getContextClassLoader();
        thread.setContextClassLoader(next);
    }

    /** Makes {@code loader} the current thread's context class loader until {@link #close()}. */
    public static LoaderSwap to(ClassLoader loader) {
        return new LoaderSwap(loader);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
