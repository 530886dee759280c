package io.mdfe.data.grpc;

import io.mdfe.service.common.grpc.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next manifest page starts. The token pins the version, so paging stays on the version of its
 * first page even when a newer one is registered meanwhile; versions never change, so offsets stay valid.
 * Opaque to clients: base64url of {@code datasetId/version/offset}.
 *
 * @param datasetId the dataset paged
 * @param version the version paged
 * @param offset manifest position of the next page's first entry
 */
record PageToken(String datasetId, String version, int offset) {

    String encode() {
        String plain = datasetId + "/" + version + "/" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token a previous response of the same dataset gave out. */
    static PageToken decode(String token, String datasetId) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", -1);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
        // Dataset ids and versions contain no '/', so a valid token has exactly three parts.
        if (parts.length != 3 || !parts[0].equals(datasetId) || !parts[2].matches("\\d{1,9}")) {
            throw invalid(token);
        }
        return new PageToken(parts[0], parts[1], Integer.parseInt(parts[2]));
    }

    private static ServiceException invalid(String token) {
        return ServiceException.invalidArgument("page_token: '" + token + "' was not issued for this dataset");
    }
}
