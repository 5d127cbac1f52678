package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.SchemaPosition;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.EnumValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code @auth(rules: [...])} into rules, with messages that speak Amplify's vocabulary too, since that is
 * the one schema authors know.
 */
final class RuleReader {

    /** A rule and what the author literally wrote that later checks need. */
    record ReadRule(AuthRule rule, boolean operationsWritten, SchemaPosition position) {}

    private static final Set<String> KEYS =
            Set.of("allow", "provider", "ownerField", "identityClaim", "groups", "groupClaim", "operations");

    private final String sourceName;
    private final Problems problems;

    RuleReader(String sourceName, Problems problems) {
        this.sourceName = sourceName;
        this.problems = problems;
    }

    /** The rules, or {@code null} after reporting why they cannot be read. */
    List<ReadRule> read(Directive auth, String subject) {
        Argument argument = auth.getArgument("rules");
        SchemaPosition at = SchemaDocuments.position(auth, sourceName);
        if (argument == null) {
            problems.error(at, subject, "@auth needs its rules, e.g. @auth(rules: [{allow: owner}])");
            return null;
        }
        List<ReadRule> rules = new ArrayList<>();
        boolean ok = true;
        for (Value<?> item : items(argument.getValue())) {
            SchemaPosition position = SchemaDocuments.position(item, sourceName);
            if (!(item instanceof ObjectValue object)) {
                problems.error(position, subject, "each rule is an object such as {allow: guest, operations: [read]}");
                ok = false;
                continue;
            }
            ReadRule rule = readRule(object, subject, position);
            if (rule == null) {
                ok = false;
            } else {
                rules.add(rule);
            }
        }
        return ok ? rules : null;
    }

    private ReadRule readRule(ObjectValue object, String subject, SchemaPosition position) {
        Map<String, Value<?>> fields = new LinkedHashMap<>();
        for (ObjectField field : object.getObjectFields()) {
            if (!KEYS.contains(field.getName())) {
                problems.error(
                        position,
                        subject,
                        "a rule has no key '" + field.getName() + "'; the keys are "
                                + "allow, provider, ownerField, identityClaim, groups, groupClaim and operations");
                return null;
            }
            if (!(field.getValue() instanceof NullValue)) {
                fields.put(field.getName(), field.getValue());
            }
        }
        String allowName = name(fields.get("allow"));
        if (allowName == null) {
            problems.error(position, subject, "a rule needs 'allow', e.g. {allow: owner}");
            return null;
        }
        AuthRule.Strategy strategy = strategy(allowName, subject, position);
        if (strategy == null) {
            return null;
        }
        AuthRule.Provider provider = null;
        String providerName = name(fields.get("provider"));
        if (providerName != null) {
            provider = provider(strategy, providerName, subject, position);
            if (provider == null) {
                return null;
            }
        }
        for (String key : List.of("ownerField", "identityClaim")) {
            if (fields.containsKey(key) && strategy != AuthRule.Strategy.OWNER) {
                problems.error(
                        position,
                        subject,
                        "'" + key + "' belongs to owner rules; remove it from this " + allowName + " rule");
                return null;
            }
        }
        for (String key : List.of("groups", "groupClaim")) {
            if (fields.containsKey(key) && strategy != AuthRule.Strategy.GROUPS) {
                problems.error(
                        position,
                        subject,
                        "'" + key + "' belongs to groups rules; remove it from this " + allowName + " rule");
                return null;
            }
        }
        List<String> groups = null;
        if (strategy == AuthRule.Strategy.GROUPS) {
            groups = strings(fields.get("groups"));
            if (groups == null || groups.isEmpty() || groups.stream().anyMatch(String::isBlank)) {
                problems.error(
                        position,
                        subject,
                        "a groups rule names its groups, e.g. " + "{allow: groups, groups: [\"Admins\"]}");
                return null;
            }
        }
        String ownerField = text(fields.get("ownerField"));
        String identityClaim = text(fields.get("identityClaim"));
        String groupClaim = text(fields.get("groupClaim"));
        for (String[] pair :
                new String[][] {{"ownerField", ownerField}, {"identityClaim", identityClaim}, {"groupClaim", groupClaim}
                }) {
            if (fields.containsKey(pair[0]) && (pair[1] == null || pair[1].isBlank())) {
                problems.error(position, subject, "'" + pair[0] + "' must be a non-empty string");
                return null;
            }
        }
        if (provider == AuthRule.Provider.IDENTITY_POOL
                && identityClaim != null
                && !AuthRule.IDENTITY_ID_CLAIM.equals(identityClaim)) {
            problems.error(
                    position,
                    subject,
                    "an identity-pool owner is named by its identity id: remove identityClaim (it is always "
                            + AuthRule.IDENTITY_ID_CLAIM + ") or use a user-pool owner rule");
            return null;
        }
        List<Operation> operations = new ArrayList<>();
        boolean operationsWritten = fields.containsKey("operations");
        if (operationsWritten) {
            List<String> names = strings(fields.get("operations"));
            if (names == null || names.isEmpty()) {
                problems.error(
                        position,
                        subject,
                        "'operations' lists at least one of create, read, update, "
                                + "delete, get, list, listen; leave it out to allow every operation");
                return null;
            }
            for (String name : names) {
                Operation operation = operation(name, subject, position);
                if (operation == null) {
                    return null;
                }
                operations.add(operation);
            }
        }
        return new ReadRule(
                new AuthRule(strategy, provider, ownerField, identityClaim, groups, groupClaim, operations),
                operationsWritten,
                position);
    }

    private AuthRule.Strategy strategy(String name, String subject, SchemaPosition position) {
        return switch (name) {
            case "public" -> {
                problems.error(
                        position,
                        subject,
                        "Fieldgate names Amplify's {allow: public} by whom it admits: "
                                + "write {allow: guest} for identity-pool guests (IAM) or {allow: apiKey} for API-key callers");
                yield null;
            }
            case "private" -> {
                problems.error(
                        position,
                        subject,
                        "Fieldgate names Amplify's {allow: private} "
                                + "{allow: authenticated}; add provider: identityPool for identity-pool users (IAM)");
                yield null;
            }
            default -> {
                try {
                    yield AuthRule.Strategy.fromWireName(name);
                } catch (IllegalArgumentException e) {
                    problems.error(position, subject, e.getMessage());
                    yield null;
                }
            }
        };
    }

    private AuthRule.Provider provider(
            AuthRule.Strategy strategy, String name, String subject, SchemaPosition position) {
        if (strategy != AuthRule.Strategy.AUTHENTICATED && strategy != AuthRule.Strategy.OWNER) {
            problems.error(
                    position,
                    subject,
                    "only authenticated and owner rules take a provider; a "
                            + strategy.wireName() + " rule always uses " + AuthRuleModes.describe(strategy)
                            + ", so remove provider");
            return null;
        }
        return switch (name) {
            case "iam" -> {
                problems.error(
                        position,
                        subject,
                        "write provider: identityPool for identity-pool authenticated "
                                + "users (Amplify's provider: iam)");
                yield null;
            }
            case "apiKey", "oidc", "function" -> {
                problems.error(
                        position,
                        subject,
                        "an " + strategy.wireName() + " rule's provider is userPools or identityPool");
                yield null;
            }
            default -> AuthRule.Provider.fromWireName(name);
        };
    }

    private Operation operation(String name, String subject, SchemaPosition position) {
        if (name.equals("sync") || name.equals("search")) {
            problems.error(position, subject, "Fieldgate has no '" + name + "' operation; use list or read");
            return null;
        }
        try {
            return Operation.fromWireName(name);
        } catch (IllegalArgumentException e) {
            problems.error(position, subject, e.getMessage());
            return null;
        }
    }

    static String name(Value<?> value) {
        if (value instanceof EnumValue enumValue) {
            return enumValue.getName();
        }
        if (value instanceof StringValue string) {
            return string.getValue();
        }
        return null;
    }

    static String text(Value<?> value) {
        return value instanceof StringValue string ? string.getValue() : null;
    }

    /** The items of a list value; any other value is a list of itself. */
    static List<Value<?>> items(Value<?> value) {
        if (!(value instanceof ArrayValue array)) {
            return List.of(value);
        }
        List<Value<?>> items = new ArrayList<>();
        for (Value<?> item : array.getValues()) {
            items.add(item);
        }
        return items;
    }

    static List<String> strings(Value<?> value) {
        if (value == null) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (Value<?> item : items(value)) {
            String name = name(item);
            if (name == null) {
                return null;
            }
            result.add(name);
        }
        return result;
    }

    /** Words for what a strategy admits, for messages. */
    static final class AuthRuleModes {
        private AuthRuleModes() {}

        static String describe(AuthRule.Strategy strategy) {
            return switch (strategy) {
                case GUEST -> "the identity pool's guest role (AWS_IAM)";
                case API_KEY -> "the API key (API_KEY)";
                case IAM -> "IAM principals outside the identity pool (AWS_IAM)";
                case AUTHENTICATED, OWNER, GROUPS -> "user pools (AMAZON_COGNITO_USER_POOLS)";
            };
        }
    }
}
