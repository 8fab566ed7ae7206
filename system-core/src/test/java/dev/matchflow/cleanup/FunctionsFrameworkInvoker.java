package dev.matchflow.cleanup;

import com.google.cloud.functions.invoker.runner.Invoker;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Functions Framework's own invoker serving a function class, as Cloud Functions runs it: the invoker picks
 * the function's no-arg constructor and answers HTTP on a port of every interface (acceptable in a test only).
 *
 * <p>The invoker runs in its own class loader; see {@link IsolatedFunctionClassLoader} for why.
 */
final class FunctionsFrameworkInvoker implements AutoCloseable {

    private final URLClassLoader invokerLoader;
    private final URLClassLoader functionLoader;
    private final Object invoker;
    private final int port;

    private FunctionsFrameworkInvoker(
            URLClassLoader invokerLoader, URLClassLoader functionLoader, Object invoker, int port) {
        this.invokerLoader = invokerLoader;
        this.functionLoader = functionLoader;
        this.invoker = invoker;
        this.port = port;
    }

    /** Starts the invoker with {@code functionClass} as its {@code cloudevent} target on a free port. */
    static FunctionsFrameworkInvoker start(Class<?> functionClass) throws Exception {
        URL invokerJar = Invoker.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader invokerLoader = new URLClassLoader(
                "functions-framework-invoker", new URL[] {invokerJar}, ClassLoader.getPlatformClassLoader());
        URLClassLoader functionLoader =
                new IsolatedFunctionClassLoader(testClassPathWithout(invokerJar), invokerLoader);
        int port = LoopbackPorts.unused();

        Class<?> invokerClass = invokerLoader.loadClass(Invoker.class.getName());
        Object invoker = invokerClass
                .getConstructor(Integer.class, String.class, String.class, ClassLoader.class)
                .newInstance(port, functionClass.getName(), "cloudevent", functionLoader);
        call(invoker, "startTestServer");

        return new FunctionsFrameworkInvoker(invokerLoader, functionLoader, invoker, port);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() throws Exception {
        try {
            call(invoker, "stopServer");
        } finally {
            functionLoader.close();
            invokerLoader.close();
        }
    }

    private static void call(Object invoker, String method) throws Exception {
        try {
            invoker.getClass().getMethod(method).invoke(invoker);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static URL[] testClassPathWithout(URL invokerJar) throws MalformedURLException, URISyntaxException {
        Path excluded = Path.of(invokerJar.toURI());
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!path.equals(excluded)) {
                urls.add(path.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
