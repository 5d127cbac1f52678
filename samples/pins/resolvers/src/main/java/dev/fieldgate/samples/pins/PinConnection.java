package dev.fieldgate.samples.pins;

import java.util.List;

/** The GraphQL {@code PinConnection}: one page of pins and the token for the next. */
public record PinConnection(List<Pin> items, String nextToken) {
}
