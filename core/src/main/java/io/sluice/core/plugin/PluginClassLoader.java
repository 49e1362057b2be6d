package io.sluice.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One plugin's class loader: child-first for classes and resources, so a plugin's bundled libraries win over anything
 * else, except the packages plugin-api's signatures expose, which always come from the parent so that core and the
 * plugin agree on them.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Package prefixes (class and resource forms) that always load from the parent. */
    static final List<String> PARENT_FIRST = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "io.sluice.api.", "org.slf4j.", "org.msgpack.core.");

    static {
        registerAsParallelCapable();
    }

    /** A loader over {@code jars} whose parent is {@code parent} (core's loader). */
    public PluginClassLoader(String name, URL[] jars, ClassLoader parent) {
        super(name, jars, parent);
    }

    /** Whether {@code className} (dotted) or a resource path (slashed) belongs to a parent-first package. */
    static boolean isParentFirst(String name) {
        String dotted = name.replace('/', '.');
        for (String prefix : PARENT_FIRST) {
            if (dotted.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isParentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notHere) {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isParentFirst(name)) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isParentFirst(name)) {
            return super.getResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
