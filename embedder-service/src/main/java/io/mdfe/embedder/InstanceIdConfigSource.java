package io.mdfe.embedder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the default of {@code mdfe.embedder.instance-id}: the host name, which is the pod name in
 * Kubernetes and stays the same across restarts of a StatefulSet's pod. Its low ordinal lets
 * {@code MDFE_EMBEDDER_INSTANCE_ID}, a system property or application.properties override it. A config
 * expression cannot do this: {@code HOSTNAME} is set by Kubernetes but not exported by most shells.
 */
public final class InstanceIdConfigSource implements ConfigSource {

    /** The key supplied. */
    static final String KEY = "mdfe.embedder.instance-id";
    /** Below the default sources (application.properties is 250, environment 300). */
    private static final int ORDINAL = 50;

    private final String hostName = hostName();

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, hostName);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? hostName : null;
    }

    @Override
    public String getName() {
        return "embedder-host-name";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
