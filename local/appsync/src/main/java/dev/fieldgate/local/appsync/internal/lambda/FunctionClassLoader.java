package dev.fieldgate.local.appsync.internal.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * A function's class loader, as Lambda's Java runtime gives one: the function's artifact above the platform's
 * classes, and the runtime's CRaC API ({@code com.amazonaws.services.lambda.crac}) before the artifact. The API's
 * classes are defined anew here from the stack's copy, so each function has its own global context and its hooks are
 * its own.
 */
final class FunctionClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** The package of Lambda's CRaC API; {@code org.crac} finds it through {@code org.crac.Core.Compat}. */
    static final String CRAC_PACKAGE = "com.amazonaws.services.lambda.crac";

    FunctionClassLoader(String name, URL[] urls) {
        super(name, urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(CRAC_PACKAGE + ".")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = defineRuntimeClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> defineRuntimeClass(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = FunctionClassLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
