package io.mdfe.trainer.recipe;

import io.mdfe.service.common.grpc.ServiceException;
import java.util.regex.Pattern;

/** The syntax of recipe names and dataset ids: the data-service's dataset id rule, used for both. */
public final class Identifiers {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Identifiers() {
    }

    /**
     * @param field the request field, for the message
     * @param value its value
     * @return the value
     * @throws ServiceException INVALID_ARGUMENT unless it is 1-64 of [a-z0-9._-] starting with a letter or digit
     */
    public static String require(String field, String value) {
        if (!ID.matcher(value).matches()) {
            throw ServiceException.invalidArgument(field + ": must be 1-64 of [a-z0-9._-] starting with a letter or digit, got '"
                    + value + "'");
        }
        return value;
    }
}
