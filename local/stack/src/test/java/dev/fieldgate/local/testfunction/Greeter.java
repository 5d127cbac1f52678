package dev.fieldgate.local.testfunction;

/** Handlers named by {@code class::method} with plain signatures: a typed input, and a static method. */
public final class Greeter {

    /** A typed input Lambda deserializes from the event's JSON. */
    public static final class Person {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    public String greet(Person person) {
        return "Hello, " + person.getName();
    }

    public static int count(java.util.List<Object> items) {
        return items.size();
    }

    @SuppressWarnings("DoNotCallSuggester") // the tests call it through the handler to see a function's error
    public String explode(Person person) {
        throw new UnsupportedOperationException("no greeting for " + person.getName());
    }
}
