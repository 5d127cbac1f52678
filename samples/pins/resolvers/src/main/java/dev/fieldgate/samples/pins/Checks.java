package dev.fieldgate.samples.pins;

import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.samples.pins.model.CreatePinInput;
import dev.fieldgate.samples.pins.model.SaveProfileInput;
import dev.fieldgate.samples.pins.model.UpdatePinInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * What the schema cannot say about the inputs and arguments: blank titles, lengths, what a URL or an email address
 * is. AppSync and the generated records have checked the types and the required fields already; these checks make a
 * bad value a clear {@code ValidationException} whichever way the event arrived, and return the values stripped.
 */
final class Checks {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_NAME = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");

    private Checks() {
    }

    static CreatePinInput checked(CreatePinInput in) {
        return new CreatePinInput(
                required(in.title(), "input.title", MAX_TITLE),
                optional(in.description(), "input.description", MAX_DESCRIPTION),
                url(required(in.imageUrl(), "input.imageUrl", 2048), "input.imageUrl"),
                email(in.ownerContact(), "input.ownerContact"));
    }

    static UpdatePinInput checked(UpdatePinInput in) {
        return new UpdatePinInput(
                id(in.id(), "input.id"),
                in.title() == null ? null : required(in.title(), "input.title", MAX_TITLE),
                optional(in.description(), "input.description", MAX_DESCRIPTION),
                in.imageUrl() == null ? null : url(in.imageUrl(), "input.imageUrl"),
                email(in.ownerContact(), "input.ownerContact"));
    }

    static SaveProfileInput checked(SaveProfileInput in) {
        return new SaveProfileInput(
                required(in.displayName(), "input.displayName", MAX_NAME),
                in.avatarUrl() == null ? null : url(in.avatarUrl(), "input.avatarUrl"));
    }

    static String id(String id, String name) {
        return required(id, name, 100);
    }

    static String owner(String owner) {
        return required(owner, "owner", 200);
    }

    /** 20 pins a page unless the client asks for another number up to 100. */
    static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new ValidationException("Argument 'limit' must be between 1 and 100");
        }
        return limit == null ? 20 : limit;
    }

    private static String required(String value, String name, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("Argument '" + name + "' must not be blank");
        }
        return optional(value, name, maxLength);
    }

    private static String optional(String value, String name, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new ValidationException("Argument '" + name + "' must be at most " + maxLength + " characters");
        }
        return value == null ? null : value.strip();
    }

    /** AWSURL as the pins board accepts it: an absolute http or https URL. */
    private static String url(String value, String name) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new URISyntaxException(value, "not http(s)");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new ValidationException("Argument '" + name + "' must be an http or https URL");
        }
    }

    private static String email(String value, String name) {
        if (value == null) {
            return null;
        }
        if (!EMAIL.matcher(value.strip()).matches()) {
            throw new ValidationException("Argument '" + name + "' must be an email address");
        }
        return value.strip();
    }
}
