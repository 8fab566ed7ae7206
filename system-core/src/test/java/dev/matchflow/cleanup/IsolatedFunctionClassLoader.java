package dev.matchflow.cleanup;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads a function and its libraries from the test class path before asking its parent, the Functions Framework
 * invoker's loader, except for the framework API and CloudEvents types they must share.
 *
 * <p>The invoker jar bundles Jetty 12, Jackson 2.15 and an SLF4J binding without relocating them, while the test
 * class path carries Javalin's Jetty 11, Jackson 2.21 and Logback; keeping each side in its own loader lets both
 * run in one JVM, as they would run in separate processes in the cloud.
 */
final class IsolatedFunctionClassLoader extends URLClassLoader {

    private static final List<String> SHARED_PACKAGES = List.of("com.google.cloud.functions.", "io.cloudevents.");

    IsolatedFunctionClassLoader(URL[] classPath, ClassLoader invokerLoader) {
        super("isolated-function", classPath, invokerLoader);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = isShared(name) ? getParent().loadClass(name) : ownFirst(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getPlatformClassLoader().getResource(name);
    }

    /** Only this loader's resources, so service files in the invoker jar do not leak into the function. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> resources = new ArrayList<>(Collections.list(findResources(name)));
        resources.addAll(Collections.list(getPlatformClassLoader().getResources(name)));
        return Collections.enumeration(resources);
    }

    private Class<?> ownFirst(String name) throws ClassNotFoundException {
        try {
            return getPlatformClassLoader().loadClass(name);
        } catch (ClassNotFoundException ignored) {
            return ownOrParent(name);
        }
    }

    private Class<?> ownOrParent(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException ignored) {
            return getParent().loadClass(name);
        }
    }

    private static boolean isShared(String name) {
        return SHARED_PACKAGES.stream().anyMatch(name::startsWith);
    }
}
