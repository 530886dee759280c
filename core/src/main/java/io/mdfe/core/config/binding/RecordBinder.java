package io.mdfe.core.config.binding;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds flat {@code path -> value} maps to the typed config records and back, by naming
 * convention instead of one hand-written binding per section:
 * <ul>
 *   <li>at the top level every component is upper-case: {@code seed -> SEED}, {@code model -> MODEL};</li>
 *   <li>below it, a record-typed component is a section in upper case ({@code backbone -> BACKBONE})
 *       and any other component is a key in snake case ({@code embeddingDim -> embedding_dim}).</li>
 * </ul>
 * Components whose type is a context type (e.g. where the config came from) are not keys; their
 * values are supplied by the caller.
 */
public final class RecordBinder {

    private RecordBinder() {
    }

    /**
     * Builds a record from resolved values.
     *
     * @param type    the record type, bound at the top level
     * @param values  converted values by full path (from the schema, a file and overrides)
     * @param context values for components that are not config keys, by their exact type
     * @throws IllegalStateException when a component has no value or a value of another Java type:
     *                               the records and the schema disagree, a programming error
     */
    public static <R extends Record> R bind(Class<R> type, Map<String, Object> values, Map<Class<?>, Object> context) {
        return bind(type, "", values, context);
    }

    /** {@return the value of every config key in {@code record}, by full path, in component order} */
    public static Map<String, Object> values(Record record, Iterable<Class<?>> contextTypes) {
        Map<String, Object> values = new LinkedHashMap<>();
        collect(record, "", values, contextTypes);
        return values;
    }

    /** {@return every config key path a record type binds, in component order} */
    public static List<String> paths(Class<? extends Record> type, Iterable<Class<?>> contextTypes) {
        List<String> paths = new ArrayList<>();
        collectPaths(type, "", paths, contextTypes);
        return paths;
    }

    private static <R extends Record> R bind(Class<R> type, String prefix, Map<String, Object> values,
                                             Map<Class<?>, Object> context) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Class<?> componentType = component.getType();
            parameterTypes[i] = componentType;
            String path = pathOf(prefix, component);
            if (context.containsKey(componentType)) {
                arguments[i] = context.get(componentType);
            } else if (componentType.isRecord()) {
                arguments[i] = bind(componentType.asSubclass(Record.class), path, values, context);
            } else {
                arguments[i] = checked(path, component, values.get(path));
            }
        }
        try {
            return type.getDeclaredConstructor(parameterTypes).newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object checked(String path, RecordComponent component, Object value) {
        if (value == null) {
            throw new IllegalStateException(component.getDeclaringRecord().getSimpleName() + "."
                    + component.getName() + " binds key " + path + ", which the schema does not define");
        }
        Class<?> expected = boxed(component.getType());
        boolean typeMatches = expected.isInstance(value)
                && (!(value instanceof List<?> list) || list.stream().allMatch(elementType(component)::isInstance));
        if (!typeMatches) {
            throw new IllegalStateException("key " + path + " holds " + value.getClass().getSimpleName()
                    + " '" + value + "' but " + component.getDeclaringRecord().getSimpleName() + "."
                    + component.getName() + " is " + component.getGenericType().getTypeName());
        }
        return value;
    }

    private static void collect(Record record, String prefix, Map<String, Object> values,
                                Iterable<Class<?>> contextTypes) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (isContext(component.getType(), contextTypes)) {
                continue;
            }
            Object value = read(record, component);
            String path = pathOf(prefix, component);
            if (value instanceof Record nested) {
                collect(nested, path, values, contextTypes);
            } else {
                values.put(path, value);
            }
        }
    }

    private static void collectPaths(Class<?> type, String prefix, List<String> paths, Iterable<Class<?>> contextTypes) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (isContext(component.getType(), contextTypes)) {
                continue;
            }
            String path = pathOf(prefix, component);
            if (component.getType().isRecord()) {
                collectPaths(component.getType(), path, paths, contextTypes);
            } else {
                paths.add(path);
            }
        }
    }

    private static boolean isContext(Class<?> type, Iterable<Class<?>> contextTypes) {
        for (Class<?> contextType : contextTypes) {
            if (contextType.equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    static String pathOf(String prefix, RecordComponent component) {
        String snake = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase();
        if (prefix.isEmpty() || component.getType().isRecord()) {
            snake = snake.toUpperCase();
        }
        return prefix.isEmpty() ? snake : prefix + "." + snake;
    }

    private static Class<?> elementType(RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }
}
