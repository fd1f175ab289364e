package io.pipelinehealth.common;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods and request media types each JAX-RS path of this service declares, read once
 * from the resource classes. Quarkus REST answers 405 without an {@code Allow} list and 415
 * without the accepted types; this is where both come from.
 */
public final class Routes {

    /** One resource method: its path as a pattern, HTTP method and accepted request types. */
    record Route(String template, Pattern path, String method, List<String> consumes) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private static volatile List<Route> routes;

    private Routes() {
    }

    /** The methods a path answers (HEAD wherever GET is), sorted; empty when no resource matches. */
    public static Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : all()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
                if (route.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return methods;
    }

    /** The request media types the resource method for this method and path accepts; empty if none reads a body. */
    public static Set<String> consumes(String method, String path) {
        Set<String> types = new TreeSet<>();
        for (Route route : all()) {
            if (route.method().equals(method) && route.path().matcher(path).matches()) {
                types.addAll(route.consumes());
            }
        }
        return types;
    }

    /** The template of the resource path this path matches, as HTTP metrics label it. */
    public static Optional<String> template(String path) {
        return all().stream().filter(route -> route.path().matcher(path).matches()).map(Route::template).findFirst();
    }

    private static List<Route> all() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = join(root.value(), sub == null ? "" : sub.value());
                Consumes consumes = method.getAnnotation(Consumes.class) != null ? method.getAnnotation(Consumes.class)
                        : type.getAnnotation(Consumes.class);
                found.add(new Route(template, pattern(template), verb, consumes != null ? List.of(consumes.value())
                        : readsBody(method) ? List.of(MediaType.APPLICATION_JSON) : List.of()));
            }
        }
        return List.copyOf(found);
    }

    /** A parameter without a JAX-RS annotation is the entity; without @Consumes, Quarkus REST reads it as JSON. */
    private static boolean readsBody(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            if (Arrays.stream(annotations).noneMatch(a -> a.annotationType().getPackageName().equals("jakarta.ws.rs")
                    || a.annotationType().getPackageName().equals("jakarta.ws.rs.core"))) {
                return true;
            }
        }
        return false;
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = "/" + root.replaceAll("^/+|/+$", "") + "/" + sub.replaceAll("^/+|/+$", "");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())));
            regex.append('(').append(variable.group(1) == null ? "[^/]+" : variable.group(1).strip()).append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
