package io.github.deepstreamspringboot.client;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API of {@code deepstream-client}, written down: every public type and its public and protected members,
 * as {@link Class#toGenericString()} and friends print them, in {@code api/deepstream-client.api}. The build fails
 * when the API changes and the listing was not updated with it, so that every change of the promise is seen in
 * review (OkHttp commits its API signature files for the same reason). To update the listing after a deliberate
 * change:
 *
 * <pre>mvn -B test -pl deepstream-client -Dtest=ApiListingTests -Dapi.update=true</pre>
 *
 * <p>The engine lives in {@code ...client.internal...} packages, which are not API: they are left out of the listing,
 * and no type of theirs may appear in a signature of the API.
 */
class ApiListingTests {

    private static final Path LISTING = Path.of("api", "deepstream-client.api");

    private static final Path CLASSES = Path.of("target", "classes");

    private static final String INTERNAL = "io.github.deepstreamspringboot.client.internal.";

    @Test
    void thePublicApiIsTheCommittedListing() throws Exception {
        String actual = listing();
        if (Boolean.getBoolean("api.update")) {
            Files.writeString(LISTING, actual, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(LISTING) ? Files.readString(LISTING, StandardCharsets.UTF_8) : "";
        assertThat(actual).as("The public API of deepstream-client changed. If that is meant, update %s with "
                + "'mvn -B test -pl deepstream-client -Dtest=ApiListingTests -Dapi.update=true' and commit it "
                + "(and say so in the changelog)", LISTING).isEqualTo(committed);
    }

    @Test
    void noSignatureOfTheApiReachesTheEngine() throws Exception {
        // the listing prints every superclass, interface, field, parameter, return and exception type in full
        assertThat(listing()).doesNotContain(INTERNAL);
    }

    @Test
    void everyPackageOfTheApiIsNullMarked() throws Exception {
        // JSpecify: non-null unless @Nullable, for Kotlin and null checkers, as Spring Framework 7 and Boot 4 do
        List<String> unmarked = apiTypes().stream().map(Class::getPackage).distinct()
            .filter((pkg) -> !pkg.isAnnotationPresent(NullMarked.class)).map(Package::getName).toList();
        assertThat(unmarked).isEmpty();
    }

    private static String listing() throws IOException, ClassNotFoundException {
        StringBuilder out = new StringBuilder();
        for (Class<?> type : apiTypes()) {
            describe(type, out);
        }
        return out.toString();
    }

    private static List<Class<?>> apiTypes() throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            names = files.map((path) -> CLASSES.relativize(path).toString())
                .filter((name) -> name.endsWith(".class") && !name.equals("module-info.class"))
                .map((name) -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .filter((name) -> !name.contains(INTERNAL))
                .sorted()
                .toList();
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ApiListingTests.class.getClassLoader());
            if (isPublicApi(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
            if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass() || current.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> type, StringBuilder out) {
        out.append(type.toGenericString());
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            out.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        List<String> interfaces = Stream.of(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName)
            .toList();
        if (!interfaces.isEmpty()) {
            out.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        out.append('\n');
        List<String> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers()) && !field.isSynthetic()) {
                members.add(field.toGenericString());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                members.add(constructor.toGenericString());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                members.add(method.toGenericString());
            }
        }
        members.stream().sorted().forEach((member) -> out.append("  ").append(member).append('\n'));
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

}
