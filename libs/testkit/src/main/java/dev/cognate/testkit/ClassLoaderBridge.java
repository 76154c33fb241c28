package dev.cognate.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Calls {@link SharedInfrastructure} in the system class loader, whichever loader the caller's copy of this class
 * came from. Only JDK types cross the boundary (no arguments, {@code Map<String, String>} or nothing back, JDK
 * exceptions), so nothing is cast between class loaders.
 */
final class ClassLoaderBridge {

    private ClassLoaderBridge() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> acquire() {
        return (Map<String, String>) invoke("acquire");
    }

    static void invokeControl(String method) {
        invoke(method);
    }

    private static Object invoke(String methodName) {
        try {
            Method method = sharedInfrastructureClass().getMethod(methodName);
            return method.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call SharedInfrastructure." + methodName, e);
        }
    }

    private static Class<?> sharedInfrastructureClass() {
        try {
            return Class.forName(SharedInfrastructure.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            // The testkit is not on the JVM's class path (an unusual launcher): the resource and the tests then
            // share state only if they share this loader.
            return SharedInfrastructure.class;
        }
    }
}
