package io.sluice.core.plugin;

/**
 * The one way core calls into plugin code: the plugin's class loader becomes the thread's context class loader for
 * the call and the previous one is restored after it, and whatever the plugin throws (checked exceptions, runtime
 * exceptions, LinkageErrors from a jar missing a class) comes back as one {@link PluginFailure}. Only a
 * VirtualMachineError (out of memory, stack overflow) passes through: nothing can be done about it here.
 */
public final class Isolation {

    private Isolation() {
    }

    /** A call into plugin code that returns a value. */
    @FunctionalInterface
    public interface PluginCall<T> {
        /** Calls the plugin. */
        T call() throws Exception;
    }

    /** A call into plugin code that returns nothing. */
    @FunctionalInterface
    public interface PluginAction {
        /** Calls the plugin. */
        void run() throws Exception;
    }

    /** Runs {@code call} with {@code loader} as the context class loader. */
    public static <T> T call(ClassLoader loader, PluginCall<T> call) throws PluginFailure {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            throw new PluginFailure(t);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs {@code action} with {@code loader} as the context class loader. */
    public static void run(ClassLoader loader, PluginAction action) throws PluginFailure {
        call(loader, () -> {
            action.run();
            return null;
        });
    }
}
