package io.sluice.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One plugin's class loader. A plugin sees exactly three things: the JDK, the plugin contract ({@code io.sluice.api}
 * and its sub-packages) with slf4j, both from core's loader so that core and the plugin agree on them, and its own
 * jars, searched first for everything else. Nothing else of core's class path is reachable: a plugin that forgets to
 * bundle a library fails at once with ClassNotFoundException instead of working by accident, and two plugins may
 * bundle different versions of anything, plugin-support included.
 *
 * <p>The JDK's packages are those of the boot layer's modules, read from the running JVM: exact for whatever JDK
 * runs sluice, so a plugin may bundle a {@code javax.} package the JDK does not have (servlet, inject, …) and its copy
 * is used.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Packages (and their sub-packages) that come from core's loader. */
    static final List<String> CONTRACT_PREFIXES = List.of("io.sluice.api.", "org.slf4j.");

    private static final Set<String> JDK_PACKAGES = jdkPackages();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader contractLoader;

    /** A loader over {@code jars}; {@code contractLoader} supplies the plugin contract and slf4j (core's loader). */
    public PluginClassLoader(String name, URL[] jars, ClassLoader contractLoader) {
        super(name, jars, ClassLoader.getPlatformClassLoader());
        this.contractLoader = contractLoader;
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        ModuleLayer.boot().modules().forEach(m -> packages.addAll(m.getPackages()));
        return Set.copyOf(packages);
    }

    /** Whether {@code className} belongs to the plugin contract or slf4j. */
    static boolean isContract(String className) {
        for (String prefix : CONTRACT_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code className} is in a package of the running JDK. */
    static boolean isJdk(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && JDK_PACKAGES.contains(className.substring(0, dot));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isJdk(name)) {
            return super.loadClass(name, resolve);
        }
        if (isContract(name)) {
            return contractLoader.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        String dotted = name.replace('/', '.');
        if (isContract(dotted)) {
            return contractLoader.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        String dotted = name.replace('/', '.');
        if (isContract(dotted)) {
            return contractLoader.getResources(name);
        }
        List<URL> all = new java.util.ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
