package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.ModeGrant;
import dev.fieldgate.policy.RootTarget;
import dev.fieldgate.policy.SchemaPosition;
import java.util.ArrayList;
import java.util.List;

/** A field while the compiler works on it. Mutable; never leaves the compiler. */
public final class FieldModel {

    final TypeModel owner;
    final String name;
    final SchemaPosition position;
    /** The named type at the bottom of the field's type, e.g. {@code Pin} for {@code [Pin!]!}. */
    final String returnType;

    final boolean returnsList;
    /** The field's own type is non-null ({@code T!}, {@code [T]!}): it can never be redacted to {@code null}. */
    boolean nonNull;
    /** For a subscription field: the mutations its {@code @aws_subscribe} names; empty otherwise. */
    List<String> subscribedMutations = List.of();
    /** The names of the field's arguments, in schema order. */
    List<String> argumentNames = List.of();

    final List<DirectiveUse> writtenDirectives = new ArrayList<>();
    List<AuthRule> rules;
    SchemaPosition rulesPosition;
    /** Marked with {@code @resolver}. */
    boolean marked;

    Integer maxBatchSize;
    SchemaPosition resolverPosition;
    /** From {@code @performs}, or inferred for root fields without rules. */
    RootTarget target;

    SchemaPosition performsPosition;

    List<DirectiveUse> finalDirectives;
    Need need = Need.none();
    List<ModeGrant> effective;

    FieldModel(TypeModel owner, String name, SchemaPosition position, String returnType, boolean returnsList) {
        this.owner = owner;
        this.name = name;
        this.position = position;
        this.returnType = returnType;
        this.returnsList = returnsList;
    }

    String coordinate() {
        return owner.name + "." + name;
    }

    @Override
    public String toString() {
        return coordinate();
    }
}
