package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The compiled access of one field.
 *
 * @param appsync the modes AppSync lets resolve the field, after its directive rules (empty: nobody)
 * @param rules   the field's own kit rules, replacing its type's; {@code null} when it has none
 * @param target  for a root field without rules of its own: the model type and operation whose rules decide it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldAccess(List<ModeGrant> appsync, List<AuthRule> rules, RootTarget target) {

    public FieldAccess {
        appsync = List.copyOf(Objects.requireNonNull(appsync, "appsync"));
        rules = rules == null ? null : List.copyOf(rules);
    }
}
