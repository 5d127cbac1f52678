package dev.fieldgate.samples.pins;

import dev.fieldgate.resolvers.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The GraphQL inputs and arguments, bound by the runtime. AppSync has checked the types already; these records check
 * what GraphQL types cannot say (blank titles, lengths, what a URL or an email address is), so a bad value is a
 * clear {@code ValidationException} whichever way the event arrived.
 */
public final class Inputs {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_NAME = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");

    private Inputs() {
    }

    /** {@code CreatePinInput}. There is no owner: the resolver stamps the caller. */
    public record CreatePinInput(String title, String description, String imageUrl, String ownerContact) {
        public CreatePinInput {
            title = required(title, "input.title", MAX_TITLE);
            description = optional(description, "input.description", MAX_DESCRIPTION);
            imageUrl = url(required(imageUrl, "input.imageUrl", 2048), "input.imageUrl");
            ownerContact = email(ownerContact, "input.ownerContact");
        }
    }

    /** {@code UpdatePinInput}: the fields to change; the rest stay as they are. */
    public record UpdatePinInput(String id, String title, String description, String imageUrl, String ownerContact) {
        public UpdatePinInput {
            id = required(id, "input.id", 100);
            title = title == null ? null : required(title, "input.title", MAX_TITLE);
            description = optional(description, "input.description", MAX_DESCRIPTION);
            imageUrl = imageUrl == null ? null : url(imageUrl, "input.imageUrl");
            ownerContact = email(ownerContact, "input.ownerContact");
        }
    }

    /** {@code SaveProfileInput}. */
    public record SaveProfileInput(String displayName, String avatarUrl) {
        public SaveProfileInput {
            displayName = required(displayName, "input.displayName", MAX_NAME);
            avatarUrl = avatarUrl == null ? null : url(avatarUrl, "input.avatarUrl");
        }
    }

    public record CreatePinArgs(CreatePinInput input) {
        public CreatePinArgs {
            present(input, "input");
        }
    }

    public record UpdatePinArgs(UpdatePinInput input) {
        public UpdatePinArgs {
            present(input, "input");
        }
    }

    public record SaveProfileArgs(SaveProfileInput input) {
        public SaveProfileArgs {
            present(input, "input");
        }
    }

    public record IdArgs(String id) {
        public IdArgs {
            id = required(id, "id", 100);
        }
    }

    public record OwnerArgs(String owner) {
        public OwnerArgs {
            owner = required(owner, "owner", 200);
        }
    }

    public record ListPinsArgs(Integer limit, String nextToken) {
        public ListPinsArgs {
            limit = limit == null ? 20 : limit;
            if (limit < 1 || limit > 100) {
                throw new ValidationException("Argument 'limit' must be between 1 and 100");
            }
        }
    }

    private static void present(Object value, String name) {
        if (value == null) {
            throw new ValidationException("Argument '" + name + "' is required");
        }
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
