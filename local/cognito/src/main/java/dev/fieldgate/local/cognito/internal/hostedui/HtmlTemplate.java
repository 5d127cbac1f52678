package dev.fieldgate.local.cognito.internal.hostedui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An HTML page or fragment with named {@code {{placeholders}}}, modelled on Spring Security's {@code HtmlTemplates}.
 * {@link #withValue} escapes its text; only {@link #withRawHtml} inserts HTML as is, and is meant for fragments
 * rendered from another template. A placeholder left without a value, a value for a placeholder the template lacks,
 * or a malformed {@code {{...}}} is refused, so a typo fails on first use instead of showing a page with a hole in it.
 *
 * <p>Instances are immutable and parsed once; resources are loaded once per name. Values are inserted in a single
 * pass, so a value that contains {@code {{name}}} is text, not a placeholder.
 */
final class HtmlTemplate {

    /** Where {@link #fromResource} looks, on the class path. */
    static final String RESOURCE_DIRECTORY = "/dev/fieldgate/local/cognito/hostedui/";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Map<String, HtmlTemplate> RESOURCES = new ConcurrentHashMap<>();

    private final String source;
    /** The text around the placeholders: one more entry than {@link #slots}. */
    private final List<String> literals = new ArrayList<>();
    /** The placeholder at each slot, in order; a name may fill several slots. */
    private final List<String> slots = new ArrayList<>();

    private final Set<String> names = new LinkedHashSet<>();

    private HtmlTemplate(String source, String template) {
        this.source = source;
        int at = 0;
        int open;
        while ((open = template.indexOf("{{", at)) >= 0) {
            int close = template.indexOf("}}", open + 2);
            String name = close < 0 ? "" : template.substring(open + 2, close);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(source + ": malformed placeholder at offset " + open + ": "
                        + template.substring(open, Math.min(template.length(), open + 40)));
            }
            literals.add(template.substring(at, open));
            slots.add(name);
            names.add(name);
            at = close + 2;
        }
        literals.add(template.substring(at));
    }

    /** A template from its text; {@code {{name}}} is a placeholder, names are letters, digits and '_'. */
    static HtmlTemplate fromTemplate(String template) {
        return new HtmlTemplate("template", Objects.requireNonNull(template, "template"));
    }

    /**
     * The template in {@link #RESOURCE_DIRECTORY}{@code name}, read once. One final line break is dropped, so that
     * files can end with one without it showing up where a fragment is inserted.
     */
    static HtmlTemplate fromResource(String name) {
        return RESOURCES.computeIfAbsent(name, HtmlTemplate::load);
    }

    private static HtmlTemplate load(String name) {
        try (InputStream in = HtmlTemplate.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("No template " + RESOURCE_DIRECTORY + name + " on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return new HtmlTemplate(name, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + RESOURCE_DIRECTORY + name, e);
        }
    }

    /** Starts a rendering with {@code text}, HTML-escaped, for {@code {{name}}}. */
    Rendering withValue(String name, String text) {
        return new Rendering().withValue(name, text);
    }

    /** Starts a rendering with {@code html} inserted unescaped for {@code {{name}}}. */
    Rendering withRawHtml(String name, String html) {
        return new Rendering().withRawHtml(name, html);
    }

    /** Escapes {@code & < > " '} so that text is safe both between tags and in a quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One use of the template: a value for each placeholder, then {@link #render()}. Not thread-safe. */
    final class Rendering {

        private final Map<String, String> html = new HashMap<>();

        private Rendering() {}

        Rendering withValue(String name, String text) {
            return put(name, escape(Objects.requireNonNull(text, () -> source + ": null value for {{" + name + "}}")));
        }

        Rendering withRawHtml(String name, String rawHtml) {
            return put(name, Objects.requireNonNull(rawHtml, () -> source + ": null HTML for {{" + name + "}}"));
        }

        private Rendering put(String name, String value) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(source + " has no placeholder {{" + name + "}}; it has " + names);
            }
            if (html.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(source + ": {{" + name + "}} was given twice");
            }
            return this;
        }

        /** The page or fragment; refuses to render while a placeholder has no value. */
        String render() {
            if (html.size() < names.size()) {
                List<String> missing =
                        names.stream().filter(n -> !html.containsKey(n)).toList();
                throw new IllegalStateException(source + ": no value for " + missing);
            }
            StringBuilder out = new StringBuilder(literals.get(0));
            for (int i = 0; i < slots.size(); i++) {
                out.append(html.get(slots.get(i))).append(literals.get(i + 1));
            }
            return out.toString();
        }
    }
}
