package dev.cognate.events;

/**
 * A CloudEvents {@code type} ({@code cognate.<area>.<event>.v1}) bound to the record its
 * {@code data} holds. Types are only ever added: a breaking change is a new {@code v2} type.
 */
public record EventType<T>(String name, Class<T> dataType) {
}
