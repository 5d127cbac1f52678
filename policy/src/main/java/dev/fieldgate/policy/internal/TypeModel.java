package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaPosition;
import dev.fieldgate.policy.TypeAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An object type while the compiler works on it. Mutable; never leaves the compiler. */
public final class TypeModel {

    final String name;
    final SchemaPosition position;
    final boolean root;
    /** The AppSync auth directives the author wrote on the type. */
    final List<DirectiveUse> writtenDirectives = new ArrayList<>();
    /** The type-level kit rules, or {@code null} when the type has no {@code @auth}. */
    List<AuthRule> rules;

    SchemaPosition rulesPosition;
    Manifest.Table table;
    final Map<String, FieldModel> fields = new LinkedHashMap<>();

    /** The type-level directives after completion; starts as the written ones. */
    List<DirectiveUse> finalDirectives;
    /** The auth modes the type's fields must admit. */
    Need need = Need.none();

    TypeModel(String name, SchemaPosition position, boolean root) {
        this.name = name;
        this.position = position;
        this.root = root;
    }

    public String name() {
        return name;
    }

    public boolean isRoot() {
        return root;
    }

    TypeAccess.Kind kind() {
        if (root) {
            return TypeAccess.Kind.ROOT;
        }
        return rules != null ? TypeAccess.Kind.MODEL : TypeAccess.Kind.VALUE;
    }

    boolean isModel() {
        return !root && rules != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
