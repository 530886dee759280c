package io.mdfe.core.config.schema;

/**
 * A rule a (type-converted) value must satisfy, such as a range or a set of allowed names.
 * Implementations describe themselves so that errors and the generated README say what is allowed.
 */
public interface Constraint {

    /** A constraint every value satisfies. */
    Constraint NONE = new Constraint() {
        @Override
        public boolean accepts(Object value) {
            return true;
        }

        @Override
        public String describe() {
            return "";
        }
    };

    /** {@return whether the converted value (Integer, Double, Boolean, String or a List of those) is allowed} */
    boolean accepts(Object value);

    /** {@return what is allowed, for humans, e.g. "ArcFace, AdaCos" or "value >= 1"; "" when anything goes} */
    String describe();

    /** {@return the word errors use for a rejected value} */
    default String problem() {
        return "bad value";
    }

    /** {@return a constraint accepting what both this and {@code other} accept} */
    default Constraint and(Constraint other) {
        Constraint self = this;
        return new Constraint() {
            @Override
            public boolean accepts(Object value) {
                return self.accepts(value) && other.accepts(value);
            }

            @Override
            public String describe() {
                return self.describe() + "; " + other.describe();
            }
        };
    }
}
